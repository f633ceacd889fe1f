import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Principal } from '@placewise/platform';
import { from, mergeMap, type Observable } from 'rxjs';
import { PeopleRepository } from './people.repository.js';

/**
 * Once a person has recorded something (a call that is not a read, and was not refused), remembers
 * their name as their sign-in gives it, so the decisions, evidence and history they leave name them
 * (names are looked up when read). A refused request writes nothing, not even this.
 */
@Injectable()
export class PeopleInterceptor implements NestInterceptor {
  constructor(private readonly people: PeopleRepository) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<{ method: string; principal?: Principal }>();
    const p = req.principal;
    if (!p || req.method === 'GET' || req.method === 'HEAD' || !p.name || p.name === p.sub) return next.handle();
    return next.handle().pipe(
      mergeMap((result) =>
        from(
          (async () => {
            await this.people.remember(p.localAuthority, p.sub, p.name);
            return result;
          })(),
        ),
      ),
    );
  }
}
