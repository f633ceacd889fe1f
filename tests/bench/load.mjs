#!/usr/bin/env node
// Throughput of the whole journey, and what the machine allows, measured in one run (issue 17).
//
//   npx turbo run build && REDIS_URL=redis://127.0.0.1:6379/<db> npm run bench:load
//
// Run by hand, never by the test suite. In order, on scratch databases and a queue prefix of its own
// (all removed at the end):
//  1. PostgreSQL's own commit ceiling: pgbench -i on a scratch database, then TPC-B for PGBENCH_S
//     seconds (default 20) with 8 clients.
//  2. Raw BullMQ: JOBS jobs (default 5000) added one by one and taken by a worker of the services'
//     concurrency (4) on the same Redis, with a prefix like the services' (no work in the job).
//  3. The platform (the five services as processes, as `npm start` runs them), one council, and:
//     a. award -> commitment, SIZE_N journeys one at a time on an empty finance schema, then again
//        with 100,000 commitments (and their placements) seeded into the same council and year with
//        one INSERT ... SELECT over generate_series each: the ratio says whether the hop's cost
//        grows with the data;
//     b. journeys (each its own child) started at rising rates, STEP_S seconds each (default 15),
//        until the p99 of request -> commitment passes one second (or journeys stop finishing).
//        Each journey: a child, a request (rules), the approver's decision (panels), the search
//        (commissioning), an offer and the award (placement), the commitment (finance). People's
//        steps are made at once; the script learns that an event was applied from the inbox
//        queues' completed events (BullMQ QueueEvents), so it adds no polling load.
//  Transactions per journey are PostgreSQL's xact_commit deltas for the platform's database during
//  a step, less the idle rate measured before the steps (the relays' polls, probes), per journey.
//  Prints: the highest rate sustained, transactions per journey, and the journey commit rate as a
//  ratio of the pgbench ceiling.
//  pgbench comes with PostgreSQL's server package on Debian (postgresql-15, or postgresql-contrib);
//  `apt-get install postgresql-15` if `which pgbench` finds nothing, or set PGBENCH to its path.
//  Before 3a, when PostgreSQL loads pg_stat_statements: the statements a journey, STATEMENTS_N journeys
//  (default 10) one at a time, the idle rate subtracted, with the STATEMENTS_TOP (25) most made;
//  STATEMENTS_ONLY=1 runs only that (no pgbench, BullMQ or rates).
//  PROFILE_DIR=<dir> makes each service write a V8 CPU profile there as it stops, of the time from the
//  end of the warm-up;
//  `node tests/bench/cpu-profile.mjs <dir>/*.cpuprofile` says where its time went.
import { freePort, launchService, migrateAll, SERVICE_NAMES } from '@placewise/platform/launcher';
import { createTestDatabase, createTestIssuer, dropQueueKeys, TEST_REDIS_URL } from '@placewise/platform/testing';
import { londonToday } from '@placewise/contracts/dates';
import { Queue, Worker } from 'bullmq';
import { watchInboxes } from './applied.mjs';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { loadavg, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { placementRequest } from '../support/requests.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PGBENCH_S = Number(process.env.PGBENCH_S ?? 20);
const JOBS = Number(process.env.JOBS ?? 5000);
const STEP_S = Number(process.env.STEP_S ?? 15);
const SIZE_N = Number(process.env.SIZE_N ?? 20);
const SEED = Number(process.env.SEED ?? 100_000);
const RATES = (process.env.RATES ?? '1,2,3,4,6,8,11,16,22,32,45,64').split(',').map(Number);
const STATEMENTS_N = Number(process.env.STATEMENTS_N ?? 10);
const STATEMENTS_ONLY = process.env.STATEMENTS_ONLY === '1';
/** Ends the run after the statements a journey (STATEMENTS_ONLY=1), through the clean-up. */
class StatementsOnly extends Error {}
const STATEMENTS_TOP = Number(process.env.STATEMENTS_TOP ?? 25);
const STATEMENTS_WIDTH = Number(process.env.STATEMENTS_WIDTH ?? 110);
const P99_LIMIT_MS = 1000;
const now = () => performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] : NaN);
const ms = (v) => `${v.toFixed(0)} ms`;
const load = () => loadavg()[0].toFixed(1);

console.log(
  `load benchmark (${new Date().toISOString()}), ${cpus().length} cores, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);

// ---------------------------------------------------------------------------------------------
// 1. PostgreSQL's commit ceiling.
async function pgbenchCeiling() {
  const db = await createTestDatabase('pgbench');
  try {
    const pgbench = process.env.PGBENCH ?? 'pgbench';
    execFileSync(pgbench, ['-i', '-s', '1', '-q', db.url], { stdio: 'pipe' });
    const out = execFileSync(pgbench, ['-c', '8', '-j', '2', '-T', String(PGBENCH_S), '-n', db.url], { encoding: 'utf8' });
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1]);
    if (!Number.isFinite(tps)) throw new Error(`could not read pgbench's tps from:\n${out}`);
    return tps;
  } finally {
    await db.drop();
  }
}

// 2. Raw BullMQ add + process.
async function bullmqCeiling() {
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const connection = { url: TEST_REDIS_URL };
  const queue = new Queue('raw', { connection, prefix });
  let done = 0;
  let finished;
  const all = new Promise((r) => (finished = r));
  const worker = new Worker(
    'raw',
    async () => {
      if (++done === JOBS) finished();
    },
    { connection, prefix, concurrency: 4 },
  );
  try {
    await worker.waitUntilReady();
    const t0 = now();
    // Added one job at a time, eight adds in flight, as relays and HTTP handlers would.
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < JOBS) {
          const i = next++;
          await queue.add('e', { i, envelope: 'x'.repeat(600) }, { jobId: randomUUID(), attempts: 8, removeOnComplete: { count: 50_000 } });
        }
      }),
    );
    await all;
    return JOBS / ((now() - t0) / 1000);
  } finally {
    await worker.close();
    await queue.close();
    await dropQueueKeys(prefix);
  }
}

let pgTps = NaN;
let bullTps = NaN;
if (!STATEMENTS_ONLY) {
  console.log(`\n1. PostgreSQL commit ceiling: pgbench TPC-B, 8 clients, ${PGBENCH_S} s (load ${load()})`);
  pgTps = await pgbenchCeiling();
  console.log(`   ${pgTps.toFixed(0)} transactions/s`);
  console.log(`2. raw BullMQ: ${JOBS} jobs added and processed, worker concurrency 4 (load ${load()})`);
  bullTps = await bullmqCeiling();
  console.log(`   ${bullTps.toFixed(0)} jobs/s`);
}

// ---------------------------------------------------------------------------------------------
// 3. The platform.
const db = await createTestDatabase('load');
const prefix = `load-${randomUUID().slice(0, 8)}`;
const services = {};
const events = [];
const sql = new pg.Client({ connectionString: db.url });
try {
  await migrateAll(ROOT, db.url);
  await sql.connect();
  const issuer = await createTestIssuer();
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    // The script is one address and a handful of users: limits meant for people would refuse it.
    RATE_LIMIT_PER_ADDRESS: '100000000',
    RATE_LIMIT_PER_USER: '100000000',
    ...issuer.env,
    // PROFILE_DIR=<dir>: each service writes a V8 CPU profile there when it stops (where the time goes).
    // Summarise them with tests/bench/cpu-profile.mjs.
    ...(process.env.PROFILE_DIR ? { NODE_OPTIONS: `--import=${fileURLToPath(new URL('./cpu-profile-hook.mjs', import.meta.url))}` } : {}),
  };
  const lines = [];
  for (const name of SERVICE_NAMES) {
    services[name] = await launchService({
      root: ROOT,
      name,
      port: await freePort(),
      env,
      readyTimeoutMs: 180_000, // a loaded machine starts them slowly
      onLine: (n, line) => lines.push(`[${n}] ${line}`) > 40 && lines.shift(),
    }).catch((e) => {
      throw new Error(`${e.message}\n${lines.join('\n')}`);
    });
  }

  const tokens = new Map();
  const token = (roles) => {
    const key = roles.join('+');
    if (!tokens.has(key)) tokens.set(key, issuer.token({ sub: `bench.${key}`, roles }));
    return tokens.get(key);
  };
  const call = async (svc, method, path, roles, body, correlationId) => {
    const res = await fetch(services[svc].url + path, {
      method,
      headers: {
        authorization: `Bearer ${await token(roles)}`,
        'content-type': 'application/json',
        ...(correlationId ? { 'x-correlation-id': correlationId } : {}),
      },
      body: body && JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${svc}${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

  // Applied events, from the inboxes' completed events.
  const inboxes = await watchInboxes(TEST_REDIS_URL, prefix);
  events.push(inboxes);
  const applied = inboxes.applied;
  const roles = {
    sw: ['social-worker'],
    com: ['commissioner'],
    fin: ['finance'],
    decider: (tier) => [`approver:${tier}`, 'panel-chair'],
  };

  // Twenty homes with room for every journey, so awards do not queue on one setting's vacancies.
  const settings = [];
  for (let i = 0; i < 20; i++) {
    const provider = await call('commissioning', 'POST', '/providers', roles.com, { name: `Bench Homes ${i + 1}`, sector: 'PRIVATE' });
    settings.push(
      await call('commissioning', 'POST', `/providers/${provider.id}/settings`, roles.com, {
        name: `Bench House ${i + 1}`,
        placementType: 'PRIVATE_CHILDRENS_HOME',
        ofstedUrn: `SC1000${String(i).padStart(2, '0')}`,
        ofstedRating: 'GOOD',
        postcode: 'ST16 2LH',
        ageMin: 0,
        ageMax: 17,
        capacity: 500,
        vacancies: 500,
        weeklyPricePence: 600_000,
        procurementRoute: 'DPS',
      }),
    );
  }
  const today = londonToday();

  let journeyNo = 0;
  /** One journey; returns its hops in ms. */
  const journey = async () => {
    const n = journeyNo++;
    const corr = randomUUID();
    const child = await call(
      'referrals',
      'POST',
      '/children',
      roles.sw,
      { givenName: 'Bench', familyName: `Child ${n}`, dateOfBirth: '2012-01-01' },
      corr,
    );
    const t0 = now();
    const req = await call('referrals', 'POST', '/requests', roles.sw, placementRequest(child.id), corr);
    await applied('panels-inbox', 'request.submitted', corr);
    const [kase] = await call('panels', 'GET', `/cases?requestId=${req.id}`, roles.decider('DCS'), undefined, corr);
    if (!kase) throw new Error(`no case for request ${req.id} after request.submitted was applied`);
    const t1 = now();
    await call(
      'panels',
      'POST',
      `/cases/${kase.id}/decision`,
      roles.decider(kase.approver),
      { outcome: 'APPROVED_WITH_CONDITIONS', reason: 'bench', conditions: { maxWeeklyCostPence: 620_000 } },
      corr,
    );
    await applied('commissioning-inbox', 'decision.recorded', corr);
    const [search] = await call('commissioning', 'GET', `/searches?requestId=${req.id}`, roles.com, undefined, corr);
    if (!search) throw new Error(`no search for request ${req.id} after decision.recorded was applied`);
    const t2 = now();
    const offer = await call(
      'commissioning',
      'POST',
      `/searches/${search.id}/offers`,
      roles.com,
      { settingId: settings[n % settings.length].id, weeklyFeePence: 600_000, startDate: today },
      corr,
    );
    const t3 = now();
    const placement = await call('commissioning', 'POST', `/offers/${offer.id}/award`, roles.com, {}, corr);
    await applied('finance-inbox', 'placement.started', corr);
    const t4 = now();
    const inFinance = await call('finance', 'GET', `/placements/${placement.id}`, roles.fin, undefined, corr);
    if (inFinance.commitments.length === 0)
      throw new Error(`placement ${placement.id} has no commitment after placement.started was applied`);
    return { n, total: t4 - t0, toCase: t1 - t0, toSearch: t2 - t1, award: t4 - t3 };
  };
  /** CPU seconds (user + system) of a process so far, from /proc (0 once it is gone). */
  const cpuOf = (pid) => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      return 0;
    }
  };
  /** CPU seconds so far of each service, and of PostgreSQL's backends serving the platform's database. */
  const cpu = async () => {
    const backends = (await sql.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()'))
      .rows;
    const out = { postgres: new Map(backends.map((b) => [b.pid, cpuOf(b.pid)])) };
    for (const name of SERVICE_NAMES) out[name] = cpuOf(services[name].child.pid);
    return out;
  };
  const cpuSpent = (a, b) => {
    const out = {};
    for (const name of SERVICE_NAMES) out[name] = b[name] - a[name];
    out.postgres = [...b.postgres].reduce((sum, [pid, v]) => sum + v - (a.postgres.get(pid) ?? 0), 0);
    return out;
  };
  const xact = async () =>
    Number((await sql.query('SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()')).rows[0].xact_commit);

  // Warm up: the first requests of each process compile and connect.
  for (let i = 0; i < 5; i++) await journey();
  // PROFILE_DIR: the services' profiles start here, after the warm-up (tests/bench/cpu-profile-hook.mjs).
  if (process.env.PROFILE_DIR) for (const name of SERVICE_NAMES) services[name].child.kill('SIGUSR2');

  // 3. Statements a journey, from pg_stat_statements (when the server loads it): a count that does
  // not depend on the machine's load, so a change to what the services send reads exactly.
  const statementCounts = async () => {
    const { rows } = await sql.query(
      `SELECT regexp_replace(query, '\\s+', ' ', 'g') AS q, sum(calls)::bigint AS calls FROM pg_stat_statements
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) GROUP BY 1`,
    );
    return new Map(rows.map((r) => [r.q, Number(r.calls)]));
  };
  const preloaded = (await sql.query(`SELECT current_setting('shared_preload_libraries') AS l`)).rows[0].l.includes('pg_stat_statements');
  if (!preloaded)
    console.log(
      "\n3. statements a journey: skipped (PostgreSQL does not load pg_stat_statements: ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements', then restart it)",
    );
  else {
    await sql.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const diff = (a, b) => new Map([...b].map(([q, n]) => [q, n - (a.get(q) ?? 0)]).filter(([, n]) => n > 0));
    const idleT0 = now();
    const i0 = await statementCounts();
    await sleep(3000);
    const idle = diff(i0, await statementCounts());
    const idleS = (now() - idleT0) / 1000;
    const s0 = await statementCounts();
    const t0 = now();
    for (let i = 0; i < STATEMENTS_N; i++) await journey();
    const spentS = (now() - t0) / 1000;
    const during = diff(s0, await statementCounts());
    // The idle rate's statements (relays' polls, probes; and this query's own) over the same time.
    const per = new Map([...during].map(([q, n]) => [q, (n - ((idle.get(q) ?? 0) * spentS) / idleS) / STATEMENTS_N]));
    const total = [...per.values()].reduce((a, b) => a + b, 0);
    const idleTotal = [...idle.values()].reduce((a, b) => a + b, 0) / idleS;
    console.log(
      `\n3. statements a journey (pg_stat_statements, ${STATEMENTS_N} journeys one at a time, idle ${idleTotal.toFixed(0)}/s subtracted): ${total.toFixed(0)}`,
    );
    for (const [q, n] of [...per].sort((a, b) => b[1] - a[1]).slice(0, STATEMENTS_TOP))
      if (n >= 0.5) console.log(`    ${n.toFixed(1).padStart(5)}  ${q.slice(0, STATEMENTS_WIDTH)}`);
  }
  if (STATEMENTS_ONLY) throw new StatementsOnly();

  /**
   * Rows each table gave up (sequential + index reads), from pg_stat_user_tables. Backends report
   * their counts when idle for a second or within ten seconds, so the reading waits for them.
   */
  const rowsRead = async () => {
    await sleep(11_000);
    await sql.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await sql.query(
      `SELECT schemaname || '.' || relname AS t, coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) AS n FROM pg_stat_user_tables`,
    );
    return new Map(rows.map((r) => [r.t, Number(r.n)]));
  };
  // 3a. award -> commitment on an empty finance schema, then with SEED commitments present.
  const awardTimes = async () => {
    const before = await rowsRead();
    const c0 = await cpu();
    const xs = [];
    for (let i = 0; i < SIZE_N; i++) xs.push((await journey()).award);
    const spent = cpuSpent(c0, await cpu());
    const after = await rowsRead();
    const perJourney = new Map([...after].map(([t, n]) => [t, (n - (before.get(t) ?? 0)) / SIZE_N]));
    return { xs, perJourney, cpuMs: { finance: (spent.finance * 1000) / SIZE_N, postgres: (spent.postgres * 1000) / SIZE_N } };
  };
  console.log(`\n3a. award -> commitment in finance, ${SIZE_N} journeys one at a time (load ${load()})`);
  const empty = await awardTimes();
  const emptyAward = empty.xs;
  const fy = Number(today.slice(5, 7)) >= 4 ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
  // The journeys' own category, so the year's totals the award touches are the seeded ones.
  const { category } = (await sql.query('SELECT category FROM finance.placement LIMIT 1')).rows[0];
  const seedT0 = now();
  await sql.query(
    `INSERT INTO finance.placement (id, local_authority, request_id, child_id, child_age, placement_type, provision, category,
                                    weekly_cost_pence, start_date, status, correlation_id)
     SELECT gen_random_uuid(), 'northshire', gen_random_uuid(), gen_random_uuid(), 5 + i % 12, 'PRIVATE_CHILDRENS_HOME', 'EXTERNAL',
            $2, 300000 + i % 500000, CURRENT_DATE - (i % 360), 'ACTIVE', gen_random_uuid()
     FROM generate_series(1, $1::int) i`,
    [SEED, category],
  );
  await sql.query(
    `INSERT INTO finance.commitment (id, local_authority, placement_id, financial_year, category, from_date, to_date, days,
                                     weekly_cost_pence, amount_pence, gross_pence, basis, version, cause)
     SELECT gen_random_uuid(), p.local_authority, p.id, $1, p.category, f.from_date, f.to_date, f.to_date - f.from_date + 1,
            p.weekly_cost_pence, round(p.weekly_cost_pence::numeric * (f.to_date - f.from_date + 1) / 7)::bigint,
            round(p.weekly_cost_pence::numeric * (f.to_date - f.from_date + 1) / 7)::bigint, '365/7', 1, 'STARTED'
     FROM finance.placement p
     CROSS JOIN LATERAL (SELECT greatest(p.start_date, make_date($1, 4, 1)) AS from_date, make_date($1 + 1, 3, 31) AS to_date) f
     WHERE p.local_authority = 'northshire' AND NOT EXISTS (SELECT 1 FROM finance.commitment c WHERE c.placement_id = p.id)`,
    [fy],
  );
  await sql.query('ANALYZE finance.placement; ANALYZE finance.commitment');
  console.log(`    seeded ${SEED} placements and commitments in financial year ${fy} in ${((now() - seedT0) / 1000).toFixed(1)} s`);
  const full = await awardTimes();
  const fullAward = full.xs;
  const e50 = pct(emptyAward, 50);
  const f50 = pct(fullAward, 50);
  console.log(`    empty:                 median ${ms(e50)}  p95 ${ms(pct(emptyAward, 95))}`);
  console.log(`    ${SEED} commitments: median ${ms(f50)}  p95 ${ms(pct(fullAward, 95))}`);
  console.log(`    ratio (with data / empty, medians): ${(f50 / e50).toFixed(2)}x`);
  // The seeded tables: an award that scanned the year would read them by the hundred thousand.
  const seededRows = (m) => (m.get('finance.commitment') ?? 0) + (m.get('finance.placement') ?? 0);
  console.log(
    `    rows of finance.commitment and finance.placement read a journey: ${seededRows(empty.perJourney).toFixed(0)} empty, ` +
      `${seededRows(full.perJourney).toFixed(0)} with data (${(seededRows(full.perJourney) / seededRows(empty.perJourney)).toFixed(2)}x)`,
  );
  console.log(
    `    finance.placement_start_day: ${(full.perJourney.get('finance.placement_start_day') ?? 0).toFixed(0)} rows a journey with data ` +
      '(a row per day and category of the last year: at most 366 per category, whatever the size of the year)',
  );
  console.log(
    `    CPU ms a journey, empty -> with data: finance ${empty.cpuMs.finance.toFixed(0)} -> ${full.cpuMs.finance.toFixed(0)}, ` +
      `PostgreSQL (all services' backends) ${empty.cpuMs.postgres.toFixed(0)} -> ${full.cpuMs.postgres.toFixed(0)} (${(full.cpuMs.postgres / empty.cpuMs.postgres).toFixed(2)}x)`,
  );
  console.log('    rows read a journey, by table (the ten that read most with the data present), empty -> with data:');
  for (const [t, n] of [...full.perJourney].sort((a, b) => b[1] - a[1]).slice(0, 10))
    console.log(`      ${t.padEnd(44)} ${(empty.perJourney.get(t) ?? 0).toFixed(0).padStart(8)} -> ${n.toFixed(0).padStart(8)}`);

  // 3b. rising rates.
  console.log(`\n3b. journeys at rising rates, ${STEP_S} s a step`);
  const idleX0 = await xact();
  const idleC0 = await cpu();
  const idleT0 = now();
  await sleep(5000);
  const idleS = (now() - idleT0) / 1000;
  const idleRate = ((await xact()) - idleX0) / idleS;
  const idleCpu = cpuSpent(idleC0, await cpu());
  console.log(`    idle: ${idleRate.toFixed(1)} commits/s (relays' polls, probes), subtracted below`);
  console.log(
    `    idle CPU ms a second: ${Object.entries(idleCpu)
      .map(([k, v]) => `${k} ${((v * 1000) / idleS).toFixed(0)}`)
      .join(', ')}`,
  );
  let sustained = null;
  let keptUp = null;
  let behind = 0;
  let busiest = null;
  for (const rate of RATES) {
    const results = [];
    const failures = [];
    const x0 = await xact();
    const c0 = await cpu();
    const j0 = inboxes.jobsDone();
    const tStart = now();
    const inFlight = [];
    const count = Math.max(1, Math.round(rate * STEP_S));
    for (let i = 0; i < count; i++) {
      const due = tStart + (i * 1000) / rate;
      const wait = due - now();
      if (wait > 0) await sleep(wait);
      inFlight.push(
        journey().then(
          (r) => results.push(r),
          (e) => failures.push(e),
        ),
      );
    }
    const offeredFor = (now() - tStart) / 1000;
    // Journeys that have not finished 30 s after the last start count as not sustained.
    const drained = await Promise.race([Promise.all(inFlight).then(() => true), sleep(30_000).then(() => false)]);
    const elapsed = (now() - tStart) / 1000;
    const spent = cpuSpent(c0, await cpu());
    // Backends report their commits when idle for a second or within ten seconds: wait for them.
    await sleep(11_000);
    const commits = (await xact()) - x0 - idleRate * ((now() - tStart) / 1000);
    const totals = results.map((r) => r.total);
    const p50 = pct(totals, 50);
    const p99 = pct(totals, 99);
    const perJourney = results.length ? commits / results.length : NaN;
    const jobsPerJourney = results.length ? (inboxes.jobsDone() - j0) / results.length : NaN;
    const row = {
      rate,
      done: results.length,
      p50,
      p99,
      perJourney,
      jobsPerJourney,
      cpuMs: Object.fromEntries(
        Object.entries(spent).map(([k, v]) => [k, results.length ? ((v - (idleCpu[k] / idleS) * elapsed) * 1000) / results.length : NaN]),
      ),
      achieved: results.length / offeredFor,
      hops: {
        toCase: pct(
          results.map((r) => r.toCase),
          50,
        ),
        toSearch: pct(
          results.map((r) => r.toSearch),
          50,
        ),
        award: pct(
          results.map((r) => r.award),
          50,
        ),
      },
    };
    console.log(
      `    ${String(rate).padStart(3)}/s: ${String(row.done).padStart(4)}/${count} done, p50 ${ms(p50).padStart(8)}, p99 ${ms(p99).padStart(8)}, ` +
        `${perJourney.toFixed(1)} commits and ${jobsPerJourney.toFixed(1)} jobs a journey; median hops: request->case ${ms(row.hops.toCase)}, decision->search ${ms(row.hops.toSearch)}, ` +
        `award->commitment ${ms(row.hops.award)} (load ${load()})`,
    );
    if (failures.length) console.log(`         ${failures.length} failed: ${failures[0].message}`);
    if (results.length)
      console.log(
        `         CPU ms a journey (idle subtracted): ${Object.entries(row.cpuMs)
          .map(([k, v]) => `${k} ${v.toFixed(0)}`)
          .join(', ')}`,
      );
    // Kept up: every journey finished, and the last quarter started took no longer than the first
    // (a platform falling behind builds a queue, and the latency grows through the step).
    const byStart = results.sort((a, b) => a.n - b.n).map((r) => r.total);
    const q = Math.max(1, Math.floor(byStart.length / 4));
    const firstQ = pct(byStart.slice(0, q), 50);
    const lastQ = pct(byStart.slice(-q), 50);
    const kept = drained && failures.length === 0 && lastQ <= 1.5 * firstQ + 250;
    if (!kept && drained && !failures.length)
      console.log(`         falling behind: median ${ms(firstQ)} for the first quarter started, ${ms(lastQ)} for the last`);
    if (drained && !failures.length) busiest = row;
    if (kept && p99 <= P99_LIMIT_MS) sustained = row;
    if (kept) keptUp = row;
    // A step whose journeys did not all finish ends the run; one that fell behind is tried once more
    // at the next rate (on a shared machine a step can fall behind by chance).
    if (!drained || failures.length || (!kept && behind++)) break;
    await sleep(1000);
  }

  console.log('\nsummary');
  console.log(`  PostgreSQL commit ceiling (pgbench TPC-B):  ${pgTps.toFixed(0)} commits/s`);
  console.log(`  raw BullMQ add + process:                   ${bullTps.toFixed(0)} jobs/s`);
  console.log(
    `  award -> commitment, ${SEED} commitments present / empty: ${(f50 / e50).toFixed(2)}x (median time), ` +
      `${(seededRows(full.perJourney) / seededRows(empty.perJourney)).toFixed(2)}x (rows of the seeded tables read a journey)`,
  );
  if (keptUp)
    console.log(
      `  highest rate kept up with (every journey done, whatever its latency): ${keptUp.rate} journeys/s (p99 ${ms(keptUp.p99)})`,
    );
  if (!sustained) console.log(`  no rate sustained with p99 <= ${P99_LIMIT_MS} ms (lowest tried: ${RATES[0]}/s)`);
  else console.log(`  highest rate sustained (p99 request -> commitment <= 1 s): ${sustained.rate} journeys/s (p99 ${ms(sustained.p99)})`);
  // Per-journey figures from the busiest step whose journeys all finished (the most journeys, the
  // least idle time per journey).
  const ref = busiest;
  if (ref) {
    const cpuMs = Object.values(ref.cpuMs).reduce((a, b) => a + b, 0);
    console.log(`  per journey, at ${ref.rate}/s (${ref.done} journeys):`);
    console.log(
      `    transactions (xact_commit delta, idle subtracted): ${ref.perJourney.toFixed(1)}; inbox jobs: ${ref.jobsPerJourney.toFixed(1)}`,
    );
    console.log(
      `    CPU: ${cpuMs.toFixed(0)} ms (${Object.entries(ref.cpuMs)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(', ')})`,
    );
    const rate = sustained?.rate ?? keptUp?.rate ?? ref.rate;
    const allowed = pgTps / ref.perJourney;
    const bullAllows = bullTps / ref.jobsPerJourney;
    const cpuAllows = (cpus().length * 1000) / cpuMs;
    console.log(
      `  ceilings, in journeys/s (the rate compared is ${rate}/s, ${sustained ? 'sustained' : keptUp ? 'kept up with' : 'tried'}):`,
    );
    console.log(
      `    PostgreSQL's commits (pgbench / transactions a journey): ${allowed.toFixed(0)}; the journey commit rate at ${rate}/s is ${((rate * ref.perJourney) / pgTps).toFixed(3)} of the pgbench ceiling`,
    );
    console.log(`    raw BullMQ (jobs/s / jobs a journey): ${bullAllows.toFixed(0)}`);
    console.log(
      `    this machine's ${cpus().length} cores, if the platform had them to itself (cores / CPU a journey): ${cpuAllows.toFixed(1)}`,
    );
  }
  console.log(
    `  load average at the end: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} (other processes share this machine; read the ratios)`,
  );
} catch (e) {
  if (!(e instanceof StatementsOnly)) throw e;
} finally {
  await Promise.all(events.map((e) => e.close()));
  await Promise.all(Object.values(services).map((s) => s.stop('SIGTERM')));
  await sql.end().catch(() => undefined);
  await dropQueueKeys(prefix);
  await db.drop();
}
