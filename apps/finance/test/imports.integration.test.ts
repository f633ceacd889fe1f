import { londonToday } from '@placewise/contracts/dates';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlacementView, UnpricedImportsView } from '../src/finance.views.js';
import { financialYearOf } from '../src/money.js';
import { call, deliver, endedWithoutRequest, imported, startHarness, stopHarness, type Harness } from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => stopHarness(h));

/** The financial year the test runs in: imports commit for the year they are loaded in. */
const fy = financialYearOf(londonToday());
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
/** Days from 1 October to 31 March of the year: 31 + 30 + 31 + 31 + 28 (or 29) + 31. */
const octToMarch = 182 + (leap(fy + 1) ? 1 : 0);

async function council() {
  const la = `la-${randomUUID().slice(0, 8)}`;
  const token = await h.issuer.token({ sub: `fin.${la}`, roles: ['finance'], la });
  return { la, api: (method: string, path: string, body?: unknown) => call(h, token, method, path, body) };
}

const line = (from: string, to: string, days: number, amountPence: number) =>
  expect.objectContaining({ financialYear: fy, from, to, days, amountPence, cause: 'IMPORTED', awaitingRatification: false });

describe('placements imported from the 903 return', () => {
  it('commits a placement that started before this year from 1 April to 31 March, as an awarded one is costed', async () => {
    const c = await council();
    const e = imported(c.la, { startDate: `${fy - 1}-11-03`, weeklyCostPence: 550_000 });
    await deliver(h, e);
    const p = PlacementView.strict().parse((await c.api('GET', `/placements/${e.payload.placementId}`)).body);
    expect(p).toMatchObject({
      origin: 'IMPORT',
      requestId: null,
      importKey: e.payload.importKey,
      priceMissing: false,
      ratification: null,
      category: 'RESIDENTIAL_EXTERNAL',
      weeklyCostPence: 550_000,
      startDate: `${fy - 1}-11-03`,
      status: 'ACTIVE',
    });
    // In 2026-27: 1 Apr 2026 to 31 Mar 2027 is 365 days; 550000 x 365 / 7 = 28,678,571.43 -> 28,678,571p.
    const days = leap(fy + 1) ? 366 : 365;
    expect(p.commitments).toEqual([line(`${fy}-04-01`, `${fy + 1}-03-31`, days, Math.round((550_000 * days) / 7))]);
    if (fy === 2026) expect(p.commitments[0]!.amountPence).toBe(28_678_571);
  });

  it('commits one that started this year from its start, and stops it when it ends (placement.ended version 2)', async () => {
    const c = await council();
    const e = imported(c.la, { startDate: `${fy}-10-01`, weeklyCostPence: 550_000, placementType: 'IFA_FOSTER', provision: 'EXTERNAL' });
    await deliver(h, e);
    let p = (await c.api('GET', `/placements/${e.payload.placementId}`)).body;
    // 1 Oct to 31 Mar: 182 days (183 when February has 29); in 2026-27 550000 x 182 / 7 = 14,300,000p exactly.
    expect(p.commitments).toEqual([line(`${fy}-10-01`, `${fy + 1}-03-31`, octToMarch, Math.round((550_000 * octToMarch) / 7))]);
    expect(p.category).toBe('FOSTERING_EXTERNAL');
    await deliver(h, endedWithoutRequest(e, `${fy}-12-31`, 'EXIT_FROM_CARE'));
    p = (await c.api('GET', `/placements/${e.payload.placementId}`)).body;
    // 1 Oct to 31 Dec: 31 + 30 + 31 = 92 days; 550000 x 92 / 7 = 7,228,571.43 -> 7,228,571p.
    expect(p.commitments).toEqual([
      expect.objectContaining({ from: `${fy}-10-01`, to: `${fy}-12-31`, days: 92, amountPence: 7_228_571, cause: 'ENDED' }),
    ]);
    expect(p).toMatchObject({ status: 'ENDED', endDate: `${fy}-12-31`, endReason: 'EXIT_FROM_CARE' });
  });

  it('records one with no price with no commitment, lists it, and commits it once finance prices it', async () => {
    const c = await council();
    const e = imported(c.la, { startDate: `${fy}-10-01`, weeklyCostPence: null });
    await deliver(h, e);
    const id = e.payload.placementId;
    expect((await c.api('GET', `/placements/${id}`)).body).toMatchObject({
      priceMissing: true,
      weeklyCostPence: 0,
      commitments: [],
      prices: [],
    });
    const listed = UnpricedImportsView.parse((await c.api('GET', '/imports/unpriced')).body);
    expect(listed).toEqual([
      expect.objectContaining({ placementId: id, importKey: e.payload.importKey, startDate: `${fy}-10-01`, status: 'ACTIVE' }),
    ]);

    for (const [body, field] of [
      [{ weeklyCostPence: 0 }, 'weeklyCostPence'],
      [{ weeklyCostPence: 100.5 }, 'weeklyCostPence'],
      [{ weeklyCostPence: 100_000, extra: 1 }, '(body)'],
    ] as const) {
      const r = await c.api('PUT', `/imports/unpriced/${id}/price`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errors.map((x: { field: string }) => x.field)).toContain(field);
    }
    const priced = await c.api('PUT', `/imports/unpriced/${id}/price`, { weeklyCostPence: 100_000 });
    expect(priced.status).toBe(200);
    // 182 days (in 2026-27) at £1,000 a week: 100000 x 182 / 7 = 2,600,000p.
    expect(priced.body).toMatchObject({ priceMissing: false, weeklyCostPence: 100_000 });
    expect(priced.body.commitments).toEqual([
      expect.objectContaining({
        from: `${fy}-10-01`,
        days: octToMarch,
        amountPence: Math.round((100_000 * octToMarch) / 7),
        cause: 'PRICE_CHANGED',
      }),
    ]);
    expect((await c.api('GET', '/imports/unpriced')).body).toEqual([]);
    expect((await c.api('PUT', `/imports/unpriced/${id}/price`, { weeklyCostPence: 100_000 })).status).toBe(409);
    const other = await council();
    expect((await other.api('PUT', `/imports/unpriced/${id}/price`, { weeklyCostPence: 100_000 })).status).toBe(404);
    expect((await other.api('GET', '/imports/unpriced')).body).toEqual([]);
  });

  it('changes nothing when the event is redelivered or the same import key comes again', async () => {
    const c = await council();
    const e = imported(c.la);
    await deliver(h, e);
    const rows = async () =>
      (
        await h.sql.query(
          `SELECT (SELECT count(*) FROM finance.placement WHERE local_authority = $1)::int AS placements,
                  (SELECT count(*) FROM finance.commitment WHERE local_authority = $1)::int AS lines`,
          [c.la],
        )
      ).rows[0];
    expect(await rows()).toEqual({ placements: 1, lines: 1 });
    await deliver(h, e, 'duplicate', `${e.id}-again`);
    await deliver(h, imported(c.la, { ...e.payload, placementId: randomUUID() }));
    expect(await rows()).toEqual({ placements: 1, lines: 1 });
  });
});
