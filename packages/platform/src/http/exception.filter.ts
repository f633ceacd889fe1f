import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { dependencyFailure } from '../db/contention.js';

/** Seconds a client is asked to wait before trying again: a dependency that is down, or one that is busy. */
export const RETRY_AFTER_UNAVAILABLE_S = 5;
export const RETRY_AFTER_BUSY_S = 1;

/**
 * Turns errors into JSON responses. HttpExceptions keep their status and body; body-parser errors
 * (malformed JSON, too large) become 400/413; a dependency that is down or busy (PostgreSQL or
 * Redis not answering, no connection in time, too many connections) is a 503 with Retry-After, and
 * a write conflict or deadlock that outlived its retries a 409; anything else is a 500 that says
 * nothing of its cause.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      res.status(exception.getStatus()).json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
      return;
    }
    const e = exception as { type?: string; status?: number; statusCode?: number; message?: string };
    if (e?.type === 'entity.too.large') {
      res.status(413).json({ statusCode: 413, message: 'request body too large' });
      return;
    }
    if (e?.type === 'entity.parse.failed' || e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
      res
        .status(400)
        .json({ statusCode: 400, message: 'request body is not valid JSON', errors: [{ field: '(body)', reason: 'malformed JSON' }] });
      return;
    }
    const failure = dependencyFailure(exception);
    if (failure?.kind === 'conflict') {
      this.logger.warn({ path: req.path, err: { type: (exception as Error)?.name } }, 'write conflict');
      res.status(HttpStatus.CONFLICT).json({
        statusCode: 409,
        message: 'another change to the same records was saved at the same moment: nothing was saved, try again',
      });
      return;
    }
    if (failure) {
      const retryAfter = failure.kind === 'unavailable' ? RETRY_AFTER_UNAVAILABLE_S : RETRY_AFTER_BUSY_S;
      this.logger.warn(
        { path: req.path, dependency: failure.dependency, kind: failure.kind, err: { type: (exception as Error)?.name } },
        'dependency failure',
      );
      res
        .status(HttpStatus.SERVICE_UNAVAILABLE)
        .setHeader('Retry-After', String(retryAfter))
        .json({
          statusCode: 503,
          message:
            failure.kind === 'unavailable'
              ? `the ${failure.dependency} is not answering: try again in a few seconds`
              : `the ${failure.dependency} is busy: nothing was saved, try again in a moment`,
          retryAfterSeconds: retryAfter,
        });
      return;
    }
    // Log the class and message only: error messages from the ORM can quote values.
    this.logger.error(
      { err: { type: (exception as Error)?.name, stack: (exception as Error)?.stack?.split('\n').slice(0, 6).join('\n') }, path: req.path },
      'unhandled error',
    );
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ statusCode: 500, message: 'internal error' });
  }
}
