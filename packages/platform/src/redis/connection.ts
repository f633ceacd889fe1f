import type { ConnectionOptions } from 'bullmq';
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

/**
 * Where a service's Redis is, read from the environment (see BaseEnv):
 * - one server: REDIS_URL;
 * - Redis Cluster: REDIS_CLUSTER_NODES, some of its nodes (the rest are found from them);
 * - Sentinel: REDIS_SENTINELS and REDIS_SENTINEL_NAME, which ask the sentinels for the primary.
 * Every place that opens Redis (BullMQ's queues and workers, the relay's marker, the readiness
 * probe, the rate limits) opens it through openRedis / bullConnection here, so all three work everywhere.
 */
export type RedisTarget =
  | { mode: 'standalone'; url: string }
  | { mode: 'cluster'; nodes: HostPort[]; auth: RedisAuth }
  | { mode: 'sentinel'; sentinels: HostPort[]; name: string; db: number; auth: RedisAuth; sentinelPassword?: string };

export interface HostPort {
  host: string;
  port: number;
}

/** Credentials and TLS for the data nodes of a cluster or of a sentinel-watched group. */
export interface RedisAuth {
  username?: string;
  password?: string;
  tls: boolean;
}

/** The environment variables the target is read from (a subset of BaseEnv). */
export interface RedisEnv {
  REDIS_URL?: string;
  REDIS_CLUSTER_NODES?: string;
  REDIS_SENTINELS?: string;
  REDIS_SENTINEL_NAME?: string;
  REDIS_SENTINEL_PASSWORD?: string;
  REDIS_USERNAME?: string;
  REDIS_PASSWORD?: string;
  REDIS_TLS?: boolean;
  REDIS_DB?: number;
  QUEUE_PREFIX: string;
}

/** `host:port,host:port` (spaces allowed after commas); a bracketed IPv6 address is allowed ([::1]:7000). */
export const HOST_PORT_LIST = /^\s*(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}(\s*,\s*(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5})*\s*$/;

export function parseHostPorts(list: string): HostPort[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .map((s) => {
      const at = s.lastIndexOf(':');
      const host = s.slice(0, at).replace(/^\[(.*)\]$/, '$1');
      return { host, port: Number(s.slice(at + 1)) };
    });
}

/**
 * The hash tag of a key prefix: what Redis Cluster hashes instead of the whole key. Redis takes the
 * text between the first `{` and the first `}` after it, if that text is not empty. Every key under
 * a prefix with a tag lands in one hash slot, which BullMQ's scripts (many keys of a queue at once)
 * need on a cluster. Null when the prefix has none.
 */
export function hashTag(prefix: string): string | null {
  const open = prefix.indexOf('{');
  if (open < 0) return null;
  const close = prefix.indexOf('}', open + 1);
  if (close < 0 || close === open + 1) return null;
  return prefix.slice(open + 1, close);
}

/**
 * What is wrong with the Redis settings, by variable: exactly one of REDIS_URL, REDIS_CLUSTER_NODES
 * and REDIS_SENTINELS; a sentinel group needs its name; a cluster needs a queue prefix in braces
 * and has no databases but 0. Empty when they are sound.
 */
export function redisConfigIssues(env: RedisEnv): { variable: string; reason: string }[] {
  const given = (['REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_SENTINELS'] as const).filter((v) => env[v] !== undefined);
  if (given.length === 0) {
    return [
      {
        variable: 'REDIS_URL',
        reason: 'is required but not set (or set REDIS_CLUSTER_NODES for a cluster, or REDIS_SENTINELS for Sentinel)',
      },
    ];
  }
  if (given.length > 1) {
    return [
      { variable: given[1]!, reason: `cannot be set with ${given[0]}: set one of REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS` },
    ];
  }
  const issues: { variable: string; reason: string }[] = [];
  if (env.REDIS_CLUSTER_NODES !== undefined) {
    if (hashTag(env.QUEUE_PREFIX) === null) {
      issues.push({
        variable: 'QUEUE_PREFIX',
        reason: `must hold a hash tag in braces on a Redis Cluster, e.g. {${env.QUEUE_PREFIX.replace(/[{}]/g, '') || 'placewise'}}: BullMQ's scripts touch many keys of a queue at once, and a cluster runs them only when every key is in one hash slot`,
      });
    }
    if (env.REDIS_DB) issues.push({ variable: 'REDIS_DB', reason: 'must be 0 on a Redis Cluster (a cluster has only database 0)' });
  }
  if (env.REDIS_SENTINELS !== undefined && !env.REDIS_SENTINEL_NAME) {
    issues.push({
      variable: 'REDIS_SENTINEL_NAME',
      reason: 'is required with REDIS_SENTINELS: the name the sentinels monitor the primary by',
    });
  }
  if (env.REDIS_URL !== undefined) {
    for (const v of ['REDIS_USERNAME', 'REDIS_PASSWORD', 'REDIS_TLS', 'REDIS_DB'] as const) {
      if (env[v] !== undefined) issues.push({ variable: v, reason: 'is for a cluster or Sentinel: with REDIS_URL, put it in the URL' });
    }
  }
  return issues;
}

/** The target the (already checked) environment names. */
export function redisTarget(env: RedisEnv): RedisTarget {
  const auth: RedisAuth = { username: env.REDIS_USERNAME, password: env.REDIS_PASSWORD, tls: env.REDIS_TLS ?? false };
  if (env.REDIS_CLUSTER_NODES) return { mode: 'cluster', nodes: parseHostPorts(env.REDIS_CLUSTER_NODES), auth };
  if (env.REDIS_SENTINELS) {
    return {
      mode: 'sentinel',
      sentinels: parseHostPorts(env.REDIS_SENTINELS),
      name: env.REDIS_SENTINEL_NAME!,
      db: env.REDIS_DB ?? 0,
      auth,
      sentinelPassword: env.REDIS_SENTINEL_PASSWORD,
    };
  }
  if (!env.REDIS_URL) throw new Error('REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS must be set');
  return { mode: 'standalone', url: env.REDIS_URL };
}

/** How a client behaves while Redis is away; the same words whatever the target. */
export interface ClientBehaviour {
  /** How many times a command is sent again after its connection was lost; null: until Redis is back (BullMQ needs this). */
  maxRetriesPerRequest: number | null;
  /** Hold commands while disconnected (true), or fail them at once (false). */
  enableOfflineQueue?: boolean;
  commandTimeout?: number;
  connectTimeout?: number;
  /** The longest wait between reconnection attempts. */
  maxReconnectDelayMs?: number;
  lazyConnect?: boolean;
  /** Shown in CLIENT LIST on the server. */
  connectionName?: string;
}

/**
 * A primary that has become a replica (a failover it missed, a demoted Sentinel primary) answers
 * writes with READONLY: reconnect, which finds the new primary, and send the command again.
 */
export function reconnectOnReadonly(err: Error): 2 | false {
  return err.message.startsWith('READONLY') ? 2 : false;
}

/**
 * How long a cluster client keeps trying a command while a failover happens: a dead primary is
 * noticed after the cluster's node timeout and its replica promoted; meanwhile commands to its
 * slots are refused (CLUSTERDOWN) or their node is gone. BullMQ's clients (which never give up on
 * a command) retry every 300 ms up to 100 times, about 30 s, before the command fails and BullMQ
 * tries again later; a client that must answer at once (readiness, rate limits) gives up after 2.
 */
export const CLUSTER_FAILOVER_RETRY_MS = 300;
export function clusterRedirections(b: ClientBehaviour): number {
  if (b.maxRetriesPerRequest === null) return 100;
  return b.enableOfflineQueue === false ? 2 : 16;
}

/** Longer than BullMQ's longest blocking command (BZPOPMIN, at most 10 s). */
export const SOCKET_TIMEOUT_MS = 20_000;

/** The ioredis options of a client for one server or a sentinel group. */
export function redisOptions(target: Exclude<RedisTarget, { mode: 'cluster' }>, b: ClientBehaviour): RedisOptions {
  const maxDelay = b.maxReconnectDelayMs ?? 2000;
  const common: RedisOptions = {
    maxRetriesPerRequest: b.maxRetriesPerRequest,
    enableOfflineQueue: b.enableOfflineQueue ?? true,
    commandTimeout: b.commandTimeout,
    connectTimeout: b.connectTimeout,
    lazyConnect: b.lazyConnect ?? false,
    connectionName: b.connectionName,
    retryStrategy: (times) => Math.min(times * 200, maxDelay),
    reconnectOnError: reconnectOnReadonly,
    // A primary that died or hangs without closing its sockets: the connection is dropped (and the
    // sentinels asked again) once a command has had no answer this long, rather than waiting forever.
    socketTimeout: SOCKET_TIMEOUT_MS,
    keepAlive: 5000,
  };
  if (target.mode === 'standalone') return common;
  return {
    ...common,
    sentinels: target.sentinels,
    name: target.name,
    role: 'master',
    db: target.db,
    username: target.auth.username,
    password: target.auth.password,
    sentinelPassword: target.sentinelPassword,
    tls: target.auth.tls ? {} : undefined,
    enableTLSForSentinelMode: target.auth.tls,
    // Ask the sentinels again while none answers, every second at most; a sentinel that does not
    // answer within 2 s is passed over for the next (without a limit, one hung sentinel would hold
    // the reconnection for good).
    sentinelRetryStrategy: (times) => Math.min(times * 200, 1000),
    sentinelCommandTimeout: 2000,
  };
}

/** The ioredis Cluster options of a client for a cluster. */
export function clusterOptions(target: Extract<RedisTarget, { mode: 'cluster' }>, b: ClientBehaviour): ClusterOptions {
  const maxDelay = b.maxReconnectDelayMs ?? 2000;
  return {
    enableOfflineQueue: b.enableOfflineQueue ?? true,
    lazyConnect: b.lazyConnect ?? false,
    clusterRetryStrategy: (times) => Math.min(times * 200, maxDelay),
    retryDelayOnFailover: CLUSTER_FAILOVER_RETRY_MS,
    retryDelayOnClusterDown: CLUSTER_FAILOVER_RETRY_MS,
    retryDelayOnTryAgain: CLUSTER_FAILOVER_RETRY_MS,
    maxRedirections: clusterRedirections(b),
    slotsRefreshTimeout: Math.max(1000, b.connectTimeout ?? 2000),
    redisOptions: {
      maxRetriesPerRequest: b.maxRetriesPerRequest,
      commandTimeout: b.commandTimeout,
      connectTimeout: b.connectTimeout,
      connectionName: b.connectionName,
      username: target.auth.username,
      password: target.auth.password,
      tls: target.auth.tls ? {} : undefined,
      reconnectOnError: reconnectOnReadonly,
    },
  };
}

/** A client of the target: a Redis (one server, or the primary the sentinels name) or a Cluster. */
export function openRedis(target: RedisTarget, b: ClientBehaviour): Redis | Cluster {
  if (target.mode === 'cluster') return new Cluster(target.nodes, clusterOptions(target, b));
  if (target.mode === 'standalone') return new Redis(target.url, redisOptions(target, b));
  return new Redis(redisOptions(target, b));
}

/** BullMQ needs its connections to wait for Redis however long it is away (maxRetriesPerRequest null). */
export const BULLMQ_BEHAVIOUR: ClientBehaviour = { maxRetriesPerRequest: null, lazyConnect: true, maxReconnectDelayMs: 2000 };

/**
 * The connection BullMQ's queues and workers use. For one server or Sentinel, options: each Queue
 * and Worker makes (and closes) its own connections from them. For a cluster, one Cluster client
 * shared by the service's queues (a worker duplicates it for its blocking connection), made here and
 * closed by RedisClients.close once the queues are closed.
 */
export class RedisClients {
  readonly target: RedisTarget;
  private shared?: Cluster;
  private readonly opened = new Set<Redis | Cluster>();

  constructor(env: RedisEnv) {
    this.target = redisTarget(env);
  }

  /** The `connection` for BullMQ (BullModule.forRoot, new Queue, new Worker). */
  bullConnection(): ConnectionOptions {
    const t = this.target;
    // Connected at once: queues made together then find it connecting rather than each calling connect().
    if (t.mode === 'cluster') return (this.shared ??= this.track(openRedis(t, { ...BULLMQ_BEHAVIOUR, lazyConnect: false })) as Cluster);
    if (t.mode === 'standalone')
      return { url: t.url, reconnectOnError: reconnectOnReadonly, socketTimeout: SOCKET_TIMEOUT_MS, keepAlive: 5000 };
    return redisOptions(t, BULLMQ_BEHAVIOUR) as ConnectionOptions; // ioredis' options, which BullMQ passes to new Redis()
  }

  /** A client of the service's own (the relay's marker, the probe, the rate limits); closed with close() if not before. */
  open(b: ClientBehaviour): Redis | Cluster {
    const c = this.track(openRedis(this.target, b));
    c.on('end', () => this.opened.delete(c));
    return c;
  }

  private track<C extends Redis | Cluster>(c: C): C {
    this.opened.add(c);
    return c;
  }

  /** Closes every client made here that is still open (after the queues and workers have closed). */
  async close(): Promise<void> {
    const all = [...this.opened];
    this.opened.clear();
    this.shared = undefined;
    await Promise.all(all.map((c) => c.quit().catch(() => c.disconnect())));
  }
}

/** How long the relay waits for a replica to hold the jobs it just added before it marks their rows published. */
export const REPLICA_WAIT_MS = 1000;
const REPLICAS_CHECKED_EVERY_MS = 5000;
const replicaCounts = new WeakMap<object, { n: number; at: number }>();
/** Hash slots of the keys asked about (a key's slot never changes). */
const slots = new Map<string, number>();

/** The connection of a cluster client that serves a key's slot (the one its writes went through), or the client itself. */
async function connectionFor(client: Redis | Cluster, key: string): Promise<Redis | undefined> {
  if (!(client as Cluster).isCluster) return client as Redis;
  const cluster = client as Cluster;
  let slot = slots.get(key);
  if (slot === undefined) slots.set(key, (slot = Number(await cluster.call('CLUSTER', 'KEYSLOT', key))));
  const primary = cluster.slots[slot]?.[0];
  return cluster.nodes('master').find((n) => `${n.options.host}:${n.options.port}` === primary);
}

/**
 * Waits (Redis WAIT, at most timeoutMs) until a replica has every write made so far on the
 * connection that serves `key`: replication is asynchronous, so a primary killed just after a write
 * would otherwise take the write with it, and its promoted replica would never have seen it. Only
 * when the primary has a replica (checked every few seconds): a lone server, or a primary whose
 * replica is gone, is not waited on. Returns how many replicas acknowledged (null: none to wait for).
 */
export async function waitForReplica(client: Redis | Cluster, key: string, timeoutMs = REPLICA_WAIT_MS): Promise<number | null> {
  const conn = await connectionFor(client, key);
  if (!conn) return null;
  let known = replicaCounts.get(conn);
  if (!known || Date.now() - known.at > REPLICAS_CHECKED_EVERY_MS) {
    const info = await conn.info('replication');
    known = { n: Number(/connected_slaves:(\d+)/.exec(info)?.[1] ?? 0), at: Date.now() };
    replicaCounts.set(conn, known);
  }
  if (known.n === 0) return null;
  return conn.wait(1, timeoutMs);
}
