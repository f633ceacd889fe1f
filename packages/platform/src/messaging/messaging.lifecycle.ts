import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { inboxOf } from '@placewise/contracts';
import { DATABASE, type Database } from '../db/database.js';
import { Metrics } from '../metrics/metrics.js';
import { ENV, SERVICE_NAME } from '../tokens.js';
import type { BaseEnv } from '../config/env.js';
import { InboxDispatcher } from './inbox.js';
import { OutboxRelay } from './relay.js';
import { QueueRegistry } from './queues.js';

/**
 * Starts the relay and the inbox worker once the app is up, and on shutdown stops taking work,
 * finishes the jobs in hand, then closes queues and the database, in that order.
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    @Inject(ENV) private readonly env: BaseEnv,
    @Inject(DATABASE) private readonly db: Database,
    private readonly queues: QueueRegistry,
    private readonly relay: OutboxRelay,
    private readonly inbox: InboxDispatcher,
    private readonly metrics: Metrics,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  private cleanupTimer?: NodeJS.Timeout;

  async onApplicationBootstrap(): Promise<void> {
    this.inbox.discover(this.discovery, this.scanner, this.reflector);
    this.cleanupTimer = setInterval(() => void this.cleanup().catch(() => undefined), 10 * 60_000);
    this.cleanupTimer.unref();
    await this.relay.start();
    this.inbox.start(
      { redisUrl: this.env.REDIS_URL, prefix: this.env.QUEUE_PREFIX },
      { concurrency: this.env.WORKER_CONCURRENCY, lockMs: this.env.WORKER_LOCK_MS },
    );
  }

  /**
   * Deletes published outbox rows and old inbox rows past their retention. Safe on every replica at
   * once; returns how many rows of each it removed.
   */
  async cleanup(): Promise<{ outbox: number; inbox: number }> {
    const outbox = await this.db.$executeRawUnsafe(
      `DELETE FROM outbox_event WHERE published_at IS NOT NULL AND published_at < now() - make_interval(days => $1)`,
      this.env.OUTBOX_RETENTION_DAYS,
    );
    const inbox = await this.db.$executeRawUnsafe(
      `DELETE FROM inbox_event WHERE received_at < now() - make_interval(days => $1)`,
      this.env.INBOX_RETENTION_DAYS,
    );
    return { outbox, inbox };
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.cleanupTimer);
    await this.inbox.stop();
    await this.relay.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
    await this.db.$disconnect();
  }

  async refreshGauges(): Promise<void> {
    const { pending } = await this.relay.backlog();
    this.metrics.outboxPending.set(pending);
    const name = inboxOf(this.service).name;
    const counts = await this.queues.get(name).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
    for (const [state, n] of Object.entries(counts)) this.metrics.queueJobs.set({ queue: name, state }, n);
  }
}
