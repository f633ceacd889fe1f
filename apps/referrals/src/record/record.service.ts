import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type {
  PayloadOf,
  PlacementEndedV1,
  PlacementImportedV1,
  PlacementSettingRecordedV1,
  PlacementStartedV1,
} from '@placewise/contracts';
import { asDate, dayOf } from '@placewise/contracts/dates';
import { LegalStatus903, Place, ReasonEpisodeCeased } from '@placewise/contracts/ssda903';
import type { Principal } from '@placewise/platform';
import type { LookedAfterRecord } from '@placewise/rules';
import { Prisma, type LookedAfterEpisode } from '../../generated/client/index.js';
import { ageOn } from '../children/children.dto.js';
import type { Tx } from '../prisma.service.js';
import {
  currentPeriodStart,
  legalStatusChanged,
  leftCare,
  lookedAfterRecordOf,
  moveReason,
  nextReviewDue,
  placementStarted,
  type EpisodeChanges,
} from './episodes.js';
import { exitReason, legalStatusCode, placementCodes, reasonPlaceChangeOf, urnFor } from './mapping.js';
import type {
  CorrectEpisode,
  RecordAdoptionDetail,
  RecordCareLeaverOutcome,
  RecordHealthOutcome,
  RecordLegalStatus,
  RecordLibertyOrder,
  RecordMissing,
  RecordPreviousPermanence,
  RecordReview,
  RecordSocialWorker,
  UpdateCharacteristics,
} from './record.dto.js';
import { episodeOf, RecordRepository } from './record.repository.js';
import type { RecordHistoryView, RecordView } from './record.views.js';

function words(list: { labels: Record<string, string> }, code: string | null): string {
  return code ? (list.labels[code] ?? code) : '';
}

function unique<T>(p: Promise<T>, what: string): Promise<T> {
  return p.catch((e: unknown) => {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') throw new ConflictException(`${what} is already recorded`);
    throw e;
  });
}

/** A placement starting, as commissioning tells it (placement.started v1 or v2, placement.emergency-started). */
export type PlacementStart = Pick<
  PayloadOf<typeof PlacementStartedV1>,
  'placementId' | 'childId' | 'placementType' | 'provision' | 'startDate'
> & {
  settingId: string | null;
  /** The setting's Ofsted URN and postcode (placement.started v2); absent or null when not known. */
  urn?: string | null;
  placePostcode?: string | null;
};

/** The category of need a derived episode carries until someone records the child's. */
const UNKNOWN_CIN = 'N1';

/**
 * The child's looked-after record: characteristics, legal status, episodes (derived from placements
 * and legal-status changes, never keyed twice), reviews, missing episodes, social workers, care
 * leavers' outcomes, previous permanence, adoption decisions and DoLOs. Every change is audited.
 */
@Injectable()
export class RecordService {
  constructor(private readonly repo: RecordRepository) {}

  private get prisma() {
    return this.repo.prisma;
  }

  private async mustHaveChild(localAuthority: string, childId: string, tx?: Tx) {
    const child = await this.repo.child(localAuthority, childId, tx);
    if (!child) throw new NotFoundException(`no child ${childId}`);
    return child;
  }

  /** What the record tells the rules about a child (`factsFromRecord`): the days placements began and the current period of care. */
  async lookedAfter(localAuthority: string, childId: string, tx?: Tx): Promise<LookedAfterRecord> {
    return lookedAfterRecordOf((await this.repo.episodes(localAuthority, childId, tx)).map(episodeOf));
  }

  async view(user: Principal, childId: string): Promise<RecordView> {
    const c = await this.repo.record(user.localAuthority, childId);
    if (!c) throw new NotFoundException(`no child ${childId}`);
    const since = currentPeriodStart(c.episodes.map(episodeOf));
    return {
      childId: c.id,
      reference: c.reference,
      givenName: c.givenName,
      familyName: c.familyName,
      dateOfBirth: dayOf(c.dateOfBirth),
      characteristics: {
        sex: c.sex,
        ethnicity: c.ethnicity,
        upn: c.upn,
        uasc: c.uasc,
        uascCeased: dayOf(c.uascCeased),
        mother: c.mother,
        motherChildDob: dayOf(c.motherChildDob),
        homePostcode: c.homePostcode,
        categoryOfNeed: c.categoryOfNeed,
      },
      lookedAfter: since !== null,
      lookedAfterSince: since,
      nextReviewDue: nextReviewDue(
        since,
        c.reviews.map((r) => dayOf(r.heldOn)),
      ),
      legalStatuses: c.legalStatuses.map((l) => ({
        status: l.status,
        words: words(LegalStatus903, l.status),
        from: dayOf(l.from),
        reason: l.reason,
        source: l.source,
      })),
      episodes: c.episodes.map((e) => this.episodeView(e)),
      reviews: c.reviews.map((r) => ({
        heldOn: dayOf(r.heldOn),
        participation: r.participation,
        recordedAs: r.recorderRole,
        source: r.source,
      })),
      missing: c.missing.map((m) => ({ id: m.id, kind: m.kind, start: dayOf(m.start), end: dayOf(m.end), source: m.source })),
      socialWorkers: c.socialWorkers.map((s) => ({
        id: s.id,
        socialWorkerId: s.socialWorkerId,
        start: dayOf(s.start),
        end: dayOf(s.end),
        reason: s.reason,
        source: s.source,
      })),
      careLeaverOutcomes: c.careLeaverOutcomes.map((o) => ({
        year: o.year,
        inTouch: o.inTouch,
        activity: o.activity,
        accommodation: o.accommodation,
        source: o.source,
      })),
      healthOutcomes: c.healthOutcomes.map((o) => ({
        year: o.year,
        sdqScore: o.sdqScore,
        sdqReason: o.sdqReason,
        convicted: o.convicted,
        healthCheck: o.healthCheck,
        immunisations: o.immunisations,
        teethCheck: o.teethCheck,
        healthAssessment: o.healthAssessment,
        substanceMisuse: o.substanceMisuse,
        interventionReceived: o.interventionReceived,
        interventionOffered: o.interventionOffered,
        source: o.source,
      })),
      adoption: c.adoption
        ? {
            decidedOn: dayOf(c.adoption.decidedOn),
            matchedOn: dayOf(c.adoption.matchedOn),
            byFosterCarers: c.adoption.byFosterCarers,
            adopters: c.adoption.adopters,
            adoptersSex: c.adoption.adoptersSex,
            adoptersLegalStatus: c.adoption.adoptersLegalStatus,
            source: c.adoption.source,
          }
        : null,
      previousPermanence: c.previousPermanence
        ? {
            kind: c.previousPermanence.kind,
            council: c.previousPermanence.council,
            date: c.previousPermanence.date,
            source: c.previousPermanence.source,
          }
        : null,
      adoptionDecisions: c.adoptionDecisions.map((a) => ({
        id: a.id,
        decidedOn: dayOf(a.decidedOn),
        ceasedOn: dayOf(a.ceasedOn),
        ceasedReason: a.ceasedReason,
        source: a.source,
      })),
      libertyOrders: c.libertyOrders.map((d) => ({ id: d.id, start: dayOf(d.start), end: dayOf(d.end), source: d.source })),
    };
  }

  private episodeView(e: LookedAfterEpisode): RecordView['episodes'][number] {
    return {
      decom: dayOf(e.decom),
      rne: e.rne,
      ls: e.ls,
      lsWords: words(LegalStatus903, e.ls),
      cin: e.cin,
      place: e.place,
      placeWords: words(Place, e.place),
      placeProvider: e.placeProvider,
      dec: dayOf(e.dec),
      rec: e.rec,
      recWords: e.rec ? words(ReasonEpisodeCeased, e.rec) : null,
      reasonPlaceChange: e.reasonPlaceChange,
      homePost: e.homePost,
      plPost: e.plPost,
      urn: e.urn,
      placementId: e.placementId,
      source: e.source,
    };
  }

  async history(user: Principal, childId: string): Promise<RecordHistoryView> {
    await this.mustHaveChild(user.localAuthority, childId);
    return (await this.repo.history(user.localAuthority, childId)).map((h) => ({
      entity: h.entity,
      action: h.action,
      before: h.before,
      after: h.after,
      reason: h.reason,
      by: h.actor,
      at: h.at.toISOString(),
    }));
  }

  /** Children looked after now, with the next review due by the child's clock, soonest first. */
  async reviewsDue(user: Principal) {
    const la = user.localAuthority;
    const open = await this.prisma.lookedAfterEpisode.findMany({ where: { localAuthority: la, dec: null }, select: { childId: true } });
    const ids = [...new Set(open.map((o) => o.childId))];
    const [episodes, reviews, children] = await Promise.all([
      this.prisma.lookedAfterEpisode.findMany({ where: { localAuthority: la, childId: { in: ids } } }),
      this.prisma.childReview.findMany({ where: { localAuthority: la, childId: { in: ids } }, select: { childId: true, heldOn: true } }),
      this.prisma.child.findMany({ where: { localAuthority: la, id: { in: ids } }, select: { id: true, reference: true } }),
    ]);
    const group = <T extends { childId: string }>(rows: T[]) => {
      const m = new Map<string, T[]>();
      for (const r of rows) m.set(r.childId, [...(m.get(r.childId) ?? []), r]);
      return m;
    };
    const eps = group(episodes);
    const revs = group(reviews);
    return children
      .map((c) => {
        const since = currentPeriodStart((eps.get(c.id) ?? []).map(episodeOf));
        const held = (revs.get(c.id) ?? []).map((r) => dayOf(r.heldOn)).sort();
        const due = nextReviewDue(since, held);
        return since && due
          ? { childId: c.id, reference: c.reference, lookedAfterSince: since, lastReview: held.at(-1) ?? null, nextReviewDue: due }
          : null;
      })
      .filter((r): r is NonNullable<typeof r> => r !== null)
      .sort((a, b) => (a.nextReviewDue < b.nextReviewDue ? -1 : a.nextReviewDue > b.nextReviewDue ? 1 : 0));
  }

  async updateCharacteristics(user: Principal, childId: string, input: UpdateCharacteristics): Promise<RecordView> {
    const la = user.localAuthority;
    await this.prisma.$transaction(async (tx) => {
      const child = await this.mustHaveChild(la, childId, tx);
      const { reason, ...fields } = input;
      const uasc = fields.uasc ?? child.uasc;
      const homePostcode = fields.homePostcode === undefined ? child.homePostcode : fields.homePostcode;
      if (uasc && homePostcode)
        throw new BadRequestException({
          statusCode: 400,
          message: 'an unaccompanied asylum-seeking child has no home postcode (903 rule 406)',
          errors: [{ field: 'homePostcode', reason: 'must be empty for an asylum-seeking child' }],
        });
      const sex = fields.sex ?? child.sex;
      if ((fields.mother || fields.motherChildDob) && sex !== 'F')
        throw new BadRequestException({
          statusCode: 400,
          message: 'only a girl can be recorded as a mother',
          errors: [{ field: 'mother', reason: 'needs sex F' }],
        });
      const data: Prisma.ChildUncheckedUpdateManyInput = {};
      const before: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(fields)) {
        const key = k as keyof typeof fields;
        const old = child[key];
        before[k] = old instanceof Date ? dayOf(old) : old;
        (data as Record<string, unknown>)[k] = (k === 'uascCeased' || k === 'motherChildDob') && typeof v === 'string' ? asDate(v) : v;
      }
      await this.repo.updateChild(tx, la, childId, data);
      await this.repo.audit(tx, {
        localAuthority: la,
        childId,
        entity: 'characteristics',
        action: 'update',
        before,
        after: fields,
        reason,
        actor: user.sub,
      });
    });
    return this.view(user, childId);
  }

  /** A change of legal status: the history gains a row, and the open episode closes X1 with a new one RNE L (or B/U on the day of a move). */
  async recordLegalStatus(user: Principal, childId: string, input: RecordLegalStatus): Promise<RecordView> {
    const la = user.localAuthority;
    await this.prisma.$transaction(async (tx) => {
      await this.mustHaveChild(la, childId, tx);
      const current = await this.repo.currentLegalStatus(la, childId, tx);
      if (current && dayOf(current.from) > input.date)
        throw new BadRequestException({
          statusCode: 400,
          message: `the legal status already changed on ${dayOf(current.from)}`,
          errors: [{ field: 'date', reason: `must not be before ${dayOf(current.from)}` }],
        });
      const ls = legalStatusCode(input.status, current?.status ?? null);
      const open = await this.repo.openEpisode(la, childId, tx);
      if (open && input.date < open.decom)
        throw new BadRequestException({
          statusCode: 400,
          message: `the current episode began on ${open.decom}`,
          errors: [{ field: 'date', reason: `must not be before ${open.decom}` }],
        });
      await this.repo.setLegalStatus(tx, {
        localAuthority: la,
        childId,
        status: ls,
        from: input.date,
        reason: input.reason,
        source: 'MANUAL',
        recordedBy: user.sub,
      });
      const changes = legalStatusChanged(open, input.date, ls);
      await this.repo.applyEpisodes(tx, la, childId, changes, 'MANUAL');
      await this.repo.audit(tx, {
        localAuthority: la,
        childId,
        entity: 'legal-status',
        action: 'change',
        before: current ? { status: current.status, from: dayOf(current.from) } : null,
        after: { status: ls, from: input.date, episodes: changes },
        reason: input.reason,
        actor: user.sub,
      });
    });
    return this.view(user, childId);
  }

  async correctEpisode(user: Principal, childId: string, decom: string, input: CorrectEpisode): Promise<RecordView> {
    const la = user.localAuthority;
    await this.prisma.$transaction(async (tx) => {
      await this.mustHaveChild(la, childId, tx);
      const child = await this.repo.child(la, childId, tx);
      const { reason, ...set } = input;
      if (child?.uasc && set.homePost)
        throw new BadRequestException({
          statusCode: 400,
          message: 'an unaccompanied asylum-seeking child has no home postcode (903 rule 406)',
          errors: [{ field: 'homePost', reason: 'must be empty for an asylum-seeking child' }],
        });
      const before = (await this.repo.episodes(la, childId, tx)).find((e) => dayOf(e.decom) === decom);
      if (!before) throw new NotFoundException(`no episode from ${decom}`);
      await this.repo.setEpisode(tx, la, childId, decom, set);
      await this.repo.audit(tx, {
        localAuthority: la,
        childId,
        entity: 'episode',
        action: 'correct',
        before: Object.fromEntries(Object.keys(set).map((k) => [k, before[k as keyof typeof set]])),
        after: { decom, ...set },
        reason,
        actor: user.sub,
      });
    });
    return this.view(user, childId);
  }

  private async simple(
    user: Principal,
    childId: string,
    entity: string,
    action: string,
    after: unknown,
    write: (tx: Tx) => Promise<unknown>,
    reason?: string,
  ) {
    const la = user.localAuthority;
    await this.prisma.$transaction(async (tx) => {
      await this.mustHaveChild(la, childId, tx);
      await write(tx);
      await this.repo.audit(tx, {
        localAuthority: la,
        childId,
        entity,
        action,
        after,
        reason: reason ?? `${entity} ${action}`,
        actor: user.sub,
      });
    });
    return this.view(user, childId);
  }

  addReview(user: Principal, childId: string, { reason, ...r }: RecordReview) {
    return this.simple(
      user,
      childId,
      'review',
      'held',
      r,
      (tx) =>
        unique(
          this.repo.addReview(tx, {
            localAuthority: user.localAuthority,
            childId,
            heldOn: asDate(r.heldOn),
            participation: r.participation,
            recorderRole: r.recordedAs,
            source: 'MANUAL',
            recordedBy: user.sub,
          }),
          `a review on ${r.heldOn}`,
        ),
      reason,
    );
  }

  addMissing(user: Principal, childId: string, { reason, ...m }: RecordMissing) {
    return this.simple(
      user,
      childId,
      'missing',
      'start',
      m,
      (tx) =>
        unique(
          this.repo.addMissing(tx, {
            localAuthority: user.localAuthority,
            childId,
            kind: m.kind,
            start: asDate(m.start),
            end: m.end ? asDate(m.end) : null,
            source: 'MANUAL',
            recordedBy: user.sub,
          }),
          `a missing episode from ${m.start}`,
        ),
      reason,
    );
  }

  endMissing(user: Principal, childId: string, id: string, end: string) {
    return this.simple(user, childId, 'missing', 'end', { id, end }, async (tx) => {
      const m = await this.repo.findMissing(user.localAuthority, childId, id, tx);
      if (!m) throw new NotFoundException(`no missing episode ${id}`);
      if (end < dayOf(m.start))
        throw new BadRequestException({
          statusCode: 400,
          message: 'ends before it starts',
          errors: [{ field: 'end', reason: `must not be before ${dayOf(m.start)}` }],
        });
      await this.repo.endMissing(tx, user.localAuthority, id, asDate(end));
    });
  }

  /** A new allocated social worker from a day, with why it changed: the previous episode ends that day. */
  addSocialWorker(user: Principal, childId: string, s: RecordSocialWorker) {
    return this.simple(user, childId, 'social-worker', 'allocate', s, async (tx) => {
      const prev = await this.repo.openSocialWorker(user.localAuthority, childId, tx);
      if (prev) {
        if (!s.reason)
          throw new BadRequestException({
            statusCode: 400,
            message: 'a change of social worker needs its reason (903 rule SW13)',
            errors: [{ field: 'reason', reason: 'required when the child already has a social worker' }],
          });
        if (s.start < dayOf(prev.start))
          throw new BadRequestException({
            statusCode: 400,
            message: 'starts before the current episode',
            errors: [{ field: 'start', reason: `must not be before ${dayOf(prev.start)}` }],
          });
        await this.repo.endSocialWorker(tx, user.localAuthority, prev.id, asDate(s.start));
      }
      await unique(
        this.repo.addSocialWorker(tx, {
          localAuthority: user.localAuthority,
          childId,
          socialWorkerId: s.socialWorkerId,
          start: asDate(s.start),
          reason: s.reason ?? null,
          source: 'MANUAL',
          recordedBy: user.sub,
        }),
        `a social worker episode from ${s.start}`,
      );
    });
  }

  setCareLeaverOutcome(user: Principal, childId: string, o: RecordCareLeaverOutcome) {
    return this.simple(user, childId, 'care-leaver-outcome', 'record', o, (tx) =>
      this.repo.setCareLeaverOutcome(tx, { localAuthority: user.localAuthority, childId, ...o, source: 'MANUAL', recordedBy: user.sub }),
    );
  }

  /** OC2 for a year: the child's health checks, SDQ, convictions and substance misuse as at 31 March. */
  setHealthOutcome(user: Principal, childId: string, o: RecordHealthOutcome) {
    return this.simple(user, childId, 'health-outcome', 'record', o, (tx) =>
      this.repo.setHealthOutcome(tx, { localAuthority: user.localAuthority, childId, ...o, source: 'MANUAL', recordedBy: user.sub }),
    );
  }

  /** AD1: how the child was adopted (the return of the year they leave care adopted carries it). */
  setAdoptionDetail(user: Principal, childId: string, a: RecordAdoptionDetail) {
    const { reason, ...fields } = a;
    const la = user.localAuthority;
    return this.prisma
      .$transaction(async (tx) => {
        await this.mustHaveChild(la, childId, tx);
        const before = await this.repo.adoptionDetail(la, childId, tx);
        await this.repo.setAdoptionDetail(tx, {
          childId,
          localAuthority: la,
          ...fields,
          decidedOn: fields.decidedOn ? asDate(fields.decidedOn) : null,
          matchedOn: fields.matchedOn ? asDate(fields.matchedOn) : null,
          source: 'MANUAL',
          recordedBy: user.sub,
        });
        await this.repo.audit(tx, {
          localAuthority: la,
          childId,
          entity: 'adoption-detail',
          action: 'record',
          before: before
            ? {
                decidedOn: dayOf(before.decidedOn),
                matchedOn: dayOf(before.matchedOn),
                byFosterCarers: before.byFosterCarers,
                adopters: before.adopters,
                adoptersSex: before.adoptersSex,
                adoptersLegalStatus: before.adoptersLegalStatus,
              }
            : null,
          after: fields,
          reason,
          actor: user.sub,
        });
      })
      .then(() => this.view(user, childId));
  }

  setPreviousPermanence(user: Principal, childId: string, p: RecordPreviousPermanence) {
    const { reason, ...fields } = p;
    const la = user.localAuthority;
    return this.prisma
      .$transaction(async (tx) => {
        await this.mustHaveChild(la, childId, tx);
        const before = await this.repo.previousPermanence(la, childId, tx);
        await this.repo.setPreviousPermanence(tx, { childId, localAuthority: la, ...fields, source: 'MANUAL', recordedBy: user.sub });
        await this.repo.audit(tx, {
          localAuthority: la,
          childId,
          entity: 'previous-permanence',
          action: 'record',
          before: before ? { kind: before.kind, council: before.council, date: before.date } : null,
          after: fields,
          reason,
          actor: user.sub,
        });
      })
      .then(() => this.view(user, childId));
  }

  addAdoptionDecision(user: Principal, childId: string, decidedOn: string) {
    return this.simple(user, childId, 'adoption-decision', 'record', { decidedOn }, (tx) =>
      unique(
        this.repo.addAdoptionDecision(tx, {
          localAuthority: user.localAuthority,
          childId,
          decidedOn: asDate(decidedOn),
          source: 'MANUAL',
          recordedBy: user.sub,
        }),
        `a decision on ${decidedOn}`,
      ),
    );
  }

  ceaseAdoptionDecision(user: Principal, childId: string, id: string, ceasedOn: string, reason: string) {
    return this.simple(user, childId, 'adoption-decision', 'cease', { id, ceasedOn, reason }, async (tx) => {
      const d = await this.repo.findAdoptionDecision(user.localAuthority, childId, id, tx);
      if (!d) throw new NotFoundException(`no adoption decision ${id}`);
      if (ceasedOn < dayOf(d.decidedOn))
        throw new BadRequestException({
          statusCode: 400,
          message: 'ceases before it was made',
          errors: [{ field: 'ceasedOn', reason: `must not be before ${dayOf(d.decidedOn)}` }],
        });
      await this.repo.ceaseAdoptionDecision(tx, user.localAuthority, id, asDate(ceasedOn), reason);
    });
  }

  addLibertyOrder(user: Principal, childId: string, d: RecordLibertyOrder) {
    return this.simple(user, childId, 'liberty-order', 'record', d, (tx) =>
      unique(
        this.repo.addLibertyOrder(tx, {
          localAuthority: user.localAuthority,
          childId,
          start: asDate(d.start),
          end: d.end ? asDate(d.end) : null,
          source: 'MANUAL',
          recordedBy: user.sub,
        }),
        `an order from ${d.start}`,
      ),
    );
  }

  endLibertyOrder(user: Principal, childId: string, id: string, end: string) {
    return this.simple(user, childId, 'liberty-order', 'end', { id, end }, async (tx) => {
      const d = await this.repo.findLibertyOrder(user.localAuthority, childId, id, tx);
      if (!d) throw new NotFoundException(`no deprivation of liberty order ${id}`);
      if (end < dayOf(d.start))
        throw new BadRequestException({
          statusCode: 400,
          message: 'ends before it starts',
          errors: [{ field: 'end', reason: `must not be before ${dayOf(d.start)}` }],
        });
      await this.repo.endLibertyOrder(tx, user.localAuthority, id, asDate(end));
    });
  }

  // ---- derived from commissioning's events (called by the inbox handlers, in their transaction) ----

  /**
   * A placement started (awarded, or an emergency one from the hour it started): the child's first
   * episode (RNE S, with the request's legal status), or a move (the open episode ends X1, with why
   * the last placement ended if placement.ended came first). URN and PL_POST come from the setting
   * (placement.started v2): the URN only for a PLACE that has one (903 rules 218, 222).
   */
  async onPlacementStarted(
    tx: Tx,
    localAuthority: string,
    p: PlacementStart,
    request: { legalStatus: Parameters<typeof legalStatusCode>[0] },
  ): Promise<void> {
    const child = await this.repo.child(localAuthority, p.childId, tx);
    if (!child) return;
    const open = await this.repo.openEpisode(localAuthority, p.childId, tx);
    const current = await this.repo.currentLegalStatus(localAuthority, p.childId, tx);
    const ls = legalStatusCode(request.legalStatus, open?.ls ?? current?.status ?? null);
    const codes = placementCodes(p.placementType, p.provision);
    const previous = open?.placementId ? await this.repo.requestOfPlacement(localAuthority, open.placementId, tx) : null;
    // Why the open episode's placement ended: its request says, or (an imported placement has none) the episode kept it.
    const endReason = previous?.endReason ?? (open ? await this.repo.placementEndReasonOfOpen(localAuthority, p.childId, tx) : null);
    const changes = placementStarted(open, {
      date: p.startDate,
      ls,
      cin: child.categoryOfNeed ?? open?.cin ?? UNKNOWN_CIN,
      place: codes.place,
      placeProvider: codes.placeProvider,
      urn: urnFor(codes.place, p.urn ?? null),
      plPost: p.placePostcode ?? null,
      placementId: p.placementId,
      settingId: p.settingId,
      homePost: child.homePostcode,
      uasc: child.uasc,
      reasonPlaceChange: endReason ? reasonPlaceChangeOf(endReason) : null,
    });
    await this.applyDerived(tx, localAuthority, p.childId, changes, `placement ${p.placementId} started ${p.startDate}`);
    if (!current || current.status !== ls)
      await this.repo.setLegalStatus(tx, {
        localAuthority,
        childId: p.childId,
        status: ls,
        from: p.startDate,
        reason: `placement ${p.placementId} started`,
        source: 'EVENT',
        recordedBy: 'commissioning',
      });
    if (!current || current.status !== ls)
      await this.repo.audit(tx, {
        localAuthority,
        childId: p.childId,
        entity: 'legal-status',
        action: 'derive',
        before: current ? { status: current.status, from: dayOf(current.from) } : null,
        after: { status: ls, from: p.startDate },
        reason: `the request's legal status, as placement ${p.placementId} started`,
        actor: 'commissioning',
      });
  }

  /**
   * A placement ended: leaving care (EXIT_FROM_CARE, AGE_18) closes the open episode with the REC
   * for the care plan's exit route; any other end is part of a move, whose reason goes on the
   * episode the move closed.
   */
  async onPlacementEnded(
    tx: Tx,
    localAuthority: string,
    p: Omit<PayloadOf<typeof PlacementEndedV1>, 'requestId'> & { requestId: string | null },
  ): Promise<void> {
    const child = await this.repo.child(localAuthority, p.childId, tx);
    if (!child) return;
    // An imported placement is linked to its episodes by placement.imported; one imported before
    // that link existed ends the open episode the import made (no placement of Placewise's own).
    const episode =
      (await this.repo.episodeOfPlacement(localAuthority, p.placementId, tx)) ??
      (p.requestId === null ? await this.repo.openImportedEpisode(localAuthority, p.childId, tx) : null);
    if (!episode) return;
    if (p.reason === 'EXIT_FROM_CARE' || p.reason === 'AGE_18') {
      if (episode.dec) return; // the child has already moved on from this placement
      const route = await this.repo.exitRoute(localAuthority, p.childId, tx);
      const rec = exitReason(route, p.reason, episode.place, ageOn(dayOf(child.dateOfBirth), p.endDate));
      await this.applyDerived(
        tx,
        localAuthority,
        p.childId,
        leftCare(episodeOf(episode), p.endDate, rec),
        `placement ${p.placementId} ended ${p.endDate}: left care`,
      );
      return;
    }
    if (!episode.dec) {
      // The next placement has not started yet: its start closes this episode, with this reason.
      await this.repo.keepPlacementEndReason(tx, localAuthority, episode.id, p.reason);
      return;
    }
    const next = await this.repo.episodeAfter(localAuthority, p.childId, episode.decom, tx);
    const changes = moveReason(episodeOf(episode), next ? episodeOf(next) : null, reasonPlaceChangeOf(p.reason));
    await this.applyDerived(tx, localAuthority, p.childId, changes, `placement ${p.placementId} ended ${p.endDate} (${p.reason})`);
  }

  /**
   * Commissioning recorded a placement from the council's 903 return: the episodes of that placement
   * run (from its start, made by the import) learn commissioning's placement and setting, so its
   * end (placement.ended v2) closes the child's episode like any other placement's.
   */
  async onPlacementImported(tx: Tx, localAuthority: string, p: PayloadOf<typeof PlacementImportedV1>): Promise<void> {
    const linked = await this.repo.linkImportedEpisodes(tx, localAuthority, p.childId, p.startDate, {
      placementId: p.placementId,
      settingId: p.settingId,
    });
    if (linked)
      await this.repo.audit(tx, {
        localAuthority,
        childId: p.childId,
        entity: 'episode',
        action: 'link',
        after: { from: p.startDate, placementId: p.placementId, episodes: linked },
        reason: `placement ${p.placementId} recorded by commissioning from the 903 return`,
        actor: 'commissioning',
      });
  }

  /**
   * An emergency placement's setting, recorded after the child was placed: every episode of that
   * placement takes the setting's URN (where the placement type has one) and postcode, as an awarded
   * placement's episodes do from placement.started v2. Recorded again, the later setting applies.
   */
  async onSettingRecorded(tx: Tx, localAuthority: string, p: PayloadOf<typeof PlacementSettingRecordedV1>): Promise<void> {
    const episodes = await this.repo.episodesOfPlacement(localAuthority, p.placementId, tx);
    for (const e of episodes) {
      const set = { urn: urnFor(e.place, p.urn), plPost: p.placePostcode, settingId: p.settingId };
      if (e.urn === set.urn && e.plPost === set.plPost && e.settingId === set.settingId) continue;
      const decom = dayOf(e.decom);
      await this.repo.setEpisode(tx, localAuthority, e.childId, decom, set);
      await this.repo.audit(tx, {
        localAuthority,
        childId: e.childId,
        entity: 'episode',
        action: 'derive',
        before: { decom, urn: e.urn, plPost: e.plPost },
        after: { decom, urn: set.urn, plPost: set.plPost },
        reason: "the emergency placement's setting, recorded by a commissioner after the child was placed",
        actor: 'commissioning',
      });
    }
  }

  private async applyDerived(tx: Tx, localAuthority: string, childId: string, changes: EpisodeChanges, reason: string): Promise<void> {
    if (!changes.close && !changes.open && !changes.update) return;
    await this.repo.applyEpisodes(tx, localAuthority, childId, changes, 'EVENT');
    await this.repo.audit(tx, {
      localAuthority,
      childId,
      entity: 'episode',
      action: 'derive',
      after: changes,
      reason,
      actor: 'commissioning',
    });
  }
}
