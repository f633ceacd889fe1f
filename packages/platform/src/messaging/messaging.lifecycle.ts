import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { BullRegistrar } from '@nestjs/bullmq';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Queue } from 'bullmq';
import { DATABASE, WORKER_DATABASE, type Database } from '../db/database.js';
import { Metrics } from '../metrics/metrics.js';
import { ENV } from '../tokens.js';
import type { BaseEnv } from '../config/env.js';
import { InboxDispatcher } from './inbox.js';
import { INBOX_PROCESSOR, type InboxProcessor } from './inbox.processor.js';
import { OutboxRelay } from './relay.js';
import { OutboxWriter } from './outbox.js';
import { RedisClients } from '../redis/connection.js';
import { INBOX_QUEUE, PUBLISH_QUEUES, QueueRegistry, type QueueLookup } from './queues.js';

/**
 * Starts the relay and the inbox worker once the app is up (the worker only after the boot check
 * that every subscribed event has exactly one handler), and on shutdown stops taking work, finishes
 * the job in hand, stops the relay, then closes the queues and the databases (the HTTP client and
 * the consumers' own), in that order.
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private cleanupTimer?: NodeJS.Timeout;
  private workerStarted = false;

  constructor(
    @Inject(ENV) private readonly env: BaseEnv,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(WORKER_DATABASE) private readonly workerDb: Database,
    @Inject(INBOX_QUEUE) private readonly inboxQueue: Queue,
    @Inject(PUBLISH_QUEUES) private readonly publishQueues: QueueLookup,
    @Inject(INBOX_PROCESSOR) private readonly processor: InboxProcessor,
    private readonly queues: QueueRegistry,
    private readonly registrar: BullRegistrar,
    private readonly relay: OutboxRelay,
    private readonly writer: OutboxWriter,
    private readonly inbox: InboxDispatcher,
    private readonly metrics: Metrics,
    private readonly redis: RedisClients,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Throws (and the app does not start) unless each subscribed event has exactly one handler.
    this.inbox.discover(this.discovery, this.scanner, this.reflector);
    this.cleanupTimer = setInterval(() => void this.cleanup().catch(() => undefined), 10 * 60_000);
    this.cleanupTimer.unref();
    await this.relay.start();
    // From now on a transaction's events are published as it commits (the relay's polls and
    // NOTIFY remain for what that misses, and for rows written outside a transaction).
    this.writer.publisher = this.relay;
    // BullModule is set to manual registration: the processor's worker is made (and starts taking
    // jobs) only here, after the check above has passed.
    this.registrar.register();
    this.workerStarted = true;
  }

  /**
   * Deletes published outbox rows and old inbox rows past their retention. Safe on every replica at
   * once; returns how many rows of each it removed.
   */
  async cleanup(): Promise<{ outbox: number; inbox: number }> {
    const outbox = await this.workerDb.$executeRawUnsafe(
      `DELETE FROM outbox_event WHERE published_at IS NOT NULL AND published_at < now() - make_interval(days => $1)`,
      this.env.OUTBOX_RETENTION_DAYS,
    );
    const inbox = await this.workerDb.$executeRawUnsafe(
      `DELETE FROM inbox_event WHERE received_at < now() - make_interval(days => $1)`,
      this.env.INBOX_RETENTION_DAYS,
    );
    return { outbox, inbox };
  }

  /** Stops taking jobs and finishes the one in hand, then stops the relay (its batch in hand published). */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.cleanupTimer);
    if (this.workerStarted) await this.processor.worker.close();
    await this.relay.stop();
  }

  /**
   * After every service's own workers have stopped (their beforeApplicationShutdown hooks): closes
   * every queue, then the database. Closing a queue twice is harmless (BullModule closes them too).
   */
  async onApplicationShutdown(): Promise<void> {
    const all = new Set<Queue>([this.inboxQueue, ...this.publishQueues.values()]);
    await Promise.all([...all].map((q) => q.close()));
    await this.queues.close();
    // The queues' shared cluster client, and any client of the service's own still open.
    await this.redis.close();
    await Promise.all([this.db.$disconnect(), this.workerDb.$disconnect()]);
  }

  /**
   * The queues this service consumes: its inbox, and every other queue registered with BullModule
   * or the QueueRegistry that is not only a queue it publishes to (panels' timers).
   */
  private ownQueues(): Queue[] {
    const byName = new Map<string, Queue>([[this.inboxQueue.name, this.inboxQueue]]);
    for (const wrapper of this.discovery.getProviders()) {
      const q: unknown = wrapper.instance;
      if (q instanceof Queue && !byName.has(q.name) && !this.publishQueues.has(q.name)) byName.set(q.name, q);
    }
    for (const q of this.queues.all()) if (!byName.has(q.name) && !this.publishQueues.has(q.name)) byName.set(q.name, q);
    return [...byName.values()];
  }

  /**
   * Sets the gauges read at each scrape: the outbox backlog and its oldest row's age, and for the
   * inbox and the service's own queues (panels' timers) the jobs by state, the oldest waiting job's
   * age and how overdue the most overdue delayed job is.
   */
  async refreshGauges(): Promise<void> {
    const { pending, oldestSeconds } = await this.relay.backlog();
    this.metrics.outboxPending.set(pending);
    this.metrics.outboxOldestSeconds.set(oldestSeconds);
    this.metrics.outboxListening.set(this.relay.listening ? 1 : 0);
    const now = Date.now();
    for (const queue of this.ownQueues()) {
      const name = queue.name;
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
      for (const [state, n] of Object.entries(counts)) this.metrics.queueJobs.set({ queue: name, state }, n);
      const [oldest] = await queue.getJobs(['waiting'], 0, 0, true);
      this.metrics.queueOldestWaitingSeconds.set({ queue: name }, oldest ? Math.max(0, (now - oldest.timestamp) / 1000) : 0);
      const [soonest] = await queue.getJobs(['delayed'], 0, 0, true);
      const due = soonest ? soonest.timestamp + (soonest.delay ?? 0) : now;
      this.metrics.queueOverdueSeconds.set({ queue: name }, Math.max(0, (now - due) / 1000));
    }
  }
}
