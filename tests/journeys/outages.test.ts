import { DecisionRecordedV1, REFERRALS_INBOX } from '@placewise/contracts';
import { launchService, freePort, type ServiceProcess } from '@placewise/platform/launcher';
import { createTestIssuer, eventEnvelope, eventually, settledJob, type TestIssuer } from '@placewise/platform/testing';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ownRedis, pgProxy, timedGet, type OwnRedis, type PgProxy } from '../support/outage.js';
import { ROOT } from '../support/platform.js';
import { placementRequest } from '../support/requests.mjs';

/**
 * Outages answered honestly: referrals as its own process, on a Redis this test starts (and kills)
 * on a spare port and a PostgreSQL reached through a proxy this test cuts. Readiness answers within
 * a second, 503 while either is down and 200 once it is back; business requests answer 503 with
 * Retry-After while PostgreSQL is down, never 500, and work again after.
 */

let redis: OwnRedis;
let proxy: PgProxy;
let svc: ServiceProcess;
let issuer: TestIssuer;
let token: string;
let opsToken: string;
const prefix = `outage-${randomUUID().slice(0, 8)}`;
const logs: string[] = [];

beforeAll(async () => {
  redis = await ownRedis();
  proxy = await pgProxy();
  issuer = await createTestIssuer();
  token = await issuer.token({ sub: 'sw.outage', roles: ['social-worker'] });
  opsToken = await issuer.token({ sub: 'ops.outage', roles: ['ops'] });
  svc = await launchService({
    root: ROOT,
    name: 'referrals',
    port: await freePort(),
    env: {
      DATABASE_URL: proxy.url(inject('databaseUrl')),
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
      LOG_LEVEL: 'warn',
      ...issuer.env,
    },
    onLine: (_, line) => logs.push(line),
  });
});

afterAll(async () => {
  await svc?.stop('SIGTERM');
  await redis?.kill();
  await proxy?.close();
  // Every key this test made is in its own Redis, gone with it (nothing is saved).
});

const ready = () => timedGet(`${svc.url}/health/ready`);

/** Readiness asked every 200 ms for `ms`: every answer, with how long it took. */
async function probeFor(ms: number) {
  const answers: Awaited<ReturnType<typeof ready>>[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const started = Date.now();
    answers.push(await ready());
    await new Promise((r) => setTimeout(r, Math.max(0, 200 - (Date.now() - started))));
  }
  return answers;
}

const api = async (method: string, path: string, body?: unknown, bearer = token) => {
  const res = await fetch(svc.url + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
};

const child = { givenName: 'Outage', familyName: 'Test', dateOfBirth: '2013-03-03' };

/** Panels' approval of a request, as panels' outbox would send it. */
const approval = (childId: string, requestId: string) =>
  eventEnvelope(DecisionRecordedV1, {
    decisionId: randomUUID(),
    caseId: randomUUID(),
    requestId,
    childId,
    childAge: 13,
    kind: 'PLACEMENT',
    legalStatus: 'CO_S31',
    placementType: 'PRIVATE_CHILDRENS_HOME',
    provision: 'EXTERNAL',
    location: 'IN_AREA',
    urgency: 'PLANNED',
    requestedWeeklyCostPence: 610_000,
    outcome: 'APPROVED',
    conditions: { notes: [] },
    decidedBy: 'chair.test',
    decidedByTier: 'PANEL',
    decidedAt: new Date().toISOString(),
    reason: 'meets needs',
  });

describe('a Redis outage', () => {
  it('readiness answers within a second every 200 ms: 503 while Redis is down, 200 once it is back', async () => {
    expect((await ready()).status).toBe(200);
    await redis.kill();
    const down = await probeFor(3000);
    expect(down.length).toBeGreaterThanOrEqual(10);
    expect(
      down.every((a) => a.status === 503),
      JSON.stringify(down),
    ).toBe(true);
    expect(Math.max(...down.map((a) => a.ms))).toBeLessThan(1000);

    await redis.start();
    const back = await eventually(async () => ((await ready()).status === 200 ? true : undefined), 10_000, 200);
    expect(back).toBe(true);
    const after = await probeFor(1000);
    expect(
      after.every((a) => a.status === 200 && a.ms < 1000),
      JSON.stringify(after),
    ).toBe(true);
  });

  it('readiness answers 503 within a second while Redis hangs (connections open, no answer), 200 once it answers', async () => {
    expect((await ready()).status).toBe(200);
    redis.pause();
    let hung;
    try {
      hung = await probeFor(2000);
    } finally {
      redis.resume();
    }
    expect(
      hung.every((a) => a.status === 503),
      JSON.stringify(hung),
    ).toBe(true);
    expect(Math.max(...hung.map((a) => a.ms))).toBeLessThan(1000);
    await eventually(async () => ((await ready()).status === 200 ? true : undefined), 10_000, 200);
  });

  it('the service still takes work that needs only PostgreSQL while Redis is away (events wait in the outbox); ops pages answer 503', async () => {
    await redis.kill();
    try {
      const r = await api('POST', '/children', child);
      expect(r.status).toBe(201);
      // The ops page, which reads the queues, says Redis is away instead of hanging.
      const t = Date.now();
      const ops = await api('GET', '/ops/queue', undefined, opsToken);
      expect(ops.status, JSON.stringify(ops.body)).toBe(503);
      expect(Number(ops.retryAfter)).toBeGreaterThan(0);
      expect(ops.body).toMatchObject({ message: expect.stringMatching(/redis is not answering/) });
      expect(Date.now() - t).toBeLessThan(5000);
    } finally {
      await redis.start();
    }
    await eventually(async () => ((await ready()).status === 200 ? true : undefined), 10_000, 200);
  });
});

describe('a PostgreSQL outage', () => {
  it('readiness answers 503 within a second; every business request answers 503 with Retry-After, none 500; events wait for it', async () => {
    const created = await api('POST', '/children', child);
    expect(created.status).toBe(201);
    const id = created.body!.id as string;
    const submitted = await api('POST', '/requests', placementRequest(id));
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const requestId = submitted.body!.id as string;

    await proxy.cut();
    const down = await probeFor(2000);
    expect(
      down.every((a) => a.status === 503),
      JSON.stringify(down),
    ).toBe(true);
    expect(Math.max(...down.map((a) => a.ms))).toBeLessThan(1000);

    const requests: [string, string, unknown?][] = [
      ['POST', '/children', child],
      ['GET', '/children'],
      ['GET', `/children/${id}`],
      ['GET', '/requests'],
      ['POST', '/requests', placementRequest(id)],
      ['GET', '/rules/policy'],
    ];
    for (const [method, path, body] of requests) {
      const r = await api(method, path, body);
      expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBe(503);
      expect(Number(r.retryAfter), `${method} ${path}`).toBeGreaterThan(0);
      expect(r.body).toMatchObject({ statusCode: 503, message: expect.stringMatching(/database is not answering/) });
    }

    // An event arriving now waits for the database without spending its attempts (8, about a
    // minute of backoff): tried every 5 s, it is still on its first attempt after two tries.
    const inbox = new Queue(REFERRALS_INBOX.name, { connection: { url: redis.url }, prefix });
    const decision = approval(id, requestId);
    const from = logs.length;
    await inbox.add(decision.type, decision, { jobId: decision.id });
    await eventually(
      async () => logs.slice(from).filter((l) => l.includes('the event waits for it')).length >= 2 || undefined,
      15_000,
      100,
    );
    const waiting = await inbox.getJob(decision.id);
    expect(await waiting!.getState()).toMatch(/delayed|waiting|active/);
    expect(waiting!.attemptsMade).toBe(0);

    await proxy.restore();
    await eventually(async () => ((await ready()).status === 200 ? true : undefined), 10_000, 200);
    // The event is applied once the database is back, on its first attempt.
    const applied = await settledJob(inbox, decision.id, 15_000);
    expect(applied.returnvalue, applied.failedReason).toBe('applied');
    expect(applied.attemptsMade).toBe(1);
    await inbox.close();
    expect((await api('GET', `/requests/${requestId}`)).body).toMatchObject({ status: 'APPROVED' });
    // The pool makes new connections: requests succeed again.
    const again = await eventually(
      async () => {
        const r = await api('POST', '/children', child);
        return r.status === 201 ? r : undefined;
      },
      10_000,
      200,
    );
    expect(again.status).toBe(201);
    expect(logs.filter((l) => /"statusCode":500|unhandled error/.test(l))).toEqual([]);
  });
});
