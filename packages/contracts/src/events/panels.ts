import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import {
  ApproverTier,
  DecisionOutcome,
  IsoDate,
  LegalStatus,
  Location,
  Pence,
  PlacementType,
  Provision,
  RequestKind,
  Urgency,
} from '../domain.js';

export const DecisionConditions = z.object({
  maxWeeklyCostPence: Pence.optional(),
  fundingEndDate: IsoDate.optional(),
  reviewDate: IsoDate.optional(),
  notes: z.array(z.string().max(2000)).max(20).default([]),
});
export type DecisionConditions = z.infer<typeof DecisionConditions>;

export const DecisionRecordedV1 = defineEvent({
  type: 'decision.recorded',
  version: 1,
  producer: 'panels',
  schema: z.object({
    decisionId: z.uuid(),
    caseId: z.uuid(),
    requestId: z.uuid(),
    childId: z.uuid(),
    childAge: z.number().int().min(0).max(25),
    kind: RequestKind,
    legalStatus: LegalStatus,
    placementType: PlacementType,
    provision: Provision,
    location: Location,
    urgency: Urgency,
    requestedWeeklyCostPence: Pence,
    outcome: DecisionOutcome,
    conditions: DecisionConditions,
    decidedBy: z.string(),
    decidedByTier: ApproverTier.or(z.literal('PANEL')),
    decidedAt: z.iso.datetime({ offset: true }),
    reason: z.string().max(4000),
  }),
});
