import { describe, expect, it } from 'vitest';
import { dayInWords, entryFigures, pounds } from './entries.js';

describe('step-down and exit avoidance figures', () => {
  it('cost the weekly amount no longer paid from the next day to 31 March', () => {
    // 1 Jan to 31 Mar 2027: 90 days; 550000 x 90 / 7 = 7,071,428.57 -> 7,071,429p; on 52 weeks: 550000 x 52 x 90 / 365 = 7,052,054.79 -> 7,052,055p
    expect(entryFigures(550_000, '2026-12-31', '365/7')).toEqual({
      financialYear: 2026,
      from: '2027-01-01',
      to: '2027-03-31',
      days: 90,
      amountPence: 7_071_429,
    });
    expect(entryFigures(550_000, '2026-12-31', '52')?.amountPence).toBe(7_052_055);
    // 31 March: nothing of the year is left; nothing avoided when nothing was paid.
    expect(entryFigures(550_000, '2027-03-31', '365/7')).toBeNull();
    expect(entryFigures(0, '2026-12-31', '365/7')).toBeNull();
    // 1 Mar to 31 Mar 2028 in a leap year: 31 days still.
    expect(entryFigures(70_000, '2028-02-29', '365/7')).toMatchObject({
      financialYear: 2027,
      from: '2028-03-01',
      days: 31,
      amountPence: 310_000,
    });
  });

  it('say the money and the days in words', () => {
    expect(pounds(550_000)).toBe('£5,500.00');
    expect(pounds(123_456_789)).toBe('£1,234,567.89');
    expect(pounds(5)).toBe('£0.05');
    expect(dayInWords('2027-01-04')).toBe('4 January 2027');
  });
});
