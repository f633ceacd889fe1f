import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import {
  OfferDecidedV1,
  PlacementStartedV2,
  ReapprovalRequestedV1,
  type DecisionRecordedV1,
  type Location,
  type PayloadOf,
} from '@placewise/contracts';
import { addCalendarDays, asDate, dayOf } from '@placewise/contracts/dates';
import { OutboxWriter, type Principal } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import { Prisma } from '../../generated/client/index.js';
import { CouncilService, type CouncilSettings } from '../council/council.service.js';
import { failedGates } from '../matching/gates.js';
import { classifyLocation } from '../matching/location.js';
import { OffersRepository } from '../offers/offers.repository.js';
import { PlacementEnding } from '../placements/placement-ending.js';
import { PlacementsRepository } from '../placements/placements.repository.js';
import { placementView } from '../placements/placements.view.js';
import { postcodeOf, urnOf } from '../placements/where-placed.js';
import { PrismaService, type Tx } from '../prisma.service.js';
import { ProvidersRepository } from '../providers/providers.repository.js';
import { gatesFor, isOwnInHouse, provisionOf, type OfferRow } from '../searches/search-present.js';
import type { AwardOffer } from '../searches/searches.dto.js';
import { SearchesRepository } from '../searches/searches.repository.js';

/**
 * Awards: an offer accepted becomes a placement (placement.started), or is held for re-approval
 * when it differs from what was approved (reapproval.requested), until the decision comes back.
 */
@Injectable()
export class AwardsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly offers: OffersRepository,
    private readonly searches: SearchesRepository,
    private readonly providers: ProvidersRepository,
    private readonly placements: PlacementsRepository,
    private readonly council: CouncilService,
    private readonly outbox: OutboxWriter,
    private readonly ending: PlacementEnding,
  ) {}

  /**
   * Awards an offer. Blocking gates refuse it (422). Above the approved ceiling, or a change to what
   * was approved (a different type, further from home), it is held and goes back for re-approval
   * (202, `reapproval.requested`); otherwise the placement agreement is recorded and
   * `placement.started` emitted, in one transaction.
   */
  async award(user: Principal, offerId: string, input: AwardOffer): Promise<{ status: 201 | 202; body: unknown }> {
    return this.prisma.$transaction(async (tx) => {
      const offer = await this.offers.lock(user.localAuthority, offerId, tx);
      if (!offer) throw new NotFoundException(`no offer ${offerId}`);
      const s = offer.search;
      if (s.status !== 'OPEN') throw new ConflictException(`search ${s.id} is already ${s.status}`);
      if (offer.status !== 'SUBMITTED') throw new ConflictException(`offer ${offerId} is ${offer.status}`);
      const council = await this.council.settings(user.localAuthority, tx);
      const exemption = offer.exemptionBy ? { by: offer.exemptionBy, reason: offer.exemptionReason ?? '' } : null;
      const gates = gatesFor(s, offer.setting, council, exemption);
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
      if (!(await this.providers.takeVacancy(tx, user.localAuthority, offer.settingId)))
        throw new ConflictException('the setting has no vacancy left');
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
        council,
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
    await this.offers.update(tx, user.localAuthority, offer.id, { status: 'AWAITING_REAPPROVAL', pendingAward });
    await this.searches.update(tx, user.localAuthority, s.id, { status: 'AWAITING_REAPPROVAL' });
    const envelope = await this.outbox.append(
      tx,
      ReapprovalRequestedV1,
      {
        link: { originalRequestId: s.requestId, searchId: s.id, offerId: offer.id, placementId: null, reason: reasons[0]! },
        reasons,
        childId: s.childId,
        childAge: s.childAge,
        placementType: offer.setting.placementType,
        provision: provisionOf(user.localAuthority, offer.setting),
        location: location ?? s.location,
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
    council: CouncilSettings,
  ) {
    const s = offer.search;
    const la = s.localAuthority;
    const plannedEnd = terms.plannedEndDate ?? dayOf(s.fundingEndDate);
    const notAccepted = await this.offers.award(tx, la, offer.id, s.id);
    await this.searches.closeReferrals(tx, la, s.id);
    // Each provider is told the council's answer: this offer accepted, the search's other open offers declined.
    await this.offerDecided(tx, la, s, { ...offer, setting: offer.setting }, 'ACCEPTED', null);
    for (const o of notAccepted) await this.offerDecided(tx, la, s, o, 'DECLINED', 'ANOTHER_OFFER_ACCEPTED');
    await this.searches.update(tx, la, s.id, { status: 'AWARDED', closedAt: new Date() });
    // A move or a step-down: the placement the child is in ends the day before this one starts.
    await this.ending.endRunning(tx, la, s.childId, {
      lastDay: addCalendarDays(dayOf(offer.startDate), -1),
      reason: s.kind === 'STEP_DOWN' ? 'STEP_DOWN' : 'MOVE',
    });
    const provision = provisionOf(la, offer.setting);
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
        additionalServices: offer.additionalServices,
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
      PlacementStartedV2,
      {
        placementId: placement.id,
        requestId: s.requestId,
        childId: s.childId,
        childAge: s.childAge,
        providerId: offer.setting.providerId,
        settingId: offer.settingId,
        placementType: offer.setting.placementType,
        provision,
        weeklyCostPence: offer.totalWeeklyPence,
        startDate: dayOf(offer.startDate),
        plannedEndDate: plannedEnd,
        // Where the child is, for the looked-after record (SSDA903 URN and PL_POST).
        urn: urnOf(offer.setting.ofstedUrn),
        placePostcode: postcodeOf(offer.setting.postcode),
      },
      // The journey keeps the correlation id of the request that started it.
      { localAuthority: la, correlationId: s.correlationId },
    );
    return placementView(placement);
  }

  /** `offer.decided` for an offer's provider (an offer without a provider's setting tells nobody). */
  private async offerDecided(
    tx: Tx,
    la: string,
    s: { id: string; requestId: string; correlationId: string },
    o: { id: string; settingId: string; totalWeeklyPence: number; startDate: Date; setting: { name: string; providerId: string } },
    outcome: 'ACCEPTED' | 'DECLINED',
    declinedBecause: 'ANOTHER_OFFER_ACCEPTED' | 'REAPPROVAL_DECLINED' | null,
  ): Promise<void> {
    await this.outbox.append(
      tx,
      OfferDecidedV1,
      {
        offerId: o.id,
        searchId: s.id,
        requestId: s.requestId,
        providerId: o.setting.providerId,
        settingId: o.settingId,
        settingLabel: o.setting.name,
        outcome,
        declinedBecause,
        totalWeeklyPence: o.totalWeeklyPence,
        startDate: dayOf(o.startDate)!,
        decidedAt: new Date().toISOString(),
      },
      { localAuthority: la, correlationId: s.correlationId },
    );
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
    const offer = await this.offers.lock(localAuthority, link.offerId, tx);
    if (!offer || offer.searchId !== link.searchId || offer.status !== 'AWAITING_REAPPROVAL') return 'ignored';
    if (p.outcome === 'DEFERRED' || p.outcome === 'REFERRED_UP') return 'ignored';
    const approvedCeiling = p.conditions.maxWeeklyCostPence ?? p.requestedWeeklyCostPence;
    const approved = (p.outcome === 'APPROVED' || p.outcome === 'APPROVED_WITH_CONDITIONS') && offer.totalWeeklyPence <= approvedCeiling;
    if (!approved) {
      await this.offers.update(tx, localAuthority, offer.id, { status: 'REAPPROVAL_DECLINED', pendingAward: Prisma.DbNull });
      await this.searches.update(tx, localAuthority, offer.searchId, { status: 'OPEN' });
      await this.providers.returnVacancy(tx, localAuthority, offer.settingId);
      await this.offerDecided(tx, localAuthority, offer.search, offer, 'DECLINED', 'REAPPROVAL_DECLINED');
      return 'declined';
    }
    const terms = offer.pendingAward;
    if (!terms) return 'ignored';
    const fundingEndDate = p.conditions.fundingEndDate ? asDate(p.conditions.fundingEndDate) : offer.search.fundingEndDate;
    await this.searches.update(tx, localAuthority, offer.searchId, { ceilingPence: approvedCeiling, fundingEndDate });
    await this.completeAward(
      tx,
      { ...offer, search: { ...offer.search, ceilingPence: approvedCeiling, fundingEndDate } },
      terms,
      approvedCeiling,
      terms.requestedBy,
      await this.council.settings(localAuthority, tx),
    );
    return 'completed';
  }
}
