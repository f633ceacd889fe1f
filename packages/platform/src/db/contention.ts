/**
 * What a failure of a dependency (PostgreSQL, Redis) means for the caller, read from the error and
 * its causes: Prisma's codes, the driver adapter's error kinds, PostgreSQL's SQLSTATEs, pg's and
 * Node's connection errors.
 *
 * - `unavailable`: the dependency does not answer (refused, reset, closed, timed out): 503, Retry-After 5.
 * - `busy`: no connection in time, too many connections, a transaction that could not start or ran
 *   out of time waiting for locks: 503, Retry-After 1.
 * - `conflict`: a write conflict or deadlock with another transaction: 409 (try again).
 */
export type DependencyFailure = { kind: 'unavailable' | 'busy' | 'conflict'; dependency: 'database' | 'redis' };

/** A dependency that gave no answer within the time the caller allowed (see `within`). */
export class DependencyTimeoutError extends Error {
  override readonly name = 'DependencyTimeoutError';
  constructor(
    readonly dependency: DependencyFailure['dependency'],
    readonly ms: number,
  ) {
    super(`${dependency === 'redis' ? 'Redis' : 'PostgreSQL'} did not answer within ${ms} ms`);
  }
}

/** Rejects with a DependencyTimeoutError after `ms` unless `p` settles first (`p` itself carries on). */
export function within<T>(p: Promise<T>, ms: number, dependency: DependencyFailure['dependency']): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DependencyTimeoutError(dependency, ms)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const UNAVAILABLE_PRISMA = new Set(['P1001', 'P1002', 'P1008', 'P1017']);
const BUSY_PRISMA = new Set(['P2024', 'P2028', 'P2037']);
const CONFLICT_PRISMA = new Set(['P2034']);
const UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  errorCode?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
  kind?: unknown;
}

/** The error, its `cause` chain and the driver adapter's error Prisma keeps in `meta`, outermost first. */
function chain(e: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  const queue: unknown[] = [e];
  while (queue.length && out.length < 10) {
    const x = queue.shift();
    if (!x || typeof x !== 'object' || out.includes(x as ErrorLike)) continue;
    const err = x as ErrorLike;
    out.push(err);
    queue.push(err.cause, err.meta?.driverAdapterError);
  }
  return out;
}

function ofPostgresState(state: string): DependencyFailure['kind'] | undefined {
  if (state === '40001' || state === '40P01') return 'conflict';
  if (state === '53300' || state === '55P03' || state === '57014') return 'busy';
  if (state.startsWith('08') || state === '57P01' || state === '57P02' || state === '57P03') return 'unavailable';
  return undefined;
}

export function dependencyFailure(e: unknown): DependencyFailure | undefined {
  for (const err of chain(e)) {
    if (err instanceof DependencyTimeoutError) return { kind: 'unavailable', dependency: err.dependency };
    const code = typeof err.code === 'string' ? err.code : typeof err.errorCode === 'string' ? err.errorCode : undefined;
    const message = typeof err.message === 'string' ? err.message : '';
    const name = typeof err.name === 'string' ? err.name : '';
    const database = (kind: DependencyFailure['kind']): DependencyFailure => ({ kind, dependency: 'database' });
    if (code && UNAVAILABLE_PRISMA.has(code)) return database('unavailable');
    if (code && BUSY_PRISMA.has(code)) return database('busy');
    if (code && CONFLICT_PRISMA.has(code)) return database('conflict');
    // The driver adapter's error (Prisma keeps it as meta.driverAdapterError; its cause has the kind).
    if (typeof err.kind === 'string') {
      if (UNAVAILABLE_KINDS.has(err.kind)) return database('unavailable');
      if (err.kind === 'TooManyConnections') return database('busy');
      if (err.kind === 'TransactionWriteConflict') return database('conflict');
      if (err.kind === 'postgres' && typeof err.code === 'string') {
        const k = ofPostgresState(err.code);
        if (k) return database(k);
      }
    }
    // ioredis: a command given up on while Redis does not answer.
    // A cluster or Sentinel group in the middle of a failover: no primary for the slot yet, or a
    // primary that has just become a replica.
    if (
      name === 'MaxRetriesPerRequestError' ||
      /^Connection is closed|enableOfflineQueue|^CLUSTERDOWN|^TRYAGAIN|^MASTERDOWN|^READONLY|Too many Cluster redirections|Cluster isn't ready|All sentinels are unreachable/.test(
        message,
      )
    ) {
      return { kind: 'unavailable', dependency: 'redis' };
    }
    // pg: a SQLSTATE from the server, or the pool's and the client's own connection errors.
    if (code && /^[0-9A-Z]{5}$/.test(code)) {
      const k = ofPostgresState(code);
      if (k) return database(k);
    }
    if (/timeout exceeded when trying to connect|Connection terminated due to connection timeout/.test(message)) return database('busy');
    if (
      /Connection terminated|connection error and is not queryable|Can't reach database server|Server has closed the connection/.test(
        message,
      )
    )
      return database('unavailable');
    if (/Unable to start a transaction in the given time|Transaction already closed|expired transaction/.test(message))
      return database('busy');
    if (code && SOCKET_CODES.has(code)) return database('unavailable');
  }
  return undefined;
}

/** Contention worth another try: the transaction rolled back (or never started), so nothing of it stands. */
function retryable(e: unknown): boolean {
  const f = dependencyFailure(e);
  return !!f && f.dependency === 'database' && (f.kind === 'busy' || f.kind === 'conflict');
}

/**
 * Runs `attempt` up to `attempts` times while it fails with contention, waiting a random time
 * (full jitter) under an exponentially growing cap between tries: 0-50 ms, 0-100 ms, 0-200 ms...
 */
export async function retryingTransaction<R>(attempt: () => Promise<R>, attempts: number, baseMs = 50): Promise<R> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      if (i >= attempts || !retryable(e)) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * baseMs * 2 ** (i - 1)));
    }
  }
}
