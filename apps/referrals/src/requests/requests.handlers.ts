import { Injectable } from '@nestjs/common';
import { DecisionRecordedV1, PlacementStartedV1, type PayloadOf, type RequestStatus } from '@placewise/contracts';
import { HandlesEvent, TerminalEventError, type EventContext } from '@placewise/platform';
import type { Tx } from '../prisma.service.js';
import { RequestsRepository } from './requests.repository.js';

const AFTER_DECISION: Record<PayloadOf<typeof DecisionRecordedV1>['outcome'], RequestStatus | null> = {
  APPROVED: 'APPROVED',
  APPROVED_WITH_CONDITIONS: 'APPROVED',
  DECLINED: 'DECLINED',
  DEFERRED: 'DEFERRED',
  REFERRED_UP: null, // still waiting for a decision, now from the next tier
};

/** Keeps each request's status in step with the journey, from the other services' events. */
@Injectable()
export class RequestsHandlers {
  constructor(private readonly requests: RequestsRepository) {}

  @HandlesEvent(DecisionRecordedV1)
  async onDecision(p: PayloadOf<typeof DecisionRecordedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const req = await this.requests.find(envelope.localAuthority, p.requestId, tx);
    if (!req) throw new TerminalEventError(`decision ${p.decisionId} names unknown request ${p.requestId}`);
    if (req.status === 'PLACED') return; // a placement already started: the journey has moved on
    const decision = { decisionId: p.decisionId, caseId: p.caseId, outcome: p.outcome, conditions: p.conditions, decidedBy: p.decidedBy, decidedByTier: p.decidedByTier, decidedAt: p.decidedAt, reason: p.reason };
    await this.requests.transition(tx, req, {
      toStatus: AFTER_DECISION[p.outcome] ?? req.status,
      actor: p.decidedBy,
      note: `decision ${p.outcome}`,
      eventId: envelope.id,
      data: { decision },
    });
  }

  @HandlesEvent(PlacementStartedV1)
  async onPlacementStarted(p: PayloadOf<typeof PlacementStartedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const req = await this.requests.find(envelope.localAuthority, p.requestId, tx);
    if (!req) throw new TerminalEventError(`placement ${p.placementId} names unknown request ${p.requestId}`);
    await this.requests.transition(tx, req, {
      toStatus: 'PLACED',
      actor: 'commissioning',
      note: `placement ${p.placementId} started ${p.startDate}`,
      eventId: envelope.id,
      data: { placementId: p.placementId },
    });
  }
}
