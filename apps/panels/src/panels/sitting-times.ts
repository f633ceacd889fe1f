import { addCalendarDays, londonClock, subtractWorkingDays, toDayNumber } from '@placewise/contracts/dates';

/**
 * Panels-specific wall-clock arithmetic: a sitting starts at a Europe/London time of day, and its
 * cut-off is the same time some working days earlier. Days, working days and bank holidays come
 * from @placewise/contracts/dates; only what a sitting needs beyond them is here.
 */

/** The London wall clock at an instant: { date: 'YYYY-MM-DD', time: 'HH:MM' }. */
export function londonParts(at: Date): { date: string; time: string } {
  const { date, minutes } = londonClock(at.toISOString());
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return { date, time: `${hh}:${mm}` };
}

/** The instant at which London's wall clock shows `date` `time` (the later one in the autumn overlap is not chosen). */
export function londonToInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  // London is UTC+0 or UTC+1: try both offsets, keep the one whose wall clock matches.
  for (const offsetH of [0, 1]) {
    const t = new Date(guess - offsetH * 3_600_000);
    const p = londonParts(t);
    if (p.date === date && p.time === time.padStart(5, '0')) return t;
  }
  return new Date(guess - 3_600_000); // the spring-forward gap: an hour later on the wall clock
}

/** ISO weekday of a day: 1 = Monday ... 7 = Sunday (day 0 of the day numbers, 1970-01-01, was a Thursday). */
export function isoWeekday(day: string): number {
  return ((((toDayNumber(day) + 3) % 7) + 7) % 7) + 1;
}

/**
 * The regular sittings of a weekly pattern from `from` to `until`: each with its start and its
 * cut-off (the same time of day, `cutOffWorkingDays` working days earlier).
 */
export function regularSittings(
  pattern: { weekday: number; timeOfDay: string; cutOffWorkingDays: number },
  from: Date,
  until: Date,
): { startsAt: Date; cutOffAt: Date }[] {
  const out: { startsAt: Date; cutOffAt: Date }[] = [];
  let date = londonParts(from).date;
  while (isoWeekday(date) !== pattern.weekday) date = addCalendarDays(date, 1);
  for (;;) {
    const startsAt = londonToInstant(date, pattern.timeOfDay);
    if (startsAt > until) break;
    if (startsAt >= from)
      out.push({ startsAt, cutOffAt: londonToInstant(subtractWorkingDays(date, pattern.cutOffWorkingDays), pattern.timeOfDay) });
    date = addCalendarDays(date, 7);
  }
  return out;
}
