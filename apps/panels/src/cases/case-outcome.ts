import {
  DECISION_PURPOSES,
  DeadlinePurpose,
  RoutedOutcome,
  type PayloadOf,
  type RequestSubmittedV1,
  type RoutedOutcomeV2,
} from '@placewise/contracts';
import { deadlinePurposeOf } from '@placewise/rules';
import { z } from 'zod';

/**
 * The rules' outcome as a case keeps it (the `outcome` JSON column). A case opened from
 * request.submitted version 2 has a purpose on every deadline; one opened from version 1 has the
 * purpose the rule sets give its id, and none for an id they do not know. Cases stored before
 * deadlines carried a purpose have none: `purpose` is optional here, never assumed.
 */
export const CaseOutcome = RoutedOutcome.extend({
  deadlines: z.array(
    z.object({
      id: z.string(),
      ruleId: z.string(),
      purpose: DeadlinePurpose.optional(),
      due: z.iso.datetime({ offset: true }),
      text: z.string(),
    }),
  ),
});
export type CaseOutcome = z.infer<typeof CaseOutcome>;

/** A version-1 outcome with each deadline's purpose looked up by its id in the rule sets (not guessed from the id's words). */
export function outcomeFromV1(o: PayloadOf<typeof RequestSubmittedV1>['outcome']): CaseOutcome {
  return {
    ...o,
    deadlines: o.deadlines.map((d) => {
      const purpose = deadlinePurposeOf(d.id, o.ruleSetVersion);
      return purpose ? { ...d, purpose } : { ...d };
    }),
  };
}

export function outcomeFromV2(o: RoutedOutcomeV2): CaseOutcome {
  return o;
}

/** The case must be decided by the earliest deadline the rules set for a decision (or a ratification), if any. */
export function decisionDue(o: CaseOutcome): Date | null {
  const due = o.deadlines
    .filter((d) => d.purpose !== undefined && DECISION_PURPOSES.includes(d.purpose))
    .map((d) => Date.parse(d.due))
    .sort((a, b) => a - b);
  return due[0] !== undefined ? new Date(due[0]) : null;
}
