import { describe, expect, it } from 'vitest';
import { DependencyTimeoutError, dependencyFailure, retryingTransaction, within } from './contention.js';

/** An error shaped as Prisma throws it over the pg driver adapter. */
const prisma = (code: string | undefined, kind: Record<string, unknown>, message = 'x') =>
  Object.assign(new Error(message), {
    name: 'PrismaClientKnownRequestError',
    code,
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause: kind } },
  });

describe('dependencyFailure', () => {
  it('reads a database that does not answer as unavailable', () => {
    expect(dependencyFailure(prisma('P1001', { kind: 'DatabaseNotReachable' }))).toEqual({ kind: 'unavailable', dependency: 'database' });
    expect(dependencyFailure(prisma('P1017', { kind: 'ConnectionClosed' }))?.kind).toBe('unavailable');
    expect(dependencyFailure(prisma('P1008', { kind: 'SocketTimeout' }))?.kind).toBe('unavailable');
    // A raw query's failure is P2010: the adapter's kind still says why.
    expect(dependencyFailure(prisma('P2010', { kind: 'DatabaseNotReachable' }))?.kind).toBe('unavailable');
    expect(dependencyFailure(prisma(undefined, { kind: 'postgres', code: '57P01' }))?.kind).toBe('unavailable');
    expect(dependencyFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))?.kind).toBe(
      'unavailable',
    );
    expect(dependencyFailure(new Error('Connection terminated unexpectedly'))?.kind).toBe('unavailable');
    expect(dependencyFailure(Object.assign(new Error('init'), { name: 'PrismaClientInitializationError', errorCode: 'P1001' }))?.kind).toBe(
      'unavailable',
    );
  });

  it('reads no connection in time, too many connections and a transaction out of time as busy', () => {
    expect(dependencyFailure(prisma('P2028', {}, 'Transaction API error: Unable to start a transaction in the given time.'))?.kind).toBe(
      'busy',
    );
    expect(dependencyFailure(prisma('P2037', { kind: 'TooManyConnections' }))?.kind).toBe('busy');
    expect(dependencyFailure(new Error('timeout exceeded when trying to connect'))?.kind).toBe('busy');
    expect(dependencyFailure(Object.assign(new Error('too many clients'), { code: '53300', severity: 'FATAL' }))?.kind).toBe('busy');
  });

  it('reads a write conflict or deadlock as a conflict', () => {
    expect(dependencyFailure(prisma('P2034', { kind: 'TransactionWriteConflict' }))?.kind).toBe('conflict');
    expect(dependencyFailure(Object.assign(new Error('deadlock detected'), { code: '40P01', severity: 'ERROR' }))?.kind).toBe('conflict');
  });

  it('reads Redis that does not answer as unavailable, and leaves every other error alone', () => {
    expect(dependencyFailure(Object.assign(new Error('x'), { name: 'MaxRetriesPerRequestError' }))).toEqual({
      kind: 'unavailable',
      dependency: 'redis',
    });
    expect(dependencyFailure(prisma('P2002', { kind: 'UniqueConstraintViolation' }))).toBeUndefined();
    expect(dependencyFailure(Object.assign(new Error('bad'), { code: '23505', severity: 'ERROR' }))).toBeUndefined();
    expect(dependencyFailure(new TypeError('undefined is not a function'))).toBeUndefined();
    expect(dependencyFailure(undefined)).toBeUndefined();
  });

  it('reads a call that outlived its limit (within) as the dependency unavailable', async () => {
    const never = new Promise<never>(() => undefined);
    const e = await within(never, 20, 'redis').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DependencyTimeoutError);
    expect((e as Error).message).toBe('Redis did not answer within 20 ms');
    expect(dependencyFailure(e)).toEqual({ kind: 'unavailable', dependency: 'redis' });
    await expect(within(Promise.resolve('PONG'), 20, 'redis')).resolves.toBe('PONG');
  });

  it('finds the failure down a cause chain', () => {
    const inner = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(dependencyFailure(new Error('wrapped', { cause: inner }))?.kind).toBe('unavailable');
  });
});

describe('retryingTransaction', () => {
  it('tries contention again, up to the attempts, and then gives up with the last error', async () => {
    let tries = 0;
    const busy = prisma('P2028', {}, 'Unable to start a transaction in the given time.');
    await expect(
      retryingTransaction(
        async () => {
          tries++;
          throw busy;
        },
        3,
        1,
      ),
    ).rejects.toBe(busy);
    expect(tries).toBe(3);

    tries = 0;
    const ok = await retryingTransaction(
      async () => {
        if (++tries < 2) throw prisma('P2034', { kind: 'TransactionWriteConflict' });
        return 'saved';
      },
      3,
      1,
    );
    expect([ok, tries]).toEqual(['saved', 2]);
  });

  it('does not retry an outage or any other error', async () => {
    for (const e of [prisma('P1001', { kind: 'DatabaseNotReachable' }), new Error('a bug')]) {
      let tries = 0;
      await expect(
        retryingTransaction(
          async () => {
            tries++;
            throw e;
          },
          3,
          1,
        ),
      ).rejects.toBe(e);
      expect(tries).toBe(1);
    }
  });
});
