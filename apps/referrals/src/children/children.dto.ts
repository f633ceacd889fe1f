import { DayBetween, Text, TODAY } from '@placewise/contracts';
import { z } from 'zod';

export const CreateChild = z
  .object({
    givenName: Text(100),
    familyName: Text(100),
    dateOfBirth: DayBetween({ from: { label: '1990-01-01', day: () => '1990-01-01', message: 'is implausibly early' }, to: TODAY }),
    reference: Text(50).optional(),
  })
  .strict();
export type CreateChild = z.infer<typeof CreateChild>;

/** Whole years between a date of birth and a day (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
