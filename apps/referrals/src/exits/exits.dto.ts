import { IsoDate, Pence, PlacementType } from '@placewise/contracts';
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
    estimatedExitDate: IsoDate.nullable().optional(),
    reason: z.string().trim().min(3).max(1000),
  })
  .strict()
  .refine((b) => b.permanencePlan !== undefined || b.exitRoute !== undefined || b.estimatedExitDate !== undefined, {
    message: 'nothing to change',
    path: ['(body)'],
  });

export const SetStepDown = z
  .object({
    to: PlacementType,
    readyFrom: IsoDate,
    weeklyCostPence: Pence,
    reason: z.string().trim().min(3).max(1000),
  })
  .strict();

export const Cohort = z.object({ inCohort: z.boolean(), reason: z.string().trim().min(3).max(1000) }).strict();

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
    description: z.string().trim().min(1).max(500),
    owner: z.string().trim().min(1).max(100),
    dueDate: IsoDate,
  })
  .strict();

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM');
export const SetTarget = z.object({ exits: z.number().int().min(0).max(10_000) }).strict();
export const MonthQuery = z.object({ month: Month.optional() });

export const ReunificationStageName = z.enum(['ASSESSMENT', 'PLAN', 'TRIAL_AT_HOME', 'DISCHARGED']);
export const STAGE_ORDER = ReunificationStageName.options;

export const StartReunification = z
  .object({ withParentsUnderOrder: z.boolean().default(false), note: z.string().trim().max(1000).optional() })
  .strict();
export const AdvanceReunification = z
  .object({ stage: ReunificationStageName, on: IsoDate, note: z.string().trim().max(1000).optional() })
  .strict();

export const EdgeAlternative = z.enum(['FAMILY_GROUP_CONFERENCE', 'EDGE_OF_CARE_SUPPORT', 'FAMILY_NETWORK', 'OTHER']);
export const RecordEdgeOfCare = z.object({ alternative: EdgeAlternative, divertedOn: IsoDate.optional() }).strict();
