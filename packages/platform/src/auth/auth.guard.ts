import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@placewise/contracts';
import { IS_PUBLIC, ROLES } from './decorators.js';
import { InvalidTokenError, TokenVerifier } from './token-verifier.js';
import type { Principal } from './principal.js';

/** Global guard: every route needs a valid bearer token unless marked @Public(); @Roles() narrows it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const header = req.headers['authorization'] ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('a bearer token is required');
    try {
      req.principal = await this.verifier.verify(match[1]!);
    } catch (e) {
      if (e instanceof InvalidTokenError) throw new UnauthorizedException(`invalid token: ${e.message}`);
      throw e;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.some((r) => req.principal!.roles.includes(r))) {
      throw new ForbiddenException(`requires one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
