import { describe, expect, it } from 'vitest';
import { keptOutOfCare, milestoneCounts } from './edge-of-care.js';

// Diverted on 15 January 2026: the milestones fall on 15 April, 15 July 2026 and 15 January 2027.
const D = '2026-01-15';
const statuses = (r: ReturnType<typeof keptOutOfCare>) => r.milestones.map((m) => `${m.months}:${m.status}`);

describe('kept out of care at 3, 6 and 12 months', () => {
  it('puts the milestones on the same day of the month, clamped to its end', () => {
    expect(keptOutOfCare(D, [], '2026-01-15').milestones.map((m) => m.on)).toEqual(['2026-04-15', '2026-07-15', '2027-01-15']);
    expect(keptOutOfCare('2025-11-30', [], '2025-11-30').milestones.map((m) => m.on)).toEqual(['2026-02-28', '2026-05-30', '2026-11-30']);
  });

  it('on the day the diversion is recorded nothing is known yet', () => {
    expect(statuses(keptOutOfCare(D, [], D))).toEqual(['3:NOT_YET_KNOWN', '6:NOT_YET_KNOWN', '12:NOT_YET_KNOWN']);
  });

  it('counts a milestone as kept out from its own day, not the day before', () => {
    expect(statuses(keptOutOfCare(D, [], '2026-04-14'))).toEqual(['3:NOT_YET_KNOWN', '6:NOT_YET_KNOWN', '12:NOT_YET_KNOWN']);
    expect(statuses(keptOutOfCare(D, [], '2026-04-15'))).toEqual(['3:KEPT_OUT', '6:NOT_YET_KNOWN', '12:NOT_YET_KNOWN']);
    expect(statuses(keptOutOfCare(D, [], '2027-01-15'))).toEqual(['3:KEPT_OUT', '6:KEPT_OUT', '12:KEPT_OUT']);
  });

  it('a child who enters care 8 months on was kept out at 3 and 6 months, not at 12', () => {
    const r = keptOutOfCare(D, [{ from: '2026-09-15', until: null }], '2027-06-01');
    expect(r.enteredCareOn).toBe('2026-09-15');
    expect(statuses(r)).toEqual(['3:KEPT_OUT', '6:KEPT_OUT', '12:ENTERED_CARE']);
  });

  it('knows the 12-month answer early once the child has entered care, but not the ones still to come before that', () => {
    // Entered care on 1 March 2026, seen on 10 March: every milestone is after the entry.
    expect(statuses(keptOutOfCare(D, [{ from: '2026-03-01', until: null }], '2026-03-10'))).toEqual([
      '3:ENTERED_CARE',
      '6:ENTERED_CARE',
      '12:ENTERED_CARE',
    ]);
  });

  it('does not count an entry still in the future (a planned placement) as known', () => {
    const r = keptOutOfCare(D, [{ from: '2026-05-01', until: null }], '2026-04-20');
    expect(r.enteredCareOn).toBeNull();
    expect(statuses(r)).toEqual(['3:KEPT_OUT', '6:NOT_YET_KNOWN', '12:NOT_YET_KNOWN']);
  });

  it('entering care on the day of the diversion is entering care; an episode that ended before it is not', () => {
    expect(keptOutOfCare(D, [{ from: D, until: null }], '2026-02-01').enteredCareOn).toBe(D);
    const before = keptOutOfCare(D, [{ from: '2024-03-01', until: '2025-06-30' }], '2026-08-01');
    expect(before.enteredCareOn).toBeNull();
    expect(statuses(before)).toEqual(['3:KEPT_OUT', '6:KEPT_OUT', '12:NOT_YET_KNOWN']);
  });

  it('a child still in care from before the diversion was never out', () => {
    const r = keptOutOfCare(D, [{ from: '2025-10-01', until: '2026-02-10' }], '2026-08-01');
    expect(r.enteredCareOn).toBe(D);
    expect(statuses(r)).toEqual(['3:ENTERED_CARE', '6:ENTERED_CARE', '12:ENTERED_CARE']);
  });

  it('takes the first entry among several periods (episodes and requests overlap)', () => {
    const periods = [
      { from: '2026-11-01', until: null },
      { from: '2026-06-01', until: '2026-06-20' },
      { from: '2026-06-01', until: null },
    ];
    expect(keptOutOfCare(D, periods, '2027-02-01').enteredCareOn).toBe('2026-06-01');
    expect(statuses(keptOutOfCare(D, periods, '2027-02-01'))).toEqual(['3:KEPT_OUT', '6:ENTERED_CARE', '12:ENTERED_CARE']);
  });

  it('counts each milestone across diversions', () => {
    const a = keptOutOfCare(D, [], '2026-08-01'); // kept, kept, unknown
    const b = keptOutOfCare(D, [{ from: '2026-05-01', until: null }], '2026-08-01'); // kept, entered, entered
    const c = keptOutOfCare('2026-06-01', [], '2026-08-01'); // unknown x3
    expect(milestoneCounts([a, b, c])).toEqual([
      { months: 3, keptOut: 2, enteredCare: 0, notYetKnown: 1 },
      { months: 6, keptOut: 1, enteredCare: 1, notYetKnown: 1 },
      { months: 12, keptOut: 0, enteredCare: 1, notYetKnown: 2 },
    ]);
  });
});
