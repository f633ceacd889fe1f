import { describe, expect, it } from 'vitest';
import { commitmentLines, costOfDays, daysInclusive, financialYearOf, financialYearLabel } from './money.js';

describe('financial years', () => {
  it('run 1 April to 31 March', () => {
    expect(financialYearOf('2026-04-01')).toBe(2026);
    expect(financialYearOf('2027-03-31')).toBe(2026);
    expect(financialYearOf('2026-03-31')).toBe(2025);
    expect(financialYearLabel(2026)).toBe('2026-27');
    expect(financialYearLabel(2099)).toBe('2099-00');
  });

  it('count days inclusively, across a leap day', () => {
    expect(daysInclusive('2026-11-24', '2027-03-31')).toBe(128);
    expect(daysInclusive('2027-04-01', '2028-03-31')).toBe(366);
    expect(daysInclusive('2026-04-01', '2026-04-01')).toBe(1);
  });
});

describe('commitments', () => {
  it('commit a weekly cost to the end of the financial year, in pence', () => {
    // £6,100 a week from Tue 24 Nov 2026: 128 days to 31 Mar 2027 -> 610000 x 128 / 7 = 11,154,285.71p
    expect(commitmentLines(610_000, '2026-11-24', null, '365/7')).toEqual([
      { financialYear: 2026, from: '2026-11-24', to: '2027-03-31', days: 128, amountPence: 11_154_286 },
    ]);
  });

  it('stop at a planned end within the year', () => {
    // 1 Jun to 30 Jun 2026 is 30 days at £700/week: 70000 x 30 / 7 = 300,000p exactly
    expect(commitmentLines(70_000, '2026-06-01', '2026-06-30', '365/7')).toEqual([
      { financialYear: 2026, from: '2026-06-01', to: '2026-06-30', days: 30, amountPence: 300_000 },
    ]);
  });

  it('split a placement across financial years at 31 March', () => {
    const lines = commitmentLines(350_000, '2027-03-01', '2027-04-30', '365/7');
    expect(lines).toEqual([
      { financialYear: 2026, from: '2027-03-01', to: '2027-03-31', days: 31, amountPence: 1_550_000 },
      { financialYear: 2027, from: '2027-04-01', to: '2027-04-30', days: 30, amountPence: 1_500_000 },
    ]);
  });

  it('annualise on 52 weeks when the council says so', () => {
    // a whole non-leap year at £1,000/week: 52 weeks exactly, against 365/7 = 52.14 weeks
    expect(costOfDays(100_000, 365, '52')).toBe(5_200_000);
    expect(costOfDays(100_000, 365, '365/7')).toBe(5_214_286);
  });

  it('commit nothing when the planned end precedes the start', () => {
    expect(commitmentLines(100_000, '2026-06-01', '2026-05-01', '365/7')).toEqual([]);
  });
});
