#!/usr/bin/env node
// Request-to-commitment latency of the whole journey, over N sequential requests (default 100).
// Starts the four services as processes on a scratch database (dropped at the end), then for each
// request: submit -> case opened (panels) -> decide -> search opened (commissioning) -> offer and
// award -> commitment visible in finance. The people's steps are made at once by the script, so the
// figures are the system's own: HTTP handling plus three event hops through outbox, Redis and inbox.
// The script learns that a hop's event was applied from the inbox queue's completed event (BullMQ
// QueueEvents), then reads the result once: it does not poll the services it is timing.
// Baseline, measured in the same run: an authenticated GET round trip to one service; and, for scale,
// the machine's own round trips to PostgreSQL (SELECT 1) and Redis (PING).
// Then (unless TRACE=0) the same again with the services tracing over OTLP to a receiver on loopback
// started by this script: the time of each hop read from the spans, and tracing's own cost as the
// ratio of the two runs' whole journeys.
//   npm run bench:journey            (N=100)
//   N=20 npm run bench:journey
//   TRACE=0 npm run bench:journey    (untraced only)
import { freePort, launchService, migrateAll, SERVICE_NAMES } from '@placewise/platform/launcher';
import { createTestDatabase, createTestIssuer, dropQueueKeys, startOtlpReceiver, TEST_REDIS_URL } from '@placewise/platform/testing';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { watchInboxes } from './applied.mjs';
import { fileURLToPath } from 'node:url';
import { placementRequest } from '../support/requests.mjs';

const N = Number(process.env.N ?? 100);
const TRACE = process.env.TRACE !== '0';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const now = () => performance.now();
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const fmt = (ms) => `${ms.toFixed(ms < 1 ? 3 : 1)} ms`;

/** Runs the N journeys on a fresh platform started with `extraEnv`; returns the figures. */
async function measure(extraEnv) {
  const db = await createTestDatabase('bench');
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const services = {};
  let inboxes;
  try {
    await migrateAll(ROOT, db.url);
    const issuer = await createTestIssuer();
    for (const name of SERVICE_NAMES) {
      services[name] = await launchService({
        root: ROOT,
        name,
        port: await freePort(),
        env: { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn', ...issuer.env, ...extraEnv },
      });
    }
    const tok = async (roles) => `Bearer ${await issuer.token({ sub: roles.join('+'), roles })}`;
    const T = {
      sw: await tok(['social-worker']),
      dcs: await tok(['approver:DCS', 'panel-chair']),
      com: await tok(['commissioner']),
      fin: await tok(['finance']),
    };
    const call = async (svc, method, path, auth, body, correlationId) => {
      const res = await fetch(services[svc].url + path, {
        method,
        headers: {
          authorization: auth,
          'content-type': 'application/json',
          ...(correlationId ? { 'x-correlation-id': correlationId } : {}),
        },
        body: body && JSON.stringify(body),
      });
      const json = await res.json();
      if (!res.ok) throw new Error(`${method} ${svc}${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    // Each hop ends when the consuming service has applied the event (its inbox queue's completed
    // event), then one GET reads what it made: no polling load on the services being measured.
    inboxes = await watchInboxes(TEST_REDIS_URL, prefix);

    const provider = await call('commissioning', 'POST', '/providers', T.com, { name: 'Bench Homes', sector: 'PRIVATE' });
    const setting = await call('commissioning', 'POST', `/providers/${provider.id}/settings`, T.com, {
      name: 'Bench House',
      placementType: 'PRIVATE_CHILDRENS_HOME',
      ofstedUrn: 'SC100001',
      ofstedRating: 'GOOD',
      postcode: 'ST16 2LH',
      ageMin: 0,
      ageMax: 17,
      capacity: N + 10,
      vacancies: N + 10,
      weeklyPricePence: 600_000,
      procurementRoute: 'DPS',
    });
    const child = await call('referrals', 'POST', '/children', T.sw, {
      givenName: 'Bench',
      familyName: 'Child',
      dateOfBirth: '2012-01-01',
    });

    // Baseline: authenticated GET round trips in the same run.
    const baseline = [];
    const redisRtt = [];
    for (let i = 0; i < 200; i++) {
      const t = now();
      await call('referrals', 'GET', `/children/${child.id}`, T.sw);
      baseline.push(now() - t);
    }
    // The machine's own round trips, for scale: one statement to PostgreSQL, one command to Redis.
    const pgRtt = [];
    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const queue = new Queue('bench-rtt', { connection: { url: TEST_REDIS_URL }, prefix });
    try {
      const redis = await queue.backend.client;
      for (let i = 0; i < 500; i++) {
        const t = now();
        await sql.query('SELECT 1');
        pgRtt.push(now() - t);
      }
      for (let i = 0; i < 500; i++) {
        const t = now();
        await redis.ping();
        redisRtt.push(now() - t);
      }
    } finally {
      await sql.end();
      await queue.close();
    }

    const total = [],
      hopCase = [],
      hopSearch = [],
      hopCommitment = [];
    for (let i = 0; i < N; i++) {
      const corr = randomUUID();
      const t0 = now();
      const req = await call('referrals', 'POST', '/requests', T.sw, placementRequest(child.id), corr);
      const t1 = now();
      await inboxes.applied('panels-inbox', 'request.submitted', corr);
      const [kase] = await call('panels', 'GET', `/cases?requestId=${req.id}`, T.dcs, undefined, corr);
      if (!kase) throw new Error(`no case for request ${req.id} after request.submitted was applied`);
      hopCase.push(now() - t1);
      const t2 = now();
      await call(
        'panels',
        'POST',
        `/cases/${kase.id}/decision`,
        T.dcs,
        {
          outcome: 'APPROVED_WITH_CONDITIONS',
          reason: 'bench',
          conditions: { maxWeeklyCostPence: 620_000 },
        },
        corr,
      );
      await inboxes.applied('commissioning-inbox', 'decision.recorded', corr);
      const [search] = await call('commissioning', 'GET', `/searches?requestId=${req.id}`, T.com, undefined, corr);
      if (!search) throw new Error(`no search for request ${req.id} after decision.recorded was applied`);
      hopSearch.push(now() - t2);
      const offer = await call(
        'commissioning',
        'POST',
        `/searches/${search.id}/offers`,
        T.com,
        {
          settingId: setting.id,
          weeklyFeePence: 600_000,
          startDate: '2026-12-01',
        },
        corr,
      );
      const t3 = now();
      const placement = await call('commissioning', 'POST', `/offers/${offer.id}/award`, T.com, {}, corr);
      await inboxes.applied('finance-inbox', 'placement.started', corr);
      const inFinance = await call('finance', 'GET', `/placements/${placement.id}`, T.fin, undefined, corr);
      if (inFinance.commitments.length === 0)
        throw new Error(`placement ${placement.id} has no commitment after placement.started was applied`);
      hopCommitment.push(now() - t3);
      total.push(now() - t0);
    }

    return { baseline, pgRtt, redisRtt, hopCase, hopSearch, hopCommitment, total };
  } finally {
    await inboxes?.close();
    await Promise.all(Object.values(services).map((s) => s.stop('SIGTERM')));
    // Every key the run made (queues, jobs, panels' timers), not only the inboxes.
    await dropQueueKeys(prefix);
    await db.drop();
  }
}

const row = (base, label, xs) =>
  `  ${label.padEnd(58)} median ${fmt(pct(xs, 50)).padStart(9)}  p95 ${fmt(pct(xs, 95)).padStart(9)}  (${(pct(xs, 50) / base).toFixed(1)}x baseline)`;

function report(title, r) {
  const base = pct(r.baseline, 50);
  console.log(title);
  console.log(row(base, 'baseline: authenticated GET round trip', r.baseline));
  console.log(row(base, "the machine's PostgreSQL round trip (SELECT 1)", r.pgRtt));
  console.log(row(base, "the machine's Redis round trip (PING)", r.redisRtt));
  console.log(row(base, 'request submitted -> case open in panels', r.hopCase));
  console.log(row(base, 'decision recorded -> search open in commissioning', r.hopSearch));
  console.log(row(base, 'award -> commitment visible in finance', r.hopCommitment));
  console.log(row(base, 'whole journey, request -> commitment', r.total));
  return base;
}

/**
 * Each event hop from the spans: for every inbox handler span, its trace's chain back to the HTTP
 * request that started it, split at the platform's spans: the HTTP request's handling (server span),
 * the producer's commit (end of its transaction) to the relay's publication, the publication to the
 * consumer's job starting (Redis and the worker), the job to the handler, and the handler itself.
 */
function hopsFromSpans(spans) {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const hops = new Map();
  const add = (key, part, ms) => {
    if (!hops.has(key)) hops.set(key, new Map());
    const parts = hops.get(key);
    if (!parts.has(part)) parts.set(part, []);
    parts.get(part).push(ms);
  };
  for (const h of spans) {
    if (!h.name.startsWith('inbox handle ')) continue;
    const chain = [h];
    for (let at = h; at.parentSpanId && byId.has(at.parentSpanId);) chain.unshift((at = byId.get(at.parentSpanId)));
    const find = (pred) => chain.find(pred);
    const server = find((s) => s.kind === 2);
    const publish = find((s) => s.name.startsWith('outbox publish '));
    const append = find((s) => s.name.startsWith('outbox append '));
    const job = find((s) => s.kind === 5);
    if (!server || !publish || !append || !job) continue;
    // The producer's transaction: the nearest db transaction above the outbox row.
    const tx = chain
      .slice(0, chain.indexOf(append))
      .reverse()
      .find((s) => s.name === 'db transaction');
    const key = `${publish.attributes['placewise.event.type']} -> ${h.service}`;
    add(key, 'HTTP request handled (server span)', server.end - server.start);
    if (tx) add(key, 'commit -> relay publishes', publish.start - tx.end);
    add(key, 'relay publishes -> job starts (Redis, worker)', job.start - publish.start);
    add(key, 'job starts -> handler starts', h.start - job.start);
    add(key, 'handler (its transaction)', h.end - h.start);
    add(key, 'whole hop: request in -> handler done', h.end - server.start);
  }
  return hops;
}

const plain = await measure({});
const base = report(`journey latency over ${N} sequential requests, not traced (${new Date().toISOString()})`, plain);
if (TRACE) {
  const otlp = await startOtlpReceiver();
  try {
    const traced = await measure(otlp.env);
    // The last batch of spans reaches the receiver within OTEL_BSP_SCHEDULE_DELAY of the services' stop (they flush on SIGTERM).
    report(`\nthe same, traced over OTLP (${otlp.spans.length} spans received)`, traced);
    console.log(`  tracing's cost: whole journey median ${(pct(traced.total, 50) / pct(plain.total, 50)).toFixed(2)}x the untraced run's`);
    console.log('\neach event hop, from the spans (journeys whose chain was exported whole):');
    for (const [key, parts] of [...hopsFromSpans(otlp.spans)].sort()) {
      console.log(`  ${key}  (${[...parts.values()][0].length} events)`);
      for (const [part, xs] of parts) console.log(`  ${row(base, `  ${part}`, xs)}`);
    }
  } finally {
    await otlp.close();
  }
}
