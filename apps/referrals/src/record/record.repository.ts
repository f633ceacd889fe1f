import { Injectable } from '@nestjs/common';
import { asDate, dayOf } from '@placewise/contracts/dates';
import { randomUUID } from 'node:crypto';
import { PrismaService, type Tx } from '../prisma.service.js';
import { exactlyOne } from '../scoped-write.js';
import type { EndReason, LookedAfterEpisode, Prisma, RecordSource } from '../../generated/client/index.js';
import type { Episode, EpisodeChanges } from './episodes.js';
import { ReasonNewEpisode } from '@placewise/contracts/ssda903';

/** A stored episode as the derivation sees it (codes parsed back from the column). */
export function episodeOf(e: LookedAfterEpisode): Episode {
  return {
    decom: dayOf(e.decom),
    rne: ReasonNewEpisode.schema.parse(e.rne),
    ls: e.ls,
    cin: e.cin,
    place: e.place,
    placeProvider: e.placeProvider,
    dec: dayOf(e.dec),
    rec: e.rec,
    reasonPlaceChange: e.reasonPlaceChange,
    homePost: e.homePost,
    plPost: e.plPost,
    urn: e.urn,
    placementId: e.placementId,
    settingId: e.settingId,
  };
}

function episodeColumns(e: Partial<Episode>): Prisma.LookedAfterEpisodeUncheckedUpdateManyInput {
  const out: Record<string, string | Date | null> = {};
  for (const [k, v] of Object.entries(e) as [keyof Episode, string | null | undefined][]) {
    if (v === undefined) continue;
    out[k] = (k === 'decom' || k === 'dec') && v !== null ? asDate(v) : v;
  }
  return out as Prisma.LookedAfterEpisodeUncheckedUpdateManyInput;
}

export interface Audit {
  localAuthority: string;
  childId: string;
  entity: string;
  action: string;
  before?: unknown;
  after?: unknown;
  reason: string;
  actor: string;
}

/** The only code that touches the looked-after record's tables. Every query and write is scoped to a local authority. */
@Injectable()
export class RecordRepository {
  constructor(readonly prisma: PrismaService) {}

  child(localAuthority: string, id: string, tx: Tx = this.prisma) {
    return tx.child.findFirst({ where: { id, localAuthority } });
  }

  /** Everything the record shows for a child. */
  record(localAuthority: string, id: string) {
    return this.prisma.child.findFirst({
      where: { id, localAuthority },
      include: {
        legalStatuses: { orderBy: { from: 'asc' } },
        episodes: { orderBy: { decom: 'asc' } },
        reviews: { orderBy: { heldOn: 'asc' } },
        missing: { orderBy: { start: 'asc' } },
        socialWorkers: { orderBy: { start: 'asc' } },
        careLeaverOutcomes: { orderBy: { year: 'asc' } },
        healthOutcomes: { orderBy: { year: 'asc' } },
        adoption: true,
        previousPermanence: true,
        adoptionDecisions: { orderBy: { decidedOn: 'asc' } },
        libertyOrders: { orderBy: { start: 'asc' } },
      },
    });
  }

  history(localAuthority: string, childId: string) {
    return this.prisma.recordChange.findMany({ where: { localAuthority, childId }, orderBy: { id: 'asc' } });
  }

  async audit(tx: Tx, a: Audit): Promise<void> {
    await tx.recordChange.create({
      data: {
        localAuthority: a.localAuthority,
        childId: a.childId,
        entity: a.entity,
        action: a.action,
        before: a.before === undefined ? undefined : JSON.parse(JSON.stringify(a.before)),
        after: a.after === undefined ? undefined : JSON.parse(JSON.stringify(a.after)),
        reason: a.reason,
        actor: a.actor,
      },
    });
  }

  async updateChild(tx: Tx, localAuthority: string, id: string, data: Prisma.ChildUncheckedUpdateManyInput): Promise<void> {
    exactlyOne(await tx.child.updateMany({ where: { id, localAuthority }, data }), `child ${id}`);
  }

  episodes(localAuthority: string, childId: string, tx: Tx = this.prisma) {
    return tx.lookedAfterEpisode.findMany({ where: { localAuthority, childId }, orderBy: { decom: 'asc' } });
  }

  async openEpisode(localAuthority: string, childId: string, tx: Tx): Promise<Episode | null> {
    const e = await tx.lookedAfterEpisode.findFirst({ where: { localAuthority, childId, dec: null }, orderBy: { decom: 'desc' } });
    return e ? episodeOf(e) : null;
  }

  /** Applies the derivation's changes to a child's episodes (close, then update, then open: a new one's DECOM is unique per child). */
  async applyEpisodes(tx: Tx, localAuthority: string, childId: string, changes: EpisodeChanges, source: RecordSource): Promise<void> {
    if (changes.close) {
      const c = changes.close;
      exactlyOne(
        await tx.lookedAfterEpisode.updateMany({
          where: { localAuthority, childId, decom: asDate(c.decom) },
          data: { dec: asDate(c.dec), rec: c.rec, reasonPlaceChange: c.reasonPlaceChange },
        }),
        `episode from ${c.decom}`,
      );
    }
    if (changes.update) {
      exactlyOne(
        await tx.lookedAfterEpisode.updateMany({
          where: { localAuthority, childId, decom: asDate(changes.update.decom) },
          data: episodeColumns(changes.update.set),
        }),
        `episode from ${changes.update.decom}`,
      );
    }
    if (changes.open) {
      const o = changes.open;
      await tx.lookedAfterEpisode.create({
        data: {
          ...(episodeColumns(o) as Prisma.LookedAfterEpisodeUncheckedCreateInput),
          id: randomUUID(),
          localAuthority,
          childId,
          decom: asDate(o.decom),
          rne: o.rne,
          ls: o.ls,
          cin: o.cin,
          place: o.place,
          source,
        },
      });
    }
  }

  async setEpisode(tx: Tx, localAuthority: string, childId: string, decom: string, set: Partial<Episode>): Promise<void> {
    exactlyOne(
      await tx.lookedAfterEpisode.updateMany({ where: { localAuthority, childId, decom: asDate(decom) }, data: episodeColumns(set) }),
      `episode from ${decom}`,
    );
  }

  /** Why the child's open episode's placement ended, if it did before the next one started. */
  async placementEndReasonOfOpen(localAuthority: string, childId: string, tx: Tx): Promise<EndReason | null> {
    const e = await tx.lookedAfterEpisode.findFirst({
      where: { localAuthority, childId, dec: null },
      orderBy: { decom: 'desc' },
      select: { placementEndReason: true },
    });
    return e?.placementEndReason ?? null;
  }

  /** Keeps why an episode's placement ended, until the next placement's start reads it. */
  async keepPlacementEndReason(tx: Tx, localAuthority: string, id: string, reason: EndReason): Promise<void> {
    await tx.lookedAfterEpisode.updateMany({ where: { localAuthority, id }, data: { placementEndReason: reason } });
  }

  episodesOfPlacement(localAuthority: string, placementId: string, tx: Tx) {
    return tx.lookedAfterEpisode.findMany({ where: { localAuthority, placementId }, orderBy: { decom: 'asc' } });
  }

  episodeOfPlacement(localAuthority: string, placementId: string, tx: Tx) {
    return tx.lookedAfterEpisode.findFirst({ where: { localAuthority, placementId }, orderBy: { decom: 'desc' } });
  }

  /** The child's open episode made by a 903 import and not yet linked to a placement of commissioning's. */
  openImportedEpisode(localAuthority: string, childId: string, tx: Tx) {
    return tx.lookedAfterEpisode.findFirst({
      where: { localAuthority, childId, dec: null, source: 'IMPORT', placementId: null },
      orderBy: { decom: 'desc' },
    });
  }

  /** Links the imported episodes from `from` (the placement run's start) that have no placement yet; how many. */
  async linkImportedEpisodes(
    tx: Tx,
    localAuthority: string,
    childId: string,
    from: string,
    link: { placementId: string; settingId: string },
  ): Promise<number> {
    const r = await tx.lookedAfterEpisode.updateMany({
      where: { localAuthority, childId, source: 'IMPORT', placementId: null, decom: { gte: asDate(from) } },
      data: link,
    });
    return r.count;
  }

  episodeAfter(localAuthority: string, childId: string, decom: Date, tx: Tx) {
    return tx.lookedAfterEpisode.findFirst({ where: { localAuthority, childId, decom: { gt: decom } }, orderBy: { decom: 'asc' } });
  }

  currentLegalStatus(localAuthority: string, childId: string, tx: Tx) {
    return tx.childLegalStatus.findFirst({ where: { localAuthority, childId }, orderBy: { from: 'desc' } });
  }

  /** A legal status from a day; the same day again replaces it (unique per child and day). */
  setLegalStatus(
    tx: Tx,
    row: {
      localAuthority: string;
      childId: string;
      status: string;
      from: string;
      reason: string | null;
      source: RecordSource;
      recordedBy: string;
    },
  ) {
    return tx.childLegalStatus.upsert({
      where: { childId_from: { childId: row.childId, from: asDate(row.from) } },
      create: { id: randomUUID(), ...row, from: asDate(row.from) },
      update: { status: row.status, reason: row.reason, source: row.source, recordedBy: row.recordedBy },
    });
  }

  /** The care plan's exit route, if the child has one. */
  async exitRoute(localAuthority: string, childId: string, tx: Tx) {
    return (await tx.carePlan.findFirst({ where: { localAuthority, childId }, select: { exitRoute: true } }))?.exitRoute ?? null;
  }

  /** The request whose placement this was (for why it ended). */
  requestOfPlacement(localAuthority: string, placementId: string, tx: Tx) {
    return tx.request.findFirst({ where: { localAuthority, placementId }, select: { endReason: true, id: true } });
  }

  addReview(tx: Tx, data: Omit<Prisma.ChildReviewUncheckedCreateInput, 'id'>) {
    return tx.childReview.create({ data: { id: randomUUID(), ...data } });
  }

  addMissing(tx: Tx, data: Omit<Prisma.MissingEpisodeUncheckedCreateInput, 'id'>) {
    return tx.missingEpisode.create({ data: { id: randomUUID(), ...data } });
  }

  findMissing(localAuthority: string, childId: string, id: string, tx: Tx) {
    return tx.missingEpisode.findFirst({ where: { id, childId, localAuthority } });
  }

  async endMissing(tx: Tx, localAuthority: string, id: string, end: Date): Promise<void> {
    exactlyOne(await tx.missingEpisode.updateMany({ where: { id, localAuthority }, data: { end } }), `missing episode ${id}`);
  }

  addSocialWorker(tx: Tx, data: Omit<Prisma.SocialWorkerEpisodeUncheckedCreateInput, 'id'>) {
    return tx.socialWorkerEpisode.create({ data: { id: randomUUID(), ...data } });
  }

  openSocialWorker(localAuthority: string, childId: string, tx: Tx) {
    return tx.socialWorkerEpisode.findFirst({ where: { localAuthority, childId, end: null }, orderBy: { start: 'desc' } });
  }

  async endSocialWorker(tx: Tx, localAuthority: string, id: string, end: Date): Promise<void> {
    exactlyOne(await tx.socialWorkerEpisode.updateMany({ where: { id, localAuthority }, data: { end } }), `social worker episode ${id}`);
  }

  /** The child's OC2 outcomes for a year (one row per child and year, replaced when recorded again). */
  setHealthOutcome(tx: Tx, data: Omit<Prisma.HealthOutcomeUncheckedCreateInput, 'id'>) {
    const { childId, year, localAuthority: _la, ...fields } = data;
    return tx.healthOutcome.upsert({
      where: { childId_year: { childId, year } },
      create: { id: randomUUID(), ...data },
      update: { ...fields, recordedAt: new Date() },
    });
  }

  adoptionDetail(localAuthority: string, childId: string, tx: Tx) {
    return tx.adoptionDetail.findFirst({ where: { localAuthority, childId } });
  }

  /** How the child was adopted (AD1): one row per child, replaced when recorded again. */
  setAdoptionDetail(tx: Tx, data: Prisma.AdoptionDetailUncheckedCreateInput) {
    const { childId, localAuthority: _la, ...fields } = data;
    return tx.adoptionDetail.upsert({ where: { childId }, create: data, update: { ...fields, recordedAt: new Date() } });
  }

  setCareLeaverOutcome(tx: Tx, data: Omit<Prisma.CareLeaverOutcomeUncheckedCreateInput, 'id'>) {
    return tx.careLeaverOutcome.upsert({
      where: { childId_year: { childId: data.childId, year: data.year } },
      create: { id: randomUUID(), ...data },
      update: {
        inTouch: data.inTouch,
        activity: data.activity,
        accommodation: data.accommodation,
        recordedBy: data.recordedBy,
        source: data.source,
      },
    });
  }

  previousPermanence(localAuthority: string, childId: string, tx: Tx) {
    return tx.previousPermanence.findFirst({ where: { localAuthority, childId } });
  }

  setPreviousPermanence(tx: Tx, data: Prisma.PreviousPermanenceUncheckedCreateInput) {
    return tx.previousPermanence.upsert({ where: { childId: data.childId }, create: data, update: data });
  }

  addAdoptionDecision(tx: Tx, data: Omit<Prisma.AdoptionDecisionUncheckedCreateInput, 'id'>) {
    return tx.adoptionDecision.create({ data: { id: randomUUID(), ...data } });
  }

  findAdoptionDecision(localAuthority: string, childId: string, id: string, tx: Tx) {
    return tx.adoptionDecision.findFirst({ where: { id, childId, localAuthority } });
  }

  async ceaseAdoptionDecision(tx: Tx, localAuthority: string, id: string, ceasedOn: Date, ceasedReason: string): Promise<void> {
    exactlyOne(
      await tx.adoptionDecision.updateMany({ where: { id, localAuthority }, data: { ceasedOn, ceasedReason } }),
      `adoption decision ${id}`,
    );
  }

  addLibertyOrder(tx: Tx, data: Omit<Prisma.LibertyOrderUncheckedCreateInput, 'id'>) {
    return tx.libertyOrder.create({ data: { id: randomUUID(), ...data } });
  }

  findLibertyOrder(localAuthority: string, childId: string, id: string, tx: Tx) {
    return tx.libertyOrder.findFirst({ where: { id, childId, localAuthority } });
  }

  async endLibertyOrder(tx: Tx, localAuthority: string, id: string, end: Date): Promise<void> {
    exactlyOne(await tx.libertyOrder.updateMany({ where: { id, localAuthority }, data: { end } }), `deprivation of liberty order ${id}`);
  }
}
