import {
  ForbiddenException,
  HttpException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@placewise/contracts';
import { IS_PUBLIC, ROLES } from './decorators.js';
import { InvalidTokenError, TokenVerifier } from './token-verifier.js';
import type { Principal } from './principal.js';
import { ServiceRateLimits } from '../http/rate-limit.js';

/**
 * Global guard: every route needs a valid bearer token unless marked @Public(); @Roles() narrows it.
 * A person over their rate limit (RATE_LIMIT_PER_USER, by subject and council) gets 429.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly limits: ServiceRateLimits,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const res = ctx.switchToHttp().getResponse<{ setHeader(name: string, value: string): void }>();
    const header = req.headers['authorization'] ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('a bearer token is required');
    try {
      req.principal = await this.verifier.verify(match[1]!);
    } catch (e) {
      if (e instanceof InvalidTokenError) throw new UnauthorizedException(`invalid token: ${e.message}`);
      throw e;
    }
    const decision = await this.limits.user.consume(`${req.principal.localAuthority}:${req.principal.sub}`);
    if (!decision.allowed) {
      res.setHeader('retry-after', String(decision.retryAfterSeconds));
      throw new HttpException(
        {
          statusCode: 429,
          error: 'Too Many Requests',
          message: `too many requests from this user: try again in ${decision.retryAfterSeconds} s`,
        },
        429,
      );
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.some((r) => req.principal!.roles.includes(r))) {
      throw new ForbiddenException(`requires one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
