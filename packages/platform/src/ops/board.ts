import { Controller, Delete, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NextFunction, Request, Response } from 'express';
import { decodeJwt } from 'jose';
import { Roles } from '../auth/decorators.js';
import { InvalidTokenError, type TokenVerifier } from '../auth/token-verifier.js';
import type { BaseEnv } from '../config/env.js';
import { ENV } from '../tokens.js';

/** Where Bull Board is mounted in every service (the route, as the service itself sees it). */
export const BOARD_ROUTE = '/ops/board';
/** The cookie that carries an ops token to the board: a browser navigating to a page sends no bearer token. */
export const BOARD_COOKIE = 'placewise_ops_board';

function boardCookie(env: Pick<BaseEnv, 'OPS_BOARD_PUBLIC_PATH' | 'NODE_ENV'>, value: string, maxAgeSeconds: number): string {
  const secure = env.NODE_ENV === 'production' ? '; Secure' : '';
  return `${BOARD_COOKIE}=${value}; Path=${env.OPS_BOARD_PUBLIC_PATH}; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Opens and closes a board session: the web's ops page POSTs here with the person's bearer token
 * (an ops principal, checked by the global guard), and gets the token back as an HttpOnly,
 * SameSite=Strict cookie scoped to the board's path, which expires with the token.
 */
@ApiTags('ops')
@ApiBearerAuth()
@Roles('ops:deployment')
@Controller('ops/board/session')
export class BoardSessionController {
  constructor(@Inject(ENV) private readonly env: BaseEnv) {}

  @ApiNoContentResponse({ description: 'The board cookie is set; navigate to the board.' })
  @Post()
  @HttpCode(204)
  open(@Req() req: Request, @Res({ passthrough: true }) res: Response): void {
    // The guard has verified the token; only its lifetime is read here.
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')![1]!;
    const { exp } = decodeJwt(token);
    const maxAge = Math.max(0, Math.floor((exp ?? 0) - Date.now() / 1000));
    res.setHeader('set-cookie', boardCookie(this.env, token, maxAge));
    res.setHeader('cache-control', 'no-store');
  }

  @ApiNoContentResponse({ description: 'The board cookie is cleared.' })
  @Delete()
  @HttpCode(204)
  close(@Res({ passthrough: true }) res: Response): void {
    res.setHeader('set-cookie', boardCookie(this.env, '', 0));
  }
}

/**
 * Guards the board: only a request whose board cookie holds a valid, unexpired token of the
 * deployment's operator (`ops:deployment`) reaches it. The board lists every council's jobs, so a
 * council's administrator (`ops`) uses /ops/queue instead, which is scoped to their council; and
 * the board shows each job's envelope without its payload, council or correlation id. The session endpoint itself is a Nest route under the global guard.
 */
export function boardAuth(verifier: TokenVerifier) {
  const reply = (res: Response, status: number, message: string) => {
    res.status(status).setHeader('cache-control', 'no-store');
    res.json({ statusCode: status, message });
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    const path = req.originalUrl.split('?')[0]!.replace(/\/+$/, '');
    if (path === `${BOARD_ROUTE}/session`) return next();
    const token = cookieValue(req.headers.cookie, BOARD_COOKIE);
    if (!token) return reply(res, 401, 'an ops board session is required (POST /ops/board/session with a bearer token)');
    verifier.verify(token).then(
      (principal) => {
        if (!principal.roles.includes('ops:deployment')) return reply(res, 403, 'requires one of the roles: ops:deployment');
        next();
      },
      (e: unknown) => {
        if (e instanceof InvalidTokenError) return reply(res, 401, `invalid token: ${e.message}`);
        next(e);
      },
    );
  };
}

/**
 * Bull Board's Express adapter, with the base path that browsers use: behind the web's proxy the
 * board is at /api/<service>/ops/board, and its page must load its assets and API from there.
 */
export function boardAdapter(publicPath: string): new () => ExpressAdapter {
  return class PublicPathAdapter extends ExpressAdapter {
    override setBasePath(): ExpressAdapter {
      return super.setBasePath(publicPath);
    }
  };
}

/**
 * What the board shows of an event job's data: which event it is, never what it says or whose it
 * is (no payload, council or correlation id).
 */
export function boardJobData(data: unknown): Record<string, unknown> {
  const d = (data ?? {}) as Record<string, unknown>;
  const keep = ['id', 'type', 'version', 'producer', 'occurredAt'] as const;
  return Object.fromEntries(keep.filter((k) => d[k] !== undefined).map((k) => [k, d[k]]));
}

/** The board's queue adapter: BullMQ's, with each job's data reduced to boardJobData. */
export class MetadataOnlyAdapter extends BullMQAdapter {
  constructor(queue: ConstructorParameters<typeof BullMQAdapter>[0], options?: ConstructorParameters<typeof BullMQAdapter>[1]) {
    super(queue, options);
    this.setFormatter('data', boardJobData);
  }
}
