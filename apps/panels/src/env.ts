import { BaseEnv } from '@placewise/platform';
import { z } from 'zod';
import { ClockTimings } from './clocks/clock-rules.js';

export const PanelsEnv = BaseEnv.extend({
  /** How often the timer sweep recomputes due reminders and escalations from the database. */
  TIMER_SWEEP_MS: z.coerce.number().int().min(200).max(3_600_000).default(60_000),
  /** How long before a decision deadline the decider is reminded. */
  REMINDER_LEAD_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(24 * 3_600_000),
  /** After an escalation, the time the new (more senior) decider has before the next one. */
  ESCALATION_GRACE_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(2 * 24 * 3_600_000),
  /**
   * Statutory clocks: how long before its deadline a clock's owner is reminded, by purpose. Either one
   * number of ms for every purpose, or JSON such as {"VISIT": 172800000, "*": 86400000}, laid over the
   * defaults in src/clocks/clock-rules.ts.
   */
  CLOCK_REMINDER_LEAD_MS: ClockTimings.optional(),
  /** Statutory clocks: how long after its deadline a clock escalates to the next tier (same forms; default 0, at the deadline). */
  CLOCK_ESCALATION_AFTER_MS: ClockTimings.optional(),
  /** How far ahead regular sittings are put in the calendar. */
  SITTINGS_HORIZON_WEEKS: z.coerce.number().int().min(1).max(52).default(8),
});
export type PanelsEnv = typeof PanelsEnv._output;
