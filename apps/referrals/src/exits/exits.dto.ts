import { Day, Pence, PlacementType, Text } from '@placewise/contracts';
import { z } from 'zod';

export const PermanencePlan = z.enum([
  'REUNIFICATION',
  'SPECIAL_GUARDIANSHIP',
  'CHILD_ARRANGEMENTS_ORDER',
  'ADOPTION',
  'LONG_TERM_FOSTERING',
  'STAYING_PUT',
  'INDEPENDENCE',
  'ADULT_SERVICES',
]);

export const ExitRoute = z.enum([
  'REUNIFICATION',
  'SPECIAL_GUARDIANSHIP_ORDER',
  'CHILD_ARRANGEMENTS_ORDER',
  'ADOPTION',
  'STAYING_PUT_OR_LEAVING_CARE_AT_18',
  'TRANSFER_TO_ADULT_SERVICES',
]);

/** Create or change a care plan summary. Changing a value already set needs a reason; every change is kept. */
export const SetCarePlan = z
  .object({
    permanencePlan: PermanencePlan.optional(),
    exitRoute: ExitRoute.optional(),
    estimatedExitDate: Day.nullable().optional(),
    reason: Text(1000, { min: 3, multiline: true }),
  })
  .strict()
  .refine((b) => b.permanencePlan !== undefined || b.exitRoute !== undefined || b.estimatedExitDate !== undefined, {
    message: 'nothing to change',
    path: ['(body)'],
  });

export const SetStepDown = z
  .object({
    to: PlacementType,
    readyFrom: Day,
    weeklyCostPence: Pence,
    reason: Text(1000, { min: 3, multiline: true }),
  })
  .strict();

export const Cohort = z.object({ inCohort: z.boolean(), reason: Text(1000, { min: 3, multiline: true }) }).strict();

export const ExitStepKind = z.enum([
  'ASSESSMENT',
  'REVOCATION_OF_CARE_ORDER',
  'SGO_APPLICATION',
  'CAO_APPLICATION',
  'SUPPORT_PACKAGE',
  'FAMILY_MEETING',
  'OTHER',
]);

export const AddExitStep = z
  .object({
    kind: ExitStepKind,
    description: Text(500, { multiline: true }),
    owner: Text(100),
    dueDate: Day,
  })
  .strict();

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM');
export const SetTarget = z.object({ exits: z.number().int().min(0).max(10_000) }).strict();
export const MonthQuery = z.object({ month: Month.optional() });

export const ReunificationStageName = z.enum(['ASSESSMENT', 'PLAN', 'TRIAL_AT_HOME', 'DISCHARGED']);
export const STAGE_ORDER = ReunificationStageName.options;

export const StartReunification = z
  .object({ withParentsUnderOrder: z.boolean().default(false), note: Text(1000, { min: 0, multiline: true }).optional() })
  .strict();
export const AdvanceReunification = z
  .object({ stage: ReunificationStageName, on: Day, note: Text(1000, { min: 0, multiline: true }).optional() })
  .strict();

export const EdgeAlternative = z.enum(['FAMILY_GROUP_CONFERENCE', 'EDGE_OF_CARE_SUPPORT', 'FAMILY_NETWORK', 'OTHER']);
export const RecordEdgeOfCare = z.object({ alternative: EdgeAlternative, divertedOn: Day.optional() }).strict();
