import { z } from 'zod';

export const FinancialYear = z.coerce.number().int().min(2000).max(2100);

export const Category = z.string().regex(/^(FOSTERING|PARENT_AND_CHILD|RESIDENTIAL|SECURE|SUPPORTED_ACCOMMODATION|OTHER)_(IN_HOUSE|EXTERNAL)$/, 'must be a placement category such as RESIDENTIAL_EXTERNAL');

export const SetBudget = z
  .object({
    financialYear: z.number().int().min(2000).max(2100),
    category: Category,
    amountPence: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  })
  .strict();
export type SetBudget = z.infer<typeof SetBudget>;

export const YearQuery = z.object({ financialYear: FinancialYear });

export const CommitmentQuery = z.object({
  financialYear: FinancialYear.optional(),
  placementId: z.uuid().optional(),
  take: z.coerce.number().int().min(1).max(500).default(100),
  skip: z.coerce.number().int().min(0).default(0),
});
export type CommitmentQuery = z.infer<typeof CommitmentQuery>;
