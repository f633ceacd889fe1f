import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey, type JSONWebKeySet } from 'jose';
import { Role } from '@placewise/contracts';
import { TokenClaims, type Principal } from './principal.js';

export interface VerifierOptions {
  issuer: string;
  audience: string;
  jwksUrl?: string;
  jwksFile?: string;
  jwks?: string;
  /** The longest a token may live, `exp` minus `iat` (seconds; default 12 hours). */
  maxLifetimeSeconds?: number;
  /** How far the issuer's clock may be from ours, for `exp`, `nbf` and `iat` (seconds; default 60). */
  clockSkewSeconds?: number;
  /** The councils this deployment serves (the `la` claim): a token for any other is refused. Omitted: any. */
  councils?: readonly string[];
}

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

export const DEFAULT_MAX_TOKEN_LIFETIME_S = 12 * 3600;
export const DEFAULT_CLOCK_SKEW_S = 60;

/**
 * Verifies access tokens (JWT, ES256/RS256) against the issuer's JWKS: signature, issuer,
 * audience, and time: `exp` is required, a token may not live longer than the maximum lifetime,
 * and `iat`/`nbf` may be ahead of our clock only by the allowed skew. The council (`la`) must be
 * one the deployment serves.
 */
export class TokenVerifier {
  private readonly keys: JWTVerifyGetKey;
  private readonly maxLifetime: number;
  private readonly skew: number;
  private readonly councils: ReadonlySet<string> | null;

  constructor(private readonly opts: VerifierOptions) {
    if (opts.jwksUrl) this.keys = createRemoteJWKSet(new URL(opts.jwksUrl));
    else {
      const text = opts.jwks ?? readFileSync(opts.jwksFile!, 'utf8');
      this.keys = createLocalJWKSet(JSON.parse(text) as JSONWebKeySet);
    }
    this.maxLifetime = opts.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_S;
    this.skew = opts.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_S;
    this.councils = opts.councils ? new Set(opts.councils) : null;
  }

  async verify(token: string, now: Date = new Date()): Promise<Principal> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.opts.issuer,
        audience: this.opts.audience,
        algorithms: ['ES256', 'RS256'],
        clockTolerance: this.skew,
        requiredClaims: ['exp'],
        currentDate: now,
      }));
    } catch (e) {
      if (e instanceof errors.JOSEError) throw new InvalidTokenError(e.code);
      throw e;
    }
    const nowS = Math.floor(now.getTime() / 1000);
    const exp = payload['exp'] as number;
    const iat = payload['iat'];
    if (iat !== undefined) {
      if (typeof iat !== 'number' || !Number.isFinite(iat)) throw new InvalidTokenError('iat is not a time');
      if (iat > nowS + this.skew) throw new InvalidTokenError('issued in the future');
    }
    const from = typeof iat === 'number' ? iat : nowS;
    if (exp - from > this.maxLifetime) throw new InvalidTokenError(`lives longer than ${this.maxLifetime} seconds`);
    const claims = TokenClaims.safeParse(payload);
    if (!claims.success) {
      const bad = [...new Set(claims.error.issues.map((i) => String(i.path[0])))];
      const optional = bad.filter((k) => k === 'provider' || k === 'team');
      throw new InvalidTokenError(
        optional.length === bad.length ? `token's ${optional.join(' and ')} claim is not usable` : 'token lacks sub, roles or la',
      );
    }
    if (this.councils && !this.councils.has(claims.data.la)) throw new InvalidTokenError('council not served by this deployment');
    const roles = claims.data.roles.filter((r): r is Role => Role.safeParse(r).success);
    return {
      sub: claims.data.sub,
      name: claims.data.name ?? claims.data.sub,
      roles,
      localAuthority: claims.data.la,
      ...(claims.data.provider ? { providerId: claims.data.provider } : {}),
      ...(claims.data.team ? { team: claims.data.team } : {}),
    };
  }
}
