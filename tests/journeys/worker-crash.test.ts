import { COMMISSIONING_INBOX, DecisionRecordedV1 } from '@placewise/contracts';
import { freePort, launchService, type ServiceProcess } from '@placewise/platform/launcher';
import {
  createTestIssuer,
  dropQueueKeys,
  eventEnvelope,
  eventually,
  settledJob,
  TEST_REDIS_URL,
  type TestIssuer,
} from '@placewise/platform/testing';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from '../support/platform.js';

/**
 * A worker that dies with an event in hand: commissioning as separate processes, the event held
 * mid-transaction (this test holds the inbox row it is about to write, uncommitted), then the
 * process killed with kill -9, or sent SIGTERM past its shutdown timeout. The event is applied
 * exactly once, by another worker, within the bound WORKER_LOCK_MS sets (1.5 x the lock).
 */

const LOCK_MS = 2000;
const BOUND_MS = LOCK_MS * 1.5;
const prefix = `crash-${randomUUID().slice(0, 8)}`;
let issuer: TestIssuer;
let sql: pg.Client;
let inbox: Queue;
const running: ServiceProcess[] = [];
const logs: string[] = [];

async function commissioning(extra: Record<string, string> = {}): Promise<ServiceProcess> {
  const svc = await launchService({
    root: ROOT,
    name: 'commissioning',
    port: await freePort(),
    env: {
      DATABASE_URL: inject('databaseUrl'),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      WORKER_LOCK_MS: String(LOCK_MS),
      WORKER_CONCURRENCY: '1',
      LOG_LEVEL: 'info',
      ...issuer.env,
      ...extra,
    },
    onLine: (_, line) => logs.push(line),
  });
  running.push(svc);
  return svc;
}

function approval() {
  return eventEnvelope(DecisionRecordedV1, {
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
  });
}

/**
 * Delivers an event and holds it in the worker's hands: this test writes (and does not commit) the
 * inbox row the worker's transaction is about to write, so the worker waits on it, job active.
 */
async function deliverAndHold(event: ReturnType<typeof approval>): Promise<pg.Client> {
  const hold = new pg.Client({ connectionString: inject('databaseUrl') });
  await hold.connect();
  await hold.query('BEGIN');
  await hold.query(`INSERT INTO commissioning.inbox_event (event_id, type, version, received_at) VALUES ($1::uuid, $2, 1, now())`, [
    event.id,
    event.type,
  ]);
  await inbox.add(event.type, event, { jobId: event.id });
  await eventually(async () => (await inbox.getJobState(event.id)) === 'active', 15_000, 20);
  // The worker's INSERT is waiting on this test's row.
  await eventually(
    async () =>
      (
        await sql.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO inbox_event%' AND datname = current_database()`,
        )
      ).rows[0].n > 0,
    10_000,
    20,
  );
  return hold;
}

async function applied(event: ReturnType<typeof approval>) {
  const { rows } = await sql.query(
    `SELECT (SELECT count(*) FROM commissioning.inbox_event WHERE event_id = $1::uuid)::int AS inbox,
            (SELECT count(*) FROM commissioning.search WHERE request_id = $2::uuid)::int AS searches`,
    [event.id, event.payload.requestId],
  );
  return rows[0] as { inbox: number; searches: number };
}

beforeAll(async () => {
  issuer = await createTestIssuer();
  sql = new pg.Client({ connectionString: inject('databaseUrl') });
  await sql.connect();
  inbox = new Queue(COMMISSIONING_INBOX.name, { connection: { url: TEST_REDIS_URL }, prefix });
});

afterAll(async () => {
  await Promise.all(running.map((s) => s.stop('SIGKILL')));
  await inbox?.close();
  await sql?.end();
  await dropQueueKeys(prefix);
});

describe('a worker killed with kill -9 while it applies an event', () => {
  it('another replica applies the event once, within 1.5 x WORKER_LOCK_MS of the kill', async () => {
    const a = await commissioning();
    const event = approval();
    const hold = await deliverAndHold(event);
    // A second replica, started once the first holds the job: it can only get it through the stall check.
    const b = await commissioning();
    expect(await a.stop('SIGKILL')).toBeNull();
    const killedAt = Date.now();
    await hold.query('ROLLBACK');
    await hold.end();

    const job = await settledJob(inbox, event.id, 20_000);
    const took = Date.now() - killedAt;
    expect(job.returnvalue, job.failedReason).toBe('applied');
    // The bound, plus a little for the apply itself on a shared 2-core machine.
    expect(took, `applied ${took} ms after the kill`).toBeLessThan(BOUND_MS + 1000);
    expect(await applied(event)).toEqual({ inbox: 1, searches: 1 });
    await b.stop('SIGTERM');
  });
});

describe('SIGTERM while an event is in hand, past SHUTDOWN_TIMEOUT_MS', () => {
  it('exits 0 saying the event rolls back and is redelivered; it is, once', async () => {
    const c = await commissioning({ SHUTDOWN_TIMEOUT_MS: '1500' });
    const event = approval();
    const hold = await deliverAndHold(event);
    const from = logs.length;
    const t = Date.now();
    expect(await c.stop('SIGTERM')).toBe(0);
    expect(Date.now() - t).toBeLessThan(1500 + 2000);
    const said = logs.slice(from).join('\n');
    expect(said).toMatch(/shutdown timed out after 1500 ms with 1 event\(s\) in hand: they roll back and are redelivered within 3000 ms/);
    expect(said).not.toMatch(/"level":(50|60)/);
    await hold.query('ROLLBACK');
    await hold.end();
    expect(await applied(event)).toEqual({ inbox: 0, searches: 0 });

    // Its replacement takes the event back once the lock has expired, and applies it once.
    await c.restart();
    const job = await settledJob(inbox, event.id, 20_000);
    expect(job.returnvalue, job.failedReason).toBe('applied');
    expect(await applied(event)).toEqual({ inbox: 1, searches: 1 });
    await c.stop('SIGTERM');
  });
});
