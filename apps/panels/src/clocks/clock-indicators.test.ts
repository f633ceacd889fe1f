import { endOfLondonDay } from '@placewise/contracts/dates';
import { describe, expect, it } from 'vitest';
import { clockIndicators, monthsBetween, type IndicatorClock } from './clock-indicators.js';

const due = (day: string) => new Date(endOfLondonDay(day));
const clock = (c: Partial<IndicatorClock> & Pick<IndicatorClock, 'purpose' | 'dueAt'>): IndicatorClock => ({
  status: 'ACTIVE',
  completedOn: null,
  ...c,
});

describe('statutory clocks on time', () => {
  it('lists the months of a range', () => {
    expect(monthsBetween('2026-11-15', '2027-02-01')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-12-31', '2026-12-01')).toEqual(['2026-12']);
  });

  it('counts a hand-made cohort: on time, late, open and late, open, cancelled', () => {
    const now = new Date('2026-12-10T12:00:00Z');
    const clocks: IndicatorClock[] = [
      // Reviews due in November: done on the day (on time), a day late, never done (open and late), cancelled.
      clock({ purpose: 'REVIEW', dueAt: due('2026-11-10'), status: 'COMPLETED', completedOn: '2026-11-10' }),
      clock({ purpose: 'REVIEW', dueAt: due('2026-11-20'), status: 'COMPLETED', completedOn: '2026-11-21' }),
      clock({ purpose: 'REVIEW', dueAt: due('2026-11-30'), status: 'ACTIVE' }),
      clock({ purpose: 'REVIEW', dueAt: due('2026-11-05'), status: 'CANCELLED' }),
      // Reviews due in December: one done early, one still to come (due after "now").
      clock({ purpose: 'REVIEW', dueAt: due('2026-12-01'), status: 'COMPLETED', completedOn: '2026-11-28' }),
      clock({ purpose: 'REVIEW', dueAt: due('2026-12-20'), status: 'ACTIVE' }),
      // Visits: November, two on time; December, one late and open (due on 9 December, now is the 10th).
      clock({ purpose: 'VISIT', dueAt: due('2026-11-01'), status: 'COMPLETED', completedOn: '2026-10-30' }),
      clock({ purpose: 'VISIT', dueAt: due('2026-11-02'), status: 'COMPLETED', completedOn: '2026-11-02' }),
      clock({ purpose: 'VISIT', dueAt: due('2026-12-09'), status: 'ACTIVE' }),
      // A placement plan in December (listed: a clock of that kind is due in the range) and one outside it.
      clock({ purpose: 'PLACEMENT_PLAN', dueAt: due('2026-12-02'), status: 'COMPLETED', completedOn: '2026-12-03' }),
      clock({ purpose: 'COURT', dueAt: due('2027-03-01'), status: 'ACTIVE' }),
      // Due at 23:59 London on 31 October (BST ends 25 Oct: GMT), so October, outside the range.
      clock({ purpose: 'REVIEW', dueAt: due('2026-10-31'), status: 'ACTIVE' }),
    ];
    const out = clockIndicators(clocks, '2026-11-01', '2026-12-31', now);
    expect(out.map((k) => k.purpose)).toEqual(['REVIEW', 'VISIT', 'PLACEMENT_PLAN']);
    const [reviews, visits, plans] = out;
    // November reviews: due 3 (the cancelled one apart), 1 on time of 3 judged = 33.3%.
    expect(reviews!.months).toEqual([
      { month: '2026-11', due: 3, onTime: 1, doneLate: 1, openLate: 1, open: 0, cancelled: 1, onTimePercent: 33.3 },
      { month: '2026-12', due: 2, onTime: 1, doneLate: 0, openLate: 0, open: 1, cancelled: 0, onTimePercent: 100 },
    ]);
    // Both months: 2 on time of 4 judged (5 due, 1 not yet due) = 50%.
    expect(reviews!.total).toEqual({ due: 5, onTime: 2, doneLate: 1, openLate: 1, open: 1, cancelled: 1, onTimePercent: 50 });
    expect(visits!.months.map((m) => [m.due, m.onTime, m.openLate, m.onTimePercent])).toEqual([
      [2, 2, 0, 100],
      [1, 0, 1, 0],
    ]);
    // 2 of 3: 66.7%.
    expect(visits!.total.onTimePercent).toBe(66.7);
    expect(plans!.months[0]).toMatchObject({ due: 0, onTimePercent: null });
    expect(plans!.total).toMatchObject({ due: 1, doneLate: 1, onTimePercent: 0 });
  });

  it('always lists reviews and visits, with no rate when nothing is due', () => {
    const out = clockIndicators([], '2026-01-01', '2026-01-31', new Date('2026-02-01T00:00:00Z'));
    expect(out).toEqual([
      {
        purpose: 'REVIEW',
        months: [{ month: '2026-01', due: 0, onTime: 0, doneLate: 0, openLate: 0, open: 0, cancelled: 0, onTimePercent: null }],
        total: { due: 0, onTime: 0, doneLate: 0, openLate: 0, open: 0, cancelled: 0, onTimePercent: null },
      },
      {
        purpose: 'VISIT',
        months: [{ month: '2026-01', due: 0, onTime: 0, doneLate: 0, openLate: 0, open: 0, cancelled: 0, onTimePercent: null }],
        total: { due: 0, onTime: 0, doneLate: 0, openLate: 0, open: 0, cancelled: 0, onTimePercent: null },
      },
    ]);
  });
});
