import { describe, expect, it } from 'vitest';
import {
  londonInstantOf,
  addHours,
  addMonths,
  anniversary,
  addWorkingDays,
  asDate,
  dayInWords,
  dayOf,
  daysBetween,
  isDay,
  londonDayOf,
  londonToday,
  bankHolidays,
  easterSunday,
  endOfLondonDay,
  isWorkingDay,
  londonDate,
  subtractWorkingDays,
  workingDaysBetween,
} from './dates.js';

/** England and Wales bank holidays as published on gov.uk. */
const GOV_UK: Record<number, string[]> = {
  2019: ['2019-01-01', '2019-04-19', '2019-04-22', '2019-05-06', '2019-05-27', '2019-08-26', '2019-12-25', '2019-12-26'],
  2020: ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
  2021: ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28'],
  2022: [
    '2022-01-03',
    '2022-04-15',
    '2022-04-18',
    '2022-05-02',
    '2022-06-02',
    '2022-06-03',
    '2022-08-29',
    '2022-09-19',
    '2022-12-26',
    '2022-12-27',
  ],
  2023: ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26'],
  2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
};

describe('England and Wales bank holidays', () => {
  it.each(Object.entries(GOV_UK))('%s matches gov.uk', (year, expected) => {
    expect(bankHolidays(Number(year))).toEqual(expected);
  });

  it('Easter dates', () => {
    expect([2024, 2025, 2026, 2027, 2028, 2038].map(easterSunday)).toEqual([
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
      '2028-04-16',
      '2038-04-25',
    ]);
  });

  it('Christmas on a Saturday: Monday 27th and Tuesday 28th are substitutes (2027)', () => {
    expect(isWorkingDay('2027-12-24')).toBe(true);
    expect(['2027-12-27', '2027-12-28'].map(isWorkingDay)).toEqual([false, false]);
    expect(isWorkingDay('2027-12-29')).toBe(true);
  });

  it('New Year on a Saturday: Monday 3 January is the substitute (2028)', () => {
    expect(bankHolidays(2028)[0]).toBe('2028-01-03');
  });
});

/** Working days: the start day is never counted; weekends and bank holidays are skipped. */
const WD: [string, string, number, string][] = [
  ['a plain week', '2026-11-23', 5, '2026-11-30'],
  ['from a Friday', '2026-11-27', 1, '2026-11-30'],
  ['from a Saturday', '2026-11-28', 1, '2026-11-30'],
  ['from a Sunday', '2026-11-29', 5, '2026-12-04'],
  ['zero days is the same day', '2026-11-28', 0, '2026-11-28'],
  ['across Christmas 2026 (Fri 25, Mon 28 substitute)', '2026-12-24', 1, '2026-12-29'],
  ['across the year end 2026/27 and New Year', '2026-12-30', 3, '2027-01-05'],
  ['across the year end 2027/28 (27th, 28th Dec and 3 Jan 2028 off)', '2027-12-24', 5, '2028-01-05'],
  ['across Easter 2027 (26 and 29 March)', '2027-03-25', 1, '2027-03-30'],
  ['across the late May bank holiday 2026', '2026-05-22', 1, '2026-05-26'],
  ['across the 2022 jubilee (2 and 3 June)', '2022-06-01', 1, '2022-06-06'],
  ['across the 2022 state funeral (19 Sept)', '2022-09-16', 1, '2022-09-20'],
  ['across the 2023 coronation (8 May) and early May (1 May)', '2023-04-28', 6, '2023-05-10'],
  ['20 working days (first review) from 1 Dec 2026: Christmas 25th and 28th skipped', '2026-12-01', 20, '2026-12-31'],
  ['leap year: 28 Feb 2028 + 1', '2028-02-28', 1, '2028-02-29'],
];

describe('working-day arithmetic', () => {
  it.each(WD)('%s: %s + %i WD = %s', (_label, from, n, expected) => {
    expect(addWorkingDays(from, n)).toBe(expected);
    if (n > 0) expect(workingDaysBetween(from, expected)).toBe(n);
  });

  it.each(WD)('back again: %s', (_label, from, n, expected) => {
    // n working days back from the result lands on the first working day at or before the start.
    const back = subtractWorkingDays(expected, n);
    expect(back <= from).toBe(true);
    expect(workingDaysBetween(back, expected)).toBe(n);
  });

  it('counts back over Easter and Christmas', () => {
    expect(subtractWorkingDays('2026-04-07', 2)).toBe('2026-04-01'); // Tue after Easter: Mon 6 and Fri 3 are holidays
    expect(subtractWorkingDays('2026-12-29', 1)).toBe('2026-12-24'); // Christmas Day and the Boxing Day substitute (Mon 28)
    expect(() => subtractWorkingDays('2026-01-01', -1)).toThrow(RangeError);
  });

  it('rejects a negative or fractional count and a bad date', () => {
    expect(() => addWorkingDays('2026-01-01', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-01-01', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('Europe/London clock changes', () => {
  it('the London date of an instant late in the evening in summer is the next UTC day', () => {
    expect(londonDate('2026-07-01T23:30:00Z')).toBe('2026-07-02');
    expect(londonDate('2026-12-01T23:30:00Z')).toBe('2026-12-01');
  });

  it('end of day carries the offset of the day (GMT vs BST)', () => {
    expect(endOfLondonDay('2026-03-28')).toBe('2026-03-28T23:59:59+00:00');
    expect(endOfLondonDay('2026-03-29')).toBe('2026-03-29T23:59:59+01:00');
    expect(endOfLondonDay('2026-10-25')).toBe('2026-10-25T23:59:59+00:00');
  });

  it('72 hours across the spring change (29 Mar 2026) is 72 real hours: the wall clock moves on an hour', () => {
    expect(addHours('2026-03-28T12:00:00+00:00', 72)).toBe('2026-03-31T13:00:00+01:00');
  });

  it('72 hours across the autumn change (25 Oct 2026): the wall clock falls back an hour', () => {
    expect(addHours('2026-10-24T12:00:00+01:00', 72)).toBe('2026-10-27T11:00:00+00:00');
  });

  it('months clamp to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
  });

  it('anniversaries: 29 February falls on 1 March in a common year, never a day early', () => {
    expect(anniversary('1951-06-14', 75)).toBe('2026-06-14');
    expect(anniversary('2000-02-29', 75)).toBe('2075-03-01');
    expect(anniversary('2024-02-29', 100)).toBe('2124-02-29');
    expect(anniversary('2008-02-29', 15)).toBe('2023-03-01');
    expect(anniversary('2001-02-28', 3)).toBe('2004-02-28');
    expect(anniversary('1999-12-31', 1)).toBe('2000-12-31');
  });
});

describe('days and today', () => {
  it('today is the Europe/London day: the first hour of a summer day is already that day', () => {
    // 23:30 UTC on 14 June is 00:30 BST on 15 June.
    expect(londonToday(new Date('2026-06-14T23:30:00Z'))).toBe('2026-06-15');
    expect(londonDayOf(new Date('2026-06-14T22:59:59Z'))).toBe('2026-06-14');
    // In winter London is on UTC.
    expect(londonToday(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
  });

  it('dayOf and asDate round-trip the days a PostgreSQL date column holds', () => {
    for (const day of ['1970-01-01', '2000-02-29', '2026-03-29', '2026-10-25', '9999-12-31', '0001-01-01']) {
      expect(dayOf(asDate(day))).toBe(day);
    }
    expect(asDate('2026-04-01').toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(dayOf(null)).toBeNull();
    expect(dayOf(undefined)).toBeNull();
  });

  it('refuses days that do not exist', () => {
    for (const bad of ['2026-02-29', '2026-13-01', '0000-01-01', '2026-1-1', '2026-01-01T00:00:00Z', '']) {
      expect(isDay(bad)).toBe(false);
      expect(() => asDate(bad)).toThrow(RangeError);
    }
    expect(isDay('2024-02-29')).toBe(true);
  });

  it('puts a day in words, an instant as its London day, and leaves other text alone', () => {
    expect(dayInWords('2026-12-07')).toBe('7 Dec 2026');
    expect(dayInWords('2027-03-31')).toBe('31 Mar 2027');
    expect(dayInWords('2026-06-14T23:30:00Z')).toBe('15 Jun 2026');
    expect(dayInWords('2026-12-01T23:30:00.000Z')).toBe('1 Dec 2026');
    for (const other of ['2026-02-29', 'soon', '', '0000-01-01']) expect(dayInWords(other)).toBe(other);
  });

  it('counts whole days between days across a clock change', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-04-01', '2027-03-31')).toBe(364);
    expect(daysBetween('2026-12-02', '2026-12-01')).toBe(-1);
  });

  it('londonInstantOf: a London wall-clock time as an instant with its offset', () => {
    expect(londonInstantOf('2026-11-20', '15:00')).toBe('2026-11-20T15:00:00+00:00');
    expect(londonInstantOf('2026-07-14', '00:30')).toBe('2026-07-14T00:30:00+01:00');
    expect(Date.parse(londonInstantOf('2026-07-14', '00:30'))).toBe(Date.parse('2026-07-13T23:30:00Z'));
  });
});
