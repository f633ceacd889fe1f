import { importJWK, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadEnv, BaseEnv, servedCouncils, ConfigError } from '../config/env.js';
import { createIssuerKeys, DEV_AUDIENCE, type DevIssuerKeys } from './dev-issuer.js';
import { InvalidTokenError, TokenVerifier } from './token-verifier.js';

const ISSUER = 'https://issuer.test';
const NOW = new Date('2026-10-06T12:00:00Z');
const nowS = Math.floor(NOW.getTime() / 1000);

/** A forged-claims token, properly signed: what an issuer with a bug (or a stolen key's holder) might send. */
async function forge(keys: DevIssuerKeys, claims: Record<string, unknown>): Promise<string> {
  const key = await importJWK(keys.privateJwk, 'ES256');
  return new SignJWT({ sub: 'u1', roles: ['finance'], la: 'northshire', ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: keys.privateJwk.kid })
    .setIssuer(ISSUER)
    .setAudience(DEV_AUDIENCE)
    .sign(key);
}

async function setup(opts: { councils?: string[]; maxLifetimeSeconds?: number } = {}) {
  const keys = await createIssuerKeys(ISSUER);
  const v = new TokenVerifier({ issuer: ISSUER, audience: DEV_AUDIENCE, jwks: JSON.stringify(keys.publicJwks), ...opts });
  const refusal = async (claims: Record<string, unknown>) => {
    try {
      await v.verify(await forge(keys, claims), NOW);
      return 'accepted';
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidTokenError);
      return (e as Error).message;
    }
  };
  return { keys, v, refusal };
}

describe('token lifetimes', () => {
  it('accepts an ordinary token: issued now, an hour to live', async () => {
    const { refusal } = await setup();
    expect(await refusal({ iat: nowS, exp: nowS + 3600 })).toBe('accepted');
  });

  it('refuses a token with no exp (one that would never expire)', async () => {
    const { refusal } = await setup();
    expect(await refusal({ iat: nowS })).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
  });

  it('refuses a token that lives longer than the maximum lifetime (12 hours by default)', async () => {
    const { refusal } = await setup();
    expect(await refusal({ iat: nowS, exp: nowS + 12 * 3600 })).toBe('accepted');
    expect(await refusal({ iat: nowS, exp: nowS + 12 * 3600 + 1 })).toBe('lives longer than 43200 seconds');
    expect(await refusal({ iat: nowS - 100, exp: nowS + 365 * 86_400 })).toBe('lives longer than 43200 seconds');
    // Without iat, the lifetime counts from now.
    expect(await refusal({ exp: nowS + 365 * 86_400 })).toBe('lives longer than 43200 seconds');
    const short = await setup({ maxLifetimeSeconds: 600 });
    expect(await short.refusal({ iat: nowS, exp: nowS + 601 })).toBe('lives longer than 600 seconds');
  });

  it('refuses a token issued in the future beyond the clock skew (60 s), and allows the skew', async () => {
    const { refusal } = await setup();
    expect(await refusal({ iat: nowS + 60, exp: nowS + 3600 })).toBe('accepted');
    expect(await refusal({ iat: nowS + 61, exp: nowS + 3600 })).toBe('issued in the future');
    expect(await refusal({ iat: nowS + 365 * 86_400, exp: nowS + 365 * 86_400 + 3600 })).toBe('issued in the future');
    expect(await refusal({ iat: 'yesterday', exp: nowS + 3600 })).not.toBe('accepted');
  });

  it('applies the skew to nbf and exp', async () => {
    const { refusal } = await setup();
    expect(await refusal({ iat: nowS, nbf: nowS + 30, exp: nowS + 3600 })).toBe('accepted');
    expect(await refusal({ iat: nowS, nbf: nowS + 120, exp: nowS + 3600 })).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(await refusal({ iat: nowS - 3600, exp: nowS - 30 })).toBe('accepted');
    expect(await refusal({ iat: nowS - 3600, exp: nowS - 61 })).toBe('ERR_JWT_EXPIRED');
  });
});

describe('the councils a deployment serves', () => {
  it('refuses a token for a council not in the list', async () => {
    const { refusal } = await setup({ councils: ['northshire', 'southvale'] });
    expect(await refusal({ iat: nowS, exp: nowS + 3600, la: 'southvale' })).toBe('accepted');
    expect(await refusal({ iat: nowS, exp: nowS + 3600, la: 'eastmarch' })).toBe('council not served by this deployment');
    expect(await refusal({ iat: nowS, exp: nowS + 3600, la: '' })).toBe('token lacks sub, roles or la');
  });

  const base = {
    PORT: '1',
    DATABASE_URL: 'postgresql://x@h/db',
    DATABASE_SCHEMA: 's',
    REDIS_URL: 'redis://h',
    AUTH_ISSUER: 'i',
    AUTH_JWKS: '{}',
  };

  it('reads PLACEWISE_COUNCILS; development defaults to the demo councils, production requires it', () => {
    expect(servedCouncils(loadEnv(BaseEnv, { ...base, PLACEWISE_COUNCILS: 'northshire, eastmarch' }))).toEqual(['northshire', 'eastmarch']);
    expect(servedCouncils(loadEnv(BaseEnv, base))).toEqual(['northshire', 'southvale']);
    expect(servedCouncils(loadEnv(BaseEnv, { ...base, NODE_ENV: 'test' }))).toBeNull();
    expect(() => loadEnv(BaseEnv, { ...base, NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadEnv(BaseEnv, { ...base, PLACEWISE_COUNCILS: 'North Shire' })).toThrow(/PLACEWISE_COUNCILS/);
  });
});

describe('the team claim', () => {
  it("carries a social worker's team into the principal, and refuses a malformed one by name", async () => {
    const { keys, v, refusal } = await setup();
    const p = await v.verify(await forge(keys, { iat: nowS, exp: nowS + 3600, team: ' Children in Care Team North ' }), NOW);
    expect(p.team).toBe('Children in Care Team North');
    expect((await v.verify(await forge(keys, { iat: nowS, exp: nowS + 3600 }), NOW)).team).toBeUndefined();
    expect(await refusal({ iat: nowS, exp: nowS + 3600, team: ['a', 'b'] })).toBe("token's team claim is not usable");
    expect(await refusal({ iat: nowS, exp: nowS + 3600, team: 'x'.repeat(201) })).toBe("token's team claim is not usable");
    expect(await refusal({ iat: nowS, exp: nowS + 3600, team: 'x', la: '' })).toBe('token lacks sub, roles or la');
  });
});
