import { describe, expect, it } from 'vitest';
import { averageWeeklyCost, costByType, placementMix, type IndicatorPlacement } from './indicators.js';

const p = (
  placementType: string,
  start: string,
  end: string | null,
  prices: [string, number][],
  priceMissing = false,
): IndicatorPlacement => ({
  placementType,
  start,
  end,
  priceMissing,
  prices: prices.map(([from, weeklyPence]) => ({ from, weeklyPence })),
});

// A hand-made cohort (figures worked out in the comments).
const cohort = [
  // A: £5,000 a week, £6,000 from 1 May 2026.
  p('PRIVATE_CHILDRENS_HOME', '2025-01-01', null, [
    ['2025-01-01', 500_000],
    ['2026-05-01', 600_000],
  ]),
  // B: £7,000 a week from 1 June 2026.
  p('PRIVATE_CHILDRENS_HOME', '2026-06-01', null, [['2026-06-01', 700_000]]),
  // C: £1,000 a week, 1 May 2025 to 10 April 2026.
  p('IFA_FOSTER', '2025-05-01', '2026-04-10', [['2025-05-01', 100_000]]),
  // D: no price from the cost file.
  p('IFA_FOSTER', '2026-04-01', null, [], true),
  // E: £400 a week, ended 15 June 2025.
  p('INHOUSE_FOSTER', '2024-01-01', '2025-06-15', [['2024-01-01', 40_000]]),
];

describe('placement mix and cost by type', () => {
  it('counts the placements open on a day by type, with their weekly cost (the unpriced counted, not costed)', () => {
    expect(placementMix(cohort, '2026-06-30')).toEqual([
      // A at £6,000 and B at £7,000: £13,000 a week, £6,500 on average.
      { placementType: 'PRIVATE_CHILDRENS_HOME', placements: 2, unpriced: 0, weeklyCostPence: 1_300_000, averageWeeklyCostPence: 650_000 },
      { placementType: 'IFA_FOSTER', placements: 1, unpriced: 1, weeklyCostPence: 0, averageWeeklyCostPence: null },
    ]);
    // 10 April 2026: C's last day (open), A still at £5,000; the most placements first.
    expect(placementMix(cohort, '2026-04-10')).toEqual([
      { placementType: 'IFA_FOSTER', placements: 2, unpriced: 1, weeklyCostPence: 100_000, averageWeeklyCostPence: 100_000 },
      { placementType: 'PRIVATE_CHILDRENS_HOME', placements: 1, unpriced: 0, weeklyCostPence: 500_000, averageWeeklyCostPence: 500_000 },
    ]);
    expect(placementMix(cohort, '2026-04-11').find((r) => r.placementType === 'IFA_FOSTER')!.placements).toBe(1);
    expect(placementMix(cohort, '2023-12-31')).toEqual([]);
  });

  it('weights the average weekly cost by the days open, each day at the price then', () => {
    // 1 April to 30 June 2026 (91 days). A: 30 days at 500,000 and 61 at 600,000 = 51,600,000;
    // B: 30 days at 700,000 = 21,000,000. 72,600,000 / 121 days = 600,000.
    const m = averageWeeklyCost(cohort, '2026-04-01', '2026-06-30');
    expect(m.get('PRIVATE_CHILDRENS_HOME')).toEqual({ placementDays: 121, averageWeeklyCostPence: 600_000 });
    // C: 1 to 10 April, 10 days at 100,000; D has no price.
    expect(m.get('IFA_FOSTER')).toEqual({ placementDays: 10, averageWeeklyCostPence: 100_000 });
    expect(m.has('INHOUSE_FOSTER')).toBe(false);
    // A price change mid-period with uneven days: 2 days at 700 and 1 at 1000 = 2,400 / 3 = 800.
    const uneven = averageWeeklyCost(
      [
        p('X', '2026-01-01', null, [
          ['2026-01-01', 700],
          ['2026-01-03', 1000],
        ]),
      ],
      '2026-01-01',
      '2026-01-03',
    );
    expect(uneven.get('X')).toEqual({ placementDays: 3, averageWeeklyCostPence: 800 });
  });

  it('compares this financial year to date with the same days of the year before', () => {
    const r = costByType(cohort, '2026-06-30');
    expect(r.thisYear).toEqual({ financialYear: 2026, label: '2026-27', from: '2026-04-01', to: '2026-06-30' });
    expect(r.lastYear).toEqual({ financialYear: 2025, label: '2025-26', from: '2025-04-01', to: '2025-06-30' });
    expect(r.rows).toEqual([
      // C: 10 days at £1,000 this year, 61 days (1 May to 30 June 2025) last year: no change.
      {
        placementType: 'IFA_FOSTER',
        thisYear: { placementDays: 10, averageWeeklyCostPence: 100_000 },
        lastYear: { placementDays: 61, averageWeeklyCostPence: 100_000 },
        changePercent: 0,
      },
      // E: 1 April to 15 June 2025 (76 days) last year, none this year.
      {
        placementType: 'INHOUSE_FOSTER',
        thisYear: { placementDays: 0, averageWeeklyCostPence: null },
        lastYear: { placementDays: 76, averageWeeklyCostPence: 40_000 },
        changePercent: null,
      },
      // A alone last year (91 days at £5,000); £6,000 this year: +20%.
      {
        placementType: 'PRIVATE_CHILDRENS_HOME',
        thisYear: { placementDays: 121, averageWeeklyCostPence: 600_000 },
        lastYear: { placementDays: 91, averageWeeklyCostPence: 500_000 },
        changePercent: 20,
      },
    ]);
  });
});
