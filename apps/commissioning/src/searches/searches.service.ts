import { ConflictException, ForbiddenException, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import {
  PlacementStartedV1,
  ReapprovalRequestedV1,
  type DecisionRecordedV1,
  type Location,
  type PayloadOf,
  type PlacementType,
  type Provision,
} from '@placewise/contracts';
import { addCalendarDays, asDate, dayOf } from '@placewise/contracts/dates';
import { OutboxWriter, type Principal } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { Prisma } from '../../generated/client/index.js';
import { CouncilService, type CouncilSettings } from '../council/council.service.js';
import { checkGates, failedGates, typesMeeting, type GateResult } from '../matching/gates.js';
import { classifyLocation } from '../matching/location.js';
import { rank, type Candidate } from '../matching/ranking.js';
import { isSpot, roundsFor } from '../matching/rounds.js';
import { PlacementsRepository } from '../placements/placements.repository.js';
import { PlacementEnding } from '../placements/placement-ending.js';
import { placementView } from '../placements/placements.view.js';
import { PrismaService, type Tx } from '../prisma.service.js';
import { ProvidersRepository } from '../providers/providers.repository.js';
import { searchDeadline } from './deadline.js';
import { SearchesRepository } from './searches.repository.js';
import type { AdditionalService, AwardOffer, ListSearches, SearchProfile, SubmitOffer } from './searches.dto.js';

type SearchRow = Prisma.SearchGetPayload<object>;
type SettingRow = Prisma.SettingGetPayload<{ include: { provider: true } }>;
type OfferRow = Prisma.OfferGetPayload<{ include: { search: true; setting: { include: { provider: true } } } }>;

export type OpenSearch = Omit<Prisma.SearchUncheckedCreateInput, 'stage' | 'round' | 'deadline' | 'generation' | 'status'>;

/** An in-house setting is the council's own: a shared provider's "in-house" homes are another council's. */
const isOwnInHouse = (la: string, s: SettingRow) => s.provider.sector === 'IN_HOUSE' && s.provider.localAuthority === la;

@Injectable()
export class SearchesService {
  private readonly log = new Logger('SearchesService');

  constructor(
    private readonly prisma: PrismaService,
    private readonly searches: SearchesRepository,
    private readonly providers: ProvidersRepository,
    private readonly placements: PlacementsRepository,
    private readonly council: CouncilService,
    private readonly outbox: OutboxWriter,
    private readonly ending: PlacementEnding,
  ) {}

  // ---- opening and sending out -------------------------------------------------------------

  /**
   * Opens a search. In-house first: if the council has a matching vacancy of its own the search
   * stays with the commissioner until released; otherwise it goes out to the first round at once.
   */
  async openSearch(tx: Tx, data: OpenSearch) {
    const openedAt = new Date();
    const generation = await this.searches.nextGeneration(data.requestId, tx);
    const search = await this.searches.open(
      { ...data, generation, status: 'OPEN', stage: 'IN_HOUSE', round: 0, openedAt, deadline: searchDeadline(data.urgency, openedAt) },
      tx,
    );
    const inHouse = await this.providers.inHouseVacancies(data.localAuthority, [...typesMeeting(data.placementType)], data.childAge, tx);
    if (inHouse.length > 0) return search;
    await this.searches.update(tx, search.id, { stage: 'EXTERNAL' });
    await this.sendNextRound(tx, { ...search, stage: 'EXTERNAL' });
    return search;
  }

  /** Sends the referral to every provider of the next round; null when there is no round left. */
  private async sendNextRound(tx: Tx, search: SearchRow) {
    const council = await this.council.settings(search.localAuthority, tx);
    const candidates = await this.providers.externalCandidates(
      search.localAuthority,
      council.region,
      [...typesMeeting(search.placementType)],
      search.childAge,
      tx,
    );
    const rounds = roundsFor(
      search.urgency,
      candidates.map((c) => c.procurementRoute),
    );
    const round = search.round + 1;
    const routes = rounds[round - 1];
    if (!routes) return null;
    const providerRoute = new Map<string, string>();
    for (const c of candidates)
      if (routes.includes(c.procurementRoute) && !providerRoute.has(c.providerId)) providerRoute.set(c.providerId, c.procurementRoute);
    const sent = await this.searches.createReferrals(
      tx,
      [...providerRoute].map(([providerId, route]) => ({
        id: randomUUID(),
        localAuthority: search.localAuthority,
        searchId: search.id,
        providerId,
        round,
        route,
        status: 'SENT',
      })),
    );
    await this.searches.update(tx, search.id, { round, stage: routes.some(isSpot) ? 'SPOT' : 'EXTERNAL' });
    return { round, routes, providersSent: sent.count, roundsLeft: rounds.length - round };
  }

  /** The commissioner releases a search to external providers, saying why the in-house options will not do. */
  async release(user: Principal, id: string, reason: string) {
    const sent = await this.prisma.$transaction(async (tx) => {
      const s = await this.searches.lock(user.localAuthority, id, tx);
      if (!s) throw new NotFoundException(`no search ${id}`);
      if (s.status !== 'OPEN') throw new ConflictException(`search ${id} is ${s.status}`);
      if (s.stage !== 'IN_HOUSE') throw new ConflictException(`search ${id} has already gone out to external providers`);
      await this.searches.update(tx, id, { stage: 'EXTERNAL', releasedAt: new Date(), releasedBy: user.sub, releaseReason: reason });
      return this.sendNextRound(tx, { ...s, stage: 'EXTERNAL' });
    });
    return { ...(await this.get(user, id)), sent };
  }

  /** Sends the search to the next round (the next framework tier, the DPS, then spot). */
  async widen(user: Principal, id: string) {
    const sent = await this.prisma.$transaction(async (tx) => {
      const s = await this.searches.lock(user.localAuthority, id, tx);
      if (!s) throw new NotFoundException(`no search ${id}`);
      if (s.status !== 'OPEN') throw new ConflictException(`search ${id} is ${s.status}`);
      if (s.stage === 'IN_HOUSE')
        throw new ConflictException({
          statusCode: 409,
          message: 'in-house first: release the search (POST /searches/{id}/release with the reason) before it goes out',
        });
      const r = await this.sendNextRound(tx, s);
      if (!r) throw new ConflictException({ statusCode: 409, message: 'no further providers to send this search to' });
      return r;
    });
    return { ...(await this.get(user, id)), sent };
  }

  async setProfile(user: Principal, id: string, p: z.infer<typeof SearchProfile>) {
    await this.prisma.$transaction(async (tx) => {
      const s = await this.searches.lock(user.localAuthority, id, tx);
      if (!s) throw new NotFoundException(`no search ${id}`);
      await this.searches.update(tx, id, {
        needs: p.needs,
        siblings: p.siblings,
        homeLatitude: p.home?.lat ?? null,
        homeLongitude: p.home?.lng ?? null,
        schoolLatitude: p.school?.lat ?? null,
        schoolLongitude: p.school?.lng ?? null,
      });
    });
    return this.get(user, id);
  }

  // ---- views -------------------------------------------------------------------------------

  /** A search with its offers ranked (gates and the score's parts shown) and in-house vacancies listed first. */
  async get(user: Principal, id: string) {
    const s = await this.searches.find(user.localAuthority, id);
    if (!s) throw new NotFoundException(`no search ${id}`);
    const council = await this.council.settings(user.localAuthority);
    const inHouse = await this.providers.inHouseVacancies(user.localAuthority, [...typesMeeting(s.placementType)], s.childAge);
    const inHouseRanked = rank(
      inHouse.map((m) => candidateOf(m, m.weeklyPricePence, failedGates(this.gates(s, m, council), 'BLOCK').length === 0)),
      profileOf(s),
      council.weights,
    );
    const offersById = new Map(s.offers.map((o) => [o.id, o]));
    const ranked = rank(
      s.offers.map((o) => ({
        ...candidateOf(
          o.setting,
          o.totalWeeklyPence,
          failedGates(o.gates as unknown as GateResult[], 'BLOCK').length === 0 &&
            !['NOT_AWARDED', 'REAPPROVAL_DECLINED', 'WITHDRAWN'].includes(o.status),
        ),
        id: o.id,
      })),
      profileOf(s),
      council.weights,
    );
    return {
      ...searchSummary(s),
      profile: {
        needs: s.needs,
        home: point(s.homeLatitude, s.homeLongitude),
        school: point(s.schoolLatitude, s.schoolLongitude),
        siblings: s.siblings,
      },
      weights: council.weights,
      inHouseMatches: inHouseRanked.map((r) => {
        const m = inHouse.find((x) => x.id === r.candidate.id)!;
        return {
          settingId: m.id,
          name: m.name,
          provider: m.provider.name,
          placementType: m.placementType,
          vacancies: m.vacancies,
          weeklyPricePence: m.weeklyPricePence,
          location: classifyLocation(council.area, m.area),
          rank: r.rank,
          score: r.score,
          parts: r.parts,
        };
      }),
      referrals: s.referrals.map((r) => ({
        id: r.id,
        providerId: r.providerId,
        round: r.round,
        route: r.route,
        status: r.status,
        declineReason: r.declineReason,
        sentAt: r.sentAt.toISOString(),
      })),
      offers: ranked.map((r) => {
        const o = offersById.get(r.candidate.id)!;
        return { ...offerView(o, s), rank: r.rank, score: r.score, distanceKm: r.distanceKm, parts: r.parts };
      }),
    };
  }

  /** Every setting the council could use for this search, gated and ranked (the best first). */
  async matches(user: Principal, id: string, take: number) {
    const s = await this.searches.find(user.localAuthority, id);
    if (!s) throw new NotFoundException(`no search ${id}`);
    const council = await this.council.settings(user.localAuthority);
    const settings = await this.providers.candidates(user.localAuthority, council.region, [...typesMeeting(s.placementType)], s.childAge);
    const gates = new Map(settings.map((m) => [m.id, this.gates(s, m, council)]));
    const byId = new Map(settings.map((m) => [m.id, m]));
    const ranked = rank(
      settings.map((m) => candidateOf(m, m.weeklyPricePence, failedGates(gates.get(m.id)!, 'BLOCK').length === 0)),
      profileOf(s),
      council.weights,
      take,
    );
    return {
      searchId: s.id,
      total: settings.length,
      matches: ranked.slice(0, take).map((r) => {
        const m = byId.get(r.candidate.id)!;
        return {
          rank: r.rank,
          score: r.score,
          distanceKm: r.distanceKm,
          parts: r.parts,
          settingId: m.id,
          name: m.name,
          provider: m.provider.name,
          inHouse: isOwnInHouse(user.localAuthority, m),
          procurementRoute: m.procurementRoute,
          placementType: m.placementType,
          weeklyPricePence: m.weeklyPricePence,
          vacancies: m.vacancies,
          location: classifyLocation(council.area, m.area),
          failedGates: failedGates(gates.get(m.id)!).map((g) => g.id),
        };
      }),
    };
  }

  async list(user: Principal, q: ListSearches) {
    const rows = await this.searches.list(
      user.localAuthority,
      { ...(q.status ? { status: q.status } : {}), ...(q.requestId ? { requestId: q.requestId } : {}) },
      q.take,
      q.skip,
    );
    return rows.map(searchSummary);
  }

  private gates(s: SearchRow, setting: SettingRow, council: CouncilSettings, exemption?: { by: string; reason: string } | null) {
    return checkGates({ search: s, setting, location: classifyLocation(council.area, setting.area), exemption });
  }

  // ---- offers ------------------------------------------------------------------------------

  /** A commissioner enters an offer for a provider (e.g. one received by phone or through a portal). */
  async submitOffer(user: Principal, searchId: string, input: SubmitOffer) {
    return this.prisma.$transaction(async (tx) => {
      const s = await this.searches.lock(user.localAuthority, searchId, tx);
      if (!s) throw new NotFoundException(`no search ${searchId}`);
      const council = await this.council.settings(user.localAuthority, tx);
      const setting = await this.providers.findSetting(user.localAuthority, council.region, input.settingId, tx);
      if (!setting)
        throw new NotFoundException({
          statusCode: 404,
          message: `no setting ${input.settingId}`,
          errors: [{ field: 'settingId', reason: 'no such setting in your council or region' }],
        });
      return this.createOffer(tx, user, s, setting, council, input, 'COMMISSIONER');
    });
  }

  /** A provider offers one of its own settings against a referral it was sent. */
  async submitProviderOffer(user: Principal, referralId: string, input: SubmitOffer) {
    const providerId = providerOf(user);
    return this.prisma.$transaction(async (tx) => {
      const referral = await this.searches.findReferral(user.localAuthority, referralId, providerId);
      if (!referral) throw new NotFoundException(`no referral ${referralId}`);
      const s = await this.searches.lock(user.localAuthority, referral.searchId, tx);
      if (referral.status === 'DECLINED') throw new ConflictException('you declined this referral');
      const council = await this.council.settings(user.localAuthority, tx);
      const setting = await this.providers.findSetting(user.localAuthority, council.region, input.settingId, tx);
      if (!setting || setting.providerId !== providerId)
        throw new NotFoundException({
          statusCode: 404,
          message: `no setting ${input.settingId}`,
          errors: [{ field: 'settingId', reason: 'not one of your settings' }],
        });
      const o = await this.createOffer(tx, user, s!, setting, council, input, 'PROVIDER');
      return {
        id: o.id,
        referralId,
        settingId: o.settingId,
        weeklyFeePence: o.weeklyFeePence,
        additionalServices: o.additionalServices,
        totalWeeklyPence: o.totalWeeklyPence,
        startDate: o.startDate,
        location: o.location,
        status: o.status,
        gates: o.gates,
      };
    });
  }

  private async createOffer(
    tx: Tx,
    user: Principal,
    s: SearchRow,
    setting: SettingRow,
    council: CouncilSettings,
    input: SubmitOffer,
    source: 'PROVIDER' | 'COMMISSIONER',
  ) {
    if (s.status !== 'OPEN') throw new ConflictException(`search ${s.id} is ${s.status}`);
    const gates = this.gates(s, setting, council);
    const location = classifyLocation(council.area, setting.area);
    const total = input.weeklyFeePence + input.additionalServices.reduce((sum, x) => sum + x.weeklyPence, 0);
    try {
      const o = await this.searches.createOffer(
        {
          id: randomUUID(),
          localAuthority: user.localAuthority,
          searchId: s.id,
          settingId: setting.id,
          providerId: setting.providerId,
          weeklyFeePence: input.weeklyFeePence,
          additionalServices: input.additionalServices,
          totalWeeklyPence: total,
          startDate: asDate(input.startDate),
          notes: input.notes ?? null,
          gates: gates as object[],
          location,
          status: 'SUBMITTED',
          source,
          submittedBy: user.sub,
        },
        tx,
      );
      await this.searches.updateReferral(tx, s.id, setting.providerId, { status: 'OFFERED' });
      return {
        id: o.id,
        searchId: s.id,
        settingId: o.settingId,
        weeklyFeePence: o.weeklyFeePence,
        additionalServices: input.additionalServices,
        totalWeeklyPence: total,
        startDate: input.startDate,
        location,
        gates,
        withinCeiling: total <= s.ceilingPence,
        status: o.status,
        source,
      };
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
        throw new ConflictException({
          statusCode: 409,
          message: 'this setting has already offered for this search',
          errors: [{ field: 'settingId', reason: 'already offered' }],
        });
      }
      throw e;
    }
  }

  /** A head of service (or above) exempts an offer from a setting rated Inadequate, with the reason. */
  async exempt(user: Principal, offerId: string, reason: string) {
    return this.prisma.$transaction(async (tx) => {
      const offer = await this.searches.lockOffer(user.localAuthority, offerId, tx);
      if (!offer) throw new NotFoundException(`no offer ${offerId}`);
      if (offer.status !== 'SUBMITTED') throw new ConflictException(`offer ${offerId} is ${offer.status}`);
      if (offer.setting.ofstedRating !== 'INADEQUATE')
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: 'only a setting rated Inadequate needs an exemption',
          errors: [{ field: 'offerId', reason: `rated ${offer.setting.ofstedRating}` }],
        });
      const council = await this.council.settings(user.localAuthority, tx);
      const gates = this.gates(offer.search, offer.setting, council, { by: user.sub, reason });
      await this.searches.updateOffer(tx, offerId, { exemptionBy: user.sub, exemptionReason: reason, gates: gates as object[] });
      return { id: offerId, exemptionBy: user.sub, exemptionReason: reason, gates };
    });
  }

  // ---- award -------------------------------------------------------------------------------

  /**
   * Awards an offer. Blocking gates refuse it (422). Above the approved ceiling, or a change to what
   * was approved (a different type, further from home), it is held and goes back for re-approval
   * (202, `reapproval.requested`); otherwise the placement agreement is recorded and
   * `placement.started` emitted, in one transaction.
   */
  async award(user: Principal, offerId: string, input: AwardOffer): Promise<{ status: 201 | 202; body: unknown }> {
    return this.prisma.$transaction(async (tx) => {
      const offer = await this.searches.lockOffer(user.localAuthority, offerId, tx);
      if (!offer) throw new NotFoundException(`no offer ${offerId}`);
      const s = offer.search;
      if (s.status !== 'OPEN') throw new ConflictException(`search ${s.id} is already ${s.status}`);
      if (offer.status !== 'SUBMITTED') throw new ConflictException(`offer ${offerId} is ${offer.status}`);
      const council = await this.council.settings(user.localAuthority, tx);
      const exemption = offer.exemptionBy ? { by: offer.exemptionBy, reason: offer.exemptionReason ?? '' } : null;
      const gates = this.gates(s, offer.setting, council, exemption);
      const blocked = failedGates(gates, 'BLOCK');
      if (blocked.length)
        throw new UnprocessableEntityException({ statusCode: 422, message: 'the offer fails hard gates', gates: blocked });
      const startDate = dayOf(offer.startDate);
      if (input.plannedEndDate && input.plannedEndDate <= startDate) {
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: 'planned end must follow the start',
          errors: [{ field: 'plannedEndDate', reason: `must be after ${startDate}` }],
        });
      }
      const fundingEnd = dayOf(s.fundingEndDate);
      if (!input.plannedEndDate && fundingEnd && fundingEnd <= startDate) {
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: `the approval funds this placement only until ${fundingEnd}, before it would start: it needs re-approval`,
          errors: [{ field: 'startDate', reason: `after the approved funding end date ${fundingEnd}` }],
        });
      }
      if (s.stage === 'IN_HOUSE' && !isOwnInHouse(user.localAuthority, offer.setting)) {
        throw new ConflictException({
          statusCode: 409,
          message:
            'in-house first: release the search with the reason the in-house vacancies will not do before awarding an external offer',
          errors: [{ field: 'offerId', reason: 'the search has not been released' }],
        });
      }
      const reasons: ('ABOVE_CEILING' | 'CHANGED_TYPE' | 'CHANGED_LOCATION')[] = [];
      if (offer.totalWeeklyPence > s.ceilingPence) reasons.push('ABOVE_CEILING');
      if (gates.some((g) => g.id === 'placement-type' && !g.passed)) reasons.push('CHANGED_TYPE');
      if (gates.some((g) => g.id === 'location' && !g.passed)) reasons.push('CHANGED_LOCATION');
      // The bed is held while the award waits, and given back if it is declined.
      if (!(await this.providers.takeVacancy(tx, offer.settingId))) throw new ConflictException('the setting has no vacancy left');
      if (reasons.length)
        return {
          status: 202 as const,
          body: await this.holdForReapproval(tx, user, offer, input, reasons, classifyLocation(council.area, offer.setting.area)),
        };
      const placement = await this.completeAward(
        tx,
        offer,
        { plannedEndDate: input.plannedEndDate ?? null, noticeWeeks: input.noticeWeeks },
        s.ceilingPence,
        user.sub,
      );
      return { status: 201 as const, body: placement };
    });
  }

  private async holdForReapproval(
    tx: Tx,
    user: Principal,
    offer: OfferRow,
    input: AwardOffer,
    reasons: ('ABOVE_CEILING' | 'CHANGED_TYPE' | 'CHANGED_LOCATION')[],
    location: Location | null,
  ) {
    const s = offer.search;
    const pendingAward = { plannedEndDate: input.plannedEndDate ?? null, noticeWeeks: input.noticeWeeks, requestedBy: user.sub, reasons };
    await this.searches.updateOffer(tx, offer.id, { status: 'AWAITING_REAPPROVAL', pendingAward });
    await this.searches.update(tx, s.id, { status: 'AWAITING_REAPPROVAL' });
    const envelope = await this.outbox.append(
      tx,
      ReapprovalRequestedV1,
      {
        link: { originalRequestId: s.requestId, searchId: s.id, offerId: offer.id, placementId: null, reason: reasons[0]! },
        reasons,
        childId: s.childId,
        childAge: s.childAge,
        placementType: offer.setting.placementType as PlacementType,
        provision: provisionOf(user.localAuthority, offer.setting),
        location: location ?? (s.location as Location),
        weeklyCostPence: offer.totalWeeklyPence,
        previousWeeklyCostPence: s.ceilingPence,
        requestedBy: user.sub,
      },
      { localAuthority: user.localAuthority, correlationId: s.correlationId },
    );
    return {
      status: 'AWAITING_REAPPROVAL',
      offerId: offer.id,
      searchId: s.id,
      reasons,
      weeklyCostPence: offer.totalWeeklyPence,
      ceilingPence: s.ceilingPence,
      reapprovalEventId: envelope.id,
    };
  }

  /** Records the placement agreement and emits placement.started (the vacancy is already taken). */
  private async completeAward(
    tx: Tx,
    offer: OfferRow,
    terms: { plannedEndDate: string | null; noticeWeeks: number },
    ceilingPence: number,
    awardedBy: string,
  ) {
    const s = offer.search;
    const la = s.localAuthority;
    const plannedEnd = terms.plannedEndDate ?? dayOf(s.fundingEndDate);
    await this.searches.award(tx, offer.id, s.id);
    // A move or a step-down: the placement the child is in ends the day before this one starts.
    await this.ending.endRunning(tx, la, s.childId, {
      lastDay: addCalendarDays(dayOf(offer.startDate), -1),
      reason: s.kind === 'STEP_DOWN' ? 'STEP_DOWN' : 'MOVE',
    });
    const provision = provisionOf(la, offer.setting);
    const council = await this.council.settings(la, tx);
    const placement = await this.placements.create(
      {
        id: randomUUID(),
        localAuthority: la,
        requestId: s.requestId,
        searchId: s.id,
        offerId: offer.id,
        childId: s.childId,
        childAge: s.childAge,
        settingId: offer.settingId,
        providerId: offer.setting.providerId,
        placementType: offer.setting.placementType,
        provision,
        location: classifyLocation(council.area, offer.setting.area) ?? s.location,
        weeklyFeePence: offer.weeklyFeePence,
        additionalServices: offer.additionalServices as object[],
        weeklyCostPence: offer.totalWeeklyPence,
        approvedCeilingPence: Math.max(ceilingPence, offer.totalWeeklyPence),
        startDate: offer.startDate,
        plannedEndDate: plannedEnd ? asDate(plannedEnd) : null,
        noticeWeeks: terms.noticeWeeks,
        status: 'ACTIVE',
        awardedBy,
        correlationId: s.correlationId,
      },
      tx,
    );
    await this.outbox.append(
      tx,
      PlacementStartedV1,
      {
        placementId: placement.id,
        requestId: s.requestId,
        childId: s.childId,
        childAge: s.childAge,
        providerId: offer.setting.providerId,
        settingId: offer.settingId,
        placementType: offer.setting.placementType as PlacementType,
        provision,
        weeklyCostPence: offer.totalWeeklyPence,
        startDate: dayOf(offer.startDate),
        plannedEndDate: plannedEnd,
      },
      // The journey keeps the correlation id of the request that started it.
      { localAuthority: la, correlationId: s.correlationId },
    );
    return placementView(placement);
  }

  /**
   * The answer to an award's re-approval: approved (within its ceiling) completes the award;
   * declined, or approved below the offer's cost, gives the bed back and reopens the search.
   */
  async onAwardReapproval(
    tx: Tx,
    localAuthority: string,
    p: PayloadOf<typeof DecisionRecordedV1>,
  ): Promise<'completed' | 'declined' | 'ignored'> {
    const link = p.reapproval!;
    if (!link.offerId) return 'ignored';
    const offer = await this.searches.lockOffer(localAuthority, link.offerId, tx);
    if (!offer || offer.searchId !== link.searchId || offer.status !== 'AWAITING_REAPPROVAL') return 'ignored';
    if (p.outcome === 'DEFERRED' || p.outcome === 'REFERRED_UP') return 'ignored';
    const approvedCeiling = p.conditions.maxWeeklyCostPence ?? p.requestedWeeklyCostPence;
    const approved = (p.outcome === 'APPROVED' || p.outcome === 'APPROVED_WITH_CONDITIONS') && offer.totalWeeklyPence <= approvedCeiling;
    if (!approved) {
      await this.searches.updateOffer(tx, offer.id, { status: 'REAPPROVAL_DECLINED', pendingAward: Prisma.DbNull });
      await this.searches.update(tx, offer.searchId, { status: 'OPEN' });
      await this.providers.returnVacancy(tx, offer.settingId);
      return 'declined';
    }
    const terms = offer.pendingAward as { plannedEndDate: string | null; noticeWeeks: number; requestedBy: string };
    const fundingEndDate = p.conditions.fundingEndDate ? asDate(p.conditions.fundingEndDate) : offer.search.fundingEndDate;
    await this.searches.update(tx, offer.searchId, { ceilingPence: approvedCeiling, fundingEndDate });
    await this.completeAward(
      tx,
      { ...offer, search: { ...offer.search, ceilingPence: approvedCeiling, fundingEndDate } },
      terms,
      approvedCeiling,
      terms.requestedBy,
    );
    return 'completed';
  }

  // ---- the provider's view -----------------------------------------------------------------

  async listReferrals(user: Principal, take: number, skip: number, searchId?: string) {
    const own = user.roles.includes('commissioner') ? {} : { providerId: providerOf(user) };
    const rows = await this.searches.listReferrals(user.localAuthority, { ...own, ...(searchId ? { searchId } : {}) }, take, skip);
    return rows.map(referralView);
  }

  async getReferral(user: Principal, id: string) {
    const commissioner = user.roles.includes('commissioner');
    const r = await this.searches.findReferral(user.localAuthority, id, commissioner ? undefined : providerOf(user));
    if (!r) throw new NotFoundException(`no referral ${id}`);
    const offers = await this.searches.listOffers(user.localAuthority, { searchId: r.searchId, providerId: r.providerId }, 50, 0);
    return { ...referralView(r), offers: offers.map((o) => offerView(o, r.search, true)) };
  }

  async declineReferral(user: Principal, id: string, reason: string) {
    const providerId = providerOf(user);
    return this.prisma.$transaction(async (tx) => {
      const r = await this.searches.findReferral(user.localAuthority, id, providerId);
      if (!r) throw new NotFoundException(`no referral ${id}`);
      const s = await this.searches.lock(user.localAuthority, r.searchId, tx);
      if (r.status !== 'SENT') throw new ConflictException(`referral ${id} is ${r.status}`);
      await this.searches.updateReferral(tx, r.searchId, providerId, { status: 'DECLINED', declineReason: reason });
      // When every provider of the latest round has declined, the search cascades to the next round.
      if (
        s &&
        s.status === 'OPEN' &&
        s.stage !== 'IN_HOUSE' &&
        r.round === s.round &&
        (await this.searches.countLiveReferrals(tx, s.id, s.round)) === 0
      ) {
        const next = await this.sendNextRound(tx, s);
        this.log.log({ msg: 'every provider of the round declined', searchId: s.id, round: s.round, nextRound: next?.round ?? null });
      }
      return { id, status: 'DECLINED', declineReason: reason };
    });
  }

  /** A provider's own offers (a commissioner sees the council's). */
  async listOffers(user: Principal, take: number, skip: number) {
    const own = user.roles.includes('commissioner') ? {} : { providerId: providerOf(user) };
    const rows = await this.searches.listOffers(user.localAuthority, own, take, skip);
    return rows.map((o) => ({ ...offerView(o, undefined, !user.roles.includes('commissioner')), searchId: o.searchId }));
  }
}

export function providerOf(user: Principal): string {
  if (!user.providerId) throw new ForbiddenException('a provider token must carry the provider claim');
  return user.providerId;
}

function provisionOf(la: string, setting: SettingRow): Provision {
  return isOwnInHouse(la, setting) ? 'IN_HOUSE' : 'EXTERNAL';
}

const point = (lat: number | null, lng: number | null) => (lat !== null && lng !== null ? { lat, lng } : null);

function profileOf(s: SearchRow) {
  return {
    needs: s.needs,
    home: point(s.homeLatitude, s.homeLongitude),
    school: point(s.schoolLatitude, s.schoolLongitude),
    siblings: s.siblings,
  };
}

function candidateOf(m: SettingRow | Prisma.SettingGetPayload<object>, totalWeeklyPence: number, eligible: boolean): Candidate {
  return {
    id: m.id,
    needsMet: m.needsMet,
    lat: m.latitude,
    lng: m.longitude,
    educationOnSite: m.educationOnSite,
    siblingPlaces: m.siblingPlaces,
    totalWeeklyPence,
    eligible,
  };
}

function searchSummary(s: SearchRow) {
  return {
    id: s.id,
    requestId: s.requestId,
    generation: s.generation,
    replacesPlacementId: s.replacesPlacementId,
    childId: s.childId,
    childAge: s.childAge,
    placementType: s.placementType,
    location: s.location,
    urgency: s.urgency,
    ceilingPence: s.ceilingPence,
    fundingEndDate: dayOf(s.fundingEndDate),
    deadline: s.deadline.toISOString(),
    status: s.status,
    stage: s.stage,
    round: s.round,
    released: s.releasedAt ? { at: s.releasedAt.toISOString(), by: s.releasedBy, reason: s.releaseReason } : null,
    correlationId: s.correlationId,
    openedAt: s.openedAt.toISOString(),
  };
}

function offerView(
  o: Prisma.OfferGetPayload<{ include: { setting: { include: { provider: true } } } }>,
  s?: SearchRow,
  forProvider = false,
) {
  return {
    id: o.id,
    settingId: o.settingId,
    setting: o.setting.name,
    providerId: o.setting.providerId,
    provider: o.setting.provider.name,
    inHouse: o.setting.provider.sector === 'IN_HOUSE' && o.setting.provider.localAuthority === o.localAuthority,
    weeklyFeePence: o.weeklyFeePence,
    additionalServices: o.additionalServices as AdditionalService[],
    totalWeeklyPence: o.totalWeeklyPence,
    // The approved ceiling is the council's business, not the provider's.
    ...(s && !forProvider ? { withinCeiling: o.totalWeeklyPence <= s.ceilingPence } : {}),
    startDate: dayOf(o.startDate),
    notes: o.notes,
    location: o.location,
    gates: o.gates as unknown as GateResult[],
    exemption: o.exemptionBy ? { by: o.exemptionBy, reason: o.exemptionReason } : null,
    source: o.source,
    status: o.status,
    submittedAt: o.submittedAt.toISOString(),
  };
}

/** What a provider sees of a search: the child's age and needs, never who the child is or the council's ceiling. */
function referralView(r: Prisma.ReferralGetPayload<{ include: { search: true } }>) {
  const s = r.search;
  return {
    id: r.id,
    searchId: r.searchId,
    providerId: r.providerId,
    round: r.round,
    route: r.route,
    status: r.status,
    declineReason: r.declineReason,
    sentAt: r.sentAt.toISOString(),
    search: {
      childAge: s.childAge,
      placementType: s.placementType,
      needs: s.needs,
      siblings: s.siblings,
      urgency: s.urgency,
      location: s.location,
      deadline: s.deadline.toISOString(),
      open: s.status === 'OPEN',
    },
  };
}
