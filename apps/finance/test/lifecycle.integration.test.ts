import { settledJob } from '@placewise/platform/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CostAvoidanceView, HighCostView } from '../src/finance.views.js';
import {
  call,
  decisionRecorded,
  deliver,
  ended,
  noticeGiven,
  priceChanged,
  startHarness,
  started,
  stopHarness,
  type Harness,
} from './support.js';

let h: Harness;
const token = (la: string, roles: string[] = ['finance']) => h.issuer.token({ sub: `fin.${la}`, roles: roles as never, la });
const placement = async (la: string, id: string) => (await call(h, await token(la), 'GET', `/placements/${id}`)).body;
const current = (p: { commitments: { financialYear: number; days: number; amountPence: number; version: number; cause: string }[] }) =>
  p.commitments.map((c) => [c.financialYear, c.days, c.amountPence, c.version, c.cause]);

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => stopHarness(h));

describe('a commitment follows its placement', () => {
  it('re-costs on an uplift on 1 April, a notice and a mid-year end, keeping every version', async () => {
    const la = 'lifeshire';
    const s = started(la, { weeklyCostPence: 500_000, startDate: '2027-01-04', plannedEndDate: '2027-12-31' });
    await deliver(h, s);
    const id = s.payload.placementId;
    // 4 Jan to 31 Mar 2027 is 28 + 28 + 31 = 87 days: 500000 x 87 / 7 = 6,214,285.71 -> 6,214,286
    // 1 Apr to 31 Dec 2027 is 275 days: 500000 x 275 / 7 = 19,642,857.14 -> 19,642,857
    expect(current(await placement(la, id))).toEqual([
      [2026, 87, 6_214_286, 1, 'STARTED'],
      [2027, 275, 19_642_857, 1, 'STARTED'],
    ]);

    // An uplift to £5,250 from 1 April: 2026-27 is untouched; 275 days at 525000 (75000 a day) = 20,625,000
    const uplift = priceChanged(s, 500_000, 525_000, '2027-04-01');
    await deliver(h, uplift);
    await deliver(h, uplift, 'duplicate', `${uplift.id}-again`);
    let p = await placement(la, id);
    expect(current(p)).toEqual([
      [2026, 87, 6_214_286, 1, 'STARTED'],
      [2027, 275, 20_625_000, 2, 'PRICE_CHANGED'],
    ]);
    expect(p.prices).toEqual([
      { effectiveFrom: '2027-01-04', weeklyCostPence: 500_000, reason: 'START' },
      { effectiveFrom: '2027-04-01', weeklyCostPence: 525_000, reason: 'ANNUAL_UPLIFT' },
    ]);
    expect(p.commitments[1]).toMatchObject({ weeklyCostPence: 525_000, grossPence: 20_625_000, from: '2027-04-01', to: '2027-12-31' });

    // Notice to end on 30 Sep 2027: 1 Apr to 30 Sep is 183 days x 75000 = 13,725,000
    await deliver(h, noticeGiven(s, '2027-09-30'));
    p = await placement(la, id);
    expect(p).toMatchObject({ status: 'NOTICE', noticeEndDate: '2027-09-30' });
    expect(current(p)).toEqual([
      [2026, 87, 6_214_286, 1, 'STARTED'],
      [2027, 183, 13_725_000, 3, 'NOTICE_GIVEN'],
    ]);

    // It ends early, on 15 Aug 2027: 30 + 31 + 30 + 31 + 15 = 137 days x 75000 = 10,275,000
    await deliver(h, ended(s, '2027-08-15'));
    p = await placement(la, id);
    expect(p).toMatchObject({ status: 'ENDED', endDate: '2027-08-15', endReason: 'BREAKDOWN' });
    expect(current(p)).toEqual([
      [2026, 87, 6_214_286, 1, 'STARTED'],
      [2027, 137, 10_275_000, 4, 'ENDED'],
    ]);
    // Nothing is edited in place: every version is kept, the old ones marked superseded.
    expect(
      p.commitmentHistory.map((c: { financialYear: number; version: number; amountPence: number; supersededAt: string | null }) => [
        c.financialYear,
        c.version,
        c.amountPence,
        c.supersededAt === null,
      ]),
    ).toEqual([
      [2026, 1, 6_214_286, true],
      [2027, 1, 19_642_857, false],
      [2027, 2, 20_625_000, false],
      [2027, 3, 13_725_000, false],
      [2027, 4, 10_275_000, true],
    ]);

    // A second placement that ends before the year it was committed into: that year's line goes, explained as REMOVED.
    const short = started(la, { weeklyCostPence: 500_000, startDate: '2027-01-04', plannedEndDate: '2027-06-30' });
    await deliver(h, short);
    await deliver(h, ended(short, '2027-03-19', 'MOVE'));
    // 4 Jan to 19 Mar is 28 + 28 + 19 = 75 days: 500000 x 75 / 7 = 5,357,142.86 -> 5,357,143; 2027-28 (91 days, 6,500,000) is gone
    expect(current(await placement(la, short.payload.placementId))).toEqual([[2026, 75, 5_357_143, 2, 'ENDED']]);

    // The year's movement explains the 2027-28 commitment change by change.
    const m = (await call(h, await token(la), 'GET', '/commitments/movement?financialYear=2027')).body;
    expect(m.byCause).toEqual({
      STARTED: 19_642_857 + 6_500_000,
      PRICE_CHANGED: 982_143, // 20,625,000 - 19,642,857
      NOTICE_GIVEN: -6_900_000, // 13,725,000 - 20,625,000
      ENDED: -3_450_000, // 10,275,000 - 13,725,000
      REMOVED: -6_500_000,
    });
    expect(m.committedPence).toBe(10_275_000);
    const f = (await call(h, await token(la), 'GET', '/forecast?financialYear=2027&asOf=2027-03-31')).body;
    expect(f.total.committedPence).toBe(10_275_000);
  });

  it('retries a change to a placement it has not seen yet, and applies it once the start arrives', async () => {
    const la = 'lifeshire';
    const s = started(la, { weeklyCostPence: 70_000, startDate: '2027-01-04', plannedEndDate: '2027-01-31' });
    const early = priceChanged(s, 70_000, 77_000, '2027-01-18', 'VARIATION');
    await h.inbox.add(early.type, early, { jobId: early.id, attempts: 5, backoff: { type: 'fixed', delay: 300 } });
    await deliver(h, s);
    const job = await settledJob(h.inbox, early.id);
    expect(job.returnvalue).toBe('applied');
    // 4-17 Jan: 14 days at 70000 = 140,000; 18-31 Jan: 14 days at 77000 = 154,000
    expect(current(await placement(la, s.payload.placementId))).toEqual([[2026, 28, 294_000, 2, 'PRICE_CHANGED']]);
  });
});

describe('council settings', () => {
  it('commit an open-ended placement to the 18th birthday when the council says so, on recosting', async () => {
    const la = 'agehire';
    const t = await token(la);
    // 16 on Mon 4 Jan 2027: the last day before 18 is at the latest 3 Jan 2029
    const s = started(la, { weeklyCostPence: 70_000, startDate: '2027-01-04', childAge: 16 });
    await deliver(h, s);
    expect(current(await placement(la, s.payload.placementId))).toEqual([[2026, 87, 870_000, 1, 'STARTED']]); // 87 days x 10000 a day
    expect((await call(h, t, 'PUT', '/settings', { openEndedTo: 'AGE_18' })).body).toEqual({
      annualisation: '365/7',
      openEndedTo: 'AGE_18',
      highCostWeeklyPence: 1_000_000,
    });
    expect((await call(h, t, 'POST', '/commitments/recost')).body).toEqual({ placements: 1, changed: 1 });
    const p = await placement(la, s.payload.placementId);
    expect(p.lastDayBefore18).toBe('2029-01-03');
    expect(current(p)).toEqual([
      [2026, 87, 870_000, 1, 'STARTED'],
      [2027, 366, 3_660_000, 1, 'RECOSTED'], // 1 Apr 2027 to 31 Mar 2028 (leap year)
      [2028, 278, 2_780_000, 1, 'RECOSTED'], // 1 Apr 2028 to 3 Jan 2029
    ]);
    // Recosting again changes nothing.
    expect((await call(h, t, 'POST', '/commitments/recost')).body).toEqual({ placements: 1, changed: 0 });
    expect((await call(h, t, 'PUT', '/settings', { openEndedTo: 'FOREVER' })).status).toBe(400);
  });
});

describe('partner contributions and income', () => {
  it('net a placement of health contributions per week and the UASC grant per night, across the year end', async () => {
    const la = 'netshire';
    const t = await token(la);
    const s = started(la, { weeklyCostPence: 400_000, startDate: '2027-03-01', plannedEndDate: '2027-09-30', childAge: 16 });
    await deliver(h, s);
    const id = s.payload.placementId;
    await deliver(h, priceChanged(s, 400_000, 420_000, '2027-04-01'));
    const health = await call(h, t, 'POST', `/placements/${id}/contributions`, {
      kind: 'HEALTH',
      fromDate: '2027-03-15',
      weeklyPence: 70_000,
      note: 'ICB: therapeutic support',
    });
    expect(health.status).toBe(201);
    expect(health.body).toMatchObject({
      kind: 'HEALTH',
      fromDate: '2027-03-15',
      toDate: null,
      weeklyPence: 70_000,
      nightlyPence: null,
      recordedBy: 'fin.netshire',
    });
    expect(
      (await call(h, t, 'POST', `/placements/${id}/contributions`, { kind: 'UASC_GRANT', fromDate: '2027-03-01', nightlyPence: 14_300 }))
        .status,
    ).toBe(201);
    await deliver(h, ended(s, '2027-06-30', 'PLANNED_END'));
    const p = await placement(la, id);
    expect(p.commitments.map((c: object) => c)).toEqual([
      // 31 days: 400000 x 31 / 7 = 1,771,428.57 -> 1,771,429 gross; health 15-31 Mar, 17 days: 70000 x 17 / 7 = 170,000;
      // UASC 31 nights x 14300 = 443,300; net 1,771,429 - 170,000 - 443,300 = 1,158,129
      expect.objectContaining({
        financialYear: 2026,
        days: 31,
        grossPence: 1_771_429,
        contributionsPence: 170_000,
        incomePence: 443_300,
        amountPence: 1_158_129,
      }),
      // 1 Apr to 30 Jun, 91 days = 13 weeks: 13 x 420000 = 5,460,000; health 13 x 70000 = 910,000; UASC 91 x 14300 = 1,301,300;
      // net 5,460,000 - 910,000 - 1,301,300 = 3,248,700
      expect.objectContaining({
        financialYear: 2027,
        days: 91,
        grossPence: 5_460_000,
        contributionsPence: 910_000,
        incomePence: 1_301_300,
        amountPence: 3_248_700,
        cause: 'ENDED',
      }),
    ]);
    const causes = p.commitmentHistory
      .filter((c: { financialYear: number }) => c.financialYear === 2026)
      .map((c: { cause: string }) => c.cause);
    expect(causes).toEqual(['STARTED', 'CONTRIBUTION', 'CONTRIBUTION']);
    // The forecast counts the net.
    expect((await call(h, t, 'GET', '/forecast?financialYear=2027&asOf=2028-04-01')).body.total.committedPence).toBe(3_248_700);
  });

  it('refuses a bad contribution with the field, and another council', async () => {
    const la = 'netshire';
    const s = started(la);
    await deliver(h, s);
    const id = s.payload.placementId;
    const t = await token(la);
    const bad: [unknown, string][] = [
      [{ kind: 'HEALTH', fromDate: '2027-01-01' }, 'weeklyPence'],
      [{ kind: 'UASC_GRANT', fromDate: '2027-01-01', weeklyPence: 100 }, 'nightlyPence'],
      [{ kind: 'HOUSING', fromDate: '2027-01-01', weeklyPence: 100 }, 'kind'],
      [{ kind: 'EDUCATION', fromDate: '1 Jan', weeklyPence: 100 }, 'fromDate'],
      [{ kind: 'EDUCATION', fromDate: '2027-01-01', weeklyPence: -5 }, 'weeklyPence'],
      [{ kind: 'EDUCATION', fromDate: '2027-01-01', weeklyPence: 5, localAuthority: 'x' }, '(body)'],
    ];
    for (const [body, field] of bad) {
      const r = await call(h, t, 'POST', `/placements/${id}/contributions`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(
      (
        await call(h, t, 'POST', `/placements/${id}/contributions`, {
          kind: 'EDUCATION',
          fromDate: '2027-02-01',
          toDate: '2027-01-01',
          weeklyPence: 5,
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await call(h, await token('westdale'), 'POST', `/placements/${id}/contributions`, {
          kind: 'EDUCATION',
          fromDate: '2027-01-01',
          weeklyPence: 5,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(h, await token(la, ['commissioner']), 'POST', `/placements/${id}/contributions`, {
          kind: 'EDUCATION',
          fromDate: '2027-01-01',
          weeklyPence: 5,
        })
      ).status,
    ).toBe(403);
    expect((await placement(la, id)).contributions).toEqual([]);
  });
});

describe('budget thresholds and virements', () => {
  const thresholdEvents = async (la: string) =>
    (
      await h.sql.query(
        `SELECT envelope FROM finance.outbox_event WHERE type = 'budget.threshold-crossed' AND local_authority = $1 ORDER BY seq`,
        [la],
      )
    ).rows.map((r) => r.envelope.payload);

  it('emits budget.threshold-crossed once per crossing, and again only after the forecast falls back below', async () => {
    const la = 'alertshire';
    const t = await token(la);
    // Far in the future, so no start in the real last 12 months adds expected starts.
    expect(
      (await call(h, t, 'POST', '/budgets', { financialYear: 2035, category: 'RESIDENTIAL_EXTERNAL', amountPence: 10_000_000 })).status,
    ).toBe(201);
    expect(
      (await call(h, t, 'POST', '/budgets', { financialYear: 2035, category: 'SECURE_EXTERNAL', amountPence: 3_000_000 })).status,
    ).toBe(201);
    // 12 weeks at 700000 = 8,400,000: 84%
    await deliver(h, started(la, { weeklyCostPence: 700_000, startDate: '2035-04-02', plannedEndDate: '2035-06-24' }));
    expect(await thresholdEvents(la)).toEqual([]);
    // Two one-week placements (700,000 each) arrive at once: 91% then 98%; 90% is crossed once.
    const week = (from: string, to: string) => started(la, { weeklyCostPence: 700_000, startDate: from, plannedEndDate: to });
    await Promise.all([deliver(h, week('2035-07-02', '2035-07-08')), deliver(h, week('2035-07-09', '2035-07-15'))]);
    let events = await thresholdEvents(la);
    expect(events).toEqual([
      {
        financialYear: 2035,
        category: 'RESIDENTIAL_EXTERNAL',
        thresholdPercent: 90,
        forecastPence: expect.any(Number),
        budgetPence: 10_000_000,
        crossedAt: expect.any(String),
      },
    ]);
    expect([9_100_000, 9_800_000]).toContain(events[0].forecastPence);

    // A virement of 1,000,000 from secure: 9,800,000 / 11,000,000 = 89.1%, below 90% again (re-armed).
    const v = await call(h, t, 'POST', '/budgets/virements', {
      financialYear: 2035,
      fromCategory: 'SECURE_EXTERNAL',
      toCategory: 'RESIDENTIAL_EXTERNAL',
      amountPence: 1_000_000,
      reason: 'Secure demand lower than planned',
    });
    expect(v.status).toBe(201);
    expect(v.body).toMatchObject({
      amountPence: 1_000_000,
      by: 'fin.alertshire',
      balances: { SECURE_EXTERNAL: 2_000_000, RESIDENTIAL_EXTERNAL: 11_000_000 },
    });
    expect((await call(h, t, 'GET', '/forecast/alerts?financialYear=2035')).body).toEqual([]);
    // Another week: 10,500,000 / 11,000,000 = 95.5%: 90% is crossed a second time.
    await deliver(h, week('2035-07-16', '2035-07-22'));
    // Budget cut back to 10,000,000: 105%, so 100% is crossed (90% still holds: no second event for it).
    await call(h, t, 'POST', '/budgets', {
      financialYear: 2035,
      category: 'RESIDENTIAL_EXTERNAL',
      amountPence: 10_000_000,
      reason: 'Virement reversed by the s151 officer',
    });
    events = await thresholdEvents(la);
    expect(
      events
        .map((e: { thresholdPercent: number; forecastPence: number; budgetPence: number }) => [
          e.thresholdPercent,
          e.forecastPence,
          e.budgetPence,
        ])
        .slice(1),
    ).toEqual([
      [90, 10_500_000, 11_000_000],
      [100, 10_500_000, 10_000_000],
    ]);
    const alerts = (await call(h, t, 'GET', '/forecast/alerts?financialYear=2035')).body;
    expect(alerts.map((a: { thresholdPercent: number }) => a.thresholdPercent)).toEqual([90, 100]);
    // The database holds at most one row per council, year, category and threshold.
    await expect(
      h.sql.query(
        `INSERT INTO finance.budget_alert (id, local_authority, financial_year, category, threshold_percent, forecast_pence, budget_pence, event_id, crossed_at)
        VALUES (gen_random_uuid(), $1, 2035, 'RESIDENTIAL_EXTERNAL', 90, 1, 1, gen_random_uuid(), now())`,
        [la],
      ),
    ).rejects.toThrow(/unique/);
  });

  it('logs both sides of a virement with who and why, and refuses one the budget cannot give', async () => {
    const la = 'alertshire';
    const t = await token(la);
    const hist = (await call(h, t, 'GET', '/budgets/history?financialYear=2035')).body;
    expect(
      hist.entries.map((e: { category: string; kind: string; deltaPence: number; balancePence: number; by: string }) => [
        e.category,
        e.kind,
        e.deltaPence,
        e.balancePence,
        e.by,
      ]),
    ).toEqual([
      ['RESIDENTIAL_EXTERNAL', 'SET', 10_000_000, 10_000_000, 'fin.alertshire'],
      ['SECURE_EXTERNAL', 'SET', 3_000_000, 3_000_000, 'fin.alertshire'],
      ['SECURE_EXTERNAL', 'VIREMENT_OUT', -1_000_000, 2_000_000, 'fin.alertshire'],
      ['RESIDENTIAL_EXTERNAL', 'VIREMENT_IN', 1_000_000, 11_000_000, 'fin.alertshire'],
      ['RESIDENTIAL_EXTERNAL', 'SET', -1_000_000, 10_000_000, 'fin.alertshire'],
    ]);
    expect(hist.entries[2].reason).toBe('Secure demand lower than planned');
    expect(hist.entries[2].virementId).toBe(hist.entries[3].virementId);
    expect(hist.virements).toEqual([
      expect.objectContaining({
        fromCategory: 'SECURE_EXTERNAL',
        toCategory: 'RESIDENTIAL_EXTERNAL',
        amountPence: 1_000_000,
        reason: 'Secure demand lower than planned',
      }),
    ]);

    const tooMuch = await call(h, t, 'POST', '/budgets/virements', {
      financialYear: 2035,
      fromCategory: 'SECURE_EXTERNAL',
      toCategory: 'FOSTERING_IN_HOUSE',
      amountPence: 2_000_001,
      reason: 'x',
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.errors[0].field).toBe('amountPence');
    // In pounds and words, as the person reads it.
    expect(tooMuch.body.message).toBe('Secure external has £20,000.00 budgeted in 2035-36: it cannot give £20,000.01');
    expect(tooMuch.body.errors[0].reason).toBe('more than the £20,000.00 budgeted in Secure external');
    for (const [body, field] of [
      [{ financialYear: 2035, fromCategory: 'SECURE_EXTERNAL', toCategory: 'SECURE_EXTERNAL', amountPence: 1, reason: 'x' }, 'toCategory'],
      [{ financialYear: 2035, fromCategory: 'SECURE_EXTERNAL', toCategory: 'FOSTERING_IN_HOUSE', amountPence: 1, reason: ' ' }, 'reason'],
      [
        { financialYear: 2035, fromCategory: 'SECURE_EXTERNAL', toCategory: 'FOSTERING_IN_HOUSE', amountPence: 0, reason: 'x' },
        'amountPence',
      ],
    ] as const) {
      const r = await call(h, t, 'POST', '/budgets/virements', body);
      expect(r.status).toBe(400);
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await call(h, t, 'GET', '/budgets/history?financialYear=2035')).body.entries).toHaveLength(5);
    expect(
      (
        await call(h, await token(la, ['auditor']), 'POST', '/budgets/virements', {
          financialYear: 2035,
          fromCategory: 'SECURE_EXTERNAL',
          toCategory: 'FOSTERING_IN_HOUSE',
          amountPence: 1,
          reason: 'x',
        })
      ).status,
    ).toBe(403);
  });
});

describe('cost avoidance and the high-cost register', () => {
  it('accrues (counterfactual - actual) weekly while the placement holds, apart from the forecast', async () => {
    const la = 'avoidshire';
    const t = await token(la);
    const requestId = randomUUID();
    const counterfactual = {
      description: 'External residential home',
      placementType: 'PRIVATE_CHILDRENS_HOME' as const,
      weeklyCostPence: 600_000,
      source: 'Average external residential, 2025-26',
    };
    await deliver(
      h,
      decisionRecorded(la, requestId, {
        outcome: 'APPROVED_WITH_CONDITIONS',
        conditions: { reviewDate: '2027-02-01', notes: [] },
        counterfactual,
      }),
    );
    // A declined decision and an approval with no counterfactual record no avoidance.
    await deliver(h, decisionRecorded(la, randomUUID(), { outcome: 'DECLINED', counterfactual }));
    const plain = randomUUID();
    await deliver(h, decisionRecorded(la, plain));
    const s = started(la, {
      requestId,
      placementType: 'INHOUSE_FOSTER',
      provision: 'IN_HOUSE',
      weeklyCostPence: 50_000,
      startDate: '2026-12-07',
      plannedEndDate: null,
    });
    await deliver(h, s);
    await deliver(
      h,
      started(la, {
        requestId: plain,
        placementType: 'INHOUSE_FOSTER',
        provision: 'IN_HOUSE',
        weeklyCostPence: 50_000,
        startDate: '2026-12-07',
      }),
    );
    expect((await placement(la, s.payload.placementId)).reviewDate).toBe('2027-02-01');

    const r = await call(h, t, 'GET', '/cost-avoidance?financialYear=2026&asOf=2027-01-03');
    expect(r.status).toBe(200);
    expect(CostAvoidanceView.strict().parse(r.body).placements).toHaveLength(1);
    expect(r.body.kind).toBe('COST_AVOIDANCE');
    expect(r.body.placements).toEqual([
      expect.objectContaining({
        placementId: s.payload.placementId,
        requestId,
        counterfactual: {
          description: 'External residential home',
          placementType: 'PRIVATE_CHILDRENS_HOME',
          weeklyCostPence: 600_000,
          source: 'Average external residential, 2025-26',
        },
        actualWeeklyPence: 50_000,
        weeklyAvoidancePence: 550_000,
        from: '2026-12-07',
        to: '2027-03-31',
        // 7 Dec to 3 Jan is 28 days, 4 weeks: 4 x 550000 = 2,200,000
        accruedDays: 28,
        accruedPence: 2_200_000,
        // to 31 Mar: 25 + 31 + 28 + 31 = 115 days: 600000 x 115 / 7 = 9,857,142.86 -> 9,857,143 less 50000 x 115 / 7 = 821,428.57 -> 821,429
        projectedPence: 9_035_714,
      }),
    ]);
    expect(r.body.total).toEqual({ placements: 1, accruedPence: 2_200_000, projectedPence: 9_035_714 });
    const csv = await call(h, t, 'GET', '/cost-avoidance?financialYear=2026&asOf=2027-01-03', undefined, 'text/csv');
    expect(csv.contentType).toMatch(/^text\/csv/);
    expect(csv.body).toBe(
      'financial_year,as_of,placement_id,request_id,category,counterfactual,counterfactual_placement_type,counterfactual_weekly_pence,counterfactual_source,actual_weekly_pence,weekly_avoidance_pence,from,to,accrued_days,accrued_pence,projected_pence\r\n' +
        `2026,2027-01-03,${s.payload.placementId},${requestId},FOSTERING_IN_HOUSE,External residential home,PRIVATE_CHILDRENS_HOME,600000,"Average external residential, 2025-26",50000,550000,2026-12-07,2027-03-31,28,2200000,9035714\r\n`,
    );
    // Not a saving: the forecast carries the placement's real cost (2 x 821,429) and nothing less.
    const f = (await call(h, t, 'GET', '/forecast?financialYear=2026&asOf=2028-01-01')).body;
    expect(f.total.forecastPence).toBe(2 * 821_429);

    // It stops accruing when the placement ends (it ended on 20 Dec: 14 days, 2 weeks x 550000 = 1,100,000).
    await deliver(h, ended(s, '2026-12-20', 'STEP_DOWN'));
    const after = (await call(h, t, 'GET', '/cost-avoidance?financialYear=2026&asOf=2027-03-31')).body;
    expect(after.placements[0]).toMatchObject({ to: '2026-12-20', accruedDays: 14, accruedPence: 1_100_000, projectedPence: 1_100_000 });
  });

  it("lists placements at or above the council's high-cost line, with their review dates", async () => {
    const la = 'costshire';
    const t = await token(la);
    const requestId = randomUUID();
    await deliver(h, decisionRecorded(la, requestId, { conditions: { reviewDate: '2027-02-01', notes: [] } }));
    const dear = started(la, { requestId, weeklyCostPence: 1_200_000, startDate: '2026-10-01', placementType: 'SECURE_CHILDRENS_HOME' });
    const line = started(la, { weeklyCostPence: 1_000_000, startDate: '2026-10-01' });
    const under = started(la, { weeklyCostPence: 950_000, startDate: '2026-10-01' });
    for (const e of [dear, line, under]) await deliver(h, e);
    let reg = (await call(h, t, 'GET', '/high-cost?asOf=2027-03-01')).body;
    expect(reg.highCostWeeklyPence).toBe(1_000_000);
    expect(
      reg.placements.map((p: { placementId: string; weeklyCostPence: number; reviewDate: string | null; reviewOverdue: boolean }) => [
        p.placementId,
        p.weeklyCostPence,
        p.reviewDate,
        p.reviewOverdue,
      ]),
    ).toEqual([
      [dear.payload.placementId, 1_200_000, '2027-02-01', true],
      [line.payload.placementId, 1_000_000, null, true],
    ]);
    // A review date set by finance; a lower line for this council brings the third in.
    expect((await call(h, t, 'PUT', `/placements/${line.payload.placementId}/review-date`, { reviewDate: '2027-04-15' })).status).toBe(200);
    expect((await call(h, t, 'PUT', '/settings', { highCostWeeklyPence: 900_000 })).body).toMatchObject({ highCostWeeklyPence: 900_000 });
    reg = (await call(h, t, 'GET', '/high-cost?asOf=2027-03-01')).body;
    expect(reg.placements.map((p: { weeklyCostPence: number; reviewOverdue: boolean }) => [p.weeklyCostPence, p.reviewOverdue])).toEqual([
      [1_200_000, true],
      [1_000_000, false],
      [950_000, true],
    ]);
    expect(reg.total).toEqual({ placements: 3, weeklyPence: 3_150_000 });
    expect(HighCostView.strict().parse(reg).placements).toHaveLength(3);
    const csv = (await call(h, t, 'GET', '/high-cost?asOf=2027-03-01&format=csv')).body.split('\r\n');
    expect(csv[0]).toBe(
      'as_of,placement_id,request_id,child_id,provider_id,placement_type,category,weekly_cost_pence,start_date,planned_end_date,notice_end_date,review_date,review_overdue,status',
    );
    expect(csv[1]).toBe(
      `2027-03-01,${dear.payload.placementId},${requestId},${dear.payload.childId},${dear.payload.providerId},SECURE_CHILDRENS_HOME,SECURE_EXTERNAL,1200000,2026-10-01,,,2027-02-01,true,ACTIVE`,
    );
    expect(csv).toHaveLength(5); // header, 3 rows, and the closing line break
    // An ended placement leaves the register; another council sees none of it.
    await deliver(h, ended(dear, '2027-01-31', 'STEP_DOWN'));
    expect((await call(h, t, 'GET', '/high-cost?asOf=2027-03-01')).body.placements).toHaveLength(2);
    expect((await call(h, await token('westdale'), 'GET', '/high-cost?asOf=2027-03-01')).body.placements).toEqual([]);
  });
});
