#!/usr/bin/env node
// Notifications for 10,000 events delivered to an SMTP server, per second, against sending the same
// mails directly with nodemailer in the same run (the ratio is the service's cost over bare SMTP).
//
//   npm run build -w apps/notifications && REDIS_URL=redis://127.0.0.1:6379/<db> node apps/notifications/bench/deliver.mjs [events]
//   (WORKER_CONCURRENCY: events applied at once, default 16)
//
// It creates a scratch database (dropped at the end) with notifications' migrations, starts a mail
// catcher on loopback that counts what arrives, and runs the built service (dist/) in this process.
// Service: every event is added to notifications-inbox at once (one budget.threshold-crossed per
// event, one finance person told each, by email at once); the clock runs until the catcher has
// received every email: inbox transaction, delivery row, hand-over to the mail queue, send job, SMTP.
// Direct: the same number of mails through one pooled nodemailer transport with the same number of
// connections. Redis keys are under a prefix of their own, deleted at the end.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { BudgetThresholdCrossedV1, NOTIFICATIONS_INBOX } from '@placewise/contracts';
import { loadEnv } from '@placewise/platform';
import { createMigratedDatabase, createTestIssuer, dropQueueKeys, eventEnvelope, startTestApp, testEnv } from '@placewise/platform/testing';
import { AppModule } from '../dist/app.module.js';
import { startMailCatcher } from '../dist/catcher/mail-catcher.js';
import { NotificationsEnv } from '../dist/env.js';

const N = Number(process.argv[2] ?? 10_000);
const CONNECTIONS = 8;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bench-notify-${randomUUID().slice(0, 8)}`;
const LA = 'benchshire';
const appDir = fileURLToPath(new URL('..', import.meta.url));

const untilReceived = async (catcher, n, timeoutMs = 600_000) => {
  const end = Date.now() + timeoutMs;
  while (catcher.received < n) {
    if (Date.now() > end) throw new Error(`only ${catcher.received} of ${n} emails arrived`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

const db = await createMigratedDatabase(appDir, 'notifications');
const catcher = await startMailCatcher({ keep: 0 });
let app;
try {
  const sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  await sql.query(
    `INSERT INTO notifications.person (local_authority, user_id, name, email, roles, source, updated_at)
     VALUES ($1, 'fin', 'Finance lead', 'fin@benchshire.test', ARRAY['finance'], 'SEEDED', now())`,
    [LA],
  );
  await sql.end();
  const issuer = await createTestIssuer();
  const env = loadEnv(NotificationsEnv, {
    ...testEnv({ databaseUrl: db.url, schema: 'notifications', issuer, prefix }),
    REDIS_URL,
    SMTP_PORT: String(catcher.smtpPort),
    MAIL_CONCURRENCY: String(CONNECTIONS * 4),
    WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY ?? '16',
    MAIL_POLL_MS: '20',
    DATABASE_POOL_SIZE: '20',
  });
  ({ app } = await startTestApp(AppModule.forRoot(env)));
  const inbox = new Queue(NOTIFICATIONS_INBOX.name, { connection: { url: REDIS_URL }, prefix });
  const events = Array.from({ length: N }, (_, i) =>
    eventEnvelope(
      BudgetThresholdCrossedV1,
      {
        financialYear: 2026,
        category: `CATEGORY_${i}`,
        thresholdPercent: 90,
        forecastPence: 9_100_000,
        budgetPence: 10_000_000,
        crossedAt: new Date().toISOString(),
      },
      { localAuthority: LA },
    ),
  );
  const t0 = performance.now();
  for (let i = 0; i < N; i += 1000) {
    await inbox.addBulk(events.slice(i, i + 1000).map((e) => ({ name: e.type, data: e, opts: { jobId: e.id } })));
  }
  const probe = new pg.Client({ connectionString: db.url });
  await probe.connect();
  for (;;) {
    const { rows } = await probe.query(`SELECT count(*)::int AS n FROM notifications.delivery`);
    if (rows[0].n >= N) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const appliedMs = performance.now() - t0;
  await probe.end();
  await untilReceived(catcher, N);
  const serviceMs = performance.now() - t0;
  await inbox.close();

  // The same mails, straight to the same server with nodemailer.
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: catcher.smtpPort,
    pool: true,
    maxConnections: CONNECTIONS,
    maxMessages: Infinity,
  });
  const before = catcher.received;
  const t1 = performance.now();
  const sends = [];
  for (let i = 0; i < N; i++) {
    sends.push(
      transport.sendMail({
        from: env.MAIL_FROM,
        to: 'fin@benchshire.test',
        subject: `Budget: category ${i} is at 90% for 2026-27`,
        text: 'The forecast is £91,000.00 against a budget of £100,000.00.',
      }),
    );
  }
  await Promise.all(sends);
  await untilReceived(catcher, before + N);
  const directMs = performance.now() - t1;
  transport.close();

  const rate = (ms) => Math.round((N / ms) * 1000);
  console.log(`events and emails: ${N}`);
  console.log(
    `service (inbox → notification → delivery → mail queue → SMTP): ${(serviceMs / 1000).toFixed(1)} s, ${rate(serviceMs)} emails/s`,
  );
  console.log(
    `direct nodemailer (pooled, ${CONNECTIONS} connections):           ${(directMs / 1000).toFixed(1)} s, ${rate(directMs)} emails/s`,
  );
  console.log(`  of which every event applied (its notification and delivery written): ${(appliedMs / 1000).toFixed(1)} s`);
  console.log(`ratio (service time / direct time): ${(serviceMs / directMs).toFixed(2)}`);
} finally {
  await app?.close();
  await catcher.close();
  await db.drop();
  await dropQueueKeys(prefix, REDIS_URL);
}
