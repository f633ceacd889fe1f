import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import {
  PlacementEmergencyStartedV1,
  PlacementNoticeGivenV1,
  PlacementRatifiedV1,
  PlacementSettingRecordedV1,
  type DecisionRecordedV1,
  type PayloadOf,
  type RequestSubmittedV2,
} from '@placewise/contracts';
import { addCalendarDays, asDate, dayOf, daysBetween, londonDate, londonToday } from '@placewise/contracts/dates';
import { OutboxWriter, type EventOrigin, type Principal } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import { CouncilService } from '../council/council.service.js';
import { classifyLocation } from '../matching/location.js';
import { PlacementEnding } from '../placements/placement-ending.js';
import { PlacementsRepository } from '../placements/placements.repository.js';
import { postcodeOf, urnOf } from '../placements/where-placed.js';
import { placementView } from '../placements/placements.view.js';
import { PrismaService, type Tx } from '../prisma.service.js';
import { ProvidersRepository } from '../providers/providers.repository.js';
import { SearchesRepository } from '../searches/searches.repository.js';
import { SearchesService } from '../searches/searches.service.js';
import { EmergenciesRepository } from './emergencies.repository.js';

type Submitted = PayloadOf<typeof RequestSubmittedV2>;
type Decision = PayloadOf<typeof DecisionRecordedV1>;

/** Kinds of request that place a child (an exit or a variation does not). */
const PLACING = new Set(['ENTRY_TO_CARE', 'PLACEMENT', 'STEP_DOWN']);

/**
 * An emergency placement waiting for retrospective approval: a request with urgency EMERGENCY and
 * `placedAt`, routed with a RATIFICATION deadline. The child is already placed, so it is a placement.
 */
export function isRetrospectiveEmergency(p: Submitted): p is Submitted & { placedAt: string } {
  return (
    p.urgency === 'EMERGENCY' &&
    p.placedAt !== null &&
    PLACING.has(p.kind) &&
    !p.reapproval &&
    p.outcome.deadlines.some((d) => d.purpose === 'RATIFICATION')
  );
}

/**
 * Emergency placements are placements from the hour they start: recorded (awaiting ratification)
 * when the request is submitted, committed by finance at once, and settled by the retrospective
 * decision: approved, they carry on; declined, a move is planned (a replacement search), the cost to
 * date stays committed and the rest is released at the move's date or when the replacement starts.
 */
@Injectable()
export class EmergenciesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: EmergenciesRepository,
    private readonly placements: PlacementsRepository,
    private readonly providers: ProvidersRepository,
    private readonly searches: SearchesService,
    private readonly searchesRepo: SearchesRepository,
    private readonly council: CouncilService,
    private readonly ending: PlacementEnding,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Records the placement (status AWAITING_RATIFICATION, from `placedAt`) and emits placement.emergency-started. */
  async onSubmitted(
    tx: Tx,
    localAuthority: string,
    p: Submitted,
    origin: EventOrigin,
  ): Promise<'recorded' | 'not-an-emergency' | 'already-recorded'> {
    if (!isRetrospectiveEmergency(p)) return 'not-an-emergency';
    if (await this.repo.forRequest(tx, localAuthority, p.requestId)) return 'already-recorded';
    const id = randomUUID();
    // A child is in one placement at a time: the one running ends the day before the emergency placement.
    await this.ending.endRunning(tx, localAuthority, p.childId, {
      lastDay: addCalendarDays(p.placedAt, -1),
      reason: 'MOVE',
      except: id,
      causationId: origin.causationId,
    });
    await this.repo.create(tx, {
      id,
      localAuthority,
      origin: 'EMERGENCY',
      requestId: p.requestId,
      searchId: null,
      offerId: null,
      childId: p.childId,
      childAge: p.childAge,
      settingId: null,
      providerId: null,
      placementType: p.placementType,
      provision: p.provision,
      location: p.location,
      weeklyFeePence: p.weeklyCostPence,
      weeklyCostPence: p.weeklyCostPence,
      // Nothing is approved yet: the ceiling comes with the retrospective decision.
      approvedCeilingPence: 0,
      startDate: asDate(p.placedAt),
      noticeWeeks: 4,
      status: 'AWAITING_RATIFICATION',
      awardedBy: p.submittedBy,
      correlationId: origin.correlationId,
    });
    await this.outbox.append(
      tx,
      PlacementEmergencyStartedV1,
      {
        placementId: id,
        requestId: p.requestId,
        childId: p.childId,
        childAge: p.childAge,
        providerId: null,
        settingId: null,
        placementType: p.placementType,
        provision: p.provision,
        weeklyCostPence: p.weeklyCostPence,
        startDate: p.placedAt,
        awaitingRatification: true,
      },
      origin,
    );
    return 'recorded';
  }

  /**
   * The retrospective decision on the request's emergency placement, if it has one still waiting.
   * Approved: the placement carries on (ACTIVE), within the approved ceiling; no search is opened.
   * Declined: a replacement search is opened (due by the move's date, the decision's effective date,
   * when it has one, which also gives notice to that date). Deferred or referred up: still waiting.
   * 'settled' when it was decided before; null when the request has no emergency placement (the
   * decision is handled as usual).
   */
  async onDecision(
    tx: Tx,
    localAuthority: string,
    d: Decision,
    origin: EventOrigin,
  ): Promise<'approved' | 'declined' | 'waiting' | 'settled' | null> {
    if (d.reapproval) return null;
    const p = await this.repo.forRequest(tx, localAuthority, d.requestId);
    if (!p) return null;
    // Already settled (a decision delivered again under another id): the child is placed, nothing to open.
    if (p.status !== 'AWAITING_RATIFICATION') return 'settled';
    if (d.outcome === 'DEFERRED' || d.outcome === 'REFERRED_UP') return 'waiting';
    const decidedOn = londonDate(d.decidedAt);
    const requestId = d.requestId;
    if (d.outcome === 'APPROVED' || d.outcome === 'APPROVED_WITH_CONDITIONS') {
      // Funded only to a date: the placement is planned to end then.
      const fundingEnd = d.conditions.fundingEndDate;
      const plannedEndDate = fundingEnd && fundingEnd >= dayOf(p.startDate) ? fundingEnd : null;
      await this.placements.update(tx, localAuthority, p.id, {
        status: 'ACTIVE',
        approvedCeilingPence: Math.max(d.conditions.maxWeeklyCostPence ?? d.requestedWeeklyCostPence, p.weeklyCostPence),
        ...(plannedEndDate ? { plannedEndDate: asDate(plannedEndDate) } : {}),
      });
      await this.outbox.append(
        tx,
        PlacementRatifiedV1,
        {
          placementId: p.id,
          requestId,
          childId: p.childId,
          outcome: 'APPROVED',
          decidedOn,
          replacementSearchId: null,
          moveDate: null,
          plannedEndDate,
        },
        origin,
      );
      return 'approved';
    }
    const moveDate = d.effectiveDate && d.effectiveDate > decidedOn ? d.effectiveDate : null;
    const daysLeft = moveDate ? daysBetween(londonToday(), moveDate) : 0;
    const search = await this.searches.openSearch(tx, {
      id: randomUUID(),
      localAuthority,
      requestId,
      decisionId: d.decisionId,
      replacesPlacementId: p.id,
      childId: p.childId,
      childAge: d.childAge,
      legalStatus: d.legalStatus,
      kind: d.kind === 'STEP_DOWN' || d.kind === 'ENTRY_TO_CARE' ? d.kind : 'PLACEMENT',
      placementType: d.placementType,
      provision: d.provision,
      location: d.location,
      urgency: moveDate && daysLeft > 7 ? 'PLANNED' : 'URGENT',
      ceilingPence: d.conditions.maxWeeklyCostPence ?? d.requestedWeeklyCostPence,
      fundingEndDate: d.conditions.fundingEndDate ? asDate(d.conditions.fundingEndDate) : null,
      correlationId: p.correlationId,
    });
    if (moveDate && asDate(moveDate) < search.deadline)
      await this.searchesRepo.update(tx, localAuthority, search.id, { deadline: asDate(moveDate) });
    await this.placements.update(tx, localAuthority, p.id, {
      replacementSearchId: search.id,
      ...(moveDate
        ? { status: 'NOTICE_GIVEN', noticeGivenBy: 'COUNCIL', noticeGivenOn: asDate(decidedOn), noticeEndDate: asDate(moveDate) }
        : { status: 'ACTIVE' }),
    });
    await this.outbox.append(
      tx,
      PlacementRatifiedV1,
      {
        placementId: p.id,
        requestId,
        childId: p.childId,
        outcome: 'DECLINED',
        decidedOn,
        replacementSearchId: search.id,
        moveDate,
        plannedEndDate: null,
      },
      origin,
    );
    if (moveDate)
      await this.outbox.append(
        tx,
        PlacementNoticeGivenV1,
        {
          placementId: p.id,
          requestId,
          childId: p.childId,
          givenBy: 'COUNCIL',
          givenOn: decidedOn,
          endDate: moveDate,
          replacementSearchId: search.id,
        },
        origin,
      );
    return 'declined';
  }

  /** The commissioner records where an emergency placement's child is: a setting the council may use (one vacancy taken, if any is left). */
  async recordSetting(user: Principal, id: string, settingId: string) {
    return this.prisma.$transaction(async (tx) => {
      const p = await this.placements.lock(user.localAuthority, id, tx);
      if (!p) throw new NotFoundException(`no placement ${id}`);
      if (p.origin !== 'EMERGENCY')
        throw new ConflictException({
          statusCode: 409,
          message: 'only an emergency placement is recorded without its setting: this one has its setting from its award or import',
          errors: [{ field: 'settingId', reason: 'not an emergency placement' }],
        });
      if (p.status === 'ENDED') throw new ConflictException(`placement ${id} has ended`);
      if (p.settingId === settingId) return placementView((await this.placements.find(user.localAuthority, id, tx))!);
      const council = await this.council.settings(user.localAuthority, tx);
      const setting = await this.providers.findSetting(user.localAuthority, council.region, settingId, tx);
      if (!setting)
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: `no setting ${settingId} the council may use`,
          errors: [{ field: 'settingId', reason: 'not a setting of the council or its region' }],
        });
      if (p.settingId) await this.providers.returnVacancy(tx, user.localAuthority, p.settingId);
      // The child is already there: a vacancy is taken if one is left, and the placement is recorded either way.
      await this.providers.takeVacancy(tx, user.localAuthority, settingId);
      await this.placements.update(tx, user.localAuthority, id, {
        settingId,
        providerId: setting.providerId,
        location: classifyLocation(council.area, setting.area) ?? p.location,
      });
      // Finance learns the provider it pays, and the child's record where the child lives (URN, PL_POST).
      await this.outbox.append(
        tx,
        PlacementSettingRecordedV1,
        {
          placementId: p.id,
          requestId: p.requestId!,
          childId: p.childId,
          providerId: setting.providerId,
          settingId,
          urn: urnOf(setting.ofstedUrn),
          placePostcode: postcodeOf(setting.postcode),
          recordedOn: londonToday(),
        },
        { localAuthority: user.localAuthority, correlationId: p.correlationId },
      );
      return placementView((await this.placements.find(user.localAuthority, id, tx))!);
    });
  }
}
