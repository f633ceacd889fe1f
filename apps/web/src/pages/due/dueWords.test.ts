import { describe, expect, it } from 'vitest';
import { daysBetween, dueWords, shortDay } from './dueWords';

describe('due in words (London days)', () => {
  it('names the weekday and the day, with the year only when it is not this one', () => {
    // 8 December 2026 is a Tuesday; 8 January 2027 a Friday.
    expect(shortDay('2026-12-08', '2026-12-07')).toBe('Tue 8 Dec');
    expect(shortDay('2027-01-08', '2026-12-07')).toBe('Fri 8 Jan 2027');
    expect(shortDay('2028-02-29', '2028-01-01')).toBe('Tue 29 Feb');
  });

  it('counts whole days across the clock change', () => {
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-12-07', '2026-12-04')).toBe(-3);
  });

  it('says due, due tomorrow, due today, or how many days late', () => {
    expect(dueWords('2026-12-08', '2026-12-06')).toEqual({ text: 'due Tue 8 Dec', late: false });
    expect(dueWords('2026-12-08', '2026-12-07')).toEqual({ text: 'due tomorrow, Tue 8 Dec', late: false });
    expect(dueWords('2026-12-07', '2026-12-07')).toEqual({ text: 'due today', late: false });
    expect(dueWords('2026-12-07', '2026-12-07', true)).toEqual({ text: 'late: it was due earlier today', late: true });
    expect(dueWords('2026-12-06', '2026-12-07', true)).toEqual({ text: '1 day late', late: true });
    expect(dueWords('2026-12-04', '2026-12-07', true)).toEqual({ text: '3 days late', late: true });
  });
});
