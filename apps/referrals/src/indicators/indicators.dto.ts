import { DayBetween, Text } from '@placewise/contracts';
import { toDayNumber } from '@placewise/contracts/dates';
import { z } from 'zod';

/** Inputs of the indicators' routes, built from the contracts' domain types (days, text). */
const Day = DayBetween({ from: '2000-01-01' });

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM');
export const Year = z.coerce
  .number({ error: 'must be a year' })
  .int('must be a year')
  .min(2000, 'must not be before 2000')
  .max(2100, 'must not be after 2100');

export const MEASURES = [
  'in-care',
  'in-care-uasc',
  'entries',
  'entries-uasc',
  'exits',
  'exits-uasc',
  'exits-reunification',
  'exits-special-guardianship',
  'exits-adoption',
  'exits-aged-18-and-over',
  'exits-other',
  'three-or-more-placements',
  'three-or-more-placements-cohort',
  'long-term-stability',
  'long-term-stability-cohort',
  'out-of-area',
  'over-20-miles',
  'distance-unknown',
] as const;
export const Measure = z.enum(MEASURES);

/** A period: from and to, both included, at most 6 years; defaults are the last 12 whole months. */
export const PeriodFields = z.object({
  from: Day.optional(),
  to: Day.optional(),
  format: z.enum(['json', 'csv']).optional(),
});
const ordered = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const short = (q: { from?: string; to?: string }) => {
  if (!q.from || !q.to) return true;
  try {
    return toDayNumber(q.to) - toDayNumber(q.from) <= 6 * 366;
  } catch {
    return true; // the field's own check has refused it
  }
};
export const PeriodQuery = PeriodFields.strict()
  .refine(ordered, { message: 'must not be after to', path: ['from'] })
  .refine(short, { message: 'a period is at most six years', path: ['from'] });

export const ChildrenFields = z.object({
  measure: Measure,
  from: Day.optional(),
  to: Day.optional(),
  /** One month of the period's series instead of the whole period. */
  month: Month.optional(),
  format: z.enum(['json', 'csv']).optional(),
});
export const ChildrenQuery = ChildrenFields.strict()
  .refine(ordered, { message: 'must not be after to', path: ['from'] })
  .refine(short, { message: 'a period is at most six years', path: ['from'] });

const Reason = Text(500, { min: 3, multiline: true }).optional();

export const SetPopulation = z.object({ children: z.number().int().min(1).max(5_000_000), reason: Reason }).strict();

export const SetComparators = z
  .object({
    comparators: z
      .array(z.object({ name: Text(100), ratePer10k: z.number().min(0).max(10_000) }).strict())
      .max(30)
      .refine((cs) => new Set(cs.map((c) => c.name.toLowerCase())).size === cs.length, 'names must differ'),
    reason: Reason,
  })
  .strict();

export const SetEntryTarget = z.object({ entries: z.number().int().min(0).max(10_000), reason: Reason }).strict();

/** ONS local authority codes: a letter and eight digits (E06000001...). */
export const SetArea = z
  .object({
    laCodes: z
      .array(z.string().regex(/^[EWSN]\d{8}$/, 'must be an ONS local authority code, e.g. E06000001'))
      .min(1)
      .max(20),
    reason: Reason,
  })
  .strict();
