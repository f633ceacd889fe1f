import { describe, expect, it } from 'vitest';
import { redeliveryBoundMs, workerOptions } from '../messaging/inbox.processor.js';
import { BaseEnv, ConfigError, loadEnv } from './env.js';

const good = {
  PORT: '3001',
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/placewise',
  DATABASE_SCHEMA: 'referrals',
  REDIS_URL: 'redis://127.0.0.1:6379',
  AUTH_ISSUER: 'http://localhost/dev',
  AUTH_JWKS: '{"keys":[]}',
};

describe('loadEnv', () => {
  it('parses and applies defaults', () => {
    const env = loadEnv(BaseEnv, good);
    expect(env.PORT).toBe(3001);
    expect(env.QUEUE_PREFIX).toBe('placewise');
  });

  it('names every missing or bad variable', () => {
    const { DATABASE_URL: _d, ...rest } = good;
    try {
      loadEnv(BaseEnv, { ...rest, PORT: 'eighty', REDIS_URL: 'http://x' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const vars = (e as ConfigError).issues.map((i) => i.variable).sort();
      expect(vars).toEqual(['DATABASE_URL', 'PORT', 'REDIS_URL']);
      expect((e as Error).message).toMatch(/DATABASE_URL: is required but not set/);
    }
  });

  it('defaults the pools, the lock and the probes, and refuses the old single pool size with what replaced it', () => {
    const env = loadEnv(BaseEnv, good);
    expect(env).toMatchObject({
      DATABASE_POOL_HTTP: 8,
      DATABASE_POOL_WORKER: 5,
      DATABASE_CONNECT_TIMEOUT_MS: 5000,
      DATABASE_TX_ATTEMPTS: 3,
      WORKER_LOCK_MS: 10_000,
      HEALTH_TIMEOUT_MS: 500,
    });
    expect(() => loadEnv(BaseEnv, { ...good, DATABASE_POOL_SIZE: '10' })).toThrow(
      /DATABASE_POOL_SIZE: was split in two: set DATABASE_POOL_HTTP and DATABASE_POOL_WORKER/,
    );
  });

  it('takes a job back from a dead worker within 1.5 x WORKER_LOCK_MS: the stall check runs every half lock', () => {
    const env = loadEnv(BaseEnv, good);
    expect(workerOptions(env)).toEqual({ concurrency: 4, lockDuration: 10_000, stalledInterval: 5000, maxStalledCount: 2 });
    expect(redeliveryBoundMs(env)).toBe(15_000);
    expect(redeliveryBoundMs({ WORKER_LOCK_MS: 2000 })).toBe(3000);
  });

  it('keeps inbox rows longer than outbox rows, so events sent again after a Redis loss are skipped', () => {
    expect(() => loadEnv(BaseEnv, { ...good, OUTBOX_RETENTION_DAYS: '30', INBOX_RETENTION_DAYS: '30' })).toThrow(
      /INBOX_RETENTION_DAYS: must be longer than OUTBOX_RETENTION_DAYS \(30\)/,
    );
    expect(loadEnv(BaseEnv, { ...good, OUTBOX_RETENTION_DAYS: '14', INBOX_RETENTION_DAYS: '15' }).INBOX_RETENTION_DAYS).toBe(15);
  });

  it('requires a source of signing keys', () => {
    const { AUTH_JWKS: _k, ...rest } = good;
    expect(() => loadEnv(BaseEnv, rest)).toThrow(/AUTH_JWKS_URL/);
  });
});
