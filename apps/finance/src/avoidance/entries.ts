import { pounds } from '@placewise/contracts';
import { addCalendarDays } from '@placewise/contracts/dates';
import { costOfDays, daysInclusive, financialYearOf, fyEnd, type Annualisation } from '../money.js';

export type AvoidanceKind = 'STEP_DOWN' | 'EXIT_FROM_CARE' | 'AGE_18';

export interface EntryFigures {
  financialYear: number;
  from: string;
  to: string;
  days: number;
  amountPence: number;
}

/**
 * The cost avoided when a weekly cost stops being paid after `lastDay` (the last day of the placement
 * left): that weekly cost over the rest of the financial year `lastDay` falls in, from the next day to
 * 31 March, costed like a commitment. Null when nothing of the year is left (it stopped on 31 March).
 */
export function entryFigures(weeklyPence: number, lastDay: string, basis: Annualisation): EntryFigures | null {
  const financialYear = financialYearOf(lastDay);
  const from = addCalendarDays(lastDay, 1);
  const to = fyEnd(financialYear);
  if (from > to || weeklyPence <= 0) return null;
  const days = daysInclusive(from, to);
  return { financialYear, from, to, days, amountPence: costOfDays(weeklyPence, days, basis) };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A day in words: 2026-12-31 is "31 December 2026". */
export function dayInWords(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** Pence in pounds: 550000 is "£5,500.00" (the contracts' formatter, one for every service). */
export { pounds };

/** The entry's reason, in words, as the rules' own reasons promise it (cost avoided, not a cash saving). */
export function entryReason(
  kind: AvoidanceKind,
  f: EntryFigures,
  weeks: { weeklyPence: number; fromWeeklyPence?: number; toWeeklyPence?: number; description?: string | null },
): string {
  const rest = `${pounds(weeks.weeklyPence)} a week no longer paid for the ${f.days} days from ${dayInWords(f.from)} to ${dayInWords(f.to)}: cost avoided, not a cash saving.`;
  switch (kind) {
    case 'STEP_DOWN': {
      const what = weeks.description ? ` (${weeks.description})` : '';
      return `Stepped down${what} from ${pounds(weeks.fromWeeklyPence ?? 0)} to ${pounds(weeks.toWeeklyPence ?? 0)} a week: ${rest}`;
    }
    case 'EXIT_FROM_CARE':
      return `Left care on ${dayInWords(addCalendarDays(f.from, -1))}: the placement's ${rest}`;
    case 'AGE_18':
      return `Left care at 18 on ${dayInWords(addCalendarDays(f.from, -1))}: the placement's ${rest}`;
  }
}
