import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal } from '@placewise/platform';
import { from, mergeMap, type Observable } from 'rxjs';
import { READS_PERSONAL_DATA, type PersonalDataRead } from './access-log.js';
import { AccessLogRepository } from './access-log.repository.js';

/**
 * Writes the access log for routes marked `@ReadsPersonalData`: one row per child whose personal data the
 * answer carries, written before the answer is sent. A read that cannot be logged is not answered (the
 * dependency filter turns the database's absence into a 503).
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly log: AccessLogRepository,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const meta = this.reflector.get<PersonalDataRead | undefined>(READS_PERSONAL_DATA, ctx.getHandler());
    if (!meta || ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<{ principal?: Principal; params?: Record<string, string> }>();
    return next.handle().pipe(
      mergeMap((result) =>
        from(
          (async () => {
            if (req.principal) await this.log.record(req.principal, meta.children(result, req.params ?? {}), meta.through);
            return result;
          })(),
        ),
      ),
    );
  }
}
