#!/usr/bin/env node
// Loading and producing SSDA903 returns at council size, each against a baseline measured in the same run.
//
//   npx turbo run build --filter=@placewise/referrals && node apps/referrals/bench/ssda903.mjs [inCare] [exportInCare]
//
// inCare (2,600) and exportInCare (12,400) are the demo generator's children in care at each 31 March:
// 2,600 gives about 10,500 children over five years; 12,400 gives a year of about 20,000 children.
//
// It creates a scratch database (dropped at the end) with referrals' migrations, then:
// 1. load: 10,000 children with five years of returns (the demo council's generator, written as CSV)
//    through the real loader (read, check, pre-flight, one batched transaction), against a plain bulk
//    INSERT ... SELECT of the same rows (every table the load wrote, copied server-side);
// 2. export: a 20,000-child year produced by the real exporter (read, build, pre-flight, zip), against
//    a plain SELECT of the same rows.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const N = Number(process.argv[2] ?? 2_600);
const EXPORT_N = Number(process.argv[3] ?? 12_400);
const ADMIN = process.env.PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const db = `placewise_bench_${randomUUID().slice(0, 8)}`;
const url = new URL(ADMIN);
url.pathname = `/${db}`;
const DATABASE_URL = url.toString();
const appDir = fileURLToPath(new URL('..', import.meta.url));
const LAST_YEAR = 2025;
const TABLES = [
  'child',
  'looked_after_episode',
  'child_legal_status',
  'child_review',
  'missing_episode',
  'social_worker_episode',
  'care_leaver_outcome',
  'health_outcome',
  'adoption_detail',
  'previous_permanence',
  'adoption_decision',
  'liberty_order',
  'record_change',
  'outbox_event',
];

const admin = new pg.Client({ connectionString: ADMIN });
await admin.connect();
await admin.query(`CREATE DATABASE ${db}`);
let prisma;
try {
  const sql = new pg.Client({ connectionString: DATABASE_URL });
  await sql.connect();
  await sql.query('CREATE SCHEMA referrals; SET search_path TO referrals');
  const dirs = readdirSync(`${appDir}/prisma/migrations`, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const d of dirs) await sql.query(readFileSync(`${appDir}/prisma/migrations/${d}/migration.sql`, 'utf8'));

  const { PrismaService } = await import(`${appDir}/dist/prisma.service.js`);
  const { ReturnsRepository } = await import(`${appDir}/dist/returns/returns.repository.js`);
  const { Ssda903Returns } = await import(`${appDir}/dist/returns/ssda903-returns.js`);
  const { generateDemoCouncil } = await import(`${appDir}/dist/ssda903/demo-council.js`);
  const { writeReturnFiles } = await import(`${appDir}/dist/ssda903/files.js`);
  prisma = new PrismaService({
    DATABASE_URL,
    DATABASE_SCHEMA: 'referrals',
    DATABASE_POOL_HTTP: 10,
    DATABASE_CONNECT_TIMEOUT_MS: 30_000,
    DATABASE_TX_ATTEMPTS: 1,
  });
  await prisma.$connect();
  const returns = new Ssda903Returns(new ReturnsRepository(prisma));

  const council = (children, years, seed) => {
    const t = performance.now();
    const demo = generateDemoCouncil({ children, years, lastYearStart: LAST_YEAR, seed });
    const files = demo.years.map((ret) => writeReturnFiles(ret));
    return { files, ms: performance.now() - t, demo };
  };
  const counts = async (la) => {
    const out = {};
    for (const t of TABLES)
      out[t] = Number((await sql.query(`SELECT count(*)::int AS n FROM ${t} WHERE local_authority = $1`, [la])).rows[0].n);
    return out;
  };

  // 1. The load.
  const big = council(N, 5, 7);
  const t0 = performance.now();
  const loaded = await returns.load('loadshire', 'bench', big.files, null);
  const loadMs = performance.now() - t0;
  if (!loaded.ok) throw new Error(`the load was refused: ${JSON.stringify(loaded.errors.slice(0, 5))}`);
  const rows = await counts('loadshire');
  const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
  // Baseline: the same rows bulk-inserted in one plain statement per table, into same-shaped tables
  // with the same indexes (no triggers, no foreign keys), in one transaction.
  for (const t of TABLES) await sql.query(`CREATE TEMP TABLE copy_${t} (LIKE ${t} INCLUDING DEFAULTS INCLUDING INDEXES)`);
  const t1 = performance.now();
  await sql.query('BEGIN');
  for (const t of TABLES) await sql.query(`INSERT INTO copy_${t} SELECT * FROM ${t} WHERE local_authority = 'loadshire'`);
  await sql.query('COMMIT');
  const baselineLoadMs = performance.now() - t1;

  // 2. The export of a 20,000-child year.
  const wide = council(EXPORT_N, 2, 11);
  const loadedWide = await returns.load('exportshire', 'bench', wide.files, null);
  if (!loadedWide.ok) throw new Error(`the export council's load was refused: ${JSON.stringify(loadedWide.errors.slice(0, 5))}`);
  await sql.query('ANALYZE');
  const t2 = performance.now();
  const out = await returns.produce('exportshire', LAST_YEAR);
  const exportMs = performance.now() - t2;
  const t3 = performance.now();
  for (const t of TABLES.filter((t) => t !== 'record_change' && t !== 'outbox_event'))
    await sql.query(`SELECT * FROM ${t} WHERE local_authority = 'exportshire'`);
  const baselineExportMs = performance.now() - t3;

  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  console.log('SSDA903 benchmark');
  console.log(
    `load: ${loaded.result.children.toLocaleString()} children over 5 years (${big.files.flat().length} CSV files, generated in ${s(big.ms)}): ${totalRows.toLocaleString()} rows written (${rows.looked_after_episode.toLocaleString()} episodes)`,
  );
  console.log(
    `  Ssda903Returns.load (read, check, pre-flight, one transaction)   ${s(loadMs)}   target under 60 s: ${loadMs < 60_000 ? 'met' : 'MISSED'}`,
  );
  console.log(`  baseline: plain INSERT ... SELECT of the same rows               ${s(baselineLoadMs)}`);
  console.log(`  ratio: ${(loadMs / baselineLoadMs).toFixed(1)}x`);
  console.log(
    `export: a ${out.children.toLocaleString()}-child year (${LAST_YEAR}), zip ${(out.zip.length / 1024).toFixed(0)} KiB, ${out.failures.length} pre-flight failures`,
  );
  console.log(
    `  Ssda903Returns.produce (read, build, pre-flight, zip)             ${s(exportMs)}   target under 10 s: ${exportMs < 10_000 ? 'met' : 'MISSED'}`,
  );
  console.log(`  baseline: plain SELECT * of the council's rows                  ${s(baselineExportMs)}`);
  console.log(`  ratio: ${(exportMs / baselineExportMs).toFixed(1)}x`);
  await sql.end();
} finally {
  await prisma?.$disconnect();
  await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.end();
}
