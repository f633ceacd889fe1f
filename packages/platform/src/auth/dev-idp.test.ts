import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../launcher/index.js';
import { startDevIdp, type DevIdp } from './dev-idp.js';
import { createIssuerKeys, DEMO_USERS } from './dev-issuer.js';
import { InvalidTokenError, TokenVerifier } from './token-verifier.js';

const WEB = 'http://127.0.0.1:3999';
const REDIRECT = `${WEB}/signin/callback`;
let idp: DevIdp;

beforeAll(async () => {
  const issuer = `http://127.0.0.1:${await freePort()}`;
  idp = await startDevIdp({
    issuer,
    keys: await createIssuerKeys(issuer),
    users: DEMO_USERS,
    client: { id: 'placewise-web', origins: [WEB] },
  });
});
afterAll(() => idp?.close());

/** A browser's cookies, enough for one sign-in. */
class Browser {
  private cookies = new Map<string, string>();
  async go(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(new URL(url, idp.url), {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    return res;
  }
}

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

/** The authorization code flow as the web app runs it, choosing `sub` on the sign-in page. */
async function signIn(b: Browser, sub: string, challenge: string) {
  const auth = new URLSearchParams({
    client_id: 'placewise-web',
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'openid profile placewise',
    state: 'st-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const start = await b.go(`/auth?${auth}`);
  expect(start.status).toBe(303);
  const interaction = start.headers.get('location')!;
  const pageRes = await b.go(interaction);
  expect(pageRes.status).toBe(200);
  const html = await pageRes.text();
  expect(html).toContain('Grace Lee (panel member, social care)');
  const chosen = await b.go(interaction, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ sub }).toString(),
  });
  expect(chosen.status).toBe(303);
  const back = await b.go(chosen.headers.get('location')!);
  expect(back.status).toBe(303);
  const callback = new URL(back.headers.get('location')!);
  expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT);
  expect(callback.searchParams.get('state')).toBe('st-1');
  return callback.searchParams.get('code')!;
}

const token = (params: Record<string, string>, origin = WEB) =>
  fetch(`${idp.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ client_id: 'placewise-web', ...params }).toString(),
  });

describe('the development OIDC provider', () => {
  it('signs a demo user in with code + PKCE: an ID token with who they are, and an access token the services accept', async () => {
    const { verifier, challenge } = pkce();
    const code = await signIn(new Browser(), 'pm.grace', challenge);
    const res = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(WEB);
    const body = (await res.json()) as { access_token: string; id_token: string; refresh_token?: string; token_type: string };
    expect(body.token_type).toBe('Bearer');
    expect(decodeJwt(body.id_token)).toMatchObject({
      iss: idp.url,
      aud: 'placewise-web',
      sub: 'pm.grace',
      name: 'Grace Lee (panel member, social care)',
      roles: ['panel-member'],
      la: 'northshire',
    });

    const verifier2 = new TokenVerifier({ issuer: idp.url, audience: 'placewise', jwksUrl: `${idp.url}/jwks` });
    await expect(verifier2.verify(body.access_token)).resolves.toEqual({
      sub: 'pm.grace',
      name: 'Grace Lee (panel member, social care)',
      roles: ['panel-member'],
      localAuthority: 'northshire',
    });
    // The ID token is for the web app, not the services.
    await expect(verifier2.verify(body.id_token)).rejects.toBeInstanceOf(InvalidTokenError);

    // A refresh token renews the access token without another sign-in.
    expect(body.refresh_token).toBeTruthy();
    const renewed = await token({ grant_type: 'refresh_token', refresh_token: body.refresh_token! });
    expect(renewed.status).toBe(200);
    const next = (await renewed.json()) as { access_token: string };
    await expect(verifier2.verify(next.access_token)).resolves.toMatchObject({ sub: 'pm.grace', localAuthority: 'northshire' });
  });

  it('refuses a code without its PKCE verifier, or redeemed twice', async () => {
    const { verifier, challenge } = pkce();
    const code = await signIn(new Browser(), 'sw.lena', challenge);
    const without = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(without.status).toBe(400);
    expect(((await without.json()) as { error: string }).error).toBe('invalid_grant');
    const wrong = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: pkce().verifier });
    expect(wrong.status).toBe(400);
    const right = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(right.status).toBe(200);
    const again = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(again.status).toBe(400);
  });

  it('refuses a sign-in without PKCE, an unknown redirect, and a browser call from another origin', async () => {
    const b = new Browser();
    const noPkce = await b.go(
      `/auth?${new URLSearchParams({ client_id: 'placewise-web', redirect_uri: REDIRECT, response_type: 'code', scope: 'openid', state: 's' })}`,
    );
    expect(noPkce.status).toBe(303);
    expect(new URL(noPkce.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');

    const elsewhere = await b.go(
      `/auth?${new URLSearchParams({ client_id: 'placewise-web', redirect_uri: 'http://evil.test/cb', response_type: 'code', scope: 'openid', code_challenge: pkce().challenge, code_challenge_method: 'S256' })}`,
    );
    expect(elsewhere.status).toBe(400);

    const { verifier, challenge } = pkce();
    const code = await signIn(new Browser(), 'pm.grace', challenge);
    const fromElsewhere = await token(
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
      'http://evil.test',
    );
    expect(fromElsewhere.headers.get('access-control-allow-origin')).toBeNull();
    expect(fromElsewhere.status).toBe(400);
  });

  it('turns away a name that is not a demo user', async () => {
    const b = new Browser();
    const start = await b.go(
      `/auth?${new URLSearchParams({ client_id: 'placewise-web', redirect_uri: REDIRECT, response_type: 'code', scope: 'openid', code_challenge: pkce().challenge, code_challenge_method: 'S256' })}`,
    );
    const res = await b.go(start.headers.get('location')!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'sub=nobody',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('No demo user nobody');
  });
});

describe('rate limit on sign-in and the token endpoint', () => {
  it('429 with Retry-After past the limit per address, for POST /token', async () => {
    const issuer = `http://127.0.0.1:${await freePort()}`;
    const small = await startDevIdp({
      issuer,
      keys: await createIssuerKeys(issuer),
      users: DEMO_USERS,
      client: { id: 'placewise-web', origins: [WEB] },
      rateLimit: { points: 3, windowSeconds: 60 },
    });
    try {
      const post = () =>
        fetch(`${small.url}/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'authorization_code', code: 'guess', client_id: 'placewise-web' }),
        });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await post()).status);
      expect(statuses.slice(0, 3).every((s) => s === 400)).toBe(true);
      const refused = await post();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({ error: 'too_many_requests' });
      // Discovery (a GET) is not limited.
      expect((await fetch(`${small.url}/.well-known/openid-configuration`)).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});
