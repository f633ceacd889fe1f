import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { EventDefinition, EventEnvelope, PayloadOf } from '@placewise/contracts';
import { createServiceApp } from '../bootstrap.js';
import pg from 'pg';
import { createIssuerKeys, mintToken, type DevIssuerKeys, type DevUser } from '../auth/dev-issuer.js';
import { migrateService } from '../db/migrate.js';

/**
 * Helpers for integration and journey tests against the real PostgreSQL and Redis on this machine.
 * Each test run gets its own database (dropped afterwards) and its own queue prefix.
 */

export const PG_ADMIN_URL = process.env.PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `pw_${label}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A fresh database with one service's migrations applied in its schema. */
export async function createMigratedDatabase(appDir: string, schema: string): Promise<TestDatabase> {
  const db = await createTestDatabase(schema);
  await migrateService({ appDir, databaseUrl: db.url, schema });
  return db;
}

export interface TestIssuer {
  keys: DevIssuerKeys;
  /** Environment variables that make a service trust this issuer. */
  env: Record<string, string>;
  token(user: Partial<DevUser> & Pick<DevUser, 'roles'>): Promise<string>;
}

export async function createTestIssuer(issuer = 'http://issuer.test'): Promise<TestIssuer> {
  const keys = await createIssuerKeys(issuer);
  return {
    keys,
    env: { AUTH_ISSUER: keys.issuer, AUTH_AUDIENCE: 'placewise', AUTH_JWKS: JSON.stringify(keys.publicJwks) },
    token: (user) => mintToken(keys, { sub: 'tester', name: 'Tester', la: 'northshire', ...user }),
  };
}

/** Waits until `probe` returns a value other than undefined/null/false, or throws after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== null && v !== false) return v as T;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A service's environment for tests: its database and schema, the test issuer, the test Redis. */
export function testEnv(opts: { databaseUrl: string; schema: string; issuer: TestIssuer; prefix: string }): Record<string, string> {
  return {
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: opts.databaseUrl,
    DATABASE_SCHEMA: opts.schema,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: opts.prefix,
    OUTBOX_POLL_MS: '100',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    ...opts.issuer.env,
  };
}

/** Starts a service's Nest app on a free port, exactly as main() would, and returns its base URL. */
export async function startTestApp(module: DynamicModule, title = 'test'): Promise<{ app: INestApplication; url: string }> {
  const app = await createServiceApp(module, { title, description: title, logger: false });
  await app.listen(0, '127.0.0.1');
  const address = (app.getHttpServer() as import('node:http').Server).address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${address.port}` };
}

/** Removes every key of a queue prefix from the test Redis. */
export async function clearQueues(prefix: string, names: string[]): Promise<void> {
  for (const name of names) {
    const q = new Queue(name, { connection: { url: TEST_REDIS_URL }, prefix });
    await q.obliterate({ force: true }).catch(() => undefined);
    await q.close();
  }
}

/**
 * Deletes every Redis key under a queue prefix (queues, their jobs, locks, and anything else a test
 * stored there), so a test run leaves nothing behind. Returns how many keys it removed.
 */
export async function dropQueueKeys(prefix: string, redisUrl = TEST_REDIS_URL): Promise<number> {
  if (!prefix) throw new Error('dropQueueKeys needs a prefix: it will not delete the whole Redis');
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let removed = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) removed += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return removed;
}

/** Who produced an event in a test, and in which council; the rest of the envelope is filled in. */
export type EnvelopeOrigin = Partial<Pick<EventEnvelope, 'id' | 'localAuthority' | 'correlationId' | 'causationId' | 'occurredAt'>>;

/**
 * An event exactly as its producer's outbox would write it: a typed payload (checked against the
 * contract, so a test cannot deliver what no producer could send) in a complete envelope.
 */
export function eventEnvelope<D extends EventDefinition>(
  def: D,
  payload: PayloadOf<D>,
  origin: EnvelopeOrigin = {},
): EventEnvelope<PayloadOf<D>> {
  return {
    id: origin.id ?? randomUUID(),
    type: def.type,
    version: def.version,
    occurredAt: origin.occurredAt ?? new Date().toISOString(),
    localAuthority: origin.localAuthority ?? 'northshire',
    correlationId: origin.correlationId ?? randomUUID(),
    ...(origin.causationId ? { causationId: origin.causationId } : {}),
    producer: def.producer,
    payload: def.schema.parse(payload) as PayloadOf<D>,
  };
}

/**
 * A vitest globalSetup for a service: one database per test run with the service's migrations
 * applied in its schema, provided to tests as `inject('databaseUrl')`, dropped at the end.
 */
export function serviceDatabaseSetup(appDir: string, schema: string) {
  return async (project: { provide(key: 'databaseUrl', value: string): void }) => {
    const db = await createMigratedDatabase(appDir, schema);
    project.provide('databaseUrl', db.url);
    return () => db.drop();
  };
}

/**
 * Waits until a job has completed or failed, then reads it. The state is read first so the job
 * read afterwards is the settled one (reading the job and then asking its state can see it mid-run).
 */
export function settledJob(queue: Queue, jobId: string, timeoutMs = 15_000): Promise<Job> {
  return eventually(async () => {
    const state = await queue.getJobState(jobId);
    return state === 'completed' || state === 'failed' ? queue.getJob(jobId) : undefined;
  }, timeoutMs);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a response body is whatever JSON the service sent; tests read it loosely and assert its shape with expect
export interface HttpResult<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/**
 * One HTTP call to a service under test, as a person's client makes it: JSON in and out, a bearer
 * token, and the body parsed when it is JSON (the raw text otherwise). `raw` sends a body as it is.
 */
export async function httpCall(
  baseUrl: string,
  o: { method: string; path: string; token?: string; body?: unknown; raw?: string; accept?: string },
): Promise<HttpResult> {
  const res = await fetch(baseUrl + o.path, {
    method: o.method,
    headers: {
      'content-type': 'application/json',
      ...(o.accept ? { accept: o.accept } : {}),
      ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
    },
    body: o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body)),
  });
  const text = await res.text();
  let body: unknown = text || undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON (CSV, Markdown): the text itself
  }
  return { status: res.status, body, text, headers: res.headers };
}
export * from './otlp.js';
export * from './role-matrix.js';
