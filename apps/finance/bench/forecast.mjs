#!/usr/bin/env node
// The full-year forecast for 100,000 active placements, against a baseline measured in the same run.
//
//   cd apps/finance && npx tsc -p tsconfig.build.json && node bench/forecast.mjs [placements]
//
// It creates a scratch database (dropped at the end), applies finance's migrations, bulk-inserts the
// rows server-side (INSERT ... SELECT over generate_series: one statement per table), then times
// ForecastService.forecast() from the built service (dist/) over the same connection pool, against
// a plain SELECT count(*) over the same year's commitment lines.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const N = Number(process.argv[2] ?? 100_000);
const RUNS = 15;
const ADMIN = process.env.PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const db = `placewise_bench_${randomUUID().slice(0, 8)}`;
const url = new URL(ADMIN);
url.pathname = `/${db}`;
const DATABASE_URL = url.toString();
const appDir = fileURLToPath(new URL('..', import.meta.url));
const LA = 'benchshire';
const FY = 2026;
const AS_OF = '2026-11-24';

const admin = new pg.Client({ connectionString: ADMIN });
await admin.connect();
await admin.query(`CREATE DATABASE ${db}`);
let prisma;
try {
  const sql = new pg.Client({ connectionString: DATABASE_URL });
  await sql.connect();
  await sql.query('CREATE SCHEMA finance; SET search_path TO finance');
  const dirs = readdirSync(`${appDir}/prisma/migrations`, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const d of dirs) await sql.query(readFileSync(`${appDir}/prisma/migrations/${d}/migration.sql`, 'utf8'));

  const categories = [
    'FOSTERING_IN_HOUSE',
    'FOSTERING_EXTERNAL',
    'RESIDENTIAL_EXTERNAL',
    'RESIDENTIAL_IN_HOUSE',
    'SUPPORTED_ACCOMMODATION_EXTERNAL',
    'SECURE_EXTERNAL',
  ];
  const t0 = performance.now();
  // Placements started over the last three years (so about a third in the last 12 months); a second
  // council's rows around them, so the council filter has something to skip.
  await sql.query(
    `INSERT INTO placement (id, local_authority, request_id, child_id, child_age, placement_type, provision, category, weekly_cost_pence, start_date, status, correlation_id)
     SELECT gen_random_uuid(), CASE WHEN i % 10 = 0 THEN 'otherton' ELSE $1 END, gen_random_uuid(), gen_random_uuid(), 5 + i % 12, 'IFA_FOSTER', 'EXTERNAL',
            ($2::text[])[1 + i % 6], 30000 + (i * 7919) % 900000, DATE '2026-11-23' - (i % 1095), 'ACTIVE', gen_random_uuid()
     FROM generate_series(1, $3::int) i`,
    [LA, categories, Math.round(N / 0.9)],
  );
  // One current line for the year per placement, and a superseded earlier version for one in five.
  await sql.query(
    `INSERT INTO commitment (id, local_authority, placement_id, financial_year, category, from_date, to_date, days, weekly_cost_pence, amount_pence, gross_pence, basis, version, cause, superseded_at)
     SELECT gen_random_uuid(), p.local_authority, p.id, $1, p.category, greatest(p.start_date, DATE '2026-04-01'), DATE '2027-03-31',
            (DATE '2027-03-31' - greatest(p.start_date, DATE '2026-04-01')) + 1, p.weekly_cost_pence,
            round(p.weekly_cost_pence::numeric * ((DATE '2027-03-31' - greatest(p.start_date, DATE '2026-04-01')) + 1) / 7)::bigint,
            round(p.weekly_cost_pence::numeric * ((DATE '2027-03-31' - greatest(p.start_date, DATE '2026-04-01')) + 1) / 7)::bigint, '365/7', 2, 'PRICE_CHANGED', NULL
     FROM placement p`,
    [FY],
  );
  await sql.query(
    `INSERT INTO commitment (id, local_authority, placement_id, financial_year, category, from_date, to_date, days, weekly_cost_pence, amount_pence, gross_pence, basis, version, cause, superseded_at)
     SELECT gen_random_uuid(), local_authority, placement_id, financial_year, category, from_date, to_date, days, weekly_cost_pence, amount_pence - 1000, gross_pence - 1000, basis, 1, 'STARTED', now()
     FROM commitment WHERE version = 2 AND hashtext(placement_id::text) % 5 = 0`,
  );
  await sql.query(
    `INSERT INTO budget (id, local_authority, financial_year, category, amount_pence, set_by, updated_at)
     SELECT gen_random_uuid(), $1, $2, c, 50000000000, 'bench', now() FROM unnest($3::text[]) c`,
    [LA, FY, categories],
  );
  // Payments for a quarter of the placements (one allocation each).
  await sql.query(`INSERT INTO invoice (id, local_authority, placement_id, reference, period_from, period_to, days_claimed, weekly_rate_pence, amount_pence, expected_pence, status, discrepancies, received_by, paid_on, paid_pence)
     SELECT gen_random_uuid(), local_authority, id, 'INV-' || id, DATE '2026-10-01', DATE '2026-10-28', 28, weekly_cost_pence, weekly_cost_pence * 4, weekly_cost_pence * 4, 'PAID', '[]', 'bench', DATE '2026-11-01', weekly_cost_pence * 4
     FROM placement WHERE hashtext(id::text) % 4 = 0`);
  await sql.query(
    `INSERT INTO payment_allocation (id, local_authority, invoice_id, financial_year, category, paid_pence, released_pence)
     SELECT gen_random_uuid(), i.local_authority, i.id, $1, p.category, i.paid_pence, i.expected_pence FROM invoice i JOIN placement p ON p.id = i.placement_id`,
    [FY],
  );
  await sql.query('ANALYZE');
  const loadMs = performance.now() - t0;
  const {
    rows: [sizes],
  } = await sql.query(
    `SELECT (SELECT count(*) FROM placement WHERE local_authority = $1)::int AS placements, (SELECT count(*) FROM commitment WHERE local_authority = $1)::int AS lines,
            (SELECT count(*) FROM payment_allocation WHERE local_authority = $1)::int AS payments, (SELECT count(*) FROM placement)::int AS all_placements`,
    [LA],
  );
  await sql.end();

  // The real service, built, on Prisma with the app's own adapter and pool.
  const { PrismaService } = await import(`${appDir}/dist/prisma.service.js`);
  const { ForecastRepository } = await import(`${appDir}/dist/forecast/forecast.repository.js`);
  const { ForecastService } = await import(`${appDir}/dist/forecast/forecast.service.js`);
  const { CouncilRepository } = await import(`${appDir}/dist/council/council.repository.js`);
  prisma = new PrismaService({
    DATABASE_URL,
    DATABASE_SCHEMA: 'finance',
    DATABASE_POOL_HTTP: 10,
    DATABASE_CONNECT_TIMEOUT_MS: 5000,
    DATABASE_TX_ATTEMPTS: 3,
  });
  await prisma.$connect();
  const forecasts = new ForecastService(prisma, new ForecastRepository(prisma), new CouncilRepository(prisma), null);

  const time = async (fn) => {
    await fn(); // warm: connection, plan cache
    const ms = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await fn();
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    return { median: ms[Math.floor(ms.length / 2)], p95: ms[Math.ceil(ms.length * 0.95) - 1], min: ms[0] };
  };
  const baseline = await time(() =>
    prisma.$queryRawUnsafe(`SELECT count(*) FROM commitment WHERE local_authority = $1 AND financial_year = $2`, LA, FY),
  );
  const scan = await time(() => prisma.$queryRawUnsafe(`SELECT count(*) FROM commitment`));
  let result;
  const forecast = await time(async () => {
    result = await forecasts.forecast(LA, FY, AS_OF);
  });

  const f = (x) => x.toFixed(1).padStart(7);
  console.log(
    `finance forecast benchmark: ${sizes.placements.toLocaleString()} active placements in ${LA} (${sizes.all_placements.toLocaleString()} in all), ${sizes.lines.toLocaleString()} commitment lines, ${sizes.payments.toLocaleString()} payments`,
  );
  console.log(`load (server-side bulk INSERT ... SELECT): ${(loadMs / 1000).toFixed(1)} s`);
  console.log(`runs: ${RUNS} after one warm-up; times in ms            median     p95     min`);
  console.log(`baseline: SELECT count(*) of the year's lines     ${f(baseline.median)} ${f(baseline.p95)} ${f(baseline.min)}`);
  console.log(`baseline: SELECT count(*) of every line           ${f(scan.median)} ${f(scan.p95)} ${f(scan.min)}`);
  console.log(`ForecastService.forecast(${FY}, asOf ${AS_OF})        ${f(forecast.median)} ${f(forecast.p95)} ${f(forecast.min)}`);
  console.log(
    `ratio: forecast / count(*) of the year's lines = ${(forecast.median / baseline.median).toFixed(2)}x; target under 1000 ms: ${forecast.p95 < 1000 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `forecast total: ${result.total.forecastPence.toLocaleString()}p (committed ${result.total.committedPence.toLocaleString()}p, paid ${result.total.actualsPaidPence.toLocaleString()}p, expected starts ${result.total.expectedStartsPence.toLocaleString()}p) over ${result.categories.length} categories`,
  );
} finally {
  await prisma?.$disconnect();
  await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.end();
}
