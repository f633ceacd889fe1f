import 'reflect-metadata';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { z } from 'zod';
import { ConfigError, loadEnv, trustProxySetting, type BaseEnv } from './config/env.js';
import { securityHeaders } from './http/headers.js';
import { AppLogger } from './http/logging.js';
import { Lifecycle } from './lifecycle.js';
import { InboxDispatcher } from './messaging/inbox.js';
import { redeliveryBoundMs } from './messaging/inbox.processor.js';
import { shutdownTracing } from './tracing/index.js';

/** Body size limit for every JSON API: a request larger than this gets a 413, not a crash. */
export const JSON_BODY_LIMIT = '256kb';

/** Creates the Nest app with Placewise's HTTP conventions and its OpenAPI document at /docs. */
export async function createServiceApp(
  module: DynamicModule,
  opts: { title: string; description: string; logger?: boolean; trustProxy?: string },
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bodyParser: false,
    bufferLogs: true,
    logger: opts.logger === false ? false : undefined,
  });
  app.useLogger(app.get(AppLogger));
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.disable('x-powered-by');
  // The client's address (for its rate limit) through the proxies named in TRUST_PROXY only.
  app.set('trust proxy', trustProxySetting(opts.trustProxy ?? 'loopback'));
  for (const handler of securityHeaders()) app.use(handler);
  SwaggerModule.setup('docs', app, openApiDocument(app, opts), { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

/** The service's OpenAPI document (served at /docs/openapi.json; the web app's clients are generated from it). */
export function openApiDocument(app: INestApplication, opts: { title: string; description: string }): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(opts.title).setDescription(opts.description).setVersion('1').addBearerAuth().build(),
  );
}

/**
 * Runs a service until SIGTERM/SIGINT: then readiness turns 503, the HTTP server stops accepting
 * connections, the inbox worker finishes the job in hand, and the process exits 0.
 *
 * A drain that outlasts SHUTDOWN_TIMEOUT_MS with events still in hand is not a crash: those events'
 * transactions roll back as the process ends (their connections close), their BullMQ locks expire,
 * and another worker (or this one's replacement) applies them within 1.5 x WORKER_LOCK_MS. The
 * process says so in one warning and exits 0. A drain that times out with nothing in hand (something
 * else hung) is an error: exit 1.
 */
export async function runService(module: DynamicModule, env: BaseEnv, opts: { title: string; description: string }): Promise<void> {
  const app = await createServiceApp(module, { ...opts, trustProxy: env.TRUST_PROXY });
  await app.listen(env.PORT, env.HOST);
  const logger = app.get(AppLogger);
  logger.log(`listening on http://${env.HOST}:${env.PORT} (docs at /docs)`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: draining`);
    app.get(Lifecycle).shuttingDown = true;
    const timer = setTimeout(() => {
      const inHand = app.get(InboxDispatcher).inFlight;
      if (inHand > 0) {
        logger.warn(
          {
            msg: `shutdown timed out after ${env.SHUTDOWN_TIMEOUT_MS} ms with ${inHand} event(s) in hand: they roll back and are redelivered within ${redeliveryBoundMs(env)} ms; nothing is lost`,
            eventsInHand: inHand,
            shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
            redeliveredWithinMs: redeliveryBoundMs(env),
            exitCode: 0,
          },
          'shutdown',
        );
        process.exit(0);
      }
      logger.error(
        { msg: 'shutdown timed out with no event in hand', shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS, exitCode: 1 },
        'shutdown',
      );
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    try {
      const server = app.getHttpServer() as import('node:http').Server;
      server.close();
      server.closeIdleConnections?.();
      await app.close();
      // The spans still buffered are exported before the process ends (nothing when not tracing).
      await shutdownTracing();
      process.exit(0);
    } catch (e) {
      logger.error({ err: (e as Error).message }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

/**
 * A service's whole main(): read and validate the environment (a bad variable is named and the
 * process exits 1 before anything starts), then run the app.
 */
export async function serve<E extends BaseEnv>(opts: {
  env: z.ZodType<E>;
  defaults?: Partial<Record<keyof E, string>>;
  module: (env: E) => DynamicModule;
  title: string;
  description: string;
}): Promise<void> {
  let env: E;
  try {
    env = loadEnv(opts.env, { ...opts.defaults, ...process.env });
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${opts.title}: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  await runService(opts.module(env), env, opts);
}
