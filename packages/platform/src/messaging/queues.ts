import { getQueueToken } from '@nestjs/bullmq';
import { EVENTS, inboxOf, subscribersOf } from '@placewise/contracts';
import { Queue, type ConnectionOptions, type JobsOptions, type Telemetry } from 'bullmq';
import type { RedisClients } from '../redis/connection.js';
import { bullTelemetry } from '../tracing/index.js';

/** How every event job is retried and kept. Failed jobs are never removed: ops replays or clears them. */
export const EVENT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
  removeOnFail: false,
};

/** The Redis connection and key prefix every queue and worker of a service uses (BullModule.forRoot, QueueRegistry). */
export interface QueueConnection {
  connection: ConnectionOptions;
  prefix: string;
}

/**
 * The service's queue connection: its Redis (one server, Sentinel or a cluster: RedisClients) and
 * QUEUE_PREFIX, and BullMQ's telemetry while the process is tracing (a job's span continues the trace
 * that added it).
 */
export function bullConnection(redis: RedisClients, prefix: string): QueueConnection & { telemetry?: Telemetry } {
  const telemetry = bullTelemetry();
  return { connection: redis.bullConnection(), prefix, ...(telemetry ? { telemetry } : {}) };
}

/** The inbox queues this service's events are delivered to: every subscriber of an event it produces. */
export function publishedQueueNames(service: string): string[] {
  const names = new Set<string>();
  for (const def of EVENTS.values()) {
    if (def.producer !== service) continue;
    for (const q of subscribersOf(def.type, def.version)) names.add(q.name);
  }
  return [...names].sort();
}

/** Every queue a service registers with BullModule: its own inbox and the inboxes it publishes to. */
export function serviceQueueNames(service: string): string[] {
  return [...new Set([inboxOf(service).name, ...publishedQueueNames(service)])].sort();
}

/** The service's own inbox queue (a BullModule queue, also injectable by getQueueToken(name)). */
export const INBOX_QUEUE = Symbol('placewise:inbox-queue');

/** The queues the outbox relay publishes to, by name (the BullModule queues, resolved by their tokens). */
export const PUBLISH_QUEUES = Symbol('placewise:publish-queues');
export type QueueLookup = ReadonlyMap<string, Queue>;

/** Builds the PUBLISH_QUEUES provider: the registered queues of these names, by their BullModule tokens. */
export function publishQueuesProvider(names: string[]) {
  return {
    provide: PUBLISH_QUEUES,
    inject: names.map((n) => getQueueToken(n)),
    useFactory: (...queues: Queue[]): QueueLookup => new Map(names.map((n, i) => [n, queues[i]!])),
  };
}

/**
 * One BullMQ Queue per name, created on first use and closed together, for queues that are not
 * event inboxes (e.g. a service's own timers). Event inboxes are registered with BullModule instead.
 */
export class QueueRegistry {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly conn: QueueConnection) {}

  get(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      const telemetry = bullTelemetry();
      q = new Queue(name, { connection: this.conn.connection, prefix: this.conn.prefix, ...(telemetry ? { telemetry } : {}) });
      this.queues.set(name, q);
    }
    return q;
  }

  /** The queues made so far (e.g. panels' timers), for the metrics. */
  all(): Queue[] {
    return [...this.queues.values()];
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}
