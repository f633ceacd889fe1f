import { describe, expect, it } from 'vitest';
import { isDue, retentionOf, type RetentionFacts } from './retention.rule.js';

const lookedAfter: RetentionFacts = {
  dateOfBirth: '1951-06-14',
  lookedAfter: true,
  diedOn: null,
  adoptedOn: null,
  openRequest: false,
  lastDecisionOn: '1966-01-10',
};
const never: RetentionFacts = { ...lookedAfter, dateOfBirth: '2012-03-02', lookedAfter: false, lastDecisionOn: '2020-05-31' };
const set = { notLookedAfterYears: 6 };
const unset = { notLookedAfterYears: null };

describe('retention of a looked-after child: until the 75th birthday', () => {
  it('is erasable on the 75th birthday, not the day before', () => {
    const r = retentionOf(lookedAfter, set);
    expect(r).toMatchObject({ rule: 'LOOKED_AFTER', erasableFrom: '2026-06-14' });
    expect(isDue(r, '2026-06-13')).toBe(false);
    expect(isDue(r, '2026-06-14')).toBe(true);
    expect(isDue(r, '2031-01-01')).toBe(true);
  });

  it('born on 29 February: 1 March of the 75th year (a common year), never 28 February', () => {
    const r = retentionOf({ ...lookedAfter, dateOfBirth: '2000-02-29' }, set);
    expect(r.erasableFrom).toBe('2075-03-01');
    expect(isDue(r, '2075-02-28')).toBe(false);
    expect(isDue(r, '2075-03-01')).toBe(true);
  });

  it("ignores the council's setting and any open request: the law sets the period", () => {
    expect(retentionOf({ ...lookedAfter, openRequest: true }, unset).erasableFrom).toBe('2026-06-14');
  });
});

describe('a child who died in care before 18: 15 years from the day they died', () => {
  it('counts from the death', () => {
    const r = retentionOf({ ...lookedAfter, dateOfBirth: '1995-04-01', diedOn: '2008-02-29' }, set);
    expect(r).toMatchObject({ rule: 'DIED_IN_CARE', erasableFrom: '2023-03-01' });
  });

  it('a death on or after the 18th birthday keeps the 75th birthday rule', () => {
    const r = retentionOf({ ...lookedAfter, dateOfBirth: '1990-04-01', diedOn: '2008-04-01' }, set);
    expect(r).toMatchObject({ rule: 'LOOKED_AFTER', erasableFrom: '2065-04-01' });
  });
});

describe('an adopted child: 100 years from the adoption order', () => {
  it('counts from the order, over the 75th birthday', () => {
    const r = retentionOf({ ...lookedAfter, dateOfBirth: '2020-02-29', adoptedOn: '2024-02-29' }, set);
    expect(r).toMatchObject({ rule: 'ADOPTED', erasableFrom: '2124-02-29' });
    expect(isDue(r, '2124-02-28')).toBe(false);
    expect(isDue(r, '2124-02-29')).toBe(true);
  });
});

describe('a child never looked after: the council decides', () => {
  it("the council's years after the last decision", () => {
    const r = retentionOf(never, set);
    expect(r).toMatchObject({ rule: 'NOT_LOOKED_AFTER', erasableFrom: '2026-05-31' });
    expect(isDue(r, '2026-05-30')).toBe(false);
    expect(isDue(r, '2026-05-31')).toBe(true);
  });

  it('kept while the council has set nothing', () => {
    const r = retentionOf(never, unset);
    expect(r.erasableFrom).toBeNull();
    expect(isDue(r, '2199-01-01')).toBe(false);
    expect(r.why).toMatch(/not yet set/);
  });

  it('kept while a request is in hand', () => {
    const r = retentionOf({ ...never, openRequest: true }, set);
    expect(r.erasableFrom).toBeNull();
    expect(isDue(r, '2199-01-01')).toBe(false);
  });
});
