import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, deliver, priceChanged, startHarness, started, stopHarness, type Harness } from './support.js';

let h: Harness;
let t: string;
let id: string;
const la = 'payshire';

beforeAll(async () => {
  h = await startHarness();
  t = await h.issuer.token({ sub: 'fin.pay', roles: ['finance'], la });
  // £5,000 a week from Mon 4 Jan 2027 to 30 Jun 2027, uplifted to £5,250 on 1 April.
  const s = started(la, { weeklyCostPence: 500_000, startDate: '2027-01-04', plannedEndDate: '2027-06-30' });
  await deliver(h, s);
  await deliver(h, priceChanged(s, 500_000, 525_000, '2027-04-01'));
  id = s.payload.placementId;
});
afterAll(() => stopHarness(h));

const invoice = (
  reference: string,
  periodFrom: string,
  periodTo: string,
  daysClaimed: number,
  weeklyRatePence: number,
  amountPence: number,
) => call(h, t, 'POST', `/placements/${id}/invoices`, { reference, periodFrom, periodTo, daysClaimed, weeklyRatePence, amountPence });
const kinds = (r: { body: { discrepancies: { kind: string }[] } }) => r.body.discrepancies.map((d) => d.kind);

describe('provider payments', () => {
  it('schedules four-weekly payments in arrears at the agreed prices', async () => {
    const r = await call(h, t, 'GET', `/placements/${id}/payments?asOf=2027-02-15`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ frequency: 'FOUR_WEEKLY', firstPeriodStart: '2027-01-04', inArrears: true });
    expect(r.body.periods.slice(0, 4)).toEqual([
      { from: '2027-01-04', to: '2027-01-31', dueOn: '2027-02-01', expectedPence: 2_000_000, status: 'OVERDUE', invoices: [] },
      { from: '2027-02-01', to: '2027-02-28', dueOn: '2027-03-01', expectedPence: 2_000_000, status: 'UPCOMING', invoices: [] },
      { from: '2027-03-01', to: '2027-03-28', dueOn: '2027-03-29', expectedPence: 2_000_000, status: 'UPCOMING', invoices: [] },
      // 29-31 Mar at 500000 (214,285.71) + 1-25 Apr at 525000 (1,875,000): 214,286 + 1,875,000
      { from: '2027-03-29', to: '2027-04-25', dueOn: '2027-04-26', expectedPence: 2_089_286, status: 'UPCOMING', invoices: [] },
    ]);
    expect(r.body.periods.at(-1)).toMatchObject({ from: '2027-06-21', to: '2027-06-30' }); // 4 Jan + 6 x 28 days, cut at the end
    const monthly = await call(h, t, 'PUT', `/placements/${id}/payment-schedule`, {
      frequency: 'MONTHLY',
      firstPeriodStart: '2027-01-04',
      paymentTermsDays: 30,
    });
    expect(monthly.body.periods[0]).toMatchObject({ from: '2027-01-04', to: '2027-02-03', dueOn: '2027-03-06' });
    await call(h, t, 'PUT', `/placements/${id}/payment-schedule`, { frequency: 'FOUR_WEEKLY' });
  });

  it('matches invoices against the agreement and flags each kind of discrepancy', async () => {
    const ok = await invoice('BW-0001', '2027-01-04', '2027-01-31', 28, 500_000, 2_000_000);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ status: 'MATCHED', discrepancies: [], expectedPence: 2_000_000, receivedBy: 'fin.pay' });
    const wrongRate = await invoice('BW-0002', '2027-02-01', '2027-02-28', 28, 520_000, 2_080_000);
    expect([wrongRate.body.status, kinds(wrongRate)]).toEqual(['QUERIED', ['WRONG_RATE']]);
    expect(kinds(await invoice('BW-0001', '2027-01-04', '2027-01-31', 28, 500_000, 2_000_000))).toEqual(['DUPLICATE_INVOICE']);
    // 15 Jun to 12 Jul: 12 days after the placement ends (16 claimed, 16 x 525000 / 7 = 1,200,000)
    expect(kinds(await invoice('BW-0009', '2027-06-15', '2027-07-12', 16, 525_000, 1_200_000))).toEqual(['DAYS_OUTSIDE_PLACEMENT']);
    // 25 Jan to 21 Feb overlaps January (7 days) and February's invoice (21 days): nothing left to bill
    expect(kinds(await invoice('BW-0005', '2027-01-25', '2027-02-21', 28, 500_000, 2_000_000))).toEqual(['OVER_CLAIMED_DAYS']);
    expect(kinds(await invoice('BW-0006', '2027-03-01', '2027-03-28', 28, 500_000, 2_100_000))).toEqual(['AMOUNT_MISMATCH']);
    const queried = (await call(h, t, 'GET', '/invoices?status=QUERIED')).body;
    expect(queried.map((i: { reference: string }) => i.reference)).toEqual(['BW-0002', 'BW-0001', 'BW-0009', 'BW-0005', 'BW-0006']);
  });

  it('pays matched invoices, queried ones only with a resolution, and puts actuals in the forecast', async () => {
    const all = (await call(h, t, 'GET', `/invoices?placementId=${id}`)).body;
    const [jan, feb] = all;
    const paid = await call(h, t, 'POST', `/invoices/${jan.id}/payment`, { paidOn: '2027-02-05' });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({
      status: 'PAID',
      paidPence: 2_000_000,
      paidBy: 'fin.pay',
      allocations: [{ financialYear: 2026, category: 'RESIDENTIAL_EXTERNAL', paidPence: 2_000_000, releasedPence: 2_000_000 }],
    });
    expect((await call(h, t, 'POST', `/invoices/${jan.id}/payment`, { paidOn: '2027-02-05' })).status).toBe(409);
    const noReason = await call(h, t, 'POST', `/invoices/${feb.id}/payment`, { paidOn: '2027-03-05' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].field).toBe('resolution');
    // The provider's higher rate was agreed late: paid as invoiced, 2,080,000, against a 2,000,000 commitment.
    const febPaid = await call(h, t, 'POST', `/invoices/${feb.id}/payment`, {
      paidOn: '2027-03-05',
      amountPence: 2_080_000,
      resolution: 'Rate agreed by the commissioner after the invoice',
    });
    expect(febPaid.body).toMatchObject({
      status: 'PAID',
      resolution: 'Rate agreed by the commissioner after the invoice',
      allocations: [{ financialYear: 2026, paidPence: 2_080_000, releasedPence: 2_000_000 }],
    });

    // 2026-27: committed 4 Jan to 31 Mar, 87 days: 6,214,286; paid 4,080,000 replaces 4,000,000 of it:
    // forecast = 4,080,000 + 6,214,286 - 4,000,000 = 6,294,286
    const f = (await call(h, t, 'GET', '/forecast?financialYear=2026&asOf=2028-01-01')).body;
    expect(f.categories).toEqual([
      expect.objectContaining({
        category: 'RESIDENTIAL_EXTERNAL',
        actualsPaidPence: 4_080_000,
        committedPence: 6_214_286,
        releasedPence: 4_000_000,
        expectedStartsPence: 0,
        forecastPence: 6_294_286,
      }),
    ]);
    const sched = (await call(h, t, 'GET', `/placements/${id}/payments?asOf=2027-03-10`)).body;
    expect(sched.periods.slice(0, 3).map((p: { status: string }) => p.status)).toEqual(['PAID', 'PAID', 'QUERIED']);
  });

  it('refuses bad invoices with the field, other roles and other councils', async () => {
    const before = (await call(h, t, 'GET', `/invoices?placementId=${id}`)).body.length;
    for (const [body, field] of [
      [
        { reference: 'X', periodFrom: '2027-02-01', periodTo: '2027-01-01', daysClaimed: 1, weeklyRatePence: 1, amountPence: 1 },
        'periodTo',
      ],
      [
        { reference: '', periodFrom: '2027-01-01', periodTo: '2027-01-01', daysClaimed: 1, weeklyRatePence: 1, amountPence: 1 },
        'reference',
      ],
      [
        { reference: 'X', periodFrom: '2027-01-01', periodTo: '2027-01-01', daysClaimed: -1, weeklyRatePence: 1, amountPence: 1 },
        'daysClaimed',
      ],
      [
        { reference: 'X', periodFrom: '2027-01-01', periodTo: '2027-01-01', daysClaimed: 1, weeklyRatePence: 1, amountPence: 1.5 },
        'amountPence',
      ],
    ] as const) {
      const r = await call(h, t, 'POST', `/placements/${id}/invoices`, body);
      expect(r.status).toBe(400);
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const other = await h.issuer.token({ roles: ['finance'], la: 'westdale' });
    expect(
      (
        await call(h, other, 'POST', `/placements/${id}/invoices`, {
          reference: 'X',
          periodFrom: '2027-01-04',
          periodTo: '2027-01-04',
          daysClaimed: 1,
          weeklyRatePence: 500_000,
          amountPence: 71_429,
        })
      ).status,
    ).toBe(404);
    expect((await call(h, other, 'GET', '/invoices')).body).toEqual([]);
    expect((await call(h, await h.issuer.token({ roles: ['commissioner'], la }), 'GET', '/invoices')).status).toBe(403);
    expect((await call(h, t, 'GET', `/invoices?placementId=${id}`)).body.length).toBe(before);
  });
});
