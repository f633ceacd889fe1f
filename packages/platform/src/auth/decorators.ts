import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@placewise/contracts';
import type { Principal } from './principal.js';

export const IS_PUBLIC = 'placewise:public';
export const ROLES = 'placewise:roles';

/** Health probes, metrics and the API docs: no token needed. Everything else needs one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The caller needs at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!req.principal) throw new Error('CurrentUser used on a public route');
  return req.principal;
});
