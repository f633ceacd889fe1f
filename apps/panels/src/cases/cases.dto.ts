import { A_YEAR_AHEAD, Counterfactual, Day, DayBetween, DecisionConditions, Text } from '@placewise/contracts';
import { z } from 'zod';
import { CaseStatus } from '../stored-enums.js';

const APPROVALS = new Set(['APPROVED', 'APPROVED_WITH_CONDITIONS']);

/** The event's conditions, as a person enters them: a review within a year, text without control characters. */
const Conditions = DecisionConditions.extend({
  fundingEndDate: Day.optional(),
  reviewDate: DayBetween({ to: A_YEAR_AHEAD }).optional(),
  notes: z
    .array(Text(2000, { multiline: true }))
    .max(20)
    .default([]),
}).strict();

const CounterfactualInput = Counterfactual.extend({ description: Text(500), source: Text(500) }).strict();

export const RecordDecision = z
  .object({
    outcome: z.enum(['APPROVED', 'APPROVED_WITH_CONDITIONS', 'DECLINED', 'DEFERRED', 'REFERRED_UP']),
    conditions: Conditions.optional(),
    reason: Text(4000, { multiline: true }),
    /** DEFERRED: what the social worker must provide; the resubmission returns the case to the next sitting. */
    informationRequested: z.array(Text(200)).min(1).max(20).optional(),
    /** DEFERRED: the date the information is needed by. */
    returnBy: Day.optional(),
    /** An approval: the option it avoided and its price, for finance's cost avoidance. */
    counterfactual: CounterfactualInput.optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    const c = d.conditions;
    const any =
      !!c && (c.maxWeeklyCostPence !== undefined || c.fundingEndDate !== undefined || c.reviewDate !== undefined || c.notes.length > 0);
    if (d.outcome === 'APPROVED_WITH_CONDITIONS' && !any) {
      ctx.addIssue({ code: 'custom', path: ['conditions'], message: 'approved with conditions needs at least one condition' });
    }
    if (d.outcome !== 'APPROVED_WITH_CONDITIONS' && any) {
      ctx.addIssue({ code: 'custom', path: ['conditions'], message: 'only APPROVED_WITH_CONDITIONS carries conditions' });
    }
    if (d.outcome !== 'DEFERRED' && (d.informationRequested || d.returnBy)) {
      ctx.addIssue({ code: 'custom', path: ['informationRequested'], message: 'only a deferral asks for information' });
    }
    if (d.returnBy && !d.informationRequested)
      ctx.addIssue({ code: 'custom', path: ['returnBy'], message: 'a return date needs the information asked for' });
    if (d.counterfactual && !APPROVALS.has(d.outcome))
      ctx.addIssue({ code: 'custom', path: ['counterfactual'], message: 'only an approval records the option it avoided' });
  });
export type RecordDecision = z.infer<typeof RecordDecision>;

export const RecordEvidence = z
  .object({
    /** One of the case's gates, e.g. "gate.placement_plan". */
    gateId: Text(200),
    /** What shows the gate is met (a document reference, who was consulted and when). */
    evidence: Text(4000, { multiline: true }),
  })
  .strict();

export const ListCases = z.object({
  status: CaseStatus.optional(),
  /** Only the cases this person may decide. */
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  requestId: z.uuid().optional(),
  take: z.coerce.number().int().min(1).max(200).default(50),
  skip: z.coerce.number().int().min(0).default(0),
});
export type ListCases = z.infer<typeof ListCases>;

export const AuditQuery = z.object({
  /** Entries after this id (for paging through the trail). */
  after: z.coerce.bigint().nonnegative().optional(),
  take: z.coerce.number().int().min(1).max(1000).default(200),
});
