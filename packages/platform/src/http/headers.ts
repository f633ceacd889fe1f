import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * The content security policy of the pages a service serves itself (Swagger UI at /docs, Bull Board
 * at /ops/board): their own scripts and styles only, never framed.
 */
export const UI_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
/** Every other answer is JSON (or CSV, Markdown): nothing in it may load or run, nor be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const UI_PATHS = /^\/(docs|ops\/board)(\/|$)/;

/**
 * The headers on every answer of every service (OWASP ASVS 14.4): helmet's baseline
 * (X-Content-Type-Options nosniff, X-Frame-Options DENY, Referrer-Policy no-referrer,
 * Strict-Transport-Security, cross-origin isolation), a content security policy (the pages' or the
 * API's), and `Cache-Control: no-store`, since any answer may carry a child's personal data.
 */
export function securityHeaders(): RequestHandler[] {
  const base = helmet({
    contentSecurityPolicy: false,
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
  });
  const policy = (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('content-security-policy', UI_PATHS.test(req.path) ? UI_CSP : API_CSP);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('pragma', 'no-cache');
    next();
  };
  return [base, policy];
}
