import { Injectable } from '@nestjs/common';
import { RequestSubmittedV1, type PayloadOf } from '@placewise/contracts';
import { HandlesEvent, type EventContext } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import type { Tx } from '../prisma.service.js';
import { CasesRepository } from './cases.repository.js';

@Injectable()
export class CasesHandlers {
  constructor(private readonly cases: CasesRepository) {}

  /** Every routed request becomes a case for the approver or panel the rules named. */
  @HandlesEvent(RequestSubmittedV1)
  async onRequestSubmitted(p: PayloadOf<typeof RequestSubmittedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const o = p.outcome;
    // The case must be decided by the earliest deadline the rules set for a decision, if any.
    const decisionDeadlines = o.deadlines.filter((d) => /approv|decision|ratif/i.test(d.id)).map((d) => d.due).sort();
    await this.cases.open(
      {
        id: randomUUID(),
        localAuthority: envelope.localAuthority,
        requestId: p.requestId,
        childId: p.childId,
        childAge: p.childAge,
        kind: p.kind,
        legalStatus: p.legalStatus,
        placementType: p.placementType,
        provision: p.provision,
        location: p.location,
        urgency: p.urgency,
        requestedWeeklyCostPence: p.weeklyCostPence,
        approver: o.approver,
        panel: o.panel,
        retrospective: o.retrospective,
        costBand: o.costBand,
        outcome: o,
        decisionDue: decisionDeadlines[0] ? new Date(decisionDeadlines[0]) : null,
        status: 'OPEN',
        correlationId: envelope.correlationId,
      },
      tx,
    );
  }
}
