import { describe, expect, it } from 'vitest';
import { poundsToPence, readWeeklyCosts, weeklyCostOf, writeWeeklyCosts } from './weekly-costs.js';

describe('the weekly-cost file', () => {
  it('reads pounds into pence, by child and by placement type', () => {
    expect(poundsToPence('1234')).toBe(123_400);
    expect(poundsToPence('£1,234.5')).toBe(123_450);
    expect(poundsToPence('12.345')).toBeNull();
    const r = readWeeklyCosts('weekly-costs.csv', 'CHILD,PLACE,WEEKLY_COST\r\nC0001,,6100.00\r\n,U6,450\r\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(weeklyCostOf(r.value, 'C0001', 'K2')).toBe(610_000);
    expect(weeklyCostOf(r.value, 'C0002', 'U6')).toBe(45_000);
    expect(weeklyCostOf(r.value, 'C0002', 'K2')).toBeNull();
  });

  it('lists every bad row with its line and column', () => {
    const r = readWeeklyCosts('costs.csv', 'CHILD,WEEKLY_COST\nC1,abc\nC2,100\nC2,200\n,5\n');
    expect(r).toEqual({
      ok: false,
      errors: [
        { file: 'costs.csv', line: 2, column: 'WEEKLY_COST', reason: 'is not an amount in pounds (e.g. 1234.50)' },
        { file: 'costs.csv', line: 4, column: 'CHILD', reason: 'C2 has a weekly cost already' },
        { file: 'costs.csv', line: 5, column: 'CHILD', reason: 'needs a child reference or a placement type' },
      ],
    });
    expect(readWeeklyCosts('c.csv', 'CHILD,COST\n')).toMatchObject({ ok: false, errors: [{ line: 1 }] });
    expect(readWeeklyCosts('c.csv', 'PLACE,WEEKLY_COST\nQQ,5\n')).toMatchObject({ ok: false, errors: [{ line: 2, column: 'PLACE' }] });
  });

  it('writes a file it reads back to the same pence (the demo scripts write theirs with it)', () => {
    const byChild = { C0001: 610_000, C0002: 45_050, C0003: 7 };
    const text = writeWeeklyCosts({ byChild, byPlace: { U6: 45_000 } });
    expect(text).toBe('CHILD,PLACE,WEEKLY_COST\r\nC0001,,6100.00\r\nC0002,,450.50\r\nC0003,,0.07\r\n,U6,450.00\r\n');
    const r = readWeeklyCosts('weekly-costs.csv', text);
    expect(r.ok && Object.fromEntries(r.value.byChild)).toEqual(byChild);
    expect(r.ok && Object.fromEntries(r.value.byPlace)).toEqual({ U6: 45_000 });
    // The format the demo-903 script used to write (kind,id,weekly_pence) is refused, with why.
    expect(readWeeklyCosts('weekly-costs.csv', 'kind,id,weekly_pence\r\nchild,C0001,610000\r\n')).toMatchObject({
      ok: false,
      errors: [{ line: 1 }],
    });
    expect(() => writeWeeklyCosts({ byChild: { C1: 1.5 } })).toThrow(/whole pence/);
  });
});
