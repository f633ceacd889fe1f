import { Logger } from '@nestjs/common';
import { subscribersOf, type EventEnvelope } from '@placewise/contracts';
import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { waitForReplica, type RedisClients } from '../redis/connection.js';
import pg from 'pg';
import type { Database } from '../db/database.js';
import type { Metrics } from '../metrics/metrics.js';
import { outboxChannel, type CommitPublisher } from './outbox.js';
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { SpanKind, contextFromCarrier, startSpan, traceCarrier, tracingEnabled, untraced } from '../tracing/spans.js';
import type { Queue } from 'bullmq';
import { EVENT_JOB_OPTIONS, type QueueLookup } from './queues.js';

interface OutboxRow {
  id: string;
  type: string;
  version: number;
  envelope: EventEnvelope;
}

export interface RelayOptions {
  schema: string;
  databaseUrl: string;
  /** How often the relay looks at the outbox while it has no LISTEN connection (NOTIFY cannot reach it). */
  pollMs: number;
  /**
   * How often it looks while it holds its LISTEN connection, besides each NOTIFY: a safety net only
   * (and the Redis marker's check when nothing is written). Defaults to pollMs.
   */
  listeningPollMs?: number;
  batchSize?: number;
  /** The service's Redis and QUEUE_PREFIX: the relay's marker lives under the prefix, beside the queues it vouches for. */
  redis?: RedisClients;
  prefix?: string;
  /** How long the listener waits before it is made again after it was lost (doubling to 10 s). */
  relistenMs?: number;
  /**
   * How old a row must be before a poll takes it (default 1000 ms): younger rows are being
   * published at their commit (publishCommitted). A round woken by NOTIFY takes every row.
   */
  commitGraceMs?: number;
}

/** Events being published at their commit, at most: past this, commits leave theirs to the polls. */
const COMMITTED_IN_HAND_LIMIT = 1000;
/** How long stop waits for those to finish. */
const COMMITTED_STOP_WAIT_MS = 5000;

/**
 * The key a service's relays keep in Redis to show that this Redis still holds what they published
 * to it. Set once every retained event has been published to this Redis; missing means Redis is new,
 * the prefix is new, or Redis lost its data (restarted without persistence, flushed).
 */
export function relayMarkerKey(prefix: string, schema: string): string {
  return `${prefix}:outbox-relay:${schema}:marker`;
}

/** Held by the one replica that is sending a service's retained events again after a loss. */
export function relayRecoveryLockKey(prefix: string, schema: string): string {
  return `${prefix}:outbox-relay:${schema}:recovering`;
}

const RECOVERY_LOCK_MS = 60_000;

/** The jobs a batch added: one per row and subscriber queue. */
type Added = { type: string; queue: string }[];

/**
 * Publishes committed outbox rows to the inbox queue of every subscriber, with the event id as the
 * job id. Rows are claimed with FOR UPDATE SKIP LOCKED, so any number of replicas can relay at once
 * without publishing a row twice; a crash between publishing and marking only re-adds a job whose id
 * BullMQ already holds (and consumers' inboxes make even a real redelivery harmless).
 * A transaction's events are handed to it as the transaction commits (publishCommitted, through
 * OutboxWriter's after-commit hook); it wakes on NOTIFY for rows written outside such a transaction,
 * and polls for what both missed.
 */
export class OutboxRelay implements CommitPublisher {
  private readonly logger = new Logger('outbox-relay');
  /** Publications of committed transactions' events under way (publishCommitted), awaited by stop. */
  private readonly committing = new Set<Promise<void>>();
  private committedInHand = 0;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** A NOTIFY (or a stop) came while the loop was publishing rather than waiting: it goes round again at once. */
  private nudged = false;
  private listener?: pg.Client;
  private relistenTimer?: NodeJS.Timeout;
  private relistenFailures = 0;
  private redis?: Redis | Cluster;
  private readonly batchSize: number;
  private readonly instance = `${process.pid}-${randomUUID()}`;

  constructor(
    private readonly db: Database,
    /** The subscriber inboxes, registered with BullModule (PUBLISH_QUEUES). */
    private readonly queues: QueueLookup,
    private readonly metrics: Metrics,
    private readonly opts: RelayOptions,
  ) {
    this.batchSize = opts.batchSize ?? 200;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  /** Stops claiming rows; waits for the batch in hand, and the commits' events under way, to be published. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.relistenTimer);
    this.nudge();
    await this.loop;
    // A publication that cannot finish (Redis away) is not waited for long: its rows stay
    // unpublished, for a poll of another replica or of this service's next start.
    let timer: NodeJS.Timeout | undefined;
    const settled = await Promise.race([
      Promise.allSettled([...this.committing]).then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), COMMITTED_STOP_WAIT_MS))),
    ]);
    clearTimeout(timer);
    if (!settled)
      this.logger.warn(
        { events: this.committedInHand },
        'stopped with events still being published at their commit; a poll will publish them',
      );
    const l = this.listener;
    this.listener = undefined;
    await l?.end().catch(() => undefined);
    this.redis?.disconnect();
    this.redis = undefined;
  }

  private connectRedis(clients: RedisClients): Redis | Cluster {
    // Commands fail (and the loop backs off) rather than wait while Redis is away. The marker and
    // the lock are single keys under the prefix: on a cluster, in the queues' own hash slot.
    const redis = clients.open({ maxRetriesPerRequest: 1, commandTimeout: 5000, connectionName: `${this.opts.schema}-relay` });
    redis.on('error', () => undefined);
    return redis;
  }

  /** Whether the relay holds a LISTEN connection now (otherwise it is polling while it makes one again). */
  get listening(): boolean {
    return this.listener !== undefined;
  }

  /**
   * Checks the marker that shows this Redis still holds what the relay published to it. When it is
   * missing (a new or emptied Redis), one replica, holding a lock in Redis, sends every retained
   * outbox row again to every subscriber, in the order they were written, then sets the marker.
   * Consumers apply each event once (their inbox table), so events already applied do nothing and
   * the ones the lost Redis held (waiting, active, delayed, failed) are delivered. Returns how many
   * rows it sent again (0 when the marker was there or another replica is doing it).
   */
  async checkRedis(): Promise<number> {
    const prefix = this.opts.prefix;
    if (!prefix || !this.opts.redis || this.queues.size === 0) return 0; // nothing is published to Redis by this service
    const redis = (this.redis ??= this.connectRedis(this.opts.redis));
    const marker = relayMarkerKey(prefix, this.opts.schema);
    if ((await redis.exists(marker)) === 1) return 0;
    const lock = relayRecoveryLockKey(prefix, this.opts.schema);
    // Taken, or still held by this relay after a round that failed part-way (it starts again).
    const taken = (await redis.set(lock, this.instance, 'PX', RECOVERY_LOCK_MS, 'NX')) === 'OK';
    if (!taken && (await redis.get(lock)) !== this.instance) return 0;
    this.metrics.redisLossDetected.inc();
    this.logger.warn(
      { schema: this.opts.schema },
      'no outbox relay marker in Redis (a new Redis or prefix, or one that lost its data): sending every retained event again',
    );
    let sent = 0;
    let after = '-1';
    for (;;) {
      const rows = (await this.db.$queryRawUnsafe(
        `SELECT seq::text AS seq, id::text AS id, type, version, envelope FROM outbox_event
         WHERE published_at IS NOT NULL AND seq > $1::bigint ORDER BY seq LIMIT $2`,
        after,
        this.batchSize,
      )) as (OutboxRow & { seq: string })[];
      if (rows.length === 0) break;
      for (const a of await this.enqueue(rows)) this.metrics.eventsReplayed.inc(a);
      sent += rows.length;
      after = rows[rows.length - 1]!.seq;
      // Still ours? A second loss mid-way took the lock with it: stop, and start again next round.
      if ((await redis.pexpire(lock, RECOVERY_LOCK_MS)) !== 1) {
        this.logger.warn({ schema: this.opts.schema, sent }, 'Redis lost its data again while events were being sent again');
        return sent;
      }
    }
    // The marker is set only if the lock survived, i.e. this Redis has held everything sent.
    const owner = await redis.get(lock);
    if (owner === this.instance) {
      await redis.set(marker, JSON.stringify({ since: new Date().toISOString(), replayed: sent }));
      await redis.del(lock);
      this.logger.warn({ schema: this.opts.schema, replayed: sent }, 'retained events sent again; consumers skip those already applied');
    }
    return sent;
  }

  /** Whether commits may hand their events to this relay now (OutboxWriter asks as it writes a row). */
  get accepting(): boolean {
    return this.running && this.queues.size > 0 && this.committedInHand < COMMITTED_IN_HAND_LIMIT;
  }

  /**
   * Publishes a committed transaction's events at once, then marks their rows published: the hop
   * from commit to queue without waiting for a NOTIFY to reach a relay and a claiming transaction.
   * It is not awaited by the committer; if Redis or PostgreSQL fails it, the rows stay unpublished
   * and a poll takes them once they are past the grace period. A poll that takes a row while it is
   * being published here adds the same job id again, which BullMQ ignores (and inboxes would too).
   */
  publishCommitted(envelopes: EventEnvelope[]): void {
    if (!this.running || envelopes.length === 0) return;
    const rows: OutboxRow[] = envelopes.map((e) => ({ id: e.id, type: e.type, version: e.version, envelope: e }));
    this.committedInHand += rows.length;
    const work = (async () => {
      try {
        await this.enqueue(rows);
        const marked = (await this.db.$queryRawUnsafe(
          `UPDATE outbox_event SET published_at = now() WHERE id = ANY($1::uuid[]) AND published_at IS NULL RETURNING type, version`,
          rows.map((r) => r.id),
        )) as { type: string; version: number }[];
        // Counted for the rows this marked (a poll that took one first counted it).
        for (const r of marked)
          for (const q of subscribersOf(r.type, r.version)) this.metrics.eventsPublished.inc({ type: r.type, queue: q.name });
      } catch (e) {
        this.logger.warn(
          { err: (e as Error).message, events: rows.length },
          'events not published at their commit; a poll will publish them',
        );
      } finally {
        this.committedInHand -= rows.length;
      }
    })();
    this.committing.add(work);
    void work.finally(() => this.committing.delete(work));
  }

  /**
   * Publishes one batch; returns how many rows it published. With `look` (a poll, rather than a
   * NOTIFY that says rows are there), it looks first, outside a transaction: most polls find
   * nothing, and one statement says so where the claiming transaction takes three. A poll takes
   * only rows past the grace period (younger ones are being published at their commit).
   */
  async publishBatch(look = true): Promise<number> {
    const graceSeconds = look ? (this.opts.commitGraceMs ?? 1000) / 1000 : 0;
    if (look) {
      const waiting = (await this.db.$queryRawUnsafe(
        `SELECT 1 AS one FROM outbox_event WHERE published_at IS NULL AND created_at <= now() - make_interval(secs => $1) LIMIT 1`,
        graceSeconds,
      )) as unknown[];
      if (waiting.length === 0) return 0;
    }
    // Counted once the rows are marked published: a transaction tried again (contention) or rolled
    // back re-adds jobs BullMQ already holds, which is not a second publication.
    let added: Added = [];
    const n = await this.db.$transaction(
      async (tx) => {
        const rows = (await tx.$queryRawUnsafe(
          `SELECT id::text AS id, type, version, envelope FROM outbox_event
           WHERE published_at IS NULL AND created_at <= now() - make_interval(secs => $2)
           ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
          this.batchSize,
          graceSeconds,
        )) as OutboxRow[];
        if (rows.length === 0) return 0;
        added = await this.enqueue(rows);
        await tx.$executeRawUnsafe(
          `UPDATE outbox_event SET published_at = now() WHERE id = ANY($1::uuid[])`,
          rows.map((r) => r.id),
        );
        return rows.length;
      },
      { timeout: 30_000, maxWait: 10_000 },
    );
    for (const a of added) this.metrics.eventsPublished.inc(a);
    return n;
  }

  /**
   * Adds one job per row to each subscriber's inbox, the event id as the job id (a second add is
   * ignored). The subscribers' queues are sent to at once, not one after another: an event three
   * services take reaches the third as soon as the first.
   */
  private async enqueue(rows: OutboxRow[]): Promise<Added> {
    const byQueue = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      for (const q of subscribersOf(row.type, row.version)) {
        byQueue.set(q.name, [...(byQueue.get(q.name) ?? []), row]);
      }
    }
    const targets = [...byQueue].map(([queue, list]) => {
      const target = this.queues.get(queue);
      if (!target) throw new Error(`${queue} is not registered with BullModule for this service`);
      return { queue, list, target };
    });
    const added = await Promise.all(
      targets.map(async ({ queue, list, target }) => {
        // Each traced row's publication is a span of the row's own trace (read from its envelope),
        // and the job carries that span's context: the consumer's job and handler continue the trace.
        const spans = list.map((r) =>
          r.envelope.trace && tracingEnabled()
            ? startSpan(`outbox publish ${r.type}`, {
                kind: SpanKind.PRODUCER,
                parent: contextFromCarrier(r.envelope.trace),
                attributes: { 'messaging.message.id': r.id, 'messaging.destination.name': queue, 'placewise.event.type': r.type },
              })
            : undefined,
        );
        try {
          await target.addBulk(
            list.map((r, i) => {
              const span = spans[i];
              const carrier = span && traceCarrier(trace.setSpan(ROOT_CONTEXT, span));
              return {
                name: r.type,
                data: r.envelope,
                opts: { ...EVENT_JOB_OPTIONS, jobId: r.id, ...(carrier ? { telemetry: { metadata: JSON.stringify(carrier) } } : {}) },
              };
            }),
          );
        } finally {
          for (const span of spans) span?.end();
        }
        await this.replicated(target);
        return list.map((r) => ({ type: r.type, queue }));
      }),
    );
    return added.flat();
  }

  /**
   * Waits until a replica of the queue's primary holds the jobs just added (if it has one), before
   * the rows are marked published: a primary killed now (a cluster or Sentinel failover) does not
   * take them with it. If no replica answers in time the rows are marked all the same (a second add
   * of the same job id would be ignored, so there is nothing to gain by holding them), and it is said.
   */
  private async replicated(target: Queue): Promise<void> {
    const client = (await target.backend.client) as unknown as Redis | Cluster;
    const acked = await waitForReplica(client, target.toKey(''));
    if (acked === 0) this.logger.warn({ queue: target.name }, 'no replica acknowledged the events just published in time');
  }

  /** Rows written but not yet published, and the age of the oldest in seconds. */
  async backlog(): Promise<{ pending: number; oldestSeconds: number }> {
    const [row] = (await this.db.$queryRawUnsafe(
      `SELECT count(*)::int AS pending,
              coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS "oldestSeconds"
       FROM outbox_event WHERE published_at IS NULL`,
    )) as { pending: number; oldestSeconds: number }[];
    return row!;
  }

  private async run(): Promise<void> {
    let failures = 0;
    // Whether this round is a poll (look before claiming) or follows a NOTIFY or a full batch.
    let look = true;
    while (this.running) {
      let published = 0;
      try {
        // The relay's own polling is not traced (a span every poll would bury the journeys); each
        // row it publishes gets a span in the row's own trace (see enqueue).
        published = await untraced(async () => {
          await this.checkRedis();
          return this.publishBatch(look);
        });
        failures = 0;
      } catch (e) {
        failures++;
        this.logger.warn({ err: (e as Error).message, failures }, 'outbox publish failed; will retry');
      }
      look = false;
      if (published === this.batchSize) continue;
      // A row committed while this round ran has had its NOTIFY: look again now, not at the next poll.
      if (this.nudged && !failures) {
        this.nudged = false;
        continue;
      }
      const poll = this.listener ? (this.opts.listeningPollMs ?? this.opts.pollMs) : this.opts.pollMs;
      const delay = failures ? Math.min(this.opts.pollMs * 2 ** failures, 10_000) : poll;
      this.nudged = false;
      let woken = false;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, delay);
        this.wake = () => {
          woken = true;
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
      look = !woken;
    }
  }

  /**
   * Holds a LISTEN connection for the outbox's channel. When it is lost (PostgreSQL restarted, the
   * backend terminated, the network cut), the relay polls meanwhile and makes it again, after
   * relistenMs and then doubling up to 10 s, for as long as the relay runs.
   */
  private async listen(): Promise<void> {
    if (!this.running) return;
    const client = new pg.Client({
      connectionString: this.opts.databaseUrl,
      keepAlive: true,
      application_name: 'placewise-outbox-listener',
    });
    let lost = false;
    const onLost = (why: string) => {
      if (lost) return;
      lost = true;
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
      if (!this.running) return;
      this.logger.warn({ why, schema: this.opts.schema }, 'outbox listener lost; polling until it is made again');
      this.scheduleRelisten();
    };
    client.on('notification', () => this.nudge());
    client.on('error', (e) => onLost(e.message));
    client.on('end', () => onLost('connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${outboxChannel(this.opts.schema)}`);
      if (lost) return;
      if (!this.running) {
        lost = true;
        await client.end().catch(() => undefined);
        return;
      }
      this.listener = client;
      if (this.relistenFailures > 0) this.logger.log({ schema: this.opts.schema }, 'outbox listener made again');
      this.relistenFailures = 0;
      this.metrics.outboxListening.set(1);
      // Rows committed while no one listened are picked up now rather than at the next poll.
      this.nudge();
    } catch (e) {
      onLost((e as Error).message);
    }
  }

  /** Wakes the loop if it is waiting; otherwise makes it go round again once the round in hand ends. */
  private nudge(): void {
    if (this.wake) this.wake();
    else this.nudged = true;
  }

  private scheduleRelisten(): void {
    this.metrics.outboxListening.set(0);
    clearTimeout(this.relistenTimer);
    const base = this.opts.relistenMs ?? 500;
    const delay = Math.min(base * 2 ** this.relistenFailures, 10_000);
    this.relistenFailures++;
    this.relistenTimer = setTimeout(() => void this.listen(), delay);
    this.relistenTimer.unref();
  }
}
