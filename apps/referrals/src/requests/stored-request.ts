import { ApproverTier, DecisionRecordedV1, PanelType, ReapprovalLink } from '@placewise/contracts';
import { EntryRoute, EscalationRecipient, RequestFactsSchema, SpecialApprover, type RulesOutcome } from '@placewise/rules';
import { z } from 'zod';
import type { Prisma, Request, RequestHistory } from '../../generated/client/index.js';

/**
 * The request table's JSON columns, parsed at the repository boundary so services get typed values.
 * Every object is loose: a stored outcome is kept exactly as the rules produced it (a field a later
 * rule-set version adds is carried through), because re-evaluation compares it byte for byte.
 */
const Reason = z.looseObject({ ruleId: z.string(), text: z.string() });
export const StoredOutcome = z.looseObject({
  ruleSetVersion: z.string(),
  policyHash: z.string(),
  approver: ApproverTier,
  panel: PanelType.nullable(),
  panels: z.array(PanelType),
  costBand: z.string().nullable(),
  grossWeeklyCostPence: z.number().int(),
  retrospective: z.boolean(),
  blocked: z.boolean(),
  blocks: z.array(z.looseObject({ id: z.string(), ruleId: z.string(), regulation: z.string(), text: z.string() })),
  gates: z.array(z.looseObject({ id: z.string(), ruleId: z.string(), text: z.string(), regulation: z.string().optional() })),
  deadlines: z.array(
    z.looseObject({
      id: z.string(),
      ruleId: z.string(),
      due: z.string(),
      dueDate: z.string(),
      basis: z.string(),
      text: z.string(),
      regulation: z.string().optional(),
    }),
  ),
  escalations: z.array(
    z.looseObject({
      id: z.string(),
      ruleId: z.string(),
      deadlineId: z.string(),
      kind: z.enum(['WARNING', 'BREACH']),
      at: z.string(),
      notify: z.array(EscalationRecipient),
      text: z.string(),
    }),
  ),
  specialApprovers: z.array(z.looseObject({ role: SpecialApprover, ruleId: z.string(), tier: ApproverTier.nullable(), text: z.string() })),
  warnings: z.array(z.looseObject({ id: z.string(), ruleId: z.string(), text: z.string() })),
  entryRoute: EntryRoute.nullable(),
  reasons: z.array(Reason),
  firedRules: z.array(z.string()),
});
export type StoredOutcome = z.infer<typeof StoredOutcome>;

/** A panel's or approver's decision as kept on the request. */
export const StoredDecision = DecisionRecordedV1.schema.pick({
  decisionId: true,
  caseId: true,
  outcome: true,
  conditions: true,
  decidedBy: true,
  decidedByTier: true,
  decidedAt: true,
  reason: true,
});
export type StoredDecision = z.infer<typeof StoredDecision>;

const InformationRequested = z.array(z.string());

type JsonColumns = 'facts' | 'outcome' | 'decision' | 'informationRequested' | 'reapproval';

/** A request row with its JSON columns parsed. */
export type StoredRequest = Omit<Request, JsonColumns> & {
  facts: z.infer<typeof RequestFactsSchema>;
  outcome: StoredOutcome;
  decision: StoredDecision | null;
  informationRequested: string[] | null;
  reapproval: ReapprovalLink | null;
};
export type StoredRequestWithHistory = StoredRequest & { history: RequestHistory[] };

export function parseFacts(facts: unknown) {
  return RequestFactsSchema.parse(facts);
}

export function parseRequest(r: Request & { history: RequestHistory[] }): StoredRequestWithHistory;
export function parseRequest(r: Request): StoredRequest;
export function parseRequest(r: Request): StoredRequest {
  return {
    ...r,
    facts: parseFacts(r.facts),
    outcome: StoredOutcome.parse(r.outcome),
    decision: r.decision == null ? null : StoredDecision.parse(r.decision),
    informationRequested: r.informationRequested == null ? null : InformationRequested.parse(r.informationRequested),
    reapproval: r.reapproval == null ? null : ReapprovalLink.parse(r.reapproval),
  };
}

/**
 * A value the rules produced, as a JSON column's input. RulesOutcome is an interface of JSON values
 * (strings, numbers, booleans, nulls, arrays and plain objects), but TypeScript gives an interface no
 * index signature, so it cannot see that it is a JSON object.
 */
export function asJson(value: RulesOutcome): Prisma.InputJsonObject {
  return value as unknown as Prisma.InputJsonObject;
}
