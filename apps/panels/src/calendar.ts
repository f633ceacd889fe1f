import { addCalendarDays, subtractWorkingDays } from '@placewise/rules';

/**
 * Europe/London wall-clock times for panel sittings and their cut-offs. Working days (England and
 * Wales bank holidays) come from the rules package's calendar, the one place they are kept.
 */
export const ZONE = 'Europe/London';

const fmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The London wall clock at an instant: { date: 'YYYY-MM-DD', time: 'HH:MM' }. */
export function londonParts(at: Date): { date: string; time: string } {
  const p = Object.fromEntries(fmt.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
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

export { addCalendarDays as addDays, isWorkingDay, subtractWorkingDays } from '@placewise/rules';

/** ISO weekday of a date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(isoDate: string): number {
  return new Date(`${isoDate}T00:00:00Z`).getUTCDay() || 7;
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
