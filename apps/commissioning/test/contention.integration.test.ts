import 'reflect-metadata';
import { COMMISSIONING_INBOX, DecisionRecordedV1, FINANCE_INBOX, REFERRALS_INBOX, type PayloadOf } from '@placewise/contracts';
import { loadEnv } from '@placewise/platform';
import {
  TEST_REDIS_URL,
  clearQueues,
  createTestIssuer,
  eventEnvelope,
  httpCall,
  settledJob,
  startTestApp,
  testEnv,
  type HttpResult,
  type TestIssuer,
} from '@placewise/platform/testing';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { CommissioningEnv } from '../src/env.js';
import { QUEUE_PREFIX } from './queue-prefix.js';

/**
 * Contention on one setting: many offers and awards at once against one children's home, on an
 * HTTP pool far smaller than the burst (2 connections), while decisions keep arriving on the inbox.
 * Every answer is a success, a 409 or 422 (no vacancy left, already offered, a conflict that outlived its
 * retries) or a 503 with Retry-After (no connection in time): never a 500. The vacancies and
 * placements add up, and the consumer, on its own pool, is not starved by the burst.
 */

const PREFIX = `${QUEUE_PREFIX}:contend-${randomUUID().slice(0, 8)}`;
const N = 20;
const VACANCIES = 6;
const HOLD_MS = 3000;
let issuer: TestIssuer;
let sql: pg.Client;
let inbox: Queue;

function approval(la: string) {
  return eventEnvelope(
    DecisionRecordedV1,
    {
      decisionId: randomUUID(),
      caseId: randomUUID(),
      requestId: randomUUID(),
      childId: randomUUID(),
      childAge: 12,
      kind: 'PLACEMENT',
      legalStatus: 'CO_S31',
      placementType: 'LA_CHILDRENS_HOME',
      provision: 'IN_HOUSE',
      location: 'IN_AREA',
      urgency: 'PLANNED',
      requestedWeeklyCostPence: 500_000,
      outcome: 'APPROVED',
      conditions: { notes: [] },
      decidedBy: 'chair.test',
      decidedByTier: 'PANEL',
      decidedAt: new Date().toISOString(),
      reason: 'meets needs',
    } satisfies PayloadOf<typeof DecisionRecordedV1>,
    { localAuthority: la },
  );
}

/** Answers of a burst: each must be one of `allowed`; a 503 must say when to come back. */
function expectHonest(answers: HttpResult[], allowed: number[]) {
  const statuses = answers.map((a) => a.status);
  expect(statuses.filter((s) => s === 500)).toEqual([]);
  for (const a of answers) {
    expect(allowed, JSON.stringify(a.body)).toContain(a.status);
    if (a.status === 503) expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);
  }
}

beforeAll(async () => {
  issuer = await createTestIssuer();
  sql = new pg.Client({ connectionString: inject('databaseUrl') });
  await sql.connect();
  inbox = new Queue(COMMISSIONING_INBOX.name, { connection: { url: TEST_REDIS_URL }, prefix: PREFIX });
});

afterAll(async () => {
  await inbox?.close();
  await sql?.end();
  await clearQueues(PREFIX, [COMMISSIONING_INBOX.name, FINANCE_INBOX.name, REFERRALS_INBOX.name]);
});

const tally = (xs: HttpResult[]) => xs.reduce<Record<number, number>>((m, x) => ({ ...m, [x.status]: (m[x.status] ?? 0) + 1 }), {});

/**
 * One council's burst on a fresh app (HTTP pool of 2): N searches each offering the one home twice
 * at once, then every offer awarded twice at once while a transaction of this test holds the home's
 * row for HOLD_MS and four decisions arrive for the consumer.
 */
async function burst(attempts: number) {
  const la = `contend-${randomUUID().slice(0, 6)}`;
  const env = loadEnv(CommissioningEnv, {
    ...testEnv({ databaseUrl: inject('databaseUrl'), schema: 'commissioning', issuer, prefix: PREFIX }),
    DATABASE_POOL_HTTP: '2',
    DATABASE_POOL_WORKER: '3',
    WORKER_CONCURRENCY: '2',
    DATABASE_TX_ATTEMPTS: String(attempts),
  });
  const { app, url }: { app: INestApplication; url: string } = await startTestApp(AppModule.forRoot(env));
  try {
    const token = await issuer.token({ sub: `com.${la}`, roles: ['commissioner'], la });
    const call = (method: string, path: string, body?: unknown) => httpCall(url, { method, path, body, token });
    const provider = await call('POST', '/providers', { name: 'Council homes', sector: 'IN_HOUSE' });
    expect(provider.status).toBe(201);
    const setting = await call('POST', `/providers/${provider.body.id}/settings`, {
      name: 'Elm House',
      placementType: 'LA_CHILDRENS_HOME',
      ofstedUrn: 'SC700001',
      ofstedRating: 'GOOD',
      postcode: 'NE1 4ST',
      ageMin: 8,
      ageMax: 17,
      capacity: VACANCIES,
      vacancies: VACANCIES,
      weeklyPricePence: 450_000,
      procurementRoute: 'IN_HOUSE',
    });
    expect(setting.status, JSON.stringify(setting.body)).toBe(201);
    const settingId = setting.body.id as string;

    const events = Array.from({ length: N }, () => approval(la));
    await Promise.all(events.map((e) => inbox.add(e.type, e, { jobId: e.id })));
    for (const e of events) expect((await settledJob(inbox, e.id)).returnvalue).toBe('applied');
    const searches = await Promise.all(
      events.map(async (e) => (await call('GET', `/searches?requestId=${e.payload.requestId}`)).body[0].id as string),
    );

    const offers = await Promise.all(
      [...searches, ...searches].map((s) =>
        call('POST', `/searches/${s}/offers`, { settingId, weeklyFeePence: 450_000, startDate: '2027-01-04' }),
      ),
    );
    expectHonest(offers, [201, 409, 503]);
    const offerIds = offers.filter((o) => o.status === 201).map((o) => o.body.id as string);
    expect(offerIds.length).toBeGreaterThan(0);

    const holder = new pg.Client({ connectionString: inject('databaseUrl') });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM commissioning.setting WHERE id = $1 FOR UPDATE', [settingId]);
    const released = new Promise<void>((resolve) =>
      setTimeout(
        () =>
          void holder
            .query('COMMIT')
            .then(() => holder.end())
            .then(resolve),
        HOLD_MS,
      ),
    );
    const during = Array.from({ length: 4 }, () => approval(la));
    const started = Date.now();
    const consumed = (async () => {
      await Promise.all(during.map((e) => inbox.add(e.type, e, { jobId: e.id })));
      for (const e of during) expect((await settledJob(inbox, e.id, 15_000)).returnvalue).toBe('applied');
      return Date.now() - started;
    })();
    const awards = await Promise.all([...offerIds, ...offerIds].map((o) => call('POST', `/offers/${o}/award`, {})));
    await released;
    const consumerMs = await consumed;
    // 422 once the home is full: the vacancy gate blocks the offer.
    expectHonest(awards, [201, 202, 409, 422, 503]);

    const placed = awards.filter((a) => a.status === 201 || a.status === 202).length;
    const { rows } = await sql.query(
      `SELECT (SELECT vacancies FROM commissioning.setting WHERE id = $1)::int AS vacancies,
              (SELECT count(*) FROM commissioning.placement WHERE local_authority = $2)::int AS placements,
              (SELECT count(*) FROM commissioning.offer WHERE local_authority = $2 AND status <> 'SUBMITTED')::int AS decided`,
      [settingId, la],
    );
    expect(rows[0]).toEqual({ vacancies: VACANCIES - placed, placements: awards.filter((a) => a.status === 201).length, decided: placed });
    console.log(
      `attempts ${attempts}: offers ${JSON.stringify(tally(offers))}, awards ${JSON.stringify(tally(awards))}, consumer done after ${consumerMs} ms`,
    );
    return { offers, awards, placed, consumerMs };
  } finally {
    await app.close();
  }
}

describe('many offers and awards at once against one setting', () => {
  it('retries the contention away (3 tries): a success, 409, 422 or 503 with Retry-After for each, never 500; the consumer, on its own pool, is not held up', async () => {
    const r = await burst(3);
    expect(r.placed).toBeGreaterThan(0);
    expect(r.placed).toBeLessThanOrEqual(VACANCIES);
    // The decisions that arrived during the burst were applied while the awards still waited on the home's row.
    expect(r.consumerMs).toBeLessThan(HOLD_MS);
  });

  it('without retries, a transaction that gets no connection in time answers 503 with Retry-After, never 500', async () => {
    const r = await burst(1);
    expect(r.awards.filter((a) => a.status === 503).length).toBeGreaterThan(0);
    expect(r.placed).toBeLessThanOrEqual(VACANCIES);
  });
});
