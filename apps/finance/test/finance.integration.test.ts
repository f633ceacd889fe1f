import 'reflect-metadata';
import { FINANCE_INBOX, PlacementStartedV1, type EventEnvelope, type PayloadOf } from '@placewise/contracts';
import { loadEnv } from '@placewise/platform';
import {
  clearQueues,
  createTestIssuer,
  eventEnvelope,
  httpCall,
  settledJob,
  startTestApp,
  testEnv,
  TEST_REDIS_URL,
  type TestIssuer,
} from '@placewise/platform/testing';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ForecastView, ImpactView } from '../src/finance.views.js';
import { AppModule } from '../src/app.module.js';
import { FinanceEnv } from '../src/env.js';
import { QUEUE_PREFIX } from './queue-prefix.js';

type Started = EventEnvelope<PayloadOf<typeof PlacementStartedV1>>;

const PREFIX = QUEUE_PREFIX;
let app: INestApplication;
let base: string;
let issuer: TestIssuer;
let sql: pg.Client;
let inbox: Queue;
let finance: string;

const call = (method: string, path: string, body?: unknown, token = finance) => httpCall(base, { method, path, body, token });

async function counts() {
  const r =
    await sql.query(`SELECT (SELECT count(*) FROM finance.placement)::int AS placements, (SELECT count(*) FROM finance.commitment)::int AS commitments,
    (SELECT count(*) FROM finance.budget)::int AS budgets`);
  return r.rows[0] as { placements: number; commitments: number; budgets: number };
}

const financeOf = (la: string) => issuer.token({ sub: `finance.${la}`, roles: ['finance'], la });

function placementStarted(over: Partial<Started['payload']> = {}, localAuthority = 'northshire'): Started {
  return eventEnvelope(
    PlacementStartedV1,
    {
      placementId: randomUUID(),
      requestId: randomUUID(),
      childId: randomUUID(),
      childAge: 14,
      providerId: randomUUID(),
      settingId: randomUUID(),
      placementType: 'PRIVATE_CHILDRENS_HOME',
      provision: 'EXTERNAL',
      weeklyCostPence: 610_000,
      startDate: '2026-11-24',
      plannedEndDate: null,
      ...over,
    },
    { localAuthority },
  );
}

/** Delivers a placement.started and returns finance's view of the placement. */
async function deliver(event: Started, token = finance) {
  await inbox.add(event.type, event, { jobId: event.id });
  expect((await settledJob(inbox, event.id)).returnvalue).toBe('applied');
  const r = await call('GET', `/placements/${event.payload.placementId}`, undefined, token);
  expect(r.status).toBe(200);
  return r.body;
}

const line = (financialYear: number, from: string, to: string, days: number, amountPence: number, basis = '365/7') =>
  expect.objectContaining({ financialYear, from, to, days, amountPence, basis });

beforeAll(async () => {
  issuer = await createTestIssuer();
  const env = loadEnv(FinanceEnv, testEnv({ databaseUrl: inject('databaseUrl'), schema: 'finance', issuer, prefix: PREFIX }));
  ({ app, url: base } = await startTestApp(AppModule.forRoot(env)));
  sql = new pg.Client({ connectionString: inject('databaseUrl') });
  await sql.connect();
  inbox = new Queue(FINANCE_INBOX.name, { connection: { url: TEST_REDIS_URL }, prefix: PREFIX });
  finance = await financeOf('northshire');
});

afterAll(async () => {
  await app?.close();
  await inbox?.close();
  await sql?.end();
  await clearQueues(PREFIX, [FINANCE_INBOX.name]);
});

describe('placement.started', () => {
  it('commits the weekly cost to the end of the financial year, once however often it is delivered', async () => {
    const event = placementStarted();
    const before = await counts();
    await inbox.add(event.type, event, { jobId: `${event.id}-a` });
    await inbox.add(event.type, event, { jobId: `${event.id}-b` });
    const jobs = await Promise.all([settledJob(inbox, `${event.id}-a`), settledJob(inbox, `${event.id}-b`)]);
    expect(jobs.map((j) => j.returnvalue).sort()).toEqual(['applied', 'duplicate']);
    expect(await counts()).toEqual({ ...before, placements: before.placements + 1, commitments: before.commitments + 1 });

    const p = (await call('GET', `/placements/${event.payload.placementId}`)).body;
    expect(p).toMatchObject({
      category: 'RESIDENTIAL_EXTERNAL',
      weeklyCostPence: 610_000,
      startDate: '2026-11-24',
      plannedEndDate: null,
      status: 'ACTIVE',
      correlationId: event.correlationId,
    });
    // £6,100 a week from Tue 24 Nov 2026 to 31 Mar 2027: 7 + 31 + 31 + 28 + 31 = 128 days; 610000 x 128 / 7 = 11,154,285.71 -> 11,154,286p
    expect(p.commitments).toEqual([line(2026, '2026-11-24', '2027-03-31', 128, 11_154_286)]);
    expect(p.commitments[0]).toMatchObject({ label: '2026-27', category: 'RESIDENTIAL_EXTERNAL', weeklyCostPence: 610_000 });
  });

  it('splits a placement that runs past 31 March into one line per financial year', async () => {
    const p = await deliver(placementStarted({ plannedEndDate: '2027-05-31' }));
    expect(p.commitments).toEqual([
      line(2026, '2026-11-24', '2027-03-31', 128, 11_154_286),
      // 1 Apr to 31 May 2027: 30 + 31 = 61 days; 610000 x 61 / 7 = 5,315,714.29 -> 5,315,714p
      line(2027, '2027-04-01', '2027-05-31', 61, 5_315_714),
    ]);
    const listed = await call('GET', `/commitments?placementId=${p.id}`);
    expect(listed.body.map((c: { amountPence: number }) => c.amountPence)).toEqual([11_154_286, 5_315_714]);
  });

  it('costs on 52 weeks a year for a council that says so', async () => {
    await sql.query(`INSERT INTO finance.council_settings (local_authority, annualisation) VALUES ('fiftytwoshire', '52')`);
    const p = await deliver(placementStarted({}, 'fiftytwoshire'), await financeOf('fiftytwoshire'));
    // 128 days at 610000 x 52 / 365 a day: 4,060,160,000 / 365 = 11,123,726.03 -> 11,123,726p (not 11,154,286p)
    expect(p.commitments).toEqual([line(2026, '2026-11-24', '2027-03-31', 128, 11_123_726, '52')]);
  });

  it('fails an invalid payload at once and writes nothing', async () => {
    // No producer could send this (the contract refuses it), so the payload is spoiled after the envelope is built.
    const valid = placementStarted();
    const event = { ...valid, payload: { ...valid.payload, weeklyCostPence: -1 } };
    const before = await counts();
    await inbox.add(event.type, event, { jobId: event.id, attempts: 5 });
    const job = await settledJob(inbox, event.id);
    expect(await job.isFailed()).toBe(true);
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/weeklyCostPence/);
    expect(await counts()).toEqual(before);
  });
});

describe('the API document', () => {
  it('describes every finance endpoint', async () => {
    const doc = (await (await fetch(`${base}/docs/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/budgets',
        '/budgets/virements',
        '/budgets/history',
        '/commitments',
        '/commitments/movement',
        '/commitments/recost',
        '/placements/{id}',
        '/placements/{id}/contributions',
        '/placements/{id}/review-date',
        '/placements/{id}/payments',
        '/placements/{id}/payment-schedule',
        '/placements/{id}/invoices',
        '/invoices',
        '/invoices/{id}/payment',
        '/forecast',
        '/forecast/alerts',
        '/forecast/impact',
        '/high-cost',
        '/indicators',
        '/cost-avoidance',
        '/projection',
        '/settings',
      ]),
    );
  });
});

describe('budgets and the forecast', () => {
  it("tells a panel what a proposed placement means for its category's budget this year", async () => {
    const la = 'westfield';
    await call('POST', '/budgets', { financialYear: 2026, category: 'SECURE_EXTERNAL', amountPence: 4_000_000 }, await financeOf(la));
    const member = await issuer.token({ sub: 'member.westfield', roles: ['panel-member'], la });
    // £7,000 a week from 1 Dec 2026 to 31 Mar 2027: 121 days -> 700,000 x 121 / 7 = 12,100,000p
    const r = await call(
      'GET',
      '/forecast/impact?placementType=SECURE_CHILDRENS_HOME&provision=EXTERNAL&weeklyCostPence=700000&startDate=2026-12-01&childAge=15',
      undefined,
      member,
    );
    expect(r.status).toBe(200);
    expect(ImpactView.strict().parse(r.body)).toEqual({
      category: 'SECURE_EXTERNAL',
      financialYear: 2026,
      label: '2026-27',
      startDate: '2026-12-01',
      endDate: '2027-03-31',
      days: 121,
      weeklyCostPence: 700_000,
      costThisYearPence: 12_100_000,
      annualCostPence: 36_500_000,
      budgetPence: 4_000_000,
      forecastPence: 0,
      forecastWithPence: 12_100_000,
      headroomBeforePence: 4_000_000,
      headroomAfterPence: -8_100_000,
      percentOfBudgetBefore: 0,
      percentOfBudgetAfter: 302.5,
      crosses: [90, 100],
      notes: ['Costed from 2026-12-01 to 2027-03-31 (121 days) at 365/7 weeks a year, before any contribution or grant.'],
    });
    // A category without a budget says so; nothing crosses a threshold it does not have.
    const none = await call(
      'GET',
      '/forecast/impact?placementType=IFA_FOSTER&provision=EXTERNAL&weeklyCostPence=100000&startDate=2027-03-25',
      undefined,
      member,
    );
    expect(none.body).toMatchObject({
      category: 'FOSTERING_EXTERNAL',
      days: 7,
      costThisYearPence: 100_000,
      budgetPence: 0,
      percentOfBudgetAfter: null,
      crosses: [],
    });
    expect((none.body as { notes: string[] }).notes).toContain('There is no 2026-27 budget for FOSTERING_EXTERNAL.');

    const bad = await call('GET', '/forecast/impact?placementType=CASTLE&provision=EXTERNAL&weeklyCostPence=-1', undefined, member);
    expect(bad.status).toBe(400);
    expect((bad.body as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(['placementType', 'weeklyCostPence']);
    const socialWorker = await issuer.token({ sub: 'sw.westfield', roles: ['social-worker'], la });
    expect(
      (await call('GET', '/forecast/impact?placementType=IFA_FOSTER&provision=EXTERNAL&weeklyCostPence=100000', undefined, socialWorker))
        .status,
    ).toBe(403);
  });

  it('shows budget, committed, forecast and variance per category and in total', async () => {
    const la = 'eastmoor';
    const token = await financeOf(la);
    await deliver(placementStarted({}, la), token); // RESIDENTIAL_EXTERNAL 11,154,286p in 2026-27
    // £350 a week in-house fostering, 1 Apr to 29 Sep 2026: 182 days = 26 weeks -> 910,000p
    await deliver(
      placementStarted(
        {
          placementType: 'INHOUSE_FOSTER',
          provision: 'IN_HOUSE',
          weeklyCostPence: 35_000,
          startDate: '2026-04-01',
          plannedEndDate: '2026-09-29',
        },
        la,
      ),
      token,
    );
    // £1,000 a week IFA, 1 Mar to 30 Apr 2027: 31 days in 2026-27 -> 100000 x 31 / 7 = 442,857.14 -> 442,857p (the other 30 days fall in 2027-28)
    await deliver(
      placementStarted(
        { placementType: 'IFA_FOSTER', weeklyCostPence: 100_000, startDate: '2027-03-01', plannedEndDate: '2027-04-30' },
        la,
      ),
      token,
    );
    for (const [category, amountPence, financialYear] of [
      ['RESIDENTIAL_EXTERNAL', 10_000_000, 2026],
      ['FOSTERING_IN_HOUSE', 1_000_000, 2026],
      ['SECURE_EXTERNAL', 5_000_000, 2026],
      ['SECURE_EXTERNAL', 7_000_000, 2027],
    ] as const) {
      const r = await call('POST', '/budgets', { financialYear, category, amountPence }, token);
      expect(r.status).toBe(201);
      expect(r.body).toEqual({ financialYear, category, amountPence, setBy: `finance.${la}` });
    }
    // Setting a budget again replaces it.
    await call('POST', '/budgets', { financialYear: 2026, category: 'FOSTERING_IN_HOUSE', amountPence: 900_000 }, token);

    // asOf 24 Nov 2026: 128 days (24 Nov to 31 Mar) are left; the last 12 months' starts (24 Nov 2025 to 23 Nov 2026)
    // are the in-house foster placement alone (35000 a week), so FOSTERING_IN_HOUSE expects new starts:
    // 35000 x 128^2 / (365 x 14) = 573,440,000 / 5110 = 112,219.18 -> 112,219p, at 1 x 128/365 = 0.35 starts (0.4).
    const r = await call('GET', '/forecast?financialYear=2026&asOf=2026-11-24', undefined, token);
    expect(r.status).toBe(200);
    // The OpenAPI document declares what is sent: the response parses with its schema, every field declared.
    expect(ForecastView.strict().parse(r.body).categories.length).toBeGreaterThan(0);
    const row = (
      category: string,
      budgetPence: number,
      committedPence: number,
      expectedStarts: number,
      expectedStartsPence: number,
      percentOfBudget: number | null,
      placements: number,
    ) => ({
      category,
      budgetPence,
      actualsPaidPence: 0,
      committedPence,
      awaitingRatificationPence: 0,
      awaitingRatification: 0,
      releasedPence: 0,
      expectedStarts,
      expectedStartsPence,
      forecastPence: committedPence + expectedStartsPence,
      variancePence: committedPence + expectedStartsPence - budgetPence,
      percentOfBudget,
      placements,
    });
    expect(r.body).toEqual({
      financialYear: 2026,
      label: '2026-27',
      asOf: '2026-11-24',
      remainingDays: 128,
      categories: [
        row('FOSTERING_EXTERNAL', 0, 442_857, 0, 0, null, 1),
        // 910,000 + 112,219 = 1,022,219 against 900,000: 113.6%
        row('FOSTERING_IN_HOUSE', 900_000, 910_000, 0.4, 112_219, 113.6, 1),
        // 11,154,286 against 10,000,000: 111.5%
        row('RESIDENTIAL_EXTERNAL', 10_000_000, 11_154_286, 0, 0, 111.5, 1),
        row('SECURE_EXTERNAL', 5_000_000, 0, 0, 0, 0, 0),
      ],
      // 442,857 + 910,000 + 11,154,286 = 12,507,143 committed, + 112,219 expected = 12,619,362 against 15,900,000
      total: {
        budgetPence: 15_900_000,
        actualsPaidPence: 0,
        committedPence: 12_507_143,
        awaitingRatificationPence: 0,
        releasedPence: 0,
        expectedStartsPence: 112_219,
        forecastPence: 12_619_362,
        variancePence: -3_280_638,
      },
    });
    const csv = await fetch(`${base}/forecast?financialYear=2026&asOf=2026-11-24&format=csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="position.csv"');
    expect((await csv.text()).split('\r\n')).toEqual([
      'financial_year,as_of,category,budget_pence,actuals_paid_pence,committed_pence,awaiting_ratification_pence,released_pence,expected_starts,expected_starts_pence,forecast_pence,overspend_pence,percent_of_budget',
      '2026,2026-11-24,FOSTERING_EXTERNAL,0,0,442857,0,0,0,0,442857,442857,',
      '2026,2026-11-24,FOSTERING_IN_HOUSE,900000,0,910000,0,0,0.4,112219,1022219,122219,113.6',
      '2026,2026-11-24,RESIDENTIAL_EXTERNAL,10000000,0,11154286,0,0,0,0,11154286,1154286,111.5',
      '2026,2026-11-24,SECURE_EXTERNAL,5000000,0,0,0,0,0,0,0,-5000000,0',
      '2026,2026-11-24,TOTAL,15900000,0,12507143,0,0,,112219,12619362,-3280638,',
      '',
    ]);
    const next = (await call('GET', '/forecast?financialYear=2027&asOf=2026-11-24', undefined, token)).body;
    expect(next.remainingDays).toBe(366); // 1 Apr 2027 to 31 Mar 2028, a leap year
    expect(next.categories).toEqual([
      // 100000 x 30 / 7 = 428,571.43 -> 428,571p
      row('FOSTERING_EXTERNAL', 0, 428_571, 0, 0, null, 1),
      // a whole year of expected in-house starts: 35000 x 366^2 / 5110 = 4,688,460,000 / 5110 = 917,506.85 -> 917,507p (1 x 366/365 = 1.0 starts)
      row('FOSTERING_IN_HOUSE', 0, 0, 1, 917_507, null, 0),
      row('SECURE_EXTERNAL', 7_000_000, 0, 0, 0, 0, 0),
    ]);

    // Another council sees none of it.
    const other = await financeOf('westdale');
    expect((await call('GET', '/forecast?financialYear=2026', undefined, other)).body).toMatchObject({
      categories: [],
      total: { budgetPence: 0, committedPence: 0, forecastPence: 0, variancePence: 0 },
    });
    expect((await call('GET', '/commitments?financialYear=2026', undefined, other)).body).toEqual([]);
    expect((await call('GET', '/budgets?financialYear=2026', undefined, other)).body).toEqual([]);
    const theirs = (await call('GET', '/commitments?financialYear=2026', undefined, token)).body;
    expect(theirs).toHaveLength(3);
    expect((await call('GET', `/placements/${theirs[0].placementId}`, undefined, other)).status).toBe(404);
  });

  it('refuses bad budgets with the field, and other roles', async () => {
    const before = await counts();
    const bad: [unknown, string][] = [
      [{ financialYear: 2026, category: 'CASTLES', amountPence: 1 }, 'category'],
      [{ financialYear: 2026, category: 'RESIDENTIAL', amountPence: 1 }, 'category'],
      [{ financialYear: 2026, category: 'RESIDENTIAL_EXTERNAL', amountPence: -1 }, 'amountPence'],
      [{ financialYear: 2026, category: 'RESIDENTIAL_EXTERNAL', amountPence: 12.5 }, 'amountPence'],
      [{ financialYear: 2026, category: 'RESIDENTIAL_EXTERNAL', amountPence: '100' }, 'amountPence'],
      [{ financialYear: 1999, category: 'RESIDENTIAL_EXTERNAL', amountPence: 1 }, 'financialYear'],
      [{ category: 'RESIDENTIAL_EXTERNAL', amountPence: 1 }, 'financialYear'],
      [{ financialYear: 2026, category: 'RESIDENTIAL_EXTERNAL', amountPence: 1, localAuthority: 'southvale' }, '(body)'],
    ];
    for (const [body, field] of bad) {
      const r = await call('POST', '/budgets', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(
        r.body.errors.map((e: { field: string }) => e.field),
        JSON.stringify(r.body),
      ).toContain(field);
    }
    expect((await call('GET', '/forecast')).status).toBe(400);
    expect((await call('GET', '/forecast?financialYear=twenty')).status).toBe(400);

    const ok = { financialYear: 2026, category: 'RESIDENTIAL_EXTERNAL', amountPence: 1 };
    for (const roles of [['commissioner'], ['social-worker'], ['auditor'], ['approver:DCS']] as const) {
      const t = await issuer.token({ roles: [...roles] });
      expect((await call('POST', '/budgets', ok, t)).status, roles[0]).toBe(403);
    }
    for (const roles of [['commissioner'], ['social-worker'], ['approver:HOS']] as const) {
      expect(
        (await call('GET', '/forecast?financialYear=2026', undefined, await issuer.token({ roles: [...roles] }))).status,
        roles[0],
      ).toBe(403);
    }
    expect(await counts()).toEqual(before);
  });
});
