import { z } from 'zod';

/**
 * The shapes referrals answers with, for its OpenAPI document (and so for the typed clients
 * generated from it). The services build these views; the schemas describe them.
 */
const Reason = z.object({ ruleId: z.string(), text: z.string() });

export const OutcomeView = z.looseObject({
  ruleSetVersion: z.string(),
  policyHash: z.string(),
  approver: z.string(),
  panel: z.string().nullable(),
  costBand: z.string().nullable(),
  retrospective: z.boolean(),
  blocked: z.boolean(),
  blocks: z.array(z.looseObject({ id: z.string(), ruleId: z.string(), regulation: z.string(), text: z.string() })),
  gates: z.array(z.looseObject({ id: z.string(), ruleId: z.string(), text: z.string() })),
  deadlines: z.array(z.looseObject({ id: z.string(), ruleId: z.string(), due: z.string(), text: z.string() })),
  reasons: z.array(Reason),
});

export const RequestViewSchema = z.object({
  id: z.uuid(),
  childId: z.uuid(),
  childAge: z.number().int(),
  kind: z.string(),
  status: z.string(),
  legalStatus: z.string(),
  placementType: z.string(),
  provision: z.string(),
  weeklyCostPence: z.number().int(),
  location: z.string(),
  urgency: z.string(),
  placedAt: z.string().nullable(),
  effectiveDate: z.string().nullable(),
  approver: z.string(),
  panel: z.string().nullable(),
  outcome: OutcomeView,
  decision: z
    .looseObject({ outcome: z.string(), reason: z.string(), decidedBy: z.string(), decidedAt: z.string(), conditions: z.looseObject({}) })
    .nullable(),
  placementId: z.string().nullable(),
  informationRequested: z.array(z.string()).nullable(),
  reapproval: z.looseObject({ originalRequestId: z.string(), reason: z.string() }).nullable(),
  correlationId: z.string(),
  submittedBy: z.string(),
  submittedAt: z.string(),
  history: z
    .array(
      z.object({ fromStatus: z.string().nullable(), toStatus: z.string(), actor: z.string(), note: z.string().nullable(), at: z.string() }),
    )
    .optional(),
});

/** A 400/404/409/422 body: what went wrong, and for which field. */
export const ErrorView = z.looseObject({
  statusCode: z.number().int(),
  message: z.string(),
  errors: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
});

/** A stored outcome evaluated again with its pinned rule-set version and policy. */
export const ReEvaluationView = z.object({
  identical: z.boolean(),
  ruleSetVersion: z.string(),
  policyHash: z.string(),
  outcome: OutcomeView,
});
