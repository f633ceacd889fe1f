import { z } from 'zod';
import { FinancialYear } from '../finance.dto.js';

const IsoDate = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });
const PenceAmount = z.number().int().positive().max(2_147_483_647);

export const CommitmentQuery = z.object({
  financialYear: FinancialYear.optional(),
  placementId: z.uuid().optional(),
  take: z.coerce.number().int().min(1).max(500).default(100),
  skip: z.coerce.number().int().min(0).default(0),
});
export type CommitmentQuery = z.infer<typeof CommitmentQuery>;

/** A partner's weekly contribution (HEALTH, EDUCATION) or income per night (UASC_GRANT). */
export const AddContribution = z
  .object({
    kind: z.enum(['HEALTH', 'EDUCATION', 'UASC_GRANT']),
    fromDate: IsoDate,
    toDate: IsoDate.nullable().optional(),
    weeklyPence: PenceAmount.optional(),
    nightlyPence: PenceAmount.optional(),
    note: z.string().max(500).optional(),
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

export const ReviewDate = z.object({ reviewDate: IsoDate }).strict();

export const CouncilSettingsInput = z
  .object({
    annualisation: z.enum(['365/7', '52']).optional(),
    openEndedTo: z.enum(['YEAR_END', 'AGE_18']).optional(),
    highCostWeeklyPence: PenceAmount.optional(),
  })
  .strict();

export const AsOfQuery = z.object({ asOf: IsoDate.optional(), format: z.enum(['json', 'csv']).optional() });
