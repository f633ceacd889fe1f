import { BudgetThresholdCrossedV1, NOTIFICATIONS_INBOX } from '@placewise/contracts';
import { freePort, launchService, type ServiceProcess } from '@placewise/platform/launcher';
import { createTestIssuer, dropQueueKeys, eventEnvelope, eventually, TEST_REDIS_URL } from '@placewise/platform/testing';
import { startMailCatcher, type MailCatcher } from '@placewise/notifications/dist/catcher/mail-catcher.js';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT, markRelays } from '../support/platform.js';

/**
 * Two notifications replicas on one database, one Redis and one SMTP server; one is killed (kill -9)
 * while it has emails in flight. Every person is told of every event exactly once: nothing twice,
 * nothing lost. The SMTP server holds every message at its gate (in flight: sent, not yet accepted)
 * while the replica is killed, so the kill lands mid-send by construction, not by luck.
 */
const PEOPLE = 10;
const EVENTS = 4;
const la = `notify-${randomUUID().slice(0, 8)}`;
const prefix = `journey-notify-${randomUUID().slice(0, 8)}`;
let sql: pg.Client;
let mail: MailCatcher;
let inbox: Queue;
const replicas: ServiceProcess[] = [];
/** While set, the SMTP server holds each message before accepting it. */
let hold: { promise: Promise<void>; open: () => void } | null = null;
let held = 0;

beforeAll(async () => {
  sql = new pg.Client({ connectionString: inject('databaseUrl') });
  await sql.connect();
  for (let i = 0; i < PEOPLE; i++)
    await sql.query(
      `INSERT INTO notifications.person (local_authority, user_id, name, email, roles, source, updated_at)
       VALUES ($1, $2, $3, $4, ARRAY['finance'], 'SEEDED', now())`,
      [la, `fin${i}`, `Finance ${i}`, `fin${i}@${la}.test`],
    );
  mail = await startMailCatcher({
    gate: async () => {
      if (!hold) return;
      held++;
      await hold.promise;
    },
  });
  const issuer = await createTestIssuer();
  await markRelays(prefix);
  const env = {
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'info',
    ...issuer.env,
    SMTP_PORT: String(mail.smtpPort),
    MAIL_POLL_MS: '50',
    MAIL_BACKOFF_MS: '100',
    MAIL_CONCURRENCY: '4',
    // A job held by the killed replica goes back to the queue within 3 s; its sending claims run out in 4 s.
    WORKER_LOCK_MS: '2000',
    MAIL_LEASE_MS: '4000',
  };
  for (let i = 0; i < 2; i++) replicas.push(await launchService({ root: ROOT, name: 'notifications', port: await freePort(), env }));
  inbox = new Queue(NOTIFICATIONS_INBOX.name, { connection: { url: TEST_REDIS_URL }, prefix });
});

afterAll(async () => {
  hold?.open();
  await Promise.all(replicas.map((r) => r.stop('SIGTERM')));
  await inbox?.close();
  await mail?.close();
  await sql?.end();
  await dropQueueKeys(prefix);
});

const deliveries = async () =>
  (
    await sql.query(
      `SELECT d.id, d.status, d.claimed_by, d.taken_over, n.event_id FROM notifications.delivery d
       JOIN notifications.notification n ON n.id = d.notification_id WHERE d.local_authority = $1`,
      [la],
    )
  ).rows as { id: string; status: string; claimed_by: string | null; taken_over: number; event_id: string }[];

describe('two notifications replicas, one killed mid-send', () => {
  it('tell every person of every event exactly once', async () => {
    const [a, b] = replicas as [ServiceProcess, ServiceProcess];
    let open!: () => void;
    const promise = new Promise<void>((r) => (open = r));
    hold = { promise, open };

    const events = Array.from({ length: EVENTS }, (_, i) =>
      eventEnvelope(
        BudgetThresholdCrossedV1,
        {
          financialYear: 2026,
          category: `CATEGORY_${i}`,
          thresholdPercent: 90,
          forecastPence: 9_100_000 + i,
          budgetPence: 10_000_000,
          crossedAt: new Date().toISOString(),
        },
        { localAuthority: la },
      ),
    );
    // Each event twice (as a relay that published it twice would): the inbox applies it once.
    for (const e of events) await inbox.add(e.type, e, { jobId: e.id });
    for (const e of events) await inbox.add(e.type, e, { jobId: `again-${e.id}` });

    // Both replicas are sending: each holds sending claims, and the server holds messages from each
    // connection it has (four a replica) that it has not accepted yet.
    const claimsOf = (r: ServiceProcess, rows: Awaited<ReturnType<typeof deliveries>>) =>
      rows.filter((d) => d.status === 'PENDING' && d.claimed_by?.startsWith(`${hostname()}:${r.child.pid}:`)).length;
    await eventually(async () => {
      const rows = await deliveries();
      return (held >= 8 && claimsOf(a, rows) > 0 && claimsOf(b, rows) > 0) || undefined;
    }, 30_000);
    const inFlightOnA = claimsOf(a, await deliveries());

    // kill -9 the first: no draining, its connections cut with its emails still unanswered.
    expect(await a.stop('SIGKILL')).toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    hold = null;
    open();

    // Everything arrives, through the survivor.
    const rows = await eventually(async () => {
      const r = await deliveries();
      return r.length === PEOPLE * EVENTS && r.every((d) => d.status === 'SENT') ? r : undefined;
    }, 60_000);
    await new Promise((r) => setTimeout(r, 500));

    // Exactly once per person per event: each person has one email per event, each its own delivery.
    const ours = mail.messages.filter((m) => m.to.some((t) => t.endsWith(`@${la}.test`)));
    expect(ours).toHaveLength(PEOPLE * EVENTS);
    for (let i = 0; i < PEOPLE; i++) {
      const got = ours.filter((m) => m.to.includes(`fin${i}@${la}.test`));
      expect(got.map((m) => m.subject).sort()).toEqual(
        Array.from({ length: EVENTS }, (_, e) => `Budget: category ${e} is at 90% for 2026-27`).sort(),
      );
    }
    expect(new Set(ours.map((m) => m.messageId)).size).toBe(PEOPLE * EVENTS);
    expect(new Set(rows.map((d) => d.id))).toEqual(new Set(ours.map((m) => /^<([^@]+)@/.exec(m.messageId)![1])));
    // The kill was mid-send: the server dropped what the killed replica had in flight, and the
    // survivor took those sends over (after the jobs' locks and the claims' leases ran out).
    expect(inFlightOnA).toBeGreaterThan(0);
    expect(held).toBeGreaterThan(0);
    expect(mail.dropped).toBeGreaterThan(0);
    expect(rows.filter((d) => d.taken_over > 0).length).toBeGreaterThan(0);
    const mailQueue = new Queue('notifications-mail', { connection: { url: TEST_REDIS_URL }, prefix });
    expect(await mailQueue.getFailedCount()).toBe(0);
    await mailQueue.close();
  });
});
