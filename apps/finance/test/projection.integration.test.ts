import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectionView } from '../src/finance.views.js';
import { call, deliver, ended, imported, startHarness, started, stopHarness, type Harness } from './support.js';

let h: Harness;
const la = 'projshire';

beforeAll(async () => {
  h = await startHarness();
  const F = { placementType: 'IFA_FOSTER', provision: 'EXTERNAL', weeklyCostPence: 100_000 } as const;
  const R = { placementType: 'PRIVATE_CHILDRENS_HOME', provision: 'EXTERNAL', weeklyCostPence: 600_000 } as const;
  const place = async (kind: typeof F | typeof R, startDate: string, endDate?: string, childId: string = randomUUID()) => {
    const s = started(la, { ...kind, startDate, childId });
    await deliver(h, s);
    if (endDate) await deliver(h, ended(s, endDate, 'OTHER'));
    return childId;
  };
  // In care at the end of January, by the end of February: four stay in fostering, one moves from fostering
  // to residential, one leaves fostering, one stays in residential, one leaves residential;
  // one child comes into fostering and one into residential during February.
  for (let i = 0; i < 4; i++) await place(F, '2026-12-01');
  const mover = await place(F, '2026-12-01', '2027-02-10');
  await place(R, '2027-02-11', undefined, mover);
  await place(F, '2026-12-01', '2027-02-20');
  await place(R, '2026-12-01');
  await place(R, '2026-12-01', '2027-02-01');
  await place(F, '2027-02-05');
  await place(R, '2027-02-15');
});
afterAll(() => stopHarness(h));

describe('the cohort projection', () => {
  it("projects from the council's own transitions, costs it, and tests the same trajectory", async () => {
    const t = await h.issuer.token({ roles: ['finance'], la });
    const r = await call(h, t, 'GET', '/projection?asOf=2027-03-15&window=1&months=2');
    expect(r.status).toBe(200);
    const p = r.body;
    expect(ProjectionView.strict().parse(p).months).toHaveLength(2);
    expect(p.referenceWindow).toEqual({ from: '2027-01-31', to: '2027-02-28', months: 1 });
    // Fostering: 6 child-months; 4 stayed (2/3), 1 moved (1/6), 1 left (1/6). Residential: 2; 1 stayed, 1 left.
    expect(p.model.transitions).toEqual({
      FOSTERING_EXTERNAL: { FOSTERING_EXTERNAL: 0.6667, RESIDENTIAL_EXTERNAL: 0.1667, LEFT_CARE: 0.1667 },
      RESIDENTIAL_EXTERNAL: { FOSTERING_EXTERNAL: 0, RESIDENTIAL_EXTERNAL: 0.5, LEFT_CARE: 0.5 },
    });
    expect(p.model.entriesPerMonth).toEqual({ FOSTERING_EXTERNAL: 1, RESIDENTIAL_EXTERNAL: 1 });
    expect(p.initial).toEqual({ total: 8, byCategory: { FOSTERING_EXTERNAL: 5, RESIDENTIAL_EXTERNAL: 3 } });
    // March: F = 5 x 2/3 + 1 = 4.33; R = 5 x 1/6 + 3 x 1/2 + 1 = 3.33.
    // Cost (31 days): F 13/3 x 100000 x 31 / 7 = 1,919,047.62 -> 1,919,048; R 10/3 x 600000 x 31 / 7 = 8,857,142.86 -> 8,857,143
    expect(p.months[0]).toEqual({
      month: '2027-03',
      total: 7.7,
      byCategory: { FOSTERING_EXTERNAL: 4.3, RESIDENTIAL_EXTERNAL: 3.3 },
      entered: 2,
      left: 2.3, // 5 x 1/6 + 3 x 1/2
      costPence: 10_776_191,
      costByCategoryPence: { FOSTERING_EXTERNAL: 1_919_048, RESIDENTIAL_EXTERNAL: 8_857_143 },
    });
    expect(p.months).toHaveLength(2);
    expect(p.totalCostPence).toBe(p.months[0].costPence + p.months[1].costPence);
    // A month earlier nothing moved in the window (December to January), so the trajectory then was flat at 8; 8 are in care.
    expect(p.sameTrajectory).toEqual({
      from: '2027-01',
      referenceWindow: { from: '2026-12-31', to: '2027-01-31' },
      months: [{ month: '2027-02', projected: 8, actual: 8, difference: 0, differencePercent: 0 }],
    });

    const csv = await call(h, t, 'GET', '/projection?asOf=2027-03-15&window=1&months=2', undefined, 'text/csv');
    expect(csv.body.split('\r\n').slice(0, 2)).toEqual([
      'kind,month,FOSTERING_EXTERNAL,RESIDENTIAL_EXTERNAL,total,entered,left,cost_pence,actual,difference',
      'PROJECTION,2027-03,4.3,3.3,7.7,2,2.3,10776191,,',
    ]);
    expect(csv.body.split('\r\n')[3]).toBe('SAME_TRAJECTORY,2027-02,,,8,,,,8,0');
    expect((await call(h, t, 'GET', '/projection')).body.months).toHaveLength(24);
    expect((await call(h, t, 'GET', '/projection?months=0')).status).toBe(400);
    const other = await h.issuer.token({ roles: ['finance'], la: 'westdale' });
    expect((await call(h, other, 'GET', '/projection?asOf=2027-03-15&window=1&months=2')).body.initial).toEqual({
      total: 0,
      byCategory: {},
    });
  });
});

describe('the projection on imported history', () => {
  it('counts a child imported without a price, and leaves it out of the average weekly cost', async () => {
    const la2 = 'importshire';
    // Placements from the 903 return, one with a price and one without, both running since 2026.
    await deliver(h, imported(la2, { placementType: 'PRIVATE_CHILDRENS_HOME', weeklyCostPence: 600_000, startDate: '2026-01-05' }));
    await deliver(h, imported(la2, { placementType: 'PRIVATE_CHILDRENS_HOME', weeklyCostPence: null, startDate: '2026-02-02' }));
    const t = await h.issuer.token({ roles: ['finance'], la: la2 });
    const p = ProjectionView.parse((await call(h, t, 'GET', '/projection?asOf=2027-03-15&window=12&months=1')).body);
    expect(p.initial).toEqual({ total: 2, byCategory: { RESIDENTIAL_EXTERNAL: 2 } });
    // The average is the priced one's £6,000, not £3,000.
    expect(p.model.averageWeeklyCostPence).toEqual({ RESIDENTIAL_EXTERNAL: 600_000 });
    // Nobody moved or left in the window (both started before it): March has both, costed at £6,000 for 31 days each:
    // 2 x 600000 x 31 / 7 = 5,314,285.71 -> 5,314,286p.
    expect(p.months[0]).toMatchObject({ month: '2027-03', total: 2, costPence: 5_314_286 });
  });
});
