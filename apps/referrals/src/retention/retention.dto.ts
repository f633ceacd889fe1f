import { Day } from '@placewise/contracts';
import { z } from 'zod';

export const RemovalsQuery = z
  .object({
    from: Day.optional(),
    to: Day.optional(),
    take: z.coerce.number().int().min(1).max(500).default(100),
    skip: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });

/** The council's retention for children who were never looked after, in whole years after the last decision. */
export const SetRetentionPolicy = z
  .object({
    notLookedAfterYears: z
      .number({ error: 'must be a whole number of years' })
      .int({ error: 'must be a whole number of years' })
      .min(1, { error: 'must be at least 1 year' })
      .max(100, { error: 'must be at most 100 years' }),
  })
  .strict();
