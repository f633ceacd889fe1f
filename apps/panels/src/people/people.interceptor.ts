import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Principal } from '@placewise/platform';
import { from, switchMap, type Observable } from 'rxjs';
import { PeopleRepository } from './people.repository.js';

/**
 * Before anything a person records (every call that is not a read), remembers their name as their
 * sign-in gives it, so the decisions, evidence and history they leave name them.
 */
@Injectable()
export class PeopleInterceptor implements NestInterceptor {
  constructor(private readonly people: PeopleRepository) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<{ method: string; principal?: Principal }>();
    const p = req.principal;
    if (!p || req.method === 'GET' || req.method === 'HEAD' || !p.name || p.name === p.sub) return next.handle();
    return from(this.people.remember(p.localAuthority, p.sub, p.name)).pipe(switchMap(() => next.handle()));
  }
}
