import { DecisionConditions } from '@placewise/contracts';
import { z } from 'zod';

export const RecordDecision = z
  .object({
    outcome: z.enum(['APPROVED', 'APPROVED_WITH_CONDITIONS', 'DECLINED', 'DEFERRED', 'REFERRED_UP']),
    conditions: DecisionConditions.strict().optional(),
    reason: z.string().trim().min(1).max(4000),
  })
  .strict()
  .superRefine((d, ctx) => {
    const c = d.conditions;
    const any = !!c && (c.maxWeeklyCostPence !== undefined || c.fundingEndDate !== undefined || c.reviewDate !== undefined || c.notes.length > 0);
    if (d.outcome === 'APPROVED_WITH_CONDITIONS' && !any) {
      ctx.addIssue({ code: 'custom', path: ['conditions'], message: 'approved with conditions needs at least one condition' });
    }
    if (d.outcome !== 'APPROVED_WITH_CONDITIONS' && any) {
      ctx.addIssue({ code: 'custom', path: ['conditions'], message: 'only APPROVED_WITH_CONDITIONS carries conditions' });
    }
  });
export type RecordDecision = z.infer<typeof RecordDecision>;

export const ListCases = z.object({
  status: z.enum(['OPEN', 'DECIDED']).optional(),
  /** Only the cases this person may decide. */
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  requestId: z.uuid().optional(),
  take: z.coerce.number().int().min(1).max(200).default(50),
  skip: z.coerce.number().int().min(0).default(0),
});
export type ListCases = z.infer<typeof ListCases>;
