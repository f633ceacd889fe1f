import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';

/**
 * Structured logs: pino, with pino-http logging each request, and a Nest LoggerService over the same
 * pino logger, so what Nest and the services log (`new Logger('inbox')`) comes out as the same JSON
 * lines. Inside a request every line carries the request's id and correlation id.
 *
 * Requests are logged by method, path and id only: no bodies, no query strings, no headers (so no
 * tokens); fields that could carry a child's name or date of birth are removed wherever they appear.
 */
/** Fields that could carry a child's name or date of birth. */
const PERSONAL = ['name', 'givenName', 'familyName', 'childName', 'dateOfBirth'];

export class AppLogger implements LoggerService {
  readonly http: HttpLogger;
  private readonly requestLog = new AsyncLocalStorage<Pino>();

  constructor(opts: { service: string; level: string }) {
    this.http = pinoHttp({
      level: opts.level,
      base: { service: opts.service },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      // A child's name or date of birth is removed at the top of a line and one level down.
      redact: { paths: ['req.headers', 'res.headers', '*.authorization', ...PERSONAL.flatMap((k) => [k, `*.${k}`])], remove: true },
      customProps: (req: IncomingMessage) => ({ correlationId: (req as { correlationId?: string }).correlationId }),
      autoLogging: {
        // Asked when the request arrives, inside Nest's middleware mount, where `url` is what is left after the route.
        ignore: (req: IncomingMessage) => {
          const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '';
          return url.startsWith('/health') || url === '/metrics';
        },
      },
    });
  }

  /** Express middleware: logs the request when it completes, and binds its logger for the lines logged while it runs. */
  readonly middleware = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    this.http(req, res);
    this.requestLog.run((req as IncomingMessage & { log: Pino }).log, next);
  };

  private get pino(): Pino {
    return this.requestLog.getStore() ?? this.http.logger;
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /**
   * Nest's calling convention: `(message, ...args, context)`, the context last. A message that is an
   * object is merged into the line (an Error becomes `err`); Nest's own exception handlers pass
   * `(message, stack, context)`, which becomes an `err` with that stack.
   */
  private write(level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal', message: unknown, params: unknown[]): void {
    const fields: Record<string, unknown> = {};
    let rest = params;
    if (params.length > 0) {
      fields.context = params[params.length - 1];
      rest = params.slice(0, -1);
    }
    const log = this.pino;
    if (message instanceof Error) {
      log[level]({ ...fields, err: message }, ...(rest as []));
    } else if (typeof message === 'object' && message !== null) {
      log[level]({ ...fields, ...message }, ...(rest as []));
    } else if (
      level === 'error' &&
      typeof message === 'string' &&
      rest.length === 1 &&
      typeof rest[0] === 'string' &&
      /\n\s*at /.test(rest[0])
    ) {
      const err = new Error(message);
      err.stack = rest[0];
      log[level]({ ...fields, err });
    } else {
      log[level](fields, String(message), ...(rest as []));
    }
  }
}
