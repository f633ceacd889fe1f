import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import pg from 'pg';
import { assertIdentifier } from './database.js';

/** Creates the database if it does not exist (through the server's `postgres` database). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount)
      await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`).catch((e: { code?: string }) => {
        if (e.code !== '42P04') throw e; // created meanwhile by another process
      });
  } finally {
    await client.end();
  }
}

/**
 * Applies a service's checked-in migrations into its schema with `prisma migrate deploy`
 * (Prisma's offline JS schema engine). The schema is created first: Prisma's migration table lives in it.
 *
 * The JS engine's CLI stays alive for about 10 s after its work is done (an idle timer), holding
 * Prisma's database-wide advisory lock; so the CLI is ended as soon as it reports success.
 */
export async function migrateService(opts: { appDir: string; databaseUrl: string; schema: string }): Promise<void> {
  assertIdentifier(opts.schema);
  await ensureDatabase(opts.databaseUrl);
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
  } finally {
    await client.end();
  }
  const require = createRequire(`${opts.appDir}/package.json`);
  const cli = require.resolve('prisma/build/index.js');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'migrate', 'deploy'], {
      cwd: opts.appDir,
      env: { ...process.env, DATABASE_URL: opts.databaseUrl, DATABASE_SCHEMA: opts.schema, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let done = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!done && /All migrations have been successfully applied|No pending migrations to apply/.test(output)) {
        done = true;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (done || code === 0) resolve();
      else reject(new Error(`prisma migrate deploy failed for schema ${opts.schema} (exit ${code}):\n${output}`));
    });
  });
}
