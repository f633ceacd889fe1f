import { Text } from '@placewise/contracts';
import { z } from 'zod';
import { Category } from '../finance.dto.js';

const Year = z.number().int().min(2000).max(2100);

export const SetBudget = z
  .object({
    financialYear: Year,
    category: Category,
    amountPence: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    reason: Text(500, { multiline: true }).optional(),
  })
  .strict();
export type SetBudget = z.infer<typeof SetBudget>;

/** Moves budget from one category to another within a year; both sides are logged with who and why. */
export const Virement = z
  .object({
    financialYear: Year,
    fromCategory: Category,
    toCategory: Category,
    amountPence: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    reason: Text(500, { multiline: true, minMessage: 'a virement needs a reason' }),
  })
  .strict()
  .refine((v) => v.fromCategory !== v.toCategory, { path: ['toCategory'], message: 'must differ from fromCategory' });
export type Virement = z.infer<typeof Virement>;
