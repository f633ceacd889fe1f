import { PrismaPg } from '@prisma/adapter-pg';
import type { BaseEnv } from '../config/env.js';
import { retryingTransaction } from './contention.js';
import { collectingCommitHooks, type CommittedHooks } from './after-commit.js';
import { inSpan } from '../tracing/spans.js';

/** The slice of a Prisma client (or transaction client) that platform code uses: raw SQL only. */
export interface SqlClient {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

export interface Database extends SqlClient {
  /** Prisma's interactive transaction: platform code uses the transaction client for raw SQL only. */
  $transaction<R>(fn: (tx: SqlClient) => Promise<R>, options?: { maxWait?: number; timeout?: number; isolationLevel?: string }): Promise<R>;
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
}

/** Injection token for the service's Prisma client (HTTP requests, its own pool of DATABASE_POOL_HTTP). */
export const DATABASE = Symbol('placewise:database');

/**
 * Injection token for the queue consumers' Prisma client: a second instance of the service's class
 * with a pool of its own (DATABASE_POOL_WORKER), used by the inbox worker, the outbox relay and the
 * cleanup, so events never wait behind HTTP requests for a connection.
 */
export const WORKER_DATABASE = Symbol('placewise:worker-database');

/** Which pool a Prisma client is made for. */
export type DatabaseRole = 'http' | 'worker';

/**
 * The token of a Prisma client class's optional second constructor parameter (never provided: Nest
 * leaves it undefined for the HTTP instance; the platform passes 'worker' itself).
 */
export const DATABASE_ROLE = Symbol('placewise:database-role');

/**
 * The service's Prisma client class: made by Nest for HTTP (`new C(env)`) and by the platform for
 * the consumers (`new C(env, 'worker')`).
 */
export type DatabaseClass = new (env: BaseEnv, role?: DatabaseRole) => Database;

/**
 * A Prisma driver adapter whose connections use the service's own PostgreSQL schema: unqualified
 * names (and Prisma's migration table) resolve there, so services never see each other's tables.
 * Waiting for a connection (from the pool or from the server) is bounded by `connectTimeoutMs`.
 */
export function schemaAdapter(databaseUrl: string, schema: string, poolSize = 10, connectTimeoutMs = 5000): PrismaPg {
  assertIdentifier(schema);
  return new PrismaPg(
    {
      connectionString: databaseUrl,
      options: `-c search_path=${schema}`,
      max: poolSize,
      connectionTimeoutMillis: connectTimeoutMs,
      // A connection the server or the network dropped is noticed rather than waited on.
      keepAlive: true,
    },
    { schema },
  );
}

/**
 * The constructor options of a service's Prisma client for one role: its schema, its pool
 * (DATABASE_POOL_HTTP or DATABASE_POOL_WORKER) and the connection wait (DATABASE_CONNECT_TIMEOUT_MS).
 */
export function prismaClientOptions(env: BaseEnv, role: DatabaseRole = 'http'): { adapter: PrismaPg } {
  const pool = role === 'worker' ? env.DATABASE_POOL_WORKER : env.DATABASE_POOL_HTTP;
  return { adapter: schemaAdapter(env.DATABASE_URL, env.DATABASE_SCHEMA, pool, env.DATABASE_CONNECT_TIMEOUT_MS) };
}

/**
 * Makes a Prisma client's interactive `$transaction(fn)` retry contention (no connection within
 * its wait, a write conflict or deadlock, too many connections) with jittered backoff, up to
 * DATABASE_TX_ATTEMPTS tries in all; what still fails reaches the exception filter (409 or 503).
 * Each try runs with its own after-commit hooks (`onCommit`), run once that try has committed.
 * The batch form (`$transaction([...])`) is passed through untouched. Call it in the client's constructor.
 */
export function retryContention<C extends object>(client: C, env: Pick<BaseEnv, 'DATABASE_TX_ATTEMPTS'>): C {
  const target = client as unknown as { $transaction: (arg: unknown, options?: unknown) => Promise<unknown> };
  const original = target.$transaction.bind(client);
  const transaction = async (fn: unknown, options?: unknown) => {
    // Each try collects its own after-commit work (the outbox's events); the committed try's runs
    // once the transaction (and its span) is over.
    let committed: CommittedHooks | undefined;
    // One span per transaction, its tries (contention) counted on it.
    const result = await inSpan(
      'db transaction',
      { attributes: { 'db.system.name': 'postgresql', 'db.operation.name': 'TRANSACTION' } },
      (span) => {
        let tries = 0;
        return retryingTransaction(async () => {
          span.setAttribute('placewise.db.tries', ++tries);
          const done = await collectingCommitHooks(() => original(fn, options));
          committed = done.hooks;
          return done.result;
        }, env.DATABASE_TX_ATTEMPTS);
      },
    );
    committed?.run();
    return result;
  };
  target.$transaction = (arg: unknown, options?: unknown) =>
    typeof arg === 'function' ? transaction(arg, options) : original(arg, options);
  return client;
}

export function assertIdentifier(name: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not a safe SQL identifier`);
}
