import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';

/**
 * Turns errors into JSON responses. HttpExceptions keep their status and body; body-parser errors
 * (malformed JSON, too large) become 400/413; anything else is a 500 that says nothing of its cause.
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
    // Log the class and message only: error messages from the ORM can quote values.
    this.logger.error(
      { err: { type: (exception as Error)?.name, stack: (exception as Error)?.stack?.split('\n').slice(0, 6).join('\n') }, path: req.path },
      'unhandled error',
    );
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ statusCode: 500, message: 'internal error' });
  }
}
