import { describe, expect, it } from 'vitest';
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

  it('requires a source of signing keys', () => {
    const { AUTH_JWKS: _k, ...rest } = good;
    expect(() => loadEnv(BaseEnv, rest)).toThrow(/AUTH_JWKS_URL/);
  });
});
