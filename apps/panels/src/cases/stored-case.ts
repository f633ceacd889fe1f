import { ApproverTier, Counterfactual, DeadlinePurpose, DecisionConditions, PanelType, ReapprovalLink } from '@placewise/contracts';
import { z } from 'zod';
import type { Case, Decision } from '../../generated/client/index.js';

/**
 * The case and decision tables' JSON columns, parsed at the repository boundary so services get
 * typed values. Every object is loose: a value is passed on (in the API's views and the audit
 * trail) exactly as it was stored, with any field this schema does not name.
 */
export const StoredOutcome = z.looseObject({
  ruleSetVersion: z.string(),
  policyHash: z.string(),
  approver: ApproverTier,
  panel: PanelType.nullable(),
  costBand: z.string().nullable(),
  retrospective: z.boolean(),
  gates: z.array(z.looseObject({ id: z.string(), ruleId: z.string(), text: z.string() })),
  deadlines: z.array(
    z.looseObject({ id: z.string(), ruleId: z.string(), purpose: DeadlinePurpose.optional(), due: z.string(), text: z.string() }),
  ),
  reasons: z.array(z.looseObject({ ruleId: z.string(), text: z.string() })),
});
export type StoredOutcome = z.infer<typeof StoredOutcome>;

const InformationRequested = z.array(z.string());
export const StoredConditions = DecisionConditions.loose();
export type StoredConditions = z.infer<typeof StoredConditions>;

/** What a panel decision keeps of its sitting: the tally, the votes, the conflicts and the quorum. */
export const StoredVotes = z.looseObject({ tally: z.record(z.string(), z.number()).optional() });
export type StoredVotes = z.infer<typeof StoredVotes>;

type CaseJson = 'outcome' | 'informationRequested' | 'reapproval';
type DecisionJson = 'conditions' | 'votes' | 'counterfactual' | 'informationRequested';

/** A case row with its JSON columns parsed. */
export type StoredCase = Omit<Case, CaseJson> & {
  outcome: StoredOutcome;
  informationRequested: string[] | null;
  reapproval: ReapprovalLink | null;
};
/** A decision row with its JSON columns parsed. */
export type StoredDecision = Omit<Decision, DecisionJson> & {
  conditions: StoredConditions;
  votes: StoredVotes | null;
  counterfactual: Counterfactual | null;
  informationRequested: string[] | null;
};
export type CaseWithDecisions = StoredCase & { decisions: StoredDecision[] };

export function parseCase(c: Case & { decisions: Decision[] }): CaseWithDecisions;
export function parseCase(c: Case): StoredCase;
export function parseCase(c: Case & { decisions?: Decision[] }): StoredCase | CaseWithDecisions {
  const parsed: StoredCase = {
    ...c,
    outcome: StoredOutcome.parse(c.outcome),
    informationRequested: c.informationRequested == null ? null : InformationRequested.parse(c.informationRequested),
    reapproval: c.reapproval == null ? null : ReapprovalLink.loose().parse(c.reapproval),
  };
  return c.decisions ? { ...parsed, decisions: c.decisions.map(parseDecision) } : parsed;
}

export function parseDecision(d: Decision): StoredDecision {
  return {
    ...d,
    conditions: StoredConditions.parse(d.conditions),
    votes: d.votes == null ? null : StoredVotes.parse(d.votes),
    counterfactual: d.counterfactual == null ? null : Counterfactual.loose().parse(d.counterfactual),
    informationRequested: d.informationRequested == null ? null : InformationRequested.parse(d.informationRequested),
  };
}
