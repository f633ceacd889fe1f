import { asDate } from '@placewise/contracts/dates';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommitmentsRepository } from '../src/commitments/commitments.repository.js';
import { CouncilRepository } from '../src/council/council.repository.js';
import { ForecastRepository } from '../src/forecast/forecast.repository.js';
import { PaymentsRepository } from '../src/payments/payments.repository.js';
import { PrismaService, type Tx } from '../src/prisma.service.js';
import { call, deliver, startHarness, started, stopHarness, type Harness } from './support.js';

let h: Harness;
const own = 'ownshire';
const other = 'otherton';

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => stopHarness(h));

/** Every row finance keeps about one placement, as JSON, to compare before and after. */
async function rowsOf(placementId: string) {
  const q = async (sql: string) => (await h.sql.query(sql, [placementId])).rows;
  return {
    placement: await q(`SELECT * FROM finance.placement WHERE id = $1`),
    prices: await q(`SELECT * FROM finance.placement_price WHERE placement_id = $1 ORDER BY effective_from`),
    commitments: await q(`SELECT * FROM finance.commitment WHERE placement_id = $1 ORDER BY financial_year, version`),
    schedule: await q(`SELECT * FROM finance.payment_schedule WHERE placement_id = $1`),
    invoices: await q(`SELECT * FROM finance.invoice WHERE placement_id = $1 ORDER BY received_at`),
    alerts: await h.sql
      .query(`SELECT * FROM finance.budget_alert WHERE local_authority = $1 ORDER BY threshold_percent`, [own])
      .then((r) => r.rows),
    settings: await h.sql.query(`SELECT * FROM finance.council_settings WHERE local_authority = $1`, [own]).then((r) => r.rows),
  };
}

describe('every write is scoped to its council', () => {
  it("changes nothing when a repository is given another council's ids", async () => {
    const t = await h.issuer.token({ sub: 'fin.own', roles: ['finance'], la: own });
    const s = started(own, { weeklyCostPence: 500_000, startDate: '2027-01-04', plannedEndDate: '2027-06-30' });
    await deliver(h, s);
    const id = s.payload.placementId;
    expect((await call(h, t, 'PUT', `/placements/${id}/payment-schedule`, { frequency: 'WEEKLY' })).status).toBe(200);
    const inv = await call(h, t, 'POST', `/placements/${id}/invoices`, {
      reference: 'OWN-1',
      periodFrom: '2027-01-04',
      periodTo: '2027-01-31',
      daysClaimed: 28,
      weeklyRatePence: 500_000,
      amountPence: 2_000_000,
    });
    expect(inv.status).toBe(201);
    // A budget the placement's commitment is well over: both alert rows exist.
    await call(h, t, 'POST', '/budgets', { financialYear: 2026, category: 'RESIDENTIAL_EXTERNAL', amountPence: 100 });
    expect((await call(h, t, 'PUT', '/settings', { highCostWeeklyPence: 400_000 })).status).toBe(200);
    const before = await rowsOf(id);
    expect(before.alerts).toHaveLength(2);
    expect(before.commitments.length).toBeGreaterThan(0);

    const prisma = h.app.get(PrismaService, { strict: false });
    const commitments = h.app.get(CommitmentsRepository, { strict: false });
    const payments = h.app.get(PaymentsRepository, { strict: false });
    const forecast = h.app.get(ForecastRepository, { strict: false });
    const council = h.app.get(CouncilRepository, { strict: false });
    const inTx = <T>(fn: (tx: Tx) => Promise<T>) => prisma.$transaction(fn);

    await expect(inTx((tx) => commitments.updatePlacement(other, id, { weeklyCostPence: 1, status: 'ENDED' }, tx))).rejects.toThrow(
      /not in otherton/,
    );
    await expect(inTx((tx) => commitments.setPrice(other, id, asDate('2027-01-04'), 1, 'VARIATION', randomUUID(), tx))).rejects.toThrow();
    const lineIds = before.commitments.map((c: { id: string }) => c.id);
    expect(await inTx((tx) => commitments.supersede(other, lineIds, new Date(), tx))).toEqual({ count: 0 });
    await expect(
      inTx((tx) =>
        payments.saveSchedule(
          {
            placementId: id,
            localAuthority: other,
            frequency: 'MONTHLY',
            firstPeriodStart: asDate('2027-01-01'),
            paymentTermsDays: 9,
            setBy: 'x',
          },
          tx,
        ),
      ),
    ).rejects.toThrow();
    await expect(
      inTx((tx) =>
        payments.markPaid(other, inv.body.id, { paidOn: asDate('2027-02-01'), paidPence: 1n, paidBy: 'x', resolution: null }, tx),
      ),
    ).rejects.toThrow(/not in otherton/);
    for (const alert of before.alerts as { id: string }[]) {
      expect(await inTx((tx) => forecast.removeAlert(other, alert.id, tx))).toEqual({ count: 0 });
    }
    await inTx((tx) => council.saveSettings(other, { highCostWeeklyPence: 1 }, tx)); // its own row, not ours

    // And through the API: another council's finance officer cannot touch the placement or the invoice.
    const theirs = await h.issuer.token({ sub: 'fin.other', roles: ['finance'], la: other });
    expect((await call(h, theirs, 'PUT', `/placements/${id}/review-date`, { reviewDate: '2027-02-01' })).status).toBe(404);
    expect((await call(h, theirs, 'PUT', `/placements/${id}/payment-schedule`, { frequency: 'MONTHLY' })).status).toBe(404);
    expect((await call(h, theirs, 'POST', `/invoices/${inv.body.id}/payment`, { paidOn: '2027-02-01' })).status).toBe(404);

    expect(await rowsOf(id)).toEqual(before);
  });
});
