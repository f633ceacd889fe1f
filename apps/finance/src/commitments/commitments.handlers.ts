import { Injectable } from '@nestjs/common';
import {
  PlacementEndedV1,
  PlacementEndedV2,
  PlacementNoticeGivenV1,
  PlacementPriceChangedV1,
  PlacementStartedV1,
  PlacementStartedV2,
  type EndReason,
  type PayloadOf,
} from '@placewise/contracts';
import { HandlesEvent, type EventContext } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import type { Tx } from '../prisma.service.js';
import { asDate, dayOf, londonToday } from '@placewise/contracts/dates';
import { AvoidanceEntries } from '../avoidance/entries.service.js';
import { CommitmentsRepository } from './commitments.repository.js';
import { CommitmentsService } from './commitments.service.js';
import { categoryOf, priceOn } from '../money.js';

const origin = (envelope: EventContext['envelope']) => ({
  localAuthority: envelope.localAuthority,
  correlationId: envelope.correlationId,
  causationId: envelope.id,
});

@Injectable()
export class CommitmentsHandlers {
  constructor(
    private readonly repo: CommitmentsRepository,
    private readonly commitments: CommitmentsService,
    private readonly avoidance: AvoidanceEntries,
  ) {}

  /** Every placement becomes a commitment: its weekly cost to its planned end (or the year end, or 18), by financial year. */
  /** Version 2 adds the setting's URN and postcode, which finance does not need: the same commitment. */
  @HandlesEvent(PlacementStartedV2)
  onPlacementStartedV2(p: PayloadOf<typeof PlacementStartedV2>, ctx: EventContext<Tx>): Promise<void> {
    return this.onPlacementStarted(p, ctx);
  }

  @HandlesEvent(PlacementStartedV1)
  async onPlacementStarted(p: PayloadOf<typeof PlacementStartedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const la = envelope.localAuthority;
    const decision = await this.repo.decisionFor(la, p.requestId, tx);
    await this.repo.createPlacement(
      {
        id: p.placementId,
        localAuthority: la,
        requestId: p.requestId,
        childId: p.childId,
        childAge: p.childAge,
        providerId: p.providerId,
        placementType: p.placementType,
        provision: p.provision,
        category: categoryOf(p.placementType, p.provision),
        weeklyCostPence: p.weeklyCostPence,
        startDate: asDate(p.startDate),
        plannedEndDate: p.plannedEndDate ? asDate(p.plannedEndDate) : null,
        reviewDate: decision?.reviewDate ?? null,
        status: 'ACTIVE',
        correlationId: envelope.correlationId,
      },
      tx,
    );
    await this.repo.setPrice(la, p.placementId, asDate(p.startDate), p.weeklyCostPence, 'START', randomUUID(), tx);
    await this.commitments.recompute(tx, la, p.placementId, 'STARTED', origin(envelope));
    // It may be the cheaper placement a step-down moved to.
    await this.avoidance.onStarted(tx, la, p.childId);
  }

  /** A new weekly price from its effective date (an uplift on 1 April, a variation): the commitment is costed again. */
  @HandlesEvent(PlacementPriceChangedV1)
  async onPriceChanged(p: PayloadOf<typeof PlacementPriceChangedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const placement = await this.known(envelope.localAuthority, p.placementId, tx);
    const start = dayOf(placement.startDate)!;
    const from = p.effectiveFrom < start ? start : p.effectiveFrom;
    await this.repo.setPrice(envelope.localAuthority, p.placementId, asDate(from), p.weeklyCostPence, p.reason, randomUUID(), tx);
    const prices = [
      ...placement.prices
        .filter((x) => dayOf(x.effectiveFrom) !== from)
        .map((x) => ({ from: dayOf(x.effectiveFrom)!, weeklyPence: x.weeklyCostPence })),
      { from, weeklyPence: p.weeklyCostPence },
    ];
    const now = londonToday();
    await this.repo.updatePlacement(
      envelope.localAuthority,
      p.placementId,
      { weeklyCostPence: priceOn(prices, now > start ? now : start) },
      tx,
    );
    await this.commitments.recompute(tx, envelope.localAuthority, p.placementId, 'PRICE_CHANGED', origin(envelope));
  }

  /** Notice given: the commitment stops at the notice's end date. */
  @HandlesEvent(PlacementNoticeGivenV1)
  async onNoticeGiven(p: PayloadOf<typeof PlacementNoticeGivenV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const placement = await this.known(envelope.localAuthority, p.placementId, tx);
    if (placement.status === 'ENDED') return; // an end already recorded outranks a notice that arrives late
    await this.repo.updatePlacement(envelope.localAuthority, p.placementId, { noticeEndDate: asDate(p.endDate), status: 'NOTICE' }, tx);
    await this.commitments.recompute(tx, envelope.localAuthority, p.placementId, 'NOTICE_GIVEN', origin(envelope));
  }

  /** Ended: the commitment stops at the end date (the last day of the placement). */
  @HandlesEvent(PlacementEndedV1)
  async onEnded(p: PayloadOf<typeof PlacementEndedV1>, ctx: EventContext<Tx>): Promise<void> {
    await this.ended(p, ctx);
  }

  /** Ended, for a placement with no request (one imported from the 903 return): as version 1. */
  @HandlesEvent(PlacementEndedV2)
  async onEndedWithoutRequest(p: PayloadOf<typeof PlacementEndedV2>, ctx: EventContext<Tx>): Promise<void> {
    await this.ended(p, ctx);
  }

  private async ended(p: { placementId: string; endDate: string; reason: EndReason }, { envelope, tx }: EventContext<Tx>): Promise<void> {
    await this.known(envelope.localAuthority, p.placementId, tx);
    await this.repo.updatePlacement(
      envelope.localAuthority,
      p.placementId,
      { endDate: asDate(p.endDate), endReason: p.reason, status: 'ENDED' },
      tx,
    );
    await this.commitments.recompute(tx, envelope.localAuthority, p.placementId, 'ENDED', origin(envelope));
    // An exit from care, or a step-down, is cost avoidance.
    await this.avoidance.onEnded(tx, envelope.localAuthority, p.placementId, p.reason);
  }

  /** A change to a placement finance has not seen yet is retried (placement.started may still be on its way). */
  private async known(localAuthority: string, placementId: string, tx: Tx) {
    const p = await this.repo.placementTerms(localAuthority, placementId, tx);
    if (!p) throw new Error(`placement ${placementId} is not known to finance yet; will retry`);
    return p;
  }
}
