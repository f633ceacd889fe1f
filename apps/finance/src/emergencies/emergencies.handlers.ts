import { Injectable, Logger } from '@nestjs/common';
import { PlacementEmergencyStartedV1, PlacementRatifiedV1, PlacementSettingRecordedV1, type PayloadOf } from '@placewise/contracts';
import { asDate } from '@placewise/contracts/dates';
import { HandlesEvent, type EventContext } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import { CommitmentsRepository } from '../commitments/commitments.repository.js';
import { CommitmentsService } from '../commitments/commitments.service.js';
import { categoryOf } from '../money.js';
import type { Tx } from '../prisma.service.js';

const origin = (envelope: EventContext['envelope']) => ({
  localAuthority: envelope.localAuthority,
  correlationId: envelope.correlationId,
  causationId: envelope.id,
});

/**
 * Emergency placements made before their approval: committed from the hour they start, each line
 * marked as awaiting ratification (the forecast shows how much), until the retrospective decision.
 */
@Injectable()
export class EmergenciesHandlers {
  private readonly log = new Logger('EmergenciesHandlers');

  constructor(
    private readonly repo: CommitmentsRepository,
    private readonly commitments: CommitmentsService,
  ) {}

  /** The placement is committed at once, as an awarded one is, with its lines marked as awaiting ratification. */
  @HandlesEvent(PlacementEmergencyStartedV1)
  async onEmergencyStarted(p: PayloadOf<typeof PlacementEmergencyStartedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const la = envelope.localAuthority;
    if (await this.repo.placementTerms(la, p.placementId, tx)) return;
    // The decision may have reached finance first: its review date applies.
    const decision = await this.repo.decisionFor(la, p.requestId, tx);
    await this.repo.createPlacement(
      {
        id: p.placementId,
        localAuthority: la,
        origin: 'EMERGENCY',
        ratification: 'AWAITING',
        requestId: p.requestId,
        childId: p.childId,
        childAge: p.childAge,
        providerId: p.providerId,
        placementType: p.placementType,
        provision: p.provision,
        category: categoryOf(p.placementType, p.provision),
        weeklyCostPence: p.weeklyCostPence,
        startDate: asDate(p.startDate),
        plannedEndDate: null,
        reviewDate: decision?.reviewDate ?? null,
        status: 'ACTIVE',
        correlationId: envelope.correlationId,
      },
      tx,
    );
    await this.repo.setPrice(la, p.placementId, asDate(p.startDate), p.weeklyCostPence, 'START', randomUUID(), tx);
    await this.commitments.recompute(tx, la, p.placementId, 'STARTED', origin(envelope));
  }

  /**
   * The retrospective decision: the mark comes off the lines (a new version, cause RATIFIED), and an
   * approval funded to a date commits to that date. Declined,
   * the cost to date stays committed; the rest goes when the move's notice (placement.notice-given) or
   * the replacement's start (placement.ended) reaches finance. Retried until the placement is known here.
   */
  @HandlesEvent(PlacementRatifiedV1)
  async onRatified(p: PayloadOf<typeof PlacementRatifiedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const la = envelope.localAuthority;
    const placement = await this.repo.placementTerms(la, p.placementId, tx);
    if (!placement) throw new Error(`placement ${p.placementId} is not known to finance yet; will retry`);
    if (placement.ratification !== 'AWAITING') return;
    await this.repo.updatePlacement(
      la,
      p.placementId,
      { ratification: p.outcome, ...(p.plannedEndDate ? { plannedEndDate: asDate(p.plannedEndDate) } : {}) },
      tx,
    );
    await this.commitments.recompute(tx, la, p.placementId, 'RATIFIED', origin(envelope));
    this.log.log({ msg: 'emergency placement ratified', eventId: envelope.id, placementId: p.placementId, outcome: p.outcome });
  }

  /**
   * The commissioner recorded where the emergency placement's child is: the commitment learns the
   * provider it pays (the commitments list filters by it). Retried until the placement is known here.
   */
  @HandlesEvent(PlacementSettingRecordedV1)
  async onSettingRecorded(p: PayloadOf<typeof PlacementSettingRecordedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const la = envelope.localAuthority;
    const placement = await this.repo.placementTerms(la, p.placementId, tx);
    if (!placement) throw new Error(`placement ${p.placementId} is not known to finance yet; will retry`);
    await this.repo.updatePlacement(la, p.placementId, { providerId: p.providerId }, tx);
  }
}
