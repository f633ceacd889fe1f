#!/usr/bin/env node
// Applies the services' checked-in Prisma migrations to one PostgreSQL database, each service into
// its own schema, one service after another (Prisma's advisory lock is database-wide). This is what
// a deployment's migrate job runs (infra/compose.yaml, infra/k8s/migrate-job.yaml); `npm start`
// and the tests migrate through the same functions.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/placewise';
const SERVICES = ['referrals', 'panels', 'commissioning', 'finance', 'notifications'];

const USAGE = `Applies every service's migrations (or only the named services') to DATABASE_URL.

  npm run migrate                      every service, in order: ${SERVICES.join(', ')}
  npm run migrate -- panels            only panels (several names may be given)
  DATABASE_URL=postgresql://user:pass@host:5432/db npm run migrate
  node scripts/migrate.mjs [service...]   the same, without npm (what the migrate job runs)

DATABASE_URL defaults to ${DEFAULT_DATABASE_URL}. The database is created if it is
missing; each service's tables live in the schema named after it.
Needs the build first (npm ci && npm run build): it loads @placewise/platform from
packages/platform/dist and runs the Prisma CLI installed with each app.
Exit status: 0 when every migration is applied (or none was pending), 1 on any failure.`;

const say = (msg) => console.log(`[migrate] ${msg}`);
let secret = '';
const redact = (text) => (secret ? String(text).replaceAll(secret, '***') : String(text));
function fail(msg) {
  console.error(`[migrate] error: ${redact(msg)}`);
  process.exit(1);
}

const args = process.argv.slice(2);
if (args.includes('-h') || args.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
const flag = args.find((a) => a.startsWith('-'));
if (flag) fail(`unknown option ${flag}\n\n${USAGE}`);
const unknown = args.filter((a) => !SERVICES.includes(a));
if (unknown.length) fail(`unknown service ${unknown.join(', ')} (the services are ${SERVICES.join(', ')})\n\n${USAGE}`);
const selected = args.length ? SERVICES.filter((s) => args.includes(s)) : SERVICES;

const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
let url;
try {
  url = new URL(databaseUrl);
} catch {
  fail('DATABASE_URL is not a URL (expected postgresql://user:password@host:5432/database)');
}
if (!/^postgres(ql)?:$/.test(url.protocol)) fail(`DATABASE_URL must be a postgresql:// URL, not ${url.protocol}//`);
if (url.password) secret = decodeURIComponent(url.password);
const dbName = decodeURIComponent(url.pathname.slice(1));
if (!dbName) fail('DATABASE_URL names no database (expected postgresql://user:password@host:5432/database)');

let migrateService;
let pg;
try {
  ({ migrateService } = await import('@placewise/platform'));
  pg = (await import('pg')).default;
} catch (e) {
  fail(`cannot load @placewise/platform (${e.code ?? e.message}); build first: npm ci && npm run build\n\n${USAGE}`);
}
if (typeof migrateService !== 'function') fail('@placewise/platform has no migrateService; rebuild: npm run build');

/** Names of the migrations recorded as applied in a service's schema (none if the database or table is missing). */
async function appliedMigrations(schema) {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const { rows } = await client.query(
      `SELECT migration_name FROM "${schema}"._prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY finished_at, migration_name`,
    );
    return rows.map((r) => r.migration_name);
  } catch (e) {
    if (e.code === '3D000' || e.code === '42P01' || e.code === '3F000') return []; // no database, schema or table yet
    throw e;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The migration directories checked in for a service, in the order Prisma applies them. */
function checkedIn(appDir) {
  const dir = join(appDir, 'prisma', 'migrations');
  if (!existsSync(dir)) fail(`${dir} does not exist`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort();
}

const where = `${url.hostname}:${url.port || 5432}`;
say(`database "${dbName}" at ${where}${url.username ? ` as ${decodeURIComponent(url.username)}` : ''}; services: ${selected.join(', ')}`);

// Fail fast, and clearly, when the server does not answer (the migrate job's commonest failure).
{
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (e) {
    fail(`cannot connect to PostgreSQL at ${where}: ${e.message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

let total = 0;
for (const name of selected) {
  const appDir = join(ROOT, 'apps', name);
  const available = checkedIn(appDir);
  const started = Date.now();
  let applied;
  try {
    const before = new Set(await appliedMigrations(name));
    await migrateService({ appDir, databaseUrl, schema: name });
    applied = (await appliedMigrations(name)).filter((m) => !before.has(m));
  } catch (e) {
    const rest = selected.slice(selected.indexOf(name) + 1);
    fail(`${name}: migrations failed${rest.length ? ` (not attempted: ${rest.join(', ')})` : ''}\n${e.message}`);
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  total += applied.length;
  say(
    applied.length
      ? `${name}: applied ${applied.join(', ')} (${secs} s)`
      : `${name}: up to date (${available.length} migration${available.length === 1 ? '' : 's'} checked in, none pending)`,
  );
}
say(`done: ${total} migration${total === 1 ? '' : 's'} applied to "${dbName}"`);
process.exit(0);
