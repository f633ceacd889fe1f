import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What the web server that `npm start` runs (vite preview) sends with every answer: the same
 * headers as the nginx image (infra/web/default.conf.template), no source maps, and no way to a
 * service's /metrics or /docs through this origin (Prometheus and developers reach those on the
 * service itself; through here they would be open to anyone who can reach the web server).
 */
export function webSecurityHeaders(authority: string | undefined): Record<string, string> {
  const idp = authority ? ` ${authority}` : '';
  return {
    'content-security-policy': `default-src 'self'; connect-src 'self'${idp}; img-src 'self' data:; style-src 'self' 'unsafe-inline'; form-action 'self'${idp}; frame-ancestors 'none'; base-uri 'self'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'strict-transport-security': 'max-age=31536000',
  };
}

/** Paths this origin never serves: source maps, and each service's metrics and API documents. */
export const BLOCKED = /(\.map$)|^\/api\/[a-z]+\/(metrics|docs)(\/|$)/i;

export function webHeadersMiddleware(opts: { csp: boolean }) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const headers = webSecurityHeaders(process.env.PLACEWISE_OIDC_AUTHORITY);
    for (const [name, value] of Object.entries(headers)) {
      if (name === 'content-security-policy' && !opts.csp) continue;
      res.setHeader(name, value);
    }
    let path: string;
    try {
      path = decodeURIComponent((req.url ?? '/').split('?')[0]!).replace(/\/{2,}/g, '/');
    } catch {
      path = '/api/x/docs'; // not a path at all: refused like one of the blocked ones
    }
    if (BLOCKED.test(path)) {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.setHeader('cache-control', 'no-store');
      res.end('Not found\n');
      return;
    }
    next();
  };
}
