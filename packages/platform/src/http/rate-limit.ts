import type { NextFunction, Request, Response } from 'express';
import type { Cluster, Redis } from 'ioredis';
import type { RedisClients } from '../redis/connection.js';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** How many requests a key may make in a window. */
export interface RateLimit {
  points: number;
  windowSeconds: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A rate limit shared by every replica of a service through Redis (rate-limiter-flexible), or held
 * in memory (the development sign-in provider, a single process). If Redis cannot answer, the
 * request is let through: losing the limit for a moment is better than refusing every request.
 */
export class RateLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    readonly limit: RateLimit,
    store: { redis: Redis | Cluster; keyPrefix: string } | { memory: true; keyPrefix: string },
    private readonly onStoreError: (e: Error) => void = () => undefined,
  ) {
    const common = { points: limit.points, duration: limit.windowSeconds, keyPrefix: store.keyPrefix };
    this.limiter = 'redis' in store ? new RateLimiterRedis({ ...common, storeClient: store.redis }) : new RateLimiterMemory(common);
  }

  async consume(key: string): Promise<RateDecision> {
    try {
      await this.limiter.consume(key);
      return { allowed: true };
    } catch (e) {
      if (e instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)) };
      this.onStoreError(e as Error);
      return { allowed: true };
    }
  }
}

/** The answer to a request over its limit: 429 with Retry-After (seconds), JSON like every other error. */
export function tooManyRequests(res: Response, retryAfterSeconds: number, who: 'address' | 'user'): void {
  res.setHeader('retry-after', String(retryAfterSeconds));
  res.setHeader('cache-control', 'no-store');
  res.status(429).json({
    statusCode: 429,
    error: 'Too Many Requests',
    message: `too many requests from this ${who}: try again in ${retryAfterSeconds} s`,
  });
}

/** Probes and scrapers are not limited: a liveness check refused would restart a healthy service. */
const UNLIMITED = /^\/(health|metrics)(\/|$)/;

/** Per address (the client's IP, through the proxies Express trusts: TRUST_PROXY), before anything else. */
export function addressLimit(limiter: RateLimiter) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (UNLIMITED.test(req.originalUrl.split('?')[0]!)) return next();
    limiter.consume(req.ip ?? 'unknown').then((d) => (d.allowed ? next() : tooManyRequests(res, d.retryAfterSeconds, 'address')), next);
  };
}

/** The per-address and per-user limiters of a service, in its Redis, under its queue prefix. */
export class ServiceRateLimits {
  readonly redis: Redis | Cluster;
  readonly address: RateLimiter;
  readonly user: RateLimiter;

  constructor(opts: {
    redis: RedisClients;
    prefix: string;
    service: string;
    perAddress: RateLimit;
    perUser: RateLimit;
    onStoreError?: (e: Error) => void;
  }) {
    // No offline queue and a short command timeout: while Redis is away a limit cannot be read, and
    // the request goes through at once (onStoreError) instead of waiting for Redis to come back.
    // Each limit is one key (rate-limiter-flexible's script touches only it), so it works on a cluster.
    this.redis = opts.redis.open({
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      commandTimeout: 500,
      connectionName: `${opts.service}-ratelimit`,
    });
    this.redis.on('error', () => undefined); // reported through onStoreError when a limit cannot be read
    const keyPrefix = `${opts.prefix}:ratelimit:${opts.service}`;
    this.address = new RateLimiter(opts.perAddress, { redis: this.redis, keyPrefix: `${keyPrefix}:address` }, opts.onStoreError);
    this.user = new RateLimiter(opts.perUser, { redis: this.redis, keyPrefix: `${keyPrefix}:user` }, opts.onStoreError);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** Nest calls this when the app closes. */
  async onModuleDestroy(): Promise<void> {
    await this.close();
  }
}
