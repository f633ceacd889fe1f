import { describe, expect, it } from 'vitest';
import { createIssuerKeys, mintToken, DEV_AUDIENCE } from './dev-issuer.js';
import { InvalidTokenError, TokenVerifier } from './token-verifier.js';

describe('TokenVerifier', () => {
  it('accepts a token from the issuer and reads the principal', async () => {
    const keys = await createIssuerKeys('https://issuer.test');
    const v = new TokenVerifier({ issuer: 'https://issuer.test', audience: DEV_AUDIENCE, jwks: JSON.stringify(keys.publicJwks) });
    const token = await mintToken(keys, { sub: 'u1', name: 'U', roles: ['finance', 'not-a-role' as never], la: 'northshire' });
    await expect(v.verify(token)).resolves.toEqual({ sub: 'u1', name: 'U', roles: ['finance'], localAuthority: 'northshire' });
  });

  it('refuses tokens from another key, issuer or audience, and expired ones', async () => {
    const keys = await createIssuerKeys('https://issuer.test');
    const other = await createIssuerKeys('https://issuer.test');
    const v = new TokenVerifier({ issuer: 'https://issuer.test', audience: DEV_AUDIENCE, jwks: JSON.stringify(keys.publicJwks) });
    const user = { sub: 'u1', name: 'U', roles: [], la: 'x' };
    await expect(v.verify(await mintToken(other, user))).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(v.verify(await mintToken(keys, user, { audience: 'elsewhere' }))).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(v.verify(await mintToken(keys, user, { expiresIn: '-1h' }))).rejects.toBeInstanceOf(InvalidTokenError);
    const wrongIssuer = await createIssuerKeys('https://evil.test');
    wrongIssuer.privateJwk = keys.privateJwk;
    await expect(v.verify(await mintToken(wrongIssuer, user))).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(v.verify('not.a.jwt')).rejects.toBeInstanceOf(InvalidTokenError);
  });
});
