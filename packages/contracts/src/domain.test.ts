import { describe, expect, it } from 'vitest';
import { addCalendarDays, addMonths, londonToday } from './dates.js';
import { A_YEAR_AHEAD, Day, DayBetween, hostileTextIn, Instant, Text, TODAY } from './domain.js';

const reasons = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe('Text: what a person may type', () => {
  const Line = Text(20);
  const Notes = Text(20, { multiline: true });

  it('trims, and counts the limit after trimming', () => {
    expect(Line.parse('  Ruby  ')).toBe('Ruby');
    expect(Line.safeParse(` ${'x'.repeat(20)} `).success).toBe(true);
    expect(reasons(Line.safeParse('x'.repeat(21)))).toEqual(['must be at most 20 characters']);
    expect(reasons(Line.safeParse('   '))).toEqual(['must not be blank']);
  });

  it('refuses NUL, lone surrogates and control characters, with the reason', () => {
    expect(reasons(Notes.safeParse('a\u0000b'))).toEqual(['must not contain the NUL character']);
    expect(reasons(Notes.safeParse('a\ud800b'))).toEqual(['must be valid Unicode text (it contains a lone surrogate)']);
    expect(reasons(Notes.safeParse('\udfffa'))).toEqual(['must be valid Unicode text (it contains a lone surrogate)']);
    expect(reasons(Notes.safeParse('bell\u0007'))).toEqual(['must not contain control characters']);
    expect(reasons(Notes.safeParse('esc\u001b[31m'))).toEqual(['must not contain control characters']);
    expect(reasons(Notes.safeParse('del\u007f'))).toEqual(['must not contain control characters']);
  });

  it('accepts emoji (paired surrogates) and accented letters', () => {
    expect(Line.parse('Zoë 😀')).toBe('Zoë 😀');
  });

  it('allows tab and line breaks only where the field is multi-line', () => {
    expect(Notes.parse('first\n\tsecond\r\nthird')).toBe('first\n\tsecond\r\nthird');
    expect(reasons(Line.safeParse('first\nsecond'))).toEqual(['must be one line (no tabs or line breaks)']);
    expect(reasons(Line.safeParse('a\tb'))).toEqual(['must be one line (no tabs or line breaks)']);
  });

  it('says when it is missing or not text', () => {
    expect(reasons(Line.safeParse(undefined))).toEqual(['is required']);
    expect(reasons(Line.safeParse(42))).toEqual(['must be text']);
    expect(Text(10, { min: 3 }).safeParse('ab').success).toBe(false);
  });
});

describe('Day: a real calendar day in a plausible range', () => {
  it('accepts a real day between 1900 and 2100', () => {
    for (const d of ['1900-01-01', '2012-09-14', '2024-02-29', '2100-12-31']) expect(Day.parse(d)).toBe(d);
  });

  it('refuses days that do not exist, other forms, and days out of range', () => {
    expect(reasons(Day.safeParse('2023-02-29'))).toEqual(['must be a date (YYYY-MM-DD), a real calendar day']);
    expect(reasons(Day.safeParse('14/09/2012'))).toEqual(['must be a date (YYYY-MM-DD), a real calendar day']);
    expect(reasons(Day.safeParse(20120914))).toEqual(['must be a date (YYYY-MM-DD), a real calendar day']);
    expect(reasons(Day.safeParse('0000-01-01'))).toEqual(['must not be before 1900-01-01']);
    expect(reasons(Day.safeParse('1899-12-31'))).toEqual(['must not be before 1900-01-01']);
    expect(reasons(Day.safeParse('9999-12-31'))).toEqual(['must not be after 2100-12-31']);
    expect(reasons(Day.safeParse(undefined))).toEqual(['is required']);
  });

  it('takes a narrower range where the field says, computed from today', () => {
    const Review = DayBetween({ to: A_YEAR_AHEAD });
    expect(Review.safeParse(addMonths(londonToday(), 12)).success).toBe(true);
    expect(reasons(Review.safeParse(addCalendarDays(addMonths(londonToday(), 12), 1)))).toEqual(['must not be after a year from today']);
    const Past = DayBetween({ to: TODAY });
    expect(reasons(Past.safeParse(addCalendarDays(londonToday(), 1)))).toEqual(['must not be in the future']);
    const Contribution = DayBetween({ from: '2000-01-01' });
    expect(reasons(Contribution.safeParse('1999-12-31'))).toEqual(['must not be before 2000-01-01']);
  });
});

describe('Instant', () => {
  it('takes an ISO date and time with an offset, in range', () => {
    expect(Instant.safeParse('2026-10-06T09:30:00+01:00').success).toBe(true);
    expect(Instant.safeParse('2026-10-06T09:30:00Z').success).toBe(true);
    expect(reasons(Instant.safeParse('0000-01-01T00:00:00Z'))).toEqual(['must be between 1900-01-01 and 2100-12-31']);
    expect(reasons(Instant.safeParse('2026-10-06 09:30'))).toEqual(['must be a date and time with an offset (ISO 8601)']);
  });
});

describe('hostileTextIn: free-form JSON', () => {
  it('finds a NUL or lone surrogate in any value or key, with its path', () => {
    expect(hostileTextIn({ a: [{ b: 'fine' }, { c: 'x\u0000' }] })).toEqual({
      path: ['a', 1, 'c'],
      reason: 'must not contain the NUL character',
    });
    expect(hostileTextIn({ ['k\ud800']: 1 })?.path).toEqual(['k\ud800']);
    expect(hostileTextIn({ a: 'multi\nline', n: 3, t: true, z: null })).toBeNull();
  });
});
