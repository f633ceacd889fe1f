import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Injectable, Module, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import {
  ChildErasedV1,
  DecisionRecordedV1,
  LookedAfterPlacementImportedV1,
  PlacementStartedV2,
  RequestSubmittedV2,
  inboxOf,
  type PayloadOf,
} from '@placewise/contracts';
import type { Queue } from 'bullmq';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv, BaseEnv } from '../src/config/env.js';
import { DATABASE, retryContention, type Database, type SqlClient } from '../src/db/database.js';
import { HandlesEvent, type EventContext } from '../src/messaging/handler.decorator.js';
import { PlatformModule } from '../src/platform.module.js';
import { OutboxWriter } from '../src/messaging/outbox.js';
import { OutboxRelay } from '../src/messaging/relay.js';
import { createServiceApp } from '../src/bootstrap.js';
import {
  createTestDatabase,
  createTestIssuer,
  dropQueueKeys,
  eventEnvelope,
  eventually,
  httpCall,
  settledJob,
  startTestApp,
  testEnv,
  type TestDatabase,
  type TestIssuer,
} from '../src/testing/index.js';

/**
 * The messaging wiring on real PostgreSQL and Redis: PlatformModule.forRoot for the commissioning
 * inbox (one subscription), its BullModule queues, the WorkerHost processor handing jobs to the
 * InboxDispatcher, and Bull Board behind the ops role. The database is a small pg-backed client.
 */

const SERVICE = 'commissioning';
const INBOX = inboxOf(SERVICE).name;
let db: TestDatabase;
let issuer: TestIssuer;
const prefixes: string[] = [];

/**
 * A Database over one pg pool: enough of Prisma's surface for the platform (raw SQL, transactions),
 * its transactions wrapped as the services' Prisma clients are (retryContention: tries, commit hooks).
 */
function pgDatabase(url: string) {
  @Injectable()
  class PgDatabase implements Database {
    readonly pool = new pg.Pool({ connectionString: url, options: `-c search_path=${SERVICE}`, max: 4 });
    constructor() {
      retryContention(this, { DATABASE_TX_ATTEMPTS: 3 });
    }
    private client(c: pg.Pool | pg.PoolClient): SqlClient {
      return {
        $executeRawUnsafe: async (q, ...v) => (await c.query(q, v)).rowCount ?? 0,
        $queryRawUnsafe: async <T>(q: string, ...v: unknown[]) => (await c.query(q, v)).rows as T,
      };
    }
    $executeRawUnsafe(q: string, ...v: unknown[]) {
      return this.client(this.pool).$executeRawUnsafe(q, ...v);
    }
    $queryRawUnsafe<T>(q: string, ...v: unknown[]) {
      return this.client(this.pool).$queryRawUnsafe<T>(q, ...v);
    }
    async $transaction<R>(fn: (tx: SqlClient) => Promise<R>): Promise<R> {
      const c = await this.pool.connect();
      try {
        await c.query('BEGIN');
        const r = await fn(this.client(c));
        await c.query('COMMIT');
        return r;
      } catch (e) {
        await c.query('ROLLBACK');
        throw e;
      } finally {
        c.release();
      }
    }
    async $connect() {}
    async $disconnect() {
      await this.pool.end();
    }
  }
  return PgDatabase;
}

/** The one handler commissioning needs; it records each effect, and can be held to test shutdown. */
@Injectable()
class DecisionHandler {
  static hold?: Promise<void>;
  static started = 0;

  @HandlesEvent(DecisionRecordedV1)
  async onDecision(payload: PayloadOf<typeof DecisionRecordedV1>, ctx: EventContext<SqlClient>): Promise<void> {
    DecisionHandler.started++;
    await DecisionHandler.hold;
    await ctx.tx.$executeRawUnsafe(
      `INSERT INTO effect (event_id, decision_id) VALUES ($1::uuid, $2::uuid)`,
      ctx.envelope.id,
      payload.decisionId,
    );
  }
}

/** Commissioning's other subscriptions: the start-up check wants exactly one handler each; these tests send none of them. */
@Injectable()
class OtherCommissioningEvents {
  @HandlesEvent(LookedAfterPlacementImportedV1)
  async onImported(): Promise<void> {}

  @HandlesEvent(RequestSubmittedV2)
  async onSubmitted(): Promise<void> {}

  @HandlesEvent(ChildErasedV1)
  async onErased(): Promise<void> {}
}

function decision(): PayloadOf<typeof DecisionRecordedV1> {
  return {
    decisionId: randomUUID(),
    caseId: randomUUID(),
    requestId: randomUUID(),
    childId: randomUUID(),
    childAge: 14,
    kind: 'PLACEMENT',
    legalStatus: 'CO_S31',
    placementType: 'PRIVATE_CHILDRENS_HOME',
    provision: 'EXTERNAL',
    location: 'IN_AREA',
    urgency: 'PLANNED',
    requestedWeeklyCostPence: 650_000,
    outcome: 'APPROVED',
    conditions: { notes: [] },
    decidedBy: 'chair.test',
    decidedByTier: 'PANEL',
    decidedAt: new Date().toISOString(),
    reason: 'meets needs',
  };
}

/** A placement.started payload of its own (the relay's events in these tests). */
const started = (): PayloadOf<typeof PlacementStartedV2> => ({
  placementId: randomUUID(),
  requestId: randomUUID(),
  childId: randomUUID(),
  childAge: 12,
  providerId: randomUUID(),
  settingId: randomUUID(),
  placementType: 'INHOUSE_FOSTER',
  provision: 'IN_HOUSE',
  weeklyCostPence: 30_000,
  startDate: '2026-12-07',
  plannedEndDate: null,
  urn: null,
  placePostcode: null,
});

function serviceModule(
  prefix: string,
  handlers: Type[] = [DecisionHandler, OtherCommissioningEvents],
  extraEnv: Record<string, string> = {},
): DynamicModule {
  const env = loadEnv(BaseEnv, {
    ...testEnv({ databaseUrl: db.url, schema: SERVICE, issuer, prefix }),
    WORKER_CONCURRENCY: '1',
    ...extraEnv,
  });
  @Module({})
  class TestServiceModule {}
  return {
    module: TestServiceModule,
    imports: [PlatformModule.forRoot({ service: SERVICE, env, database: pgDatabase(db.url) })],
    providers: handlers,
  };
}

async function startService(
  extraEnv: Record<string, string> = {},
  prefix = `pw-platform-${randomUUID().slice(0, 8)}`,
): Promise<{ app: INestApplication; url: string; inbox: Queue; prefix: string }> {
  prefixes.push(prefix);
  const { app, url } = await startTestApp(serviceModule(prefix, [DecisionHandler, OtherCommissioningEvents], extraEnv));
  return { app, url, inbox: app.get<Queue>(getQueueToken(INBOX)), prefix };
}

async function effects(eventId: string): Promise<number> {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    const r = await c.query(`SELECT count(*)::int AS n FROM ${SERVICE}.effect WHERE event_id = $1`, [eventId]);
    return (r.rows[0] as { n: number }).n;
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  db = await createTestDatabase('platform');
  issuer = await createTestIssuer();
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  await c.query(`
    CREATE SCHEMA ${SERVICE};
    SET search_path = ${SERVICE};
    CREATE TABLE outbox_event (seq BIGSERIAL PRIMARY KEY, id UUID NOT NULL UNIQUE, type TEXT NOT NULL, version INT NOT NULL,
      local_authority TEXT NOT NULL, correlation_id UUID NOT NULL, envelope JSONB NOT NULL,
      created_at TIMESTAMPTZ(3) NOT NULL DEFAULT now(), published_at TIMESTAMPTZ(3));
    CREATE TABLE inbox_event (event_id UUID PRIMARY KEY, type TEXT NOT NULL, version INT NOT NULL, received_at TIMESTAMPTZ(3) NOT NULL DEFAULT now());
    CREATE TABLE effect (event_id UUID NOT NULL, decision_id UUID NOT NULL);`);
  await c.end();
});

afterAll(async () => {
  for (const p of prefixes) await dropQueueKeys(p);
  await db?.drop();
});

describe('the inbox processor (BullModule, WorkerHost)', () => {
  let svc: Awaited<ReturnType<typeof startService>>;
  beforeAll(async () => {
    svc = await startService();
  });
  afterAll(async () => {
    await svc?.app.close();
  });

  it('applies an event once: a redelivered event has no second effect', async () => {
    const event = eventEnvelope(DecisionRecordedV1, decision());
    await svc.inbox.add(event.type, event, { jobId: event.id });
    expect((await settledJob(svc.inbox, event.id)).returnvalue).toBe('applied');
    // The same event again, as a second job (a relay retry after a crash, or a replay).
    await svc.inbox.add(event.type, event, { jobId: `${event.id}-again` });
    expect((await settledJob(svc.inbox, `${event.id}-again`)).returnvalue).toBe('duplicate');
    expect(await effects(event.id)).toBe(1);
  });

  it('fails an invalid payload at once, without retrying, and keeps the job', async () => {
    const event = eventEnvelope(DecisionRecordedV1, decision());
    const broken = { ...event, payload: { ...event.payload, childAge: 'fourteen' } };
    await svc.inbox.add(event.type, broken, { jobId: event.id, attempts: 8 });
    const job = await settledJob(svc.inbox, event.id);
    expect(await job.isFailed()).toBe(true);
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/invalid decision\.recorded@1 payload/);
    expect(await effects(event.id)).toBe(0);
  });

  it('registers the queues the relay publishes to, with the event job options', async () => {
    const published = svc.app.get<Queue>(getQueueToken('finance-inbox'));
    expect(published.opts.prefix).toBe(svc.prefix);
    expect(published.defaultJobOptions).toMatchObject({ attempts: 8, removeOnFail: false });
  });

  it('shows queue counts on /ops/queue to ops', async () => {
    const token = await issuer.token({ roles: ['ops'] });
    const res = await httpCall(svc.url, { method: 'GET', path: '/ops/queue', token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ queue: INBOX, counts: { completed: 2, failed: 1 } });
  });
});

describe('Bull Board at /ops/board', () => {
  let svc: Awaited<ReturnType<typeof startService>>;
  beforeAll(async () => {
    svc = await startService();
  });
  afterAll(async () => {
    await svc?.app.close();
  });

  const page = (cookie?: string) => fetch(`${svc.url}/ops/board`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  const session = async (roles: string[]) => {
    const token = await issuer.token({ roles: roles as never });
    const res = await fetch(`${svc.url}/ops/board/session`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, cookie: res.headers.get('set-cookie') ?? '' };
  };

  it('401 without a session, 401 for a session without a token', async () => {
    expect((await page()).status).toBe(401);
    expect((await fetch(`${svc.url}/ops/board/session`, { method: 'POST' })).status).toBe(401);
    expect((await page('placewise_ops_board=not-a-token')).status).toBe(401);
    expect((await fetch(`${svc.url}/ops/board/api/queues`)).status).toBe(401);
  });

  it("403 for a session of another role, a council's ops administrator included (the board lists every council's jobs)", async () => {
    expect((await session(['social-worker'])).status).toBe(403);
    expect((await session(['ops'])).status).toBe(403);
    expect((await page(`placewise_ops_board=${await issuer.token({ roles: ['ops'] })}`)).status).toBe(403);
    // A token of another role put in the cookie by hand is refused by the board too.
    const token = await issuer.token({ roles: ['finance'] });
    expect((await page(`placewise_ops_board=${token}`)).status).toBe(403);
  });

  it("200 with the board for the deployment's operator, through an HttpOnly, SameSite=Strict cookie on the board path", async () => {
    const s = await session(['ops:deployment']);
    expect(s.status).toBe(204);
    expect(s.cookie).toMatch(/^placewise_ops_board=[^;]+; Path=\/ops\/board; HttpOnly; SameSite=Strict; Max-Age=\d+/);
    const cookie = s.cookie.split(';')[0]!;
    const res = await page(cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<base href="/ops/board/"');
    const api = await fetch(`${svc.url}/ops/board/api/queues`, { headers: { cookie } });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name)).toEqual([INBOX]);
  });

  it('refuses an expired token in the cookie', async () => {
    const { mintToken } = await import('../src/auth/dev-issuer.js');
    const expired = await mintToken(
      issuer.keys,
      { sub: 'old', name: 'Old', la: 'northshire', roles: ['ops:deployment'] },
      { expiresIn: '-5 minutes' },
    );
    const res = await page(`placewise_ops_board=${expired}`);
    expect(res.status).toBe(401);
  });
});

describe('ops, scoped to a council', () => {
  let svc: Awaited<ReturnType<typeof startService>>;
  const jobs: Record<'north' | 'south', string> = { north: '', south: '' };
  beforeAll(async () => {
    svc = await startService();
    // One failed job in each of two councils (an invalid payload fails at once).
    for (const [key, la] of [
      ['north', 'northshire'],
      ['south', 'southvale'],
    ] as const) {
      const event = eventEnvelope(DecisionRecordedV1, decision(), { localAuthority: la });
      await svc.inbox.add(event.type, { ...event, payload: { ...event.payload, childAge: 'x' } }, { jobId: event.id, attempts: 1 });
      await settledJob(svc.inbox, event.id);
      jobs[key] = event.id;
    }
  });
  afterAll(async () => {
    await svc?.app.close();
  });

  const as = async (roles: string[], la = 'northshire') => issuer.token({ sub: roles.join('+'), roles: roles as never, la });
  const failed = async (token: string) =>
    (await httpCall(svc.url, { method: 'GET', path: '/ops/queue/failed?count=500', token })).body as {
      jobId: string;
      correlationId: string | null;
      failedReason: string | null;
    }[];

  it("a council's administrator sees only their council's failed jobs, with the correlation id", async () => {
    const north = await failed(await as(['ops'], 'northshire'));
    expect(north.map((j) => j.jobId)).toEqual([jobs.north]);
    expect(north[0]!.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    const south = await failed(await as(['ops'], 'southvale'));
    expect(south.map((j) => j.jobId)).toEqual([jobs.south]);
  });

  it("the deployment's operator sees every council's failed jobs as metadata: no correlation id", async () => {
    const all = await failed(await as(['ops:deployment']));
    expect(all.map((j) => j.jobId).sort()).toEqual([jobs.north, jobs.south].sort());
    expect(all.every((j) => j.correlationId === null)).toBe(true);
    expect(all[0]!.failedReason).toMatch(/invalid decision\.recorded@1 payload/);
  });

  it("a council's administrator cannot replay another council's job (404, as if it did not exist), nor by retry-all", async () => {
    const northOps = await as(['ops'], 'northshire');
    const theirs = await httpCall(svc.url, { method: 'POST', path: `/ops/queue/failed/${jobs.south}/retry`, token: northOps });
    expect(theirs.status).toBe(404);
    expect(await svc.inbox.getJobState(jobs.south)).toBe('failed');
    const bad = await httpCall(svc.url, {
      method: 'POST',
      path: `/ops/queue/failed/${encodeURIComponent('a b\u0000')}/retry`,
      token: northOps,
    });
    expect(bad.status).toBe(400);
    const all = await httpCall(svc.url, { method: 'POST', path: '/ops/queue/failed/retry-all', token: northOps });
    expect(all.body).toEqual({ retried: 1 });
    // Northshire's job went round again (and failed again: its payload is still invalid); Southvale's was not touched.
    await eventually(async () => (await svc.inbox.getJob(jobs.north))?.attemptsMade === 2);
    expect((await svc.inbox.getJob(jobs.south))?.attemptsMade).toBe(1);
  });

  it("the deployment's operator replays any council's job", async () => {
    const op = await as(['ops:deployment']);
    const r = await httpCall(svc.url, { method: 'POST', path: `/ops/queue/failed/${jobs.south}/retry`, token: op });
    expect(r.status).toBe(201);
    await eventually(async () => (await svc.inbox.getJob(jobs.south))?.attemptsMade === 2);
  });

  it('the board shows an event job without its payload, council or correlation id', async () => {
    const { boardJobData } = await import('../src/ops/board.js');
    const event = eventEnvelope(DecisionRecordedV1, decision(), { localAuthority: 'northshire' });
    expect(boardJobData(event)).toEqual({
      id: event.id,
      type: event.type,
      version: event.version,
      producer: event.producer,
      occurredAt: event.occurredAt,
    });
  });
});

describe('rate limits, shared by replicas through Redis', () => {
  const limits = { RATE_LIMIT_PER_USER: '5', RATE_LIMIT_PER_ADDRESS: '12', RATE_LIMIT_WINDOW_S: '30' };
  let a: Awaited<ReturnType<typeof startService>>;
  let b: Awaited<ReturnType<typeof startService>>;
  beforeAll(async () => {
    // Two replicas of one service: the same queue prefix, so the same limits in Redis.
    a = await startService(limits);
    b = await startService(limits, a.prefix);
  });
  afterAll(async () => {
    await a?.app.close();
    await b?.app.close();
  });

  it('429 with Retry-After once a person passes their limit, counted across both replicas; others are not held up', async () => {
    const token = await issuer.token({ sub: 'busy.person', roles: ['ops'] });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${(i % 2 ? b : a).url}/ops/queue`, { headers: { authorization: `Bearer ${token}` } });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(30);
        expect(await res.json()).toMatchObject({ statusCode: 429, message: expect.stringMatching(/too many requests from this user/) });
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // Someone else, from the same address, still gets in.
    const other = await issuer.token({ sub: 'calm.person', roles: ['ops'] });
    expect((await fetch(`${a.url}/ops/queue`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(200);
  });

  it('429 per address, tokens or not (so guessing tokens is slow too); health probes are never limited', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 12; i++) last = await fetch(`${a.url}/ops/queue`, { headers: { authorization: 'Bearer not-a-token' } });
    expect(last!.status).toBe(429);
    expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await fetch(`${b.url}/ops/queue`)).status).toBe(429);
    expect((await fetch(`${a.url}/health/live`)).status).toBe(200);
  });
});

describe('the outbox relay, woken by NOTIFY', () => {
  it('publishes each row at its commit while it listens, rows committed during a round included, with a minute between polls', async () => {
    // Both polls a minute: only NOTIFY (and the relay going round again for one that came while it
    // was publishing) can publish these rows within the test's few seconds.
    const svc = await startService({ OUTBOX_POLL_MS: '60000', OUTBOX_LISTENING_POLL_MS: '60000' });
    const relay = svc.app.get(OutboxRelay);
    const writer = svc.app.get(OutboxWriter);
    await eventually(async () => relay.listening);
    const c = new pg.Client({ connectionString: db.url, options: `-c search_path=${SERVICE}` });
    await c.connect();
    const tx: SqlClient = {
      $executeRawUnsafe: async (q, ...v) => (await c.query(q, v)).rowCount ?? 0,
      $queryRawUnsafe: async <T>(q: string, ...v: unknown[]) => (await c.query(q, v)).rows as T,
    };
    const ids: string[] = [];
    try {
      for (let i = 0; i < 40; i++) {
        await c.query('BEGIN');
        const e = await writer.append(tx, PlacementStartedV2, started(), { localAuthority: 'LA-TEST', correlationId: randomUUID() });
        await c.query('COMMIT');
        ids.push(e.id);
        await new Promise((r) => setTimeout(r, i % 4));
      }
      const unpublished = async () =>
        (await c.query(`SELECT count(*)::int AS n FROM outbox_event WHERE id = ANY($1::uuid[]) AND published_at IS NULL`, [ids])).rows[0]
          .n as number;
      await eventually(async () => (await unpublished()) === 0, 20_000, 100);
      const finance = svc.app.get<Queue>(getQueueToken('finance-inbox'));
      for (const id of ids) expect(await finance.getJob(id)).toBeDefined();
    } finally {
      await c.end();
      await svc.app.close();
    }
  });
});

describe('publishing at the commit', () => {
  const origin = () => ({ localAuthority: 'LA-TEST', correlationId: randomUUID() });
  /** The event's outbox row, if it has one. */
  const rowOf = async (id: string) => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query(`SELECT published_at FROM ${SERVICE}.outbox_event WHERE id = $1`, [id])).rows[0] as
        { published_at: Date | null } | undefined;
    } finally {
      await c.end();
    }
  };

  it("publishes a transaction's events as it commits, with no NOTIFY and no poll", async () => {
    // Both polls a minute, and a listener of the relay's channel: a row published within the test's
    // seconds, with no NOTIFY sent, was published by its commit.
    const svc = await startService({ OUTBOX_POLL_MS: '60000', OUTBOX_LISTENING_POLL_MS: '60000' });
    const writer = svc.app.get(OutboxWriter);
    const database = svc.app.get<Database>(DATABASE);
    await eventually(async () => svc.app.get(OutboxRelay).listening);
    const listener = new pg.Client({ connectionString: db.url });
    await listener.connect();
    let notified = 0;
    listener.on('notification', () => notified++);
    await listener.query(`LISTEN outbox_${SERVICE}`);
    try {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const e = await database.$transaction(async (tx) => {
          const first = await writer.append(tx, PlacementStartedV2, started(), origin());
          await writer.append(tx, PlacementStartedV2, started(), origin());
          return first;
        });
        ids.push(e.id);
      }
      const finance = svc.app.get<Queue>(getQueueToken('finance-inbox'));
      await eventually(async () => (await Promise.all(ids.map((id) => finance.getJob(id)))).every(Boolean), 10_000, 50);
      await eventually(async () => (await Promise.all(ids.map(rowOf))).every((r) => r?.published_at), 10_000, 50);
      // A NOTIFY is delivered at its transaction's commit, before the commit returns: none came.
      await listener.query('SELECT 1');
      expect(notified).toBe(0);
    } finally {
      await listener.end();
      await svc.app.close();
    }
  });

  it('publishes nothing of a try that rolled back: a try retried for contention publishes only the committed try', async () => {
    const svc = await startService({ OUTBOX_POLL_MS: '60000', OUTBOX_LISTENING_POLL_MS: '60000' });
    const writer = svc.app.get(OutboxWriter);
    const database = svc.app.get<Database>(DATABASE);
    const finance = svc.app.get<Queue>(getQueueToken('finance-inbox'));
    try {
      const tried: string[] = [];
      await database.$transaction(async (tx) => {
        tried.push((await writer.append(tx, PlacementStartedV2, started(), origin())).id);
        // PostgreSQL's serialization failure: retryContention tries again.
        if (tried.length === 1) throw Object.assign(new Error('could not serialize access'), { code: '40001' });
      });
      expect(tried).toHaveLength(2);
      let refused = '';
      await expect(
        database.$transaction(async (tx) => {
          refused = (await writer.append(tx, PlacementStartedV2, started(), origin())).id;
          throw new Error('the change is refused');
        }),
      ).rejects.toThrow('the change is refused');
      await eventually(async () => !!(await finance.getJob(tried[1]!)), 10_000, 50);
      // Given the time the committed one took and as long again, neither of the others came.
      await new Promise((r) => setTimeout(r, 500));
      expect(await finance.getJob(tried[0]!)).toBeUndefined();
      expect(await finance.getJob(refused)).toBeUndefined();
      expect(await rowOf(tried[0]!)).toBeUndefined();
      expect(await rowOf(refused)).toBeUndefined();
    } finally {
      await svc.app.close();
    }
  });

  it('leaves what the commit could not publish to a poll, once the row is past the grace period', async () => {
    const svc = await startService({ OUTBOX_LISTENING_POLL_MS: '100', OUTBOX_COMMIT_GRACE_MS: '2000' });
    const writer = svc.app.get(OutboxWriter);
    const database = svc.app.get<Database>(DATABASE);
    const finance = svc.app.get<Queue>(getQueueToken('finance-inbox'));
    // A commit whose publication is lost (as if the process died just after its commit).
    writer.publisher = { accepting: true, publishCommitted: () => undefined };
    try {
      // The relay's first rounds (at start, and when its listener is made) take every row: let them pass.
      await eventually(async () => svc.app.get(OutboxRelay).listening);
      await new Promise((r) => setTimeout(r, 300));
      const t0 = Date.now();
      const e = await database.$transaction((tx) => writer.append(tx, PlacementStartedV2, started(), origin()));
      // Polls every 100 ms meanwhile leave the young row alone...
      await new Promise((r) => setTimeout(r, 400));
      if (Date.now() - t0 < 1800) expect((await rowOf(e.id))?.published_at).toBeNull();
      // ...and take it once it is two seconds old.
      await eventually(async () => !!(await finance.getJob(e.id)), 10_000, 50);
      expect((await rowOf(e.id))?.published_at).toBeTruthy();
      expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
    } finally {
      await svc.app.close();
    }
  });
});

describe('shutdown', () => {
  it('finishes the job in hand before the worker stops, then closes', async () => {
    const svc = await startService();
    let release!: () => void;
    DecisionHandler.hold = new Promise<void>((r) => (release = r));
    const before = DecisionHandler.started;
    const event = eventEnvelope(DecisionRecordedV1, decision());
    await svc.inbox.add(event.type, event, { jobId: event.id });
    await eventually(async () => DecisionHandler.started > before);
    const closing = svc.app.close();
    setTimeout(release, 300);
    await closing;
    DecisionHandler.hold = undefined;
    expect(await effects(event.id)).toBe(1);
  });
});

describe('the boot check', () => {
  it('refuses to start without a handler for every subscribed event, and takes no job', async () => {
    const prefix = `pw-platform-${randomUUID().slice(0, 8)}`;
    prefixes.push(prefix);
    const app = await createServiceApp(serviceModule(prefix, []), { title: 'test', description: 'test', logger: false });
    const inbox = app.get<Queue>(getQueueToken(INBOX));
    const event = eventEnvelope(DecisionRecordedV1, decision());
    await inbox.add(event.type, event, { jobId: event.id });
    await expect(app.listen(0, '127.0.0.1')).rejects.toThrow(/decision\.recorded@1 has 0 handlers/);
    await new Promise((r) => setTimeout(r, 300));
    expect(await inbox.getJobState(event.id)).toBe('waiting');
    await app.close();
  });
});
