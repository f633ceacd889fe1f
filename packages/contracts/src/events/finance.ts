import { z } from 'zod';
import { defineEvent } from '../envelope.js';

/** A category's forecast for a financial year crossed 90% or 100% of its budget (emitted once per crossing). */
export const BudgetThresholdCrossedV1 = defineEvent({
  type: 'budget.threshold-crossed',
  version: 1,
  producer: 'finance',
  schema: z.object({
    financialYear: z.number().int().min(2000).max(2100),
    category: z.string().min(1),
    thresholdPercent: z.union([z.literal(90), z.literal(100)]),
    forecastPence: z.number().int(),
    budgetPence: z.number().int().nonnegative(),
    crossedAt: z.iso.datetime({ offset: true }),
  }),
});
