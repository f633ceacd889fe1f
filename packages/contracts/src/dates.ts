import { DateTime } from 'luxon';

/**
 * Placewise's one date module: every day, "today" and deadline in the services, the rules and the
 * web app comes from here (a lint rule forbids the UTC shortcut `toISOString().slice(0, 10)`).
 *
 * - A day is a civil date, `YYYY-MM-DD`, handled as a whole day with no time zone: adding days or
 *   working days is calendar arithmetic.
 * - "Today" and the day of an instant are Europe/London days: just after midnight in summer it is
 *   already tomorrow in London while UTC still says today.
 * - Instants (ISO datetimes with an offset) are converted to and from Europe/London with luxon,
 *   so clock changes (BST) are handled by the tz database, not by hand.
 * - PostgreSQL `date` columns reach JavaScript as a Date at UTC midnight: `dayOf` and `asDate`
 *   convert between those and days.
 * - Working days are Monday to Friday, excluding England and Wales bank holidays.
 */

export const ZONE = 'Europe/London';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a civil date. */
export function toDayNumber(isoDate: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${isoDate}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1) throw new RangeError(`not a calendar date: ${isoDate}`);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const back = new Date(0);
  back.setUTCFullYear(y, mo - 1, d);
  const ms = back.getTime();
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date: ${isoDate}`);
  }
  return Math.round(ms / DAY_MS);
}

export function fromDayNumber(day: number): string {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  if (y < 0 || y > 9999) throw new RangeError(`day out of range: ${day}`);
  return `${String(y).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** 0 = Sunday ... 6 = Saturday */
function weekdayOf(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}

function ymd(y: number, m: number, d: number): number {
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** Easter Sunday (Gregorian; anonymous algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return fromDayNumber(ymd(year, month, day));
}

function firstMonday(y: number, m: number): number {
  let d = ymd(y, m, 1);
  while (weekdayOf(d) !== 1) d++;
  return d;
}

function lastMonday(y: number, m: number): number {
  let d = ymd(y, m + 1, 1) - 1;
  while (weekdayOf(d) !== 1) d--;
  return d;
}

function isWeekend(day: number): boolean {
  const w = weekdayOf(day);
  return w === 0 || w === 6;
}

/**
 * Royal proclamations that moved or added bank holidays in England and Wales (gov.uk).
 * `remove` lists the regular day that was moved, `add` the day(s) proclaimed.
 */
const PROCLAIMED: Record<number, { remove: string[]; add: string[] }> = {
  2011: { remove: [], add: ['2011-04-29'] }, // royal wedding
  2012: { remove: ['2012-05-28'], add: ['2012-06-04', '2012-06-05'] }, // diamond jubilee
  2020: { remove: ['2020-05-04'], add: ['2020-05-08'] }, // VE day 75
  2022: { remove: ['2022-05-30'], add: ['2022-06-02', '2022-06-03', '2022-09-19'] }, // platinum jubilee, state funeral
  2023: { remove: [], add: ['2023-05-08'] }, // coronation
};

const yearCache = new Map<number, ReadonlySet<number>>();

/** England and Wales bank holidays for a year, as day numbers. */
function bankHolidayDays(year: number): ReadonlySet<number> {
  const cached = yearCache.get(year);
  if (cached) return cached;
  const days = new Set<number>();
  // New Year's Day, substitute Monday if it falls at a weekend
  let ny = ymd(year, 1, 1);
  while (isWeekend(ny)) ny++;
  days.add(ny);
  const easter = toDayNumber(easterSunday(year));
  days.add(easter - 2); // Good Friday
  days.add(easter + 1); // Easter Monday
  days.add(firstMonday(year, 5)); // early May
  days.add(lastMonday(year, 5)); // spring
  days.add(lastMonday(year, 8)); // summer
  // Christmas Day then Boxing Day; a day at the weekend is substituted by the next weekday not
  // already a holiday.
  for (const d of [ymd(year, 12, 25), ymd(year, 12, 26)]) {
    let sub = d;
    while (isWeekend(sub) || days.has(sub)) sub++;
    days.add(sub);
  }
  const p = PROCLAIMED[year];
  if (p) {
    for (const r of p.remove) days.delete(toDayNumber(r));
    for (const a of p.add) days.add(toDayNumber(a));
  }
  yearCache.set(year, days);
  return days;
}

export function bankHolidays(year: number): string[] {
  return [...bankHolidayDays(year)].sort((a, b) => a - b).map(fromDayNumber);
}

export function isBankHoliday(isoDate: string): boolean {
  const day = toDayNumber(isoDate);
  return bankHolidayDays(Number(isoDate.slice(0, 4))).has(day);
}

function isWorkingDayNumber(day: number): boolean {
  if (isWeekend(day)) return false;
  const year = new Date(day * DAY_MS).getUTCFullYear();
  return !bankHolidayDays(year).has(day);
}

export function isWorkingDay(isoDate: string): boolean {
  return isWorkingDayNumber(toDayNumber(isoDate));
}

/**
 * The date `n` working days after `isoDate` (the start date itself is not counted, whether or not
 * it is a working day). n = 0 returns the date itself.
 */
export function addWorkingDays(isoDate: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number >= 0: ${n}`);
  let day = toDayNumber(isoDate);
  let left = n;
  while (left > 0) {
    day++;
    if (isWorkingDayNumber(day)) left--;
  }
  return fromDayNumber(day);
}

/** The date `n` working days before `isoDate` (the date itself is not counted). n = 0 returns the date itself. */
export function subtractWorkingDays(isoDate: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number >= 0: ${n}`);
  let day = toDayNumber(isoDate);
  let left = n;
  while (left > 0) {
    day--;
    if (isWorkingDayNumber(day)) left--;
  }
  return fromDayNumber(day);
}

/** Working days strictly after `from` up to and including `to` (0 if to <= from). */
export function workingDaysBetween(from: string, to: string): number {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  let n = 0;
  for (let d = a + 1; d <= b; d++) if (isWorkingDayNumber(d)) n++;
  return n;
}

export function addCalendarDays(isoDate: string, n: number): string {
  return fromDayNumber(toDayNumber(isoDate) + n);
}

/** Calendar months, clamped to the month end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(isoDate: string, n: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return fromDayNumber(ymd(ny, nm, Math.min(d, lastDay)));
}

/**
 * The `years`th anniversary of a day: the same month and day `years` later. For 29 February in a year
 * that has none it is 1 March, the later of the two readings (a person born on 29 February attains an
 * age at the start of 1 March in a common year), so a period measured by it never ends a day early.
 */
export function anniversary(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const ny = y + years;
  if (m === 2 && d === 29 && new Date(Date.UTC(ny, 2, 0)).getUTCDate() === 28) return fromDayNumber(ymd(ny, 3, 1));
  return fromDayNumber(ymd(ny, m, d));
}

/**
 * Memoises a pure string -> string function (time-zone conversions through luxon are the costly
 * part of an evaluation). Bounded: the cache is emptied when it fills.
 */
function memo(fn: (s: string) => string, max = 20_000): (s: string) => string {
  const cache = new Map<string, string>();
  return (s: string) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      if (cache.size >= max) cache.clear();
      cache.set(s, v);
    }
    return v;
  };
}

function parseInstant(iso: string): DateTime {
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) throw new RangeError(`not an ISO datetime: ${iso}`);
  return dt.setZone(ZONE);
}

/** One luxon conversion per instant: its London date, minutes past midnight and ISO form. */
const londonParts = memo((isoInstant) => {
  const dt = parseInstant(isoInstant);
  return `${dt.toISODate()!}|${dt.hour * 60 + dt.minute}|${dt.toISO({ suppressMilliseconds: true })!}`;
});

/** The Europe/London civil date of an instant. */
export function londonDate(isoInstant: string): string {
  return londonParts(isoInstant).split('|')[0]!;
}

/** Europe/London wall-clock minutes since midnight and the civil date of an instant. */
export function londonClock(isoInstant: string): { date: string; minutes: number } {
  const [date, minutes] = londonParts(isoInstant).split('|') as [string, string];
  return { date, minutes: Number(minutes) };
}

/** The last second of a Europe/London civil day, as an ISO datetime with its offset. */
export const endOfLondonDay: (isoDate: string) => string = memo((isoDate) => {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return DateTime.fromObject({ year: y, month: m, day: d, hour: 23, minute: 59, second: 59 }, { zone: ZONE }).toISO({
    suppressMilliseconds: true,
  })!;
});

/** Midnight at the start of a Europe/London civil day, as an ISO datetime with its offset. */
export const startOfLondonDay: (isoDate: string) => string = memo((isoDate) => {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return DateTime.fromObject({ year: y, month: m, day: d }, { zone: ZONE }).toISO({ suppressMilliseconds: true })!;
});

/** An instant plus elapsed hours (real time: a day with a clock change has 23 or 25 hours). */
const addHoursMemo = memo((key) => {
  const [iso, hours] = key.split('|') as [string, string];
  return parseInstant(iso)
    .plus({ hours: Number(hours) })
    .toISO({ suppressMilliseconds: true })!;
});
export function addHours(isoInstant: string, hours: number): string {
  return addHoursMemo(`${isoInstant}|${hours}`);
}

/** An instant plus calendar days/weeks/months at the same London wall-clock time. */
export function addCalendarToInstant(isoInstant: string, amount: { days?: number; weeks?: number; months?: number }): string {
  return parseInstant(isoInstant).plus(amount).toISO({ suppressMilliseconds: true })!;
}

/**
 * The instant of a Europe/London wall-clock time on a day (what a person types: "20 Nov, 15:00"),
 * as an ISO datetime with its offset. In the hour the clocks go back the earlier one is taken; a
 * time the clocks skip (01:30 on the last Sunday of March) moves forward to summer time.
 */
export function londonInstantOf(isoDate: string, hhmm: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  return DateTime.fromObject({ year: y, month: m, day: d, hour, minute }, { zone: ZONE }).toISO({ suppressMilliseconds: true })!;
}

/** Normalises an instant to Europe/London with its offset (for stable output). */
export function toLondonInstant(isoInstant: string): string {
  return londonParts(isoInstant).split('|')[2]!;
}

export function compareInstants(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}

const londonDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Europe/London day of an instant (default: now). */
export function londonDayOf(instant: Date): string {
  return londonDayFormat.format(instant);
}

/** Today in Europe/London. */
export function londonToday(now: Date = new Date()): string {
  return londonDayOf(now);
}

/**
 * The day stored in a PostgreSQL `date` column (which arrives as a Date at UTC midnight), or null
 * for null. Not for instants: use londonDayOf for "the London day when this happened".
 */
export function dayOf(date: Date): string;
export function dayOf(date: Date | null | undefined): string | null;
export function dayOf(date: Date | null | undefined): string | null {
  if (date == null) return null;
  return fromDayNumber(Math.floor(date.getTime() / DAY_MS));
}

/** A day as the Date a PostgreSQL `date` column takes (UTC midnight). Throws on a day that does not exist. */
export function asDate(day: string): Date {
  return new Date(toDayNumber(day) * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** True when the text is a real calendar day in YYYY-MM-DD form. */
export function isDay(text: string): boolean {
  try {
    toDayNumber(text);
    return true;
  } catch {
    return false;
  }
}

const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A day as people read it in a message or on a page: "2026-12-07" -> "7 Dec 2026"; an instant
 * ("2026-06-14T23:30:00Z") reads as its Europe/London day ("15 Jun 2026"). Never throws: text that is
 * neither comes back as it was.
 */
export function dayInWords(iso: string): string {
  let d = iso;
  if (iso.length > 10) {
    try {
      d = londonDate(iso);
    } catch {
      return iso;
    }
  }
  if (!isDay(d)) return iso;
  const [y, m, day] = d.split('-');
  return `${Number(day)} ${MONTHS_SHORT[Number(m) - 1]} ${y}`;
}
