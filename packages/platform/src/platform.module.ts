import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { BullBoardModule } from '@bull-board/nestjs';
import { inboxOf } from '@placewise/contracts';
import type { NextFunction, Request, Response } from 'express';
import { AuthGuard } from './auth/auth.guard.js';
import { TokenVerifier } from './auth/token-verifier.js';
import { servedCouncils, type BaseEnv } from './config/env.js';
import { DATABASE, WORKER_DATABASE, type Database, type DatabaseClass } from './db/database.js';
import { HealthController } from './health/health.controller.js';
import { DependencyProbes } from './health/probes.js';
import { AllExceptionsFilter } from './http/exception.filter.js';
import { correlationMiddleware } from './http/correlation.js';
import { ServiceRateLimits, addressLimit } from './http/rate-limit.js';
import { AppLogger } from './http/logging.js';
import { Lifecycle } from './lifecycle.js';
import { InboxDispatcher } from './messaging/inbox.js';
import { MessagingLifecycle } from './messaging/messaging.lifecycle.js';
import { OutboxWriter } from './messaging/outbox.js';
import { INBOX_PROCESSOR, inboxProcessor, workerOptions } from './messaging/inbox.processor.js';
import {
  EVENT_JOB_OPTIONS,
  INBOX_QUEUE,
  PUBLISH_QUEUES,
  type QueueLookup,
  QueueRegistry,
  bullConnection,
  publishQueuesProvider,
  publishedQueueNames,
  serviceQueueNames,
} from './messaging/queues.js';
import { OutboxRelay } from './messaging/relay.js';
import { RedisClients } from './redis/connection.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { Metrics } from './metrics/metrics.js';
import { OpsController } from './ops/ops.controller.js';
import { BOARD_ROUTE, BoardSessionController, MetadataOnlyAdapter, boardAdapter, boardAuth } from './ops/board.js';
import { ENV, SERVICE_NAME } from './tokens.js';

export interface PlatformOptions {
  /** The service's name, as in the contracts' inbox list. */
  service: string;
  env: BaseEnv;
  /**
   * The service's Prisma client class (an @Injectable subclass of its generated PrismaClient). Nest
   * makes the HTTP instance (DATABASE); the platform makes the consumers' instance (WORKER_DATABASE)
   * with `new database(env, 'worker')`.
   */
  database: Type<Database> & DatabaseClass;
}

/**
 * What every Placewise service has: configuration, JWT auth on every route, JSON errors, structured
 * logs without personal data, health and metrics, the outbox relay and the inbox worker.
 */
@Module({})
export class PlatformModule implements NestModule {
  static forRoot(opts: PlatformOptions): DynamicModule {
    const { env, service } = opts;
    const inboxName = inboxOf(service).name;
    const publishes = publishedQueueNames(service);
    // Every event job is retried and kept the same way, whoever adds it.
    const queues = BullModule.registerQueue(...serviceQueueNames(service).map((name) => ({ name, defaultJobOptions: EVENT_JOB_OPTIONS })));
    // One verifier for the API's guard and the board's middleware.
    const verifier = new TokenVerifier({
      issuer: env.AUTH_ISSUER,
      audience: env.AUTH_AUDIENCE,
      jwksUrl: env.AUTH_JWKS_URL,
      jwksFile: env.AUTH_JWKS_FILE,
      jwks: env.AUTH_JWKS,
      maxLifetimeSeconds: env.AUTH_MAX_TOKEN_LIFETIME_S,
      clockSkewSeconds: env.AUTH_CLOCK_SKEW_S,
      councils: servedCouncils(env) ?? undefined,
    });
    const Processor = inboxProcessor(inboxName, workerOptions(env));
    // Every Redis connection of the service is made from this (one server, Sentinel or a cluster).
    const redis = new RedisClients(env);
    const queueConnection = bullConnection(redis, env.QUEUE_PREFIX);
    return {
      module: PlatformModule,
      global: true,
      imports: [
        DiscoveryModule,
        // The worker is made by MessagingLifecycle once the handler check has passed (manual registration).
        BullModule.forRoot({ ...queueConnection, extraOptions: { manualRegistration: true } }),
        queues,
        BullBoardModule.forRoot({
          route: BOARD_ROUTE,
          adapter: boardAdapter(env.OPS_BOARD_PUBLIC_PATH),
          middleware: boardAuth(verifier),
          boardOptions: { uiConfig: { boardTitle: `Placewise ${service}` } },
        }),
        BullBoardModule.forFeature({ name: inboxName, adapter: MetadataOnlyAdapter }),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController, MetricsController, OpsController, BoardSessionController],
      providers: [
        { provide: SERVICE_NAME, useValue: service },
        { provide: ENV, useValue: env },
        { provide: RedisClients, useValue: redis },
        { provide: AppLogger, useFactory: () => new AppLogger({ service, level: env.LOG_LEVEL }) },
        opts.database,
        { provide: DATABASE, useExisting: opts.database },
        { provide: WORKER_DATABASE, useFactory: () => new opts.database(env, 'worker') },
        DependencyProbes,
        { provide: Metrics, useFactory: () => new Metrics(service) },
        Lifecycle,
        { provide: TokenVerifier, useValue: verifier },
        {
          provide: ServiceRateLimits,
          inject: [AppLogger],
          useFactory: (logger: AppLogger) => {
            let warned = 0;
            return new ServiceRateLimits({
              redis,
              prefix: env.QUEUE_PREFIX,
              service,
              perAddress: { points: env.RATE_LIMIT_PER_ADDRESS, windowSeconds: env.RATE_LIMIT_WINDOW_S },
              perUser: { points: env.RATE_LIMIT_PER_USER, windowSeconds: env.RATE_LIMIT_WINDOW_S },
              onStoreError: (e) => {
                if (Date.now() - warned < 60_000) return;
                warned = Date.now();
                logger.warn({ err: e.message }, 'rate limits unavailable (Redis): requests are let through');
              },
            });
          },
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: QueueRegistry, useFactory: () => new QueueRegistry(queueConnection) },
        { provide: OutboxWriter, useFactory: () => new OutboxWriter(service, env.DATABASE_SCHEMA) },
        {
          provide: OutboxRelay,
          inject: [WORKER_DATABASE, PUBLISH_QUEUES, Metrics],
          useFactory: (db: Database, queues: QueueLookup, metrics: Metrics) =>
            new OutboxRelay(db, queues, metrics, {
              schema: env.DATABASE_SCHEMA,
              databaseUrl: env.DATABASE_URL,
              pollMs: env.OUTBOX_POLL_MS,
              listeningPollMs: env.OUTBOX_LISTENING_POLL_MS,
              commitGraceMs: env.OUTBOX_COMMIT_GRACE_MS,
              redis,
              prefix: env.QUEUE_PREFIX,
            }),
        },
        {
          provide: InboxDispatcher,
          inject: [WORKER_DATABASE, Metrics],
          useFactory: (db: Database, metrics: Metrics) => new InboxDispatcher(inboxOf(service), db, metrics),
        },
        { provide: INBOX_QUEUE, useExisting: getQueueToken(inboxName) },
        publishQueuesProvider(publishes),
        Processor,
        { provide: INBOX_PROCESSOR, useExisting: Processor },
        MessagingLifecycle,
      ],
      exports: [
        queues,
        SERVICE_NAME,
        ENV,
        AppLogger,
        DATABASE,
        WORKER_DATABASE,
        opts.database,
        Metrics,
        OutboxWriter,
        OutboxRelay,
        InboxDispatcher,
        INBOX_QUEUE,
        QueueRegistry,
        RedisClients,
        Lifecycle,
      ],
    };
  }

  constructor(
    private readonly metrics: Metrics,
    private readonly logger: AppLogger,
    private readonly limits: ServiceRateLimits,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    const histogram = this.metrics.httpRequests;
    consumer
      .apply(correlationMiddleware, this.logger.middleware, (req: Request, res: Response, next: NextFunction) => {
        const end = histogram.startTimer();
        res.on('finish', () => {
          const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
          end({ method: req.method, route: `${req.baseUrl}${route}`, status: String(res.statusCode) });
        });
        next();
      })
      .forRoutes('*path');
    consumer.apply(addressLimit(this.limits.address)).forRoutes('*path');
  }
}
