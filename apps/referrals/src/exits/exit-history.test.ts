import { describe, expect, it } from 'vitest';
import { addMonths, asDate } from '@placewise/contracts/dates';
import { exitDateMoves, reEntered } from './exit-history.js';

describe('exit date history', () => {
  const change = (fromValue: string | null, toValue: string | null, field = 'estimatedExitDate') => ({ field, fromValue, toValue });

  it('counts moves of a date already set, and calls it slipping when a move is later', () => {
    expect(exitDateMoves([change(null, '2027-01-31')])).toEqual({ moves: 0, slipping: false });
    expect(exitDateMoves([change(null, '2027-01-31'), change('2027-01-31', '2026-12-31')])).toEqual({ moves: 1, slipping: false });
    expect(exitDateMoves([change(null, '2027-01-31'), change('2027-01-31', '2027-03-31'), change('2027-03-31', '2027-06-30')])).toEqual({
      moves: 2,
      slipping: true,
    });
    expect(exitDateMoves([change('2027-01-31', null)])).toEqual({ moves: 1, slipping: true });
    expect(exitDateMoves([change('A', 'B', 'exitRoute')])).toEqual({ moves: 0, slipping: false });
  });
});

describe('months (the shared addMonths, as the exit views use it)', () => {
  it('adds months, clamping to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-24', 12)).toBe('2027-11-24');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
  });
});

describe('re-entry to care', () => {
  const p = (d: string) => ({ placedFrom: asDate(d) });
  it('finds the first placement starting after the date and within the window', () => {
    expect(reEntered([p('2026-01-01'), p('2026-09-01')], '2026-03-01', 12)).toBe('2026-09-01');
    expect(reEntered([p('2027-03-02')], '2026-03-01', 12)).toBeNull();
    expect(reEntered([p('2027-03-01')], '2026-03-01', 12)).toBe('2027-03-01');
    expect(reEntered([p('2026-10-01')], '2026-03-01', 6)).toBeNull();
    expect(reEntered([], '2026-03-01', 12)).toBeNull();
  });
});
