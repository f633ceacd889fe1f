import { londonToday } from '@placewise/contracts/dates';
import { z } from 'zod';

export const CreateChild = z
  .object({
    givenName: z.string().trim().min(1).max(100),
    familyName: z.string().trim().min(1).max(100),
    dateOfBirth: z.iso
      .date()
      .refine((d) => d <= londonToday(), 'must not be in the future')
      .refine((d) => d >= '1990-01-01', 'is implausibly early'),
    reference: z.string().trim().min(1).max(50).optional(),
  })
  .strict();
export type CreateChild = z.infer<typeof CreateChild>;

/** Whole years between a date of birth and a day (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
