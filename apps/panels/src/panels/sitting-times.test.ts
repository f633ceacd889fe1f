import { describe, expect, it } from 'vitest';
import { isWorkingDay, subtractWorkingDays } from '@placewise/contracts/dates';
import { isoWeekday, londonParts, londonToInstant, regularSittings } from './sitting-times.js';

describe('panel calendar', () => {
  it('converts London wall-clock times in GMT and BST', () => {
    expect(londonToInstant('2026-12-01', '10:00').toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(londonToInstant('2026-07-07', '10:00').toISOString()).toBe('2026-07-07T09:00:00.000Z');
    expect(londonParts(new Date('2026-07-07T09:00:00Z'))).toEqual({ date: '2026-07-07', time: '10:00' });
  });

  it('knows the ISO weekday of a day', () => {
    expect(isoWeekday('1970-01-01')).toBe(4); // Thursday
    expect(isoWeekday('2026-12-07')).toBe(1); // Monday
    expect(isoWeekday('2026-12-13')).toBe(7); // Sunday
    expect(isoWeekday('1969-12-29')).toBe(1); // before day 0
  });

  it('skips weekends and bank holidays when counting working days back', () => {
    expect(isWorkingDay('2026-12-25')).toBe(false);
    expect(isWorkingDay('2026-12-28')).toBe(false); // Boxing Day substitute (26th is a Saturday)
    expect(subtractWorkingDays('2026-12-01', 2)).toBe('2026-11-27'); // Tue -> Fri
    expect(subtractWorkingDays('2026-12-29', 2)).toBe('2026-12-23'); // over Christmas
    expect(subtractWorkingDays('2027-03-30', 1)).toBe('2027-03-25'); // Easter Monday 29 Mar, Good Friday 26 Mar
  });

  it('lists Tuesday 10:00 sittings with cut-offs two working days before, across the clock change', () => {
    const s = regularSittings(
      { weekday: 2, timeOfDay: '10:00', cutOffWorkingDays: 2 },
      new Date('2027-03-20T00:00:00Z'),
      new Date('2027-04-07T00:00:00Z'),
    );
    expect(s.map((x) => [x.startsAt.toISOString(), x.cutOffAt.toISOString()])).toEqual([
      ['2027-03-23T10:00:00.000Z', '2027-03-19T10:00:00.000Z'],
      ['2027-03-30T09:00:00.000Z', '2027-03-24T10:00:00.000Z'], // BST from 28 March; Easter Monday and Good Friday skipped, cut-off still GMT
      ['2027-04-06T09:00:00.000Z', '2027-04-02T09:00:00.000Z'],
    ]);
  });
});
