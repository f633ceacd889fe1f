import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';

const uuid = z.uuid();

/** Every HTTP request carries a correlation id (from `x-correlation-id` if valid); events inherit it. */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.header('x-correlation-id');
  const id = given && uuid.safeParse(given).success ? given : randomUUID();
  (req as Request & { correlationId: string }).correlationId = id;
  res.setHeader('x-correlation-id', id);
  next();
}

export function correlationIdOf(req: unknown): string {
  return (req as { correlationId?: string }).correlationId ?? randomUUID();
}
