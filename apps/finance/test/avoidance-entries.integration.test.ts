import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CostAvoidanceView } from '../src/finance.views.js';
import { call, decisionRecorded, deliver, ended, startHarness, started, stopHarness, type Harness } from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => stopHarness(h));

async function council() {
  const la = `la-${randomUUID().slice(0, 8)}`;
  const token = await h.issuer.token({ sub: `fin.${la}`, roles: ['finance'], la });
  return {
    la,
    async report(asOf = '2027-01-31') {
      const r = await call(h, token, 'GET', `/cost-avoidance?financialYear=2026&asOf=${asOf}`);
      expect(r.status).toBe(200);
      return CostAvoidanceView.strict().parse(r.body).stepDownsAndExits;
    },
  };
}

const again = <E extends { id: string }>(e: E): E => ({ ...e, id: randomUUID() });

describe('step-downs and exits feed cost avoidance', () => {
  it('records an exit from care: the weekly cost no longer paid to 31 March, once', async () => {
    const c = await council();
    const childId = randomUUID();
    const s = started(c.la, { childId, weeklyCostPence: 550_000, startDate: '2026-10-05' });
    await deliver(h, s);
    const exit = ended(s, '2026-12-31', 'EXIT_FROM_CARE');
    await deliver(h, exit);
    await deliver(h, again(exit));
    const r = await c.report();
    expect(r.entries).toEqual([
      {
        kind: 'EXIT_FROM_CARE',
        reason:
          "Left care on 31 December 2026: the placement's £5,500.00 a week no longer paid for the 90 days from 1 January 2027 to 31 March 2027: cost avoided, not a cash saving.",
        childId,
        placementId: s.payload.placementId,
        replacementPlacementId: null,
        requestId: null,
        from: '2027-01-01',
        to: '2027-03-31',
        // 1 Jan to 31 Mar 2027: 31 + 28 + 31 = 90 days; 550000 x 90 / 7 = 7,071,428.57 -> 7,071,429p
        days: 90,
        weeklyPence: 550_000,
        amountPence: 7_071_429,
        // to 31 Jan: 31 days; 550000 x 31 / 7 = 2,435,714.29 -> 2,435,714p
        accruedDays: 31,
        accruedPence: 2_435_714,
      },
    ]);
    expect(r.total).toEqual({ entries: 1, amountPence: 7_071_429, accruedPence: 2_435_714 });
  });

  it('records leaving care at 18, and nothing when no day of the year is left', async () => {
    const c = await council();
    const a = started(c.la, { weeklyCostPence: 70_000, startDate: '2026-06-01', childAge: 17 });
    const b = started(c.la, { weeklyCostPence: 70_000, startDate: '2026-06-01', childAge: 17 });
    for (const e of [a, b]) await deliver(h, e);
    await deliver(h, ended(a, '2027-02-28', 'AGE_18'));
    await deliver(h, ended(b, '2027-03-31', 'AGE_18'));
    const r = await c.report('2027-03-31');
    // 1 to 31 March 2027: 31 days; 70000 x 31 / 7 = 310,000p
    expect(r.entries).toEqual([
      expect.objectContaining({
        kind: 'AGE_18',
        placementId: a.payload.placementId,
        from: '2027-03-01',
        days: 31,
        amountPence: 310_000,
        accruedPence: 310_000,
        reason:
          "Left care at 18 on 28 February 2027: the placement's £700.00 a week no longer paid for the 31 days from 1 March 2027 to 31 March 2027: cost avoided, not a cash saving.",
      }),
    ]);
  });

  it('records a step-down to a cheaper placement from the placements themselves, in either order, and not one to a dearer one', async () => {
    const c = await council();
    const childId = randomUUID();
    const old = started(c.la, { childId, weeklyCostPence: 600_000, startDate: '2026-10-05' });
    await deliver(h, old);
    // The new placement's start reaches finance before the old one's end.
    const next = started(c.la, {
      childId,
      weeklyCostPence: 50_000,
      startDate: '2026-12-21',
      placementType: 'INHOUSE_FOSTER',
      provision: 'IN_HOUSE',
    });
    await deliver(h, next);
    expect((await c.report()).entries).toEqual([]);
    const end = ended(old, '2026-12-20', 'STEP_DOWN');
    await deliver(h, end);
    await deliver(h, again(end));

    const other = randomUUID();
    const dear = started(c.la, { childId: other, weeklyCostPence: 300_000, startDate: '2026-10-05' });
    await deliver(h, dear);
    await deliver(h, ended(dear, '2026-12-20', 'STEP_DOWN'));
    await deliver(h, started(c.la, { childId: other, weeklyCostPence: 320_000, startDate: '2026-12-21' }));

    const r = await c.report();
    expect(r.entries).toEqual([
      expect.objectContaining({
        kind: 'STEP_DOWN',
        childId,
        placementId: old.payload.placementId,
        replacementPlacementId: next.payload.placementId,
        requestId: null,
        from: '2026-12-21',
        to: '2027-03-31',
        // 21 Dec to 31 Mar: 11 + 31 + 28 + 31 = 101 days at 600000 - 50000 = 550000 a week: 7,935,714.29 -> 7,935,714p
        days: 101,
        weeklyPence: 550_000,
        amountPence: 7_935_714,
        reason:
          'Stepped down from £6,000.00 to £500.00 a week: £5,500.00 a week no longer paid for the 101 days from 21 December 2026 to 31 March 2027: cost avoided, not a cash saving.',
      }),
    ]);
  });

  it('records an approved step-down from its weekly costs when it is decided, then settles it to the move, once', async () => {
    const c = await council();
    const childId = randomUUID();
    const old = started(c.la, { childId, weeklyCostPence: 600_000, startDate: '2026-10-05' });
    await deliver(h, old);
    const requestId = randomUUID();
    const decision = decisionRecorded(c.la, requestId, {
      childId,
      kind: 'STEP_DOWN',
      requestedWeeklyCostPence: 50_000,
      effectiveDate: '2027-01-04',
      counterfactual: { description: 'The residential home she leaves', weeklyCostPence: 600_000, source: 'Its agreement' },
    });
    await deliver(h, decision);
    await deliver(h, again(decision));
    await deliver(
      h,
      decisionRecorded(c.la, randomUUID(), {
        childId,
        kind: 'STEP_DOWN',
        outcome: 'DECLINED',
        counterfactual: decision.payload.counterfactual,
      }),
    );
    expect((await c.report()).entries).toEqual([
      expect.objectContaining({
        kind: 'STEP_DOWN',
        requestId,
        placementId: null,
        replacementPlacementId: null,
        from: '2027-01-04',
        // 4 Jan to 31 Mar 2027: 28 + 28 + 31 = 87 days; 550000 x 87 / 7 = 6,835,714.29 -> 6,835,714p
        days: 87,
        amountPence: 6_835_714,
        // 4 to 31 Jan: 28 days, 4 weeks: 2,200,000p
        accruedDays: 28,
        accruedPence: 2_200_000,
        reason:
          'Stepped down (The residential home she leaves) from £6,000.00 to £500.00 a week: £5,500.00 a week no longer paid for the 87 days from 4 January 2027 to 31 March 2027: cost avoided, not a cash saving.',
      }),
    ]);
    // The move came a week later, at £600 a week: the entry is settled to it, and stays one entry.
    const end = ended(old, '2027-01-10', 'STEP_DOWN');
    await deliver(h, end);
    const next = started(c.la, {
      childId,
      requestId,
      weeklyCostPence: 60_000,
      startDate: '2027-01-11',
      placementType: 'INHOUSE_FOSTER',
      provision: 'IN_HOUSE',
    });
    await deliver(h, next);
    await deliver(h, again(end));
    const r = await c.report();
    expect(r.entries).toEqual([
      expect.objectContaining({
        kind: 'STEP_DOWN',
        requestId,
        placementId: old.payload.placementId,
        replacementPlacementId: next.payload.placementId,
        from: '2027-01-11',
        // 11 Jan to 31 Mar 2027: 21 + 28 + 31 = 80 days at 540000 a week: 6,171,428.57 -> 6,171,429p
        days: 80,
        weeklyPence: 540_000,
        amountPence: 6_171_429,
        // 11 to 31 Jan: 21 days, 3 weeks: 1,620,000p
        accruedDays: 21,
        accruedPence: 1_620_000,
        reason:
          'Stepped down from £6,000.00 to £600.00 a week: £5,400.00 a week no longer paid for the 80 days from 11 January 2027 to 31 March 2027: cost avoided, not a cash saving.',
      }),
    ]);
  });
});
