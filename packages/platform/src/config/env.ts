import { z } from 'zod';
import { HOST_PORT_LIST, redisConfigIssues } from '../redis/connection.js';

/** An empty variable (as compose and Kubernetes often leave one) counts as not set. */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);

/** Variables every service reads. A service extends this with its own. */
export const BaseEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' }),
  /** The PostgreSQL schema that holds this service's tables. */
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier'),
  /** Connections for HTTP requests (and everything that is not a queue consumer). */
  DATABASE_POOL_HTTP: z.coerce.number().int().min(1).max(100).default(8),
  /**
   * Connections of the queue consumers' own client: the inbox worker, the outbox relay and the
   * cleanup, so an event never waits behind HTTP traffic for a connection. WORKER_CONCURRENCY + 1 is enough.
   */
  DATABASE_POOL_WORKER: z.coerce.number().int().min(1).max(100).default(5),
  /**
   * How long a query may wait for a connection (from the pool, or a new one to the server) before
   * it fails: the request then answers 503 with Retry-After instead of hanging.
   */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /**
   * How many times a transaction that met contention (no connection within its wait, a write
   * conflict or deadlock, too many connections) is tried in all, with jittered backoff, before
   * the request answers 409 or 503.
   */
  DATABASE_TX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /** One Redis server. Or, instead, REDIS_CLUSTER_NODES (Redis Cluster) or REDIS_SENTINELS (Sentinel): see redis/connection.ts. */
  REDIS_URL: unsetIfEmpty(z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }).optional()),
  /** Some nodes of a Redis Cluster, `host:port,host:port` (the rest are found from them). QUEUE_PREFIX must then hold a hash tag: `{placewise}`. */
  REDIS_CLUSTER_NODES: unsetIfEmpty(z.string().regex(HOST_PORT_LIST, 'must be host:port pairs separated by commas').optional()),
  /** The sentinels watching the primary, `host:port,host:port`; with REDIS_SENTINEL_NAME. */
  REDIS_SENTINELS: unsetIfEmpty(z.string().regex(HOST_PORT_LIST, 'must be host:port pairs separated by commas').optional()),
  /** The name the sentinels monitor the primary by (`sentinel monitor <name> ...`). */
  REDIS_SENTINEL_NAME: unsetIfEmpty(
    z
      .string()
      .regex(/^[A-Za-z0-9._-]+$/, 'must be a sentinel master name')
      .optional(),
  ),
  REDIS_SENTINEL_PASSWORD: unsetIfEmpty(z.string().optional()),
  /** Credentials of the data nodes of a cluster or Sentinel group (with REDIS_URL they go in the URL). */
  REDIS_USERNAME: unsetIfEmpty(z.string().optional()),
  REDIS_PASSWORD: unsetIfEmpty(z.string().optional()),
  /** TLS to the data nodes (and sentinels) of a cluster or Sentinel group (with REDIS_URL: rediss://). */
  REDIS_TLS: unsetIfEmpty(
    z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .transform((v) => v === 'true')
      .optional(),
  ),
  /** The database of a Sentinel group's primary (a cluster has only 0). */
  REDIS_DB: unsetIfEmpty(z.coerce.number().int().min(0).max(15).optional()),
  /**
   * Key prefix for BullMQ and everything else the services keep in Redis; lets several deployments
   * (or test runs) share one Redis. On a cluster it must hold a hash tag in braces (`{placewise}`).
   */
  QUEUE_PREFIX: z.string().min(1).default('placewise'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /**
   * How long a worker's lock on a job lasts (renewed every half of it while the job runs). A job
   * whose worker died (kill -9, a lost node) is taken back once its lock has expired, at the next
   * stall check (every half of this): within 1.5 x WORKER_LOCK_MS of the death.
   */
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(10_000),
  /** How often the outbox relay looks for rows while it has no LISTEN connection (NOTIFY cannot wake it). */
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  /**
   * How often it looks while it holds its LISTEN connection: each commit's NOTIFY wakes it, so this
   * is a safety net. A longer one costs an idle service less (5 s: about a fifth of the idle commits
   * and CPU) but, measured under load, journeys slowed (see README, "Throughput"): 250 until that is
   * understood.
   */
  OUTBOX_LISTENING_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(250),
  /**
   * A transaction's events are published by its own replica as it commits; the relays' polls take a
   * row only once it is this old (what the commit could not publish: Redis away, a crash), so they
   * do not race the commit for it. A round woken by NOTIFY takes every row.
   */
  OUTBOX_COMMIT_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
  /** Published outbox rows are deleted after this many days (the events stay in the audit trails and queues). */
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  /**
   * Inbox rows (event ids already applied) are kept this long: longer than any redelivery can come
   * (completed jobs are kept 7 days), so a late duplicate still has no effect.
   */
  INBOX_RETENTION_DAYS: z.coerce.number().int().min(8).max(3650).default(30),
  /**
   * The path at which browsers reach this service's Bull Board: /ops/board when they talk to the
   * service directly, /api/<service>/ops/board behind the web app's proxy. The board's page loads
   * its assets and API from here, and its session cookie is scoped to it.
   */
  OPS_BOARD_PUBLIC_PATH: z
    .string()
    .regex(/^\/[A-Za-z0-9/_-]*[A-Za-z0-9_-]$/, 'must be an absolute path without a trailing slash')
    .default('/ops/board'),
  AUTH_ISSUER: z.string().min(1),
  AUTH_AUDIENCE: z.string().min(1).default('placewise'),
  /** Where the issuer's public keys are: an https URL (OIDC jwks_uri), or a file path for the local issuer. */
  AUTH_JWKS_URL: z.string().min(1).optional(),
  AUTH_JWKS_FILE: z.string().min(1).optional(),
  /** The keys themselves, as a JSON Web Key Set. */
  AUTH_JWKS: z.string().min(1).optional(),
  /** The longest an access token may live (`exp` minus `iat`), in seconds. */
  AUTH_MAX_TOKEN_LIFETIME_S: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(12 * 3600),
  /** How far the issuer's clock may be from ours (`exp`, `nbf`, `iat`), in seconds. */
  AUTH_CLOCK_SKEW_S: z.coerce.number().int().min(0).max(600).default(60),
  /**
   * The councils this deployment serves (the token's `la`), comma-separated: a token for any other
   * council is refused. Required in production; in development the demo's northshire and
   * southvale; in tests, unset means any council (each test makes its own).
   */
  PLACEWISE_COUNCILS: z
    .string()
    .regex(/^\s*[a-z0-9][a-z0-9-]*(\s*,\s*[a-z0-9][a-z0-9-]*)*\s*$/, 'must be council codes separated by commas, e.g. northshire,southvale')
    .optional(),
  /** Rate limits (429 with Retry-After past them), per window of this many seconds, shared by replicas through Redis. */
  RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).max(3600).default(60),
  /** Requests per window from one address (the client's IP), whoever it is. */
  RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(6000),
  /** Requests per window from one person (token subject and council). */
  RATE_LIMIT_PER_USER: z.coerce.number().int().min(1).default(3000),
  /**
   * Which proxies' X-Forwarded-For to believe for the client's address (Express 'trust proxy'):
   * `loopback` (the web server on the same host), a number of hops, or addresses/subnets.
   */
  TRUST_PROXY: z.string().min(1).default('loopback'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * How long a draining service may take. Past it, events still in hand roll back (their
   * transactions end with the process) and are redelivered; the process says so and exits 0.
   */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /** How long /health/ready waits for PostgreSQL and for Redis (each, at once) before it answers 503. */
  HEALTH_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(500),
});
export type BaseEnv = z.infer<typeof BaseEnv>;

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; reason: string }[]) {
    super('Invalid configuration:\n' + issues.map((i) => `  ${i.variable}: ${i.reason}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Parses the environment, naming each bad variable and why. Throws ConfigError. */
export function loadEnv<S extends z.ZodType<BaseEnv>>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({
      variable: String(i.path[0] ?? '(environment)'),
      reason: i.code === 'invalid_type' && i.input === undefined ? 'is required but not set' : i.message,
    }));
    // No Redis at all is named with the rest (a bad value is already among them).
    const named = new Set(issues.map((i) => i.variable));
    const unset = (v: string) => env[v] === undefined || env[v] === '';
    if (!named.has('REDIS_URL') && unset('REDIS_URL') && unset('REDIS_CLUSTER_NODES') && unset('REDIS_SENTINELS')) {
      issues.push(...redisConfigIssues({ QUEUE_PREFIX: 'placewise' }));
    }
    throw new ConfigError(issues);
  }
  if (env.DATABASE_POOL_SIZE !== undefined) {
    throw new ConfigError([
      { variable: 'DATABASE_POOL_SIZE', reason: 'was split in two: set DATABASE_POOL_HTTP and DATABASE_POOL_WORKER instead' },
    ]);
  }
  const value = result.data as BaseEnv;
  const redisIssues = redisConfigIssues(value);
  if (redisIssues.length) throw new ConfigError(redisIssues);
  if (!value.AUTH_JWKS_URL && !value.AUTH_JWKS_FILE && !value.AUTH_JWKS) {
    throw new ConfigError([{ variable: 'AUTH_JWKS_URL', reason: 'one of AUTH_JWKS_URL, AUTH_JWKS_FILE or AUTH_JWKS must be set' }]);
  }
  if (!value.PLACEWISE_COUNCILS && value.NODE_ENV === 'production') {
    throw new ConfigError([{ variable: 'PLACEWISE_COUNCILS', reason: 'is required in production: the councils this deployment serves' }]);
  }
  if (value.INBOX_RETENTION_DAYS <= value.OUTBOX_RETENTION_DAYS) {
    // After Redis loses its data the relays send every retained outbox row again; a consumer must
    // still hold the inbox row of each one it applied, or it would apply it twice.
    throw new ConfigError([
      {
        variable: 'INBOX_RETENTION_DAYS',
        reason: `must be longer than OUTBOX_RETENTION_DAYS (${value.OUTBOX_RETENTION_DAYS}): replayed events are skipped only while their inbox rows are kept`,
      },
    ]);
  }
  return result.data;
}

/** The demo's councils: what a development deployment serves when PLACEWISE_COUNCILS is not set. */
export const DEMO_COUNCILS = ['northshire', 'southvale'] as const;

/** The councils a deployment serves, or null for any (tests only). */
export function servedCouncils(env: Pick<BaseEnv, 'PLACEWISE_COUNCILS' | 'NODE_ENV'>): string[] | null {
  if (env.PLACEWISE_COUNCILS) return env.PLACEWISE_COUNCILS.split(',').map((c) => c.trim());
  return env.NODE_ENV === 'test' ? null : [...DEMO_COUNCILS];
}

/** TRUST_PROXY as Express takes it: a hop count, false, or the names and subnets as given. */
export function trustProxySetting(value: string): number | boolean | string {
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'false') return false;
  if (value === 'true') return true;
  return value;
}
