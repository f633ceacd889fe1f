import { Injectable } from '@nestjs/common';
import { PlacementStartedV1, type PayloadOf } from '@placewise/contracts';
import { HandlesEvent, type EventContext } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import type { Tx } from '../prisma.service.js';
import { CommitmentsRepository } from './commitments.repository.js';
import { categoryOf, commitmentLines } from './money.js';

@Injectable()
export class CommitmentsHandlers {
  constructor(private readonly commitments: CommitmentsRepository) {}

  /** Every placement becomes a commitment: its weekly cost to its planned end or the year end, by financial year. */
  @HandlesEvent(PlacementStartedV1)
  async onPlacementStarted(p: PayloadOf<typeof PlacementStartedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const la = envelope.localAuthority;
    const basis = await this.commitments.annualisation(la, tx);
    const category = categoryOf(p.placementType, p.provision);
    await this.commitments.createPlacement(
      {
        id: p.placementId,
        localAuthority: la,
        requestId: p.requestId,
        childId: p.childId,
        childAge: p.childAge,
        placementType: p.placementType,
        provision: p.provision,
        category,
        weeklyCostPence: p.weeklyCostPence,
        startDate: new Date(`${p.startDate}T00:00:00Z`),
        plannedEndDate: p.plannedEndDate ? new Date(`${p.plannedEndDate}T00:00:00Z`) : null,
        status: 'ACTIVE',
        correlationId: envelope.correlationId,
      },
      tx,
    );
    await this.commitments.createCommitments(
      commitmentLines(p.weeklyCostPence, p.startDate, p.plannedEndDate, basis).map((l) => ({
        id: randomUUID(),
        localAuthority: la,
        placementId: p.placementId,
        financialYear: l.financialYear,
        category,
        fromDate: new Date(`${l.from}T00:00:00Z`),
        toDate: new Date(`${l.to}T00:00:00Z`),
        days: l.days,
        weeklyCostPence: p.weeklyCostPence,
        amountPence: BigInt(l.amountPence),
        basis,
      })),
      tx,
    );
  }
}
