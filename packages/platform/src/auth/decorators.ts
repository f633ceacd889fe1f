import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Role } from '@placewise/contracts';
import type { Principal } from './principal.js';

export const IS_PUBLIC = 'placewise:public';
export const ROLES = 'placewise:roles';

/** Health probes, metrics and the API docs: no token needed. Everything else needs one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The caller needs at least one of these roles. The OpenAPI document says so too, as the operation's
 * `x-roles`, from this same list (the role-matrix tests read it there: nothing is listed per route twice).
 */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES, roles), ApiExtension('x-roles', roles));

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!req.principal) throw new Error('CurrentUser used on a public route');
  return req.principal;
});
