import { Injectable } from '@nestjs/common';
import { DecisionRecordedV1, type PayloadOf } from '@placewise/contracts';
import { HandlesEvent, type EventContext } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import type { Tx } from '../prisma.service.js';
import { SearchesRepository } from './searches.repository.js';

/** Kinds of request whose approval means a placement must be found. */
const NEEDS_A_PLACEMENT = new Set(['ENTRY_TO_CARE', 'PLACEMENT', 'STEP_DOWN']);

@Injectable()
export class SearchesHandlers {
  constructor(private readonly searches: SearchesRepository) {}

  /** An approved placement opens a search, bounded by the approved weekly ceiling. */
  @HandlesEvent(DecisionRecordedV1)
  async onDecision(p: PayloadOf<typeof DecisionRecordedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    if (p.outcome !== 'APPROVED' && p.outcome !== 'APPROVED_WITH_CONDITIONS') return;
    if (!NEEDS_A_PLACEMENT.has(p.kind)) return;
    await this.searches.open(
      {
        id: randomUUID(),
        localAuthority: envelope.localAuthority,
        requestId: p.requestId,
        decisionId: p.decisionId,
        childId: p.childId,
        childAge: p.childAge,
        placementType: p.placementType,
        provision: p.provision,
        location: p.location,
        urgency: p.urgency,
        ceilingPence: p.conditions.maxWeeklyCostPence ?? p.requestedWeeklyCostPence,
        fundingEndDate: p.conditions.fundingEndDate ? new Date(`${p.conditions.fundingEndDate}T00:00:00Z`) : null,
        status: 'OPEN',
        correlationId: envelope.correlationId,
      },
      tx,
    );
  }
}
