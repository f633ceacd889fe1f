import { A_YEAR_AHEAD, Day, DayBetween, Text } from '@placewise/contracts';
import { z } from 'zod';
import { Category, FinancialYear } from '../finance.dto.js';

/** A partner's contribution or grant: not before 2000. */
const ContributionDay = DayBetween({ from: '2000-01-01' });
const PenceAmount = z.number().int().positive().max(2_147_483_647);

export const CommitmentQuery = z.object({
  financialYear: FinancialYear.optional(),
  placementId: z.uuid().optional(),
  /** A budget category, e.g. RESIDENTIAL_EXTERNAL. */
  category: Category.optional(),
  /** The child's reference in the council (the 903 CHILD): placements imported from the return carry it. */
  childRef: Text(40).optional(),
  /** The provider's id (commissioning's). */
  provider: z.uuid().optional(),
  /** In financial-year order (the default), or the newest first. */
  order: z.enum(['year', 'newest']).default('year'),
  take: z.coerce.number().int().min(1).max(500).default(100),
  skip: z.coerce.number().int().min(0).default(0),
});
export type CommitmentQuery = z.infer<typeof CommitmentQuery>;

/** A partner's weekly contribution (HEALTH, EDUCATION) or income per night (UASC_GRANT). */
export const AddContribution = z
  .object({
    kind: z.enum(['HEALTH', 'EDUCATION', 'UASC_GRANT']),
    fromDate: ContributionDay,
    toDate: ContributionDay.nullable().optional(),
    weeklyPence: PenceAmount.optional(),
    nightlyPence: PenceAmount.optional(),
    note: Text(500, { min: 0, multiline: true }).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === 'UASC_GRANT') {
      if (v.nightlyPence === undefined)
        ctx.addIssue({ code: 'custom', path: ['nightlyPence'], message: 'is required for UASC_GRANT (income per night)' });
      if (v.weeklyPence !== undefined)
        ctx.addIssue({ code: 'custom', path: ['weeklyPence'], message: 'UASC_GRANT is per night: give nightlyPence' });
    } else {
      if (v.weeklyPence === undefined)
        ctx.addIssue({ code: 'custom', path: ['weeklyPence'], message: `is required for ${v.kind} (a weekly contribution)` });
      if (v.nightlyPence !== undefined)
        ctx.addIssue({ code: 'custom', path: ['nightlyPence'], message: `${v.kind} is weekly: give weeklyPence` });
    }
  });
export type AddContribution = z.infer<typeof AddContribution>;

export const ReviewDate = z.object({ reviewDate: DayBetween({ to: A_YEAR_AHEAD }) }).strict();

export const CouncilSettingsInput = z
  .object({
    annualisation: z.enum(['365/7', '52']).optional(),
    openEndedTo: z.enum(['YEAR_END', 'AGE_18']).optional(),
    highCostWeeklyPence: PenceAmount.optional(),
  })
  .strict();

export const AsOfQuery = z.object({ asOf: Day.optional(), format: z.enum(['json', 'csv']).optional() });
