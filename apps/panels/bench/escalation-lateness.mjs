#!/usr/bin/env node
// How late do escalations fire after their deadline, with 1,000 open cases?
//
// Run after a build (`npx turbo run build --filter=@placewise/panels...`), with PostgreSQL and Redis up:
//   node apps/panels/bench/escalation-lateness.mjs [--open 1000] [--measured 300] [--spread-ms 15000]
//
// It makes a scratch database of its own and a queue prefix of its own (both removed at the end),
// starts the panels service in-process (timer worker concurrency as configured, default 4), opens
// `open` cases through the inbox (all with decision deadlines; `measured` of them due within the
// measured window, the rest an hour away), and reads each escalation's lateness (fired_at minus
// the deadline, as recorded in the escalation row) for the measured ones.
// Baseline, in the same run and on the same Redis: bare BullMQ delayed jobs with the same deadlines
// and a no-op worker of the same concurrency, lateness taken at the same point (the job starting).
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Queue, Worker } from 'bullmq';
import pg from 'pg';
import { loadEnv } from '@placewise/platform';
import {
  clearQueues,
  createMigratedDatabase,
  createTestIssuer,
  eventEnvelope,
  startTestApp,
  testEnv,
  TEST_REDIS_URL,
} from '@placewise/platform/testing';
import { PANELS_INBOX, RequestSubmittedV2 } from '@placewise/contracts';
import { AppModule } from '../dist/app.module.js';
import { PanelsEnv } from '../dist/env.js';
import { TIMERS_QUEUE } from '../dist/timers/timers.service.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const OPEN = arg('open', 1000);
const MEASURED = Math.min(arg('measured', 300), OPEN);
const SPREAD = arg('spread-ms', 15_000);
const LEAD = 8_000; // time to open the measured cases before the first deadline
const CONCURRENCY = Number(process.env.WORKER_CONCURRENCY ?? 4);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const summary = (xs) => ({ n: xs.length, p50: pct(xs, 50), p99: pct(xs, 99), max: Math.max(...xs) });

function submitted(deadline) {
  return eventEnvelope(
    RequestSubmittedV2,
    {
      requestId: randomUUID(),
      childId: randomUUID(),
      childAge: 12,
      kind: 'PLACEMENT',
      legalStatus: 'CO_S31',
      placementType: 'IFA_FOSTER',
      provision: 'EXTERNAL',
      weeklyCostPence: 95_000,
      location: 'IN_AREA',
      urgency: 'PLANNED',
      placedAt: null,
      submittedAt: new Date().toISOString(),
      submittedBy: 'bench',
      outcome: {
        ruleSetVersion: 'bench',
        policyHash: 'bench',
        approver: 'HOS',
        panel: null,
        costBand: 'A',
        retrospective: false,
        gates: [],
        deadlines: [
          { id: 'placement-approval', ruleId: 'bench', purpose: 'DECISION', due: new Date(deadline).toISOString(), text: 'decide' },
        ],
        reasons: [{ ruleId: 'bench', text: 'bench' }],
      },
    },
    { localAuthority: 'benchshire' },
  );
}

async function baseline(prefix, deadlines) {
  const name = 'bench-baseline';
  const q = new Queue(name, { connection: { url: TEST_REDIS_URL }, prefix });
  const late = [];
  const w = new Worker(
    name,
    async (job) => {
      late.push(Date.now() - job.data.due);
    },
    { connection: { url: TEST_REDIS_URL }, prefix, concurrency: CONCURRENCY },
  );
  const now = Date.now();
  await q.addBulk(deadlines.map((due, i) => ({ name: 'x', data: { due }, opts: { jobId: `b${i}`, delay: Math.max(0, due - now) } })));
  while (late.length < deadlines.length) await new Promise((r) => setTimeout(r, 100));
  await w.close();
  await q.obliterate({ force: true });
  await q.close();
  return late;
}

const appDir = fileURLToPath(new URL('..', import.meta.url));
const db = await createMigratedDatabase(appDir, 'panels');
const prefix = `bench-panels-${randomUUID().slice(0, 8)}`;
const sql = new pg.Client({ connectionString: db.url });
let app;
try {
  await sql.connect();
  const issuer = await createTestIssuer();
  const env = loadEnv(PanelsEnv, {
    ...testEnv({ databaseUrl: db.url, schema: 'panels', issuer, prefix }),
    LOG_LEVEL: 'silent',
    TIMER_SWEEP_MS: '5000',
    REMINDER_LEAD_MS: '0',
    WORKER_CONCURRENCY: String(CONCURRENCY),
  });
  ({ app } = await startTestApp(AppModule.forRoot(env), 'bench'));
  const inbox = new Queue(PANELS_INBOX.name, { connection: { url: TEST_REDIS_URL }, prefix });

  const waitOpen = async (n) => {
    for (;;) {
      const { rows } = await sql.query(`SELECT count(*)::int AS n FROM panels."case"`);
      if (rows[0].n >= n) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  // The background: open cases whose deadlines are an hour away.
  // Baseline first as well as last, so the order of the runs does not favour either.
  const baseBefore = await baseline(
    `${prefix}-base0`,
    Array.from({ length: MEASURED }, (_, i) => Date.now() + LEAD + Math.round((i * SPREAD) / MEASURED)),
  );
  const t0 = Date.now();
  const background = Array.from({ length: OPEN - MEASURED }, () => submitted(Date.now() + 3_600_000 + Math.random() * 3_600_000));
  await inbox.addBulk(background.map((e) => ({ name: e.type, data: e, opts: { jobId: e.id } })));
  await waitOpen(background.length);
  console.log(`opened ${background.length} background cases in ${Date.now() - t0} ms`);

  // The measured cases: deadlines spread over the window, starting LEAD ms from now.
  const start = Date.now() + LEAD;
  const deadlines = Array.from({ length: MEASURED }, (_, i) => start + Math.round((i * SPREAD) / MEASURED));
  const measured = deadlines.map((d) => submitted(d));
  await inbox.addBulk(measured.map((e) => ({ name: e.type, data: e, opts: { jobId: e.id } })));
  await waitOpen(OPEN);
  if (Date.now() > start)
    console.warn(`warning: opening took longer than the ${LEAD} ms lead; the first deadlines passed before their cases opened`);
  const { rows: open } = await sql.query(`SELECT count(*)::int AS n FROM panels."case" WHERE status = 'OPEN'`);
  console.log(`${open[0].n} open cases; ${MEASURED} due over ${SPREAD} ms`);

  const last = deadlines.at(-1);
  for (;;) {
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM panels.escalation WHERE kind = 'DECISION_OVERDUE'`);
    if (rows[0].n >= MEASURED) break;
    if (Date.now() > last + 60_000)
      throw new Error(`only ${rows[0].n} of ${MEASURED} escalations fired within a minute of the last deadline`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const { rows } = await sql.query(
    `SELECT (extract(epoch FROM fired_at - deadline) * 1000)::float8 AS late, fired_by FROM panels.escalation WHERE kind = 'DECISION_OVERDUE'`,
  );
  const { rows: dup } = await sql.query(`SELECT count(*)::int AS n FROM panels.outbox_event WHERE type = 'case.escalated'`);
  const ours = summary(rows.map((r) => r.late));
  const byJob = rows.filter((r) => r.fired_by === 'JOB').length;
  await inbox.close();
  await app.close();
  app = undefined;

  const base = summary([
    ...baseBefore,
    ...(await baseline(
      `${prefix}-base1`,
      Array.from({ length: MEASURED }, (_, i) => Date.now() + LEAD + Math.round((i * SPREAD) / MEASURED)),
    )),
  ]);
  console.log('');
  console.log(
    `escalation lateness after the deadline, ms (${OPEN} open cases, ${MEASURED} deadlines over ${SPREAD / 1000} s, worker concurrency ${CONCURRENCY}):`,
  );
  console.log(
    `  panels escalations   p50 ${ours.p50.toFixed(1)}   p99 ${ours.p99.toFixed(1)}   max ${ours.max.toFixed(1)}   (n=${ours.n}; ${byJob} by delayed job, ${ours.n - byJob} by sweep; case.escalated events: ${dup[0].n})`,
  );
  console.log(
    `  baseline bare BullMQ p50 ${base.p50.toFixed(1)}   p99 ${base.p99.toFixed(1)}   max ${base.max.toFixed(1)}   (n=${base.n}: two runs, before and after; no-op worker)`,
  );
  console.log(
    `  ratio to baseline    p50 ${(ours.p50 / Math.max(base.p50, 0.1)).toFixed(2)}x   p99 ${(ours.p99 / Math.max(base.p99, 0.1)).toFixed(2)}x   (excess p99: ${(ours.p99 - base.p99).toFixed(1)} ms)`,
  );
} finally {
  if (app) await app.close();
  await sql.end().catch(() => undefined);
  await clearQueues(prefix, [PANELS_INBOX.name, TIMERS_QUEUE]);
  await db.drop();
}
