import { Day, DayBetween, Text, TODAY } from '@placewise/contracts';
import { z } from 'zod';
import { ClockRole } from './clock-rules.js';

export const DueQuery = z.object({
  /** Whose list: one role that owns clocks. By default the caller's own roles. Managers and auditors may ask for any role. */
  role: ClockRole.optional(),
  /** Only clocks due within this many days (late ones are always listed). */
  within: z.coerce.number().int().min(0).max(3660).optional(),
  take: z.coerce.number().int().min(1).max(500).default(200),
});
export type DueQuery = z.infer<typeof DueQuery>;

export const CompleteClock = z
  .object({
    /** The London day it was done: the plan signed, the visit made, the review held. Not in the future. */
    doneOn: DayBetween({ to: TODAY }),
    /** What was done, in a sentence or two (no child's name needed: the clock already names the child by id). */
    note: Text(2000, { multiline: true }),
  })
  .strict();
export type CompleteClock = z.infer<typeof CompleteClock>;

export const IndicatorsQuery = z.object({
  /** The first month counted is this day's (by default, eleven months before this one). */
  from: Day.optional(),
  /** The last month counted is this day's (by default, this month). */
  to: Day.optional(),
});
export type IndicatorsQuery = z.infer<typeof IndicatorsQuery>;
