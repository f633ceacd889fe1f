import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { errors, type Configuration } from 'oidc-provider';
import { RateLimiter, type RateLimit } from '../http/rate-limit.js';
import { memoryAdapter } from './dev-idp-store.js';
import { DEV_AUDIENCE, type DevIssuerKeys, type DevUser } from './dev-issuer.js';

/**
 * A development OpenID Connect provider (oidc-provider, certified) standing in for a council's own:
 * authorization code with PKCE for the web app, ID tokens carrying the person's name, roles and council,
 * and JWT access tokens for the services signed with the local issuer's key. Its sign-in page lists the
 * demo users instead of asking for a password. Never run it in a real deployment.
 */
export interface DevIdpOptions {
  /** The issuer: the URL the browser and the services reach it at, e.g. http://127.0.0.1:3005. */
  issuer: string;
  keys: DevIssuerKeys;
  users: readonly DevUser[];
  /** The web app's client: its id and the origins it runs at (callback /signin/callback, sign-out back to /). */
  client: { id: string; origins: string[] };
  /** Access token lifetime in seconds (default 1 hour; the web renews with a refresh token). */
  accessTokenTtl?: number;
  /**
   * Sign-ins and token requests (POST /token, POST /interaction/...) allowed per address in a window
   * (default 300 a minute): past it, 429 with Retry-After. Held in memory: the provider is one process.
   */
  rateLimit?: RateLimit;
}

export interface DevIdp {
  url: string;
  close(): Promise<void>;
}

/** What a token is for: the services, named by this resource indicator (RFC 8707), audience `placewise`. */
export const PLACEWISE_RESOURCE = 'urn:placewise:api';

export async function startDevIdp(opts: DevIdpOptions, port = Number(new URL(opts.issuer).port)): Promise<DevIdp> {
  const users = new Map(opts.users.map((u) => [u.sub, u]));
  const personClaims = (u: DevUser) => ({
    name: u.name,
    roles: u.roles,
    la: u.la,
    ...(u.provider ? { provider: u.provider } : {}),
    ...(u.team ? { team: u.team } : {}),
  });
  const ttl = opts.accessTokenTtl ?? 3600;
  const workingDay = 8 * 3600;

  const configuration: Configuration = {
    adapter: memoryAdapter(),
    clients: [
      {
        client_id: opts.client.id,
        client_name: 'Placewise',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: opts.client.origins.map((o) => `${o}/signin/callback`),
        post_logout_redirect_uris: opts.client.origins.map((o) => `${o}/`),
        id_token_signed_response_alg: 'ES256',
      },
    ],
    clientDefaults: { id_token_signed_response_alg: 'ES256' },
    jwks: { keys: [{ ...opts.keys.privateJwk, use: 'sig' }] as never },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], profile: ['name'], placewise: ['roles', 'la', 'provider', 'team'] },
    scopes: ['openid', 'profile', 'placewise', 'offline_access'],
    // The web app reads who is signed in from the ID token (there is no userinfo call).
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => {
      const u = users.get(sub);
      return u ? { accountId: sub, claims: () => ({ sub, ...personClaims(u) }) } : undefined;
    },
    pkce: { required: () => true },
    // Only the web app's own origins may call the token endpoint from a browser.
    clientBasedCORS: (_ctx, origin) => opts.client.origins.includes(origin),
    // Placewise is the council's own application: no consent screen, the grant covers what it asked for.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      // A grant revoked since (e.g. a refresh token that failed) is replaced by a new one.
      const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
      if (existing) return existing;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile placewise offline_access');
      grant.addResourceScope(PLACEWISE_RESOURCE, 'placewise');
      await grant.save();
      return grant;
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    extraTokenClaims: async (_ctx, token) => {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined;
      const u = users.get(token.accountId);
      return u ? personClaims(u) : undefined;
    },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => PLACEWISE_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== PLACEWISE_RESOURCE) throw new errors.InvalidTarget();
          return {
            scope: 'placewise',
            audience: DEV_AUDIENCE,
            accessTokenTTL: ttl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        // Signing out of Placewise signs out here too, without a second question.
        logoutSource: (ctx, form) => {
          ctx.body = page(
            'Signing out',
            `${form}<p>Signing you out…</p><noscript><button form="op.logoutForm" name="logout" value="yes">Sign out</button></noscript><script>document.forms['op.logoutForm'].insertAdjacentHTML('beforeend','<input type="hidden" name="logout" value="yes">');document.forms['op.logoutForm'].submit();</script>`,
          );
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.body = page('Signed out', '<h1>You are signed out</h1>');
        },
      },
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Sign-in failed', `<h1>Sign-in failed</h1><p>${esc(String(out.error_description ?? out.error))}</p>`);
    },
    ttl: {
      AccessToken: ttl,
      AuthorizationCode: 60,
      IdToken: ttl,
      Interaction: 3600,
      Session: workingDay,
      Grant: workingDay,
      RefreshToken: workingDay,
    },
  };

  const provider = new Provider(opts.issuer, configuration);
  const oidc = provider.callback();

  /** The sign-in page: the demo users, as buttons. */
  const interaction = async (req: IncomingMessage, res: ServerResponse) => {
    const details = await provider.interactionDetails(req, res);
    const { uid, prompt } = details;
    if (req.method === 'POST') {
      const form = new URLSearchParams(await body(req));
      if (form.get('cancel')) {
        return provider.interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'sign-in cancelled' },
          { mergeWithLastSubmission: false },
        );
      }
      const sub = form.get('sub') ?? '';
      if (!users.has(sub)) {
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(page('Sign in', `<p role="alert">No demo user ${esc(sub)}.</p>`));
      }
      return provider.interactionFinished(req, res, { login: { accountId: sub } }, { mergeWithLastSubmission: false });
    }
    if (prompt.name !== 'login') {
      // Consent is never asked (see loadExistingGrant); anything else is a misconfiguration.
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(page('Sign in', `<p role="alert">Unexpected prompt ${esc(prompt.name)}.</p>`));
    }
    const list = [...users.values()]
      .map(
        (u) =>
          `<li><button name="sub" value="${esc(u.sub)}">${esc(u.name)}</button> <span class="hint">${esc(u.la)} · ${esc(u.roles.join(', '))}</span></li>`,
      )
      .join('');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      page(
        'Sign in',
        `<h1>Sign in</h1><p>Development identity provider: choose a demo user. In a real deployment your council's own sign-in page is here.</p>
<form method="post" action="/interaction/${esc(uid)}"><ul>${list}</ul><p><button name="cancel" value="1" class="secondary">Cancel</button></p></form>`,
      ),
    );
  };

  const limiter = new RateLimiter(opts.rateLimit ?? { points: 300, windowSeconds: 60 }, { memory: true, keyPrefix: 'dev-idp' });
  const limited = (req: IncomingMessage) =>
    req.method === 'POST' && /^\/(token|interaction\/)/.test(req.url ?? '') ? limiter.consume(req.socket.remoteAddress ?? 'unknown') : null;

  const server: Server = createServer((req, res) => {
    const check = limited(req);
    if (check) {
      void check.then((d) => {
        if (d.allowed) return route(req, res);
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(d.retryAfterSeconds), 'cache-control': 'no-store' });
        res.end(JSON.stringify({ error: 'too_many_requests', error_description: `try again in ${d.retryAfterSeconds} s` }));
      });
      return;
    }
    route(req, res);
  });
  const route = (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/interaction/')) {
      interaction(req, res).catch((e: unknown) => {
        const expired = e instanceof errors.SessionNotFound;
        res.writeHead(expired ? 400 : 500, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          page(
            'Sign in',
            `<p role="alert">${expired ? 'This sign-in has expired. Go back to Placewise and sign in again.' : 'Sign-in failed.'}</p>`,
          ),
        );
      });
      return;
    }
    void oidc(req, res);
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: opts.issuer.replace(/:\d+$/, `:${actual}`),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > 10_000) req.destroy(new Error('body too large'));
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, content: string): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)} – development sign-in</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#0b0c0c}ul{list-style:none;padding:0}li{margin:.5rem 0}button{font:inherit;padding:.4rem .8rem;border:2px solid #00703c;background:#00703c;color:#fff;cursor:pointer}button.secondary{background:#f3f2f1;color:#0b0c0c;border-color:#b1b4b6}button:focus{outline:3px solid #fd0;outline-offset:0}.hint{color:#505a5f}</style>
</head><body><main>${content}</main></body></html>`;
}
