import { Injectable } from '@nestjs/common';
import { DecisionRecordedV1, type PayloadOf } from '@placewise/contracts';
import { HandlesEvent, type EventContext } from '@placewise/platform';
import type { Tx } from '../prisma.service.js';
import { asDate } from '@placewise/contracts/dates';
import { AvoidanceRepository } from './avoidance.repository.js';
import { AvoidanceEntries } from './entries.service.js';

const APPROVALS = new Set(['APPROVED', 'APPROVED_WITH_CONDITIONS']);

@Injectable()
export class AvoidanceHandlers {
  constructor(
    private readonly repo: AvoidanceRepository,
    private readonly entries: AvoidanceEntries,
  ) {}

  /**
   * An approval: finance keeps its review date (for the high-cost register) and the counterfactual it
   * avoided (for cost avoidance), against the request, until the request's placement starts. Other
   * outcomes change nothing here. A late, older decision never overwrites a newer one.
   */
  @HandlesEvent(DecisionRecordedV1)
  async onDecisionRecorded(p: PayloadOf<typeof DecisionRecordedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    if (!APPROVALS.has(p.outcome)) return;
    const la = envelope.localAuthority;
    // An approved step-down with its weekly costs is cost avoidance from the day it takes effect.
    await this.entries.onDecision(tx, la, p);
    const decidedAt = new Date(p.decidedAt);
    const known = await this.repo.decision(la, p.requestId, tx);
    if (known && known.decidedAt > decidedAt) return;
    const reviewDate = p.conditions.reviewDate ? asDate(p.conditions.reviewDate) : null;
    const cf = p.counterfactual;
    await this.repo.saveDecision(
      {
        requestId: p.requestId,
        localAuthority: la,
        decisionId: p.decisionId,
        decidedAt,
        reviewDate,
        cfDescription: cf?.description ?? null,
        cfPlacementType: cf?.placementType ?? null,
        cfWeeklyCostPence: cf?.weeklyCostPence ?? null,
        cfSource: cf?.source ?? null,
      },
      tx,
    );
    if (reviewDate) await this.repo.setReviewDateForRequest(la, p.requestId, reviewDate, tx);
  }
}
