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
}

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

/** Verifies access tokens (JWT, ES256/RS256) against the issuer's JWKS. */
export class TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly opts: VerifierOptions) {
    if (opts.jwksUrl) this.keys = createRemoteJWKSet(new URL(opts.jwksUrl));
    else {
      const text = opts.jwks ?? readFileSync(opts.jwksFile!, 'utf8');
      this.keys = createLocalJWKSet(JSON.parse(text) as JSONWebKeySet);
    }
  }

  async verify(token: string): Promise<Principal> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.opts.issuer,
        audience: this.opts.audience,
        algorithms: ['ES256', 'RS256'],
        clockTolerance: 30,
      }));
    } catch (e) {
      if (e instanceof errors.JOSEError) throw new InvalidTokenError(e.code);
      throw e;
    }
    const claims = TokenClaims.safeParse(payload);
    if (!claims.success) throw new InvalidTokenError('token lacks sub, roles or la');
    const roles = claims.data.roles.filter((r): r is Role => Role.safeParse(r).success);
    return {
      sub: claims.data.sub,
      name: claims.data.name ?? claims.data.sub,
      roles,
      localAuthority: claims.data.la,
      ...(claims.data.provider ? { providerId: claims.data.provider } : {}),
    };
  }
}
