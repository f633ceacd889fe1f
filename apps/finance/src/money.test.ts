import { describe, expect, it } from 'vitest';
import {
  commitmentEnd,
  commitmentLines,
  costedLines,
  costOfDays,
  daysInclusive,
  financialYearOf,
  financialYearLabel,
  grossCost,
  lastDayBefore18,
  type PlacementTerms,
} from './money.js';
import { expectedStartsPence } from './forecast/forecast.math.js';

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

describe('the end a commitment runs to', () => {
  const terms = (over: Partial<PlacementTerms> = {}): PlacementTerms => ({
    start: '2026-11-24',
    plannedEnd: null,
    noticeEnd: null,
    actualEnd: null,
    childAge: 14,
    openEndedTo: 'YEAR_END',
    ...over,
  });

  it('bounds a child at the latest possible last day before 18, from the age at the start', () => {
    // 14 on 24 Nov 2026: born 25 Nov 2011 at the earliest, 24 Nov 2012 at the latest; the latest 18th birthday
    // is 24 Nov 2030, so the last day in care is at the latest 23 Nov 2030.
    expect(lastDayBefore18('2026-11-24', 14)).toBe('2030-11-23');
    expect(lastDayBefore18('2024-02-29', 17)).toBe('2025-02-28'); // 29 Feb + 1 year is 1 Mar 2025
    expect(lastDayBefore18('2026-11-24', 18)).toBeNull();
  });

  it('takes the actual end, then notice, then the planned end, then the year end or 18 as the council says', () => {
    expect(commitmentEnd(terms(), '2026-11-24')).toBe('2027-03-31');
    expect(commitmentEnd(terms({ openEndedTo: 'AGE_18' }), '2026-11-24')).toBe('2030-11-23');
    expect(commitmentEnd(terms(), '2027-05-01')).toBe('2028-03-31'); // an open placement rolls into the next year
    expect(commitmentEnd(terms({ plannedEnd: '2032-01-01' }), '2026-11-24')).toBe('2030-11-23'); // never past 18
    expect(commitmentEnd(terms({ plannedEnd: '2028-01-01', noticeEnd: '2027-02-14' }), '2026-11-24')).toBe('2027-02-14');
    expect(commitmentEnd(terms({ plannedEnd: '2028-01-01', noticeEnd: '2027-02-14', actualEnd: '2027-01-31' }), '2026-11-24')).toBe(
      '2027-01-31',
    );
    expect(commitmentEnd(terms({ childAge: 17, openEndedTo: 'YEAR_END', start: '2026-06-01' }), '2026-06-01')).toBe('2027-03-31');
    expect(commitmentEnd(terms({ childAge: 17, start: '2026-12-01', openEndedTo: 'AGE_18' }), '2026-12-01')).toBe('2027-11-30'); // to 18, past the year end
    expect(commitmentEnd(terms({ childAge: 17, start: '2026-06-01' }), '2027-04-10')).toBe('2027-05-31'); // 18 comes before the year end
  });
});

describe('costed commitments across a year end, with an uplift on 1 April, a mid-year end, contributions and income', () => {
  // £4,000 a week from 1 Mar 2027, uplifted to £4,200 on 1 Apr 2027, ended 30 Jun 2027; health pays £700 a week
  // from 15 Mar 2027; the UASC grant is £143 a night throughout.
  const prices = [
    { from: '2027-03-01', weeklyPence: 400_000 },
    { from: '2027-04-01', weeklyPence: 420_000 },
  ];
  const contributions = [
    { kind: 'HEALTH' as const, from: '2027-03-15', to: null, weeklyPence: 70_000 },
    { kind: 'UASC_GRANT' as const, from: '2027-03-01', to: null, nightlyPence: 14_300 },
  ];

  it('costs each year net of both, in pence', () => {
    const lines = costedLines(prices, '2027-03-01', '2027-06-30', contributions, '365/7');
    expect(lines).toEqual([
      {
        financialYear: 2026,
        from: '2027-03-01',
        to: '2027-03-31',
        days: 31,
        weeklyPence: 400_000,
        grossPence: 1_771_429, // 400000 x 31 / 7 = 1,771,428.57
        contributionsPence: 170_000, // 15-31 Mar is 17 days: 70000 x 17 / 7 = 170,000
        incomePence: 443_300, // 31 nights x 14300
        amountPence: 1_158_129, // 1,771,429 - 170,000 - 443,300
      },
      {
        financialYear: 2027,
        from: '2027-04-01',
        to: '2027-06-30',
        days: 91,
        weeklyPence: 420_000,
        grossPence: 5_460_000, // 91 days is 13 weeks at the uplifted 420000
        contributionsPence: 910_000, // 13 x 70000
        incomePence: 1_301_300, // 91 x 14300
        amountPence: 3_248_700, // 5,460,000 - 910,000 - 1,301,300
      },
    ]);
  });

  it('rounds each price period once when a price changes mid-year', () => {
    // 1-10 Jun at 100000 (10 days: 142,857.14) then 11-30 Jun at 110000 (20 days: 314,285.71)
    expect(
      grossCost(
        [
          { from: '2026-06-01', weeklyPence: 100_000 },
          { from: '2026-06-11', weeklyPence: 110_000 },
        ],
        '2026-06-01',
        '2026-06-30',
        '365/7',
      ),
    ).toBe(142_857 + 314_286);
  });
});

describe('expected new starts', () => {
  it("spread the last 12 months' starts over the days left, each to the year end", () => {
    // 4 starts at 150000 a week (sum 600000), 73 days left: 600000 x 73^2 / 5110 = 625,714.29 -> 625,714
    expect(expectedStartsPence(600_000n, 73, '365/7')).toBe(625_714n);
    // the same on 52 weeks: 600000 x 52 x 5329 / (365^2 x 2) = 166,264,800,000 / 266,450 = 624,000 exactly
    expect(expectedStartsPence(600_000n, 73, '52')).toBe(624_000n);
    // one start at 100000, 10 days left: 100000 x 100 / 5110 = 1,956.95 -> 1,957
    expect(expectedStartsPence(100_000n, 10, '365/7')).toBe(1_957n);
    expect(expectedStartsPence(600_000n, 0, '365/7')).toBe(0n);
  });
});
