import { Logger } from '@nestjs/common';
import { subscribersOf, type EventEnvelope } from '@placewise/contracts';
import pg from 'pg';
import type { Database } from '../db/database.js';
import type { Metrics } from '../metrics/metrics.js';
import { outboxChannel } from './outbox.js';
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
  pollMs: number;
  batchSize?: number;
}

/**
 * Publishes committed outbox rows to the inbox queue of every subscriber, with the event id as the
 * job id. Rows are claimed with FOR UPDATE SKIP LOCKED, so any number of replicas can relay at once
 * without publishing a row twice; a crash between publishing and marking only re-adds a job whose id
 * BullMQ already holds (and consumers' inboxes make even a real redelivery harmless).
 * It wakes on NOTIFY (sent by the writer, delivered at commit) and polls as a fallback.
 */
export class OutboxRelay {
  private readonly logger = new Logger('outbox-relay');
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private listener?: pg.Client;
  private readonly batchSize: number;

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

  /** Stops claiming rows; waits for the batch in hand to be published. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  /** Publishes one batch; returns how many rows it published. */
  async publishBatch(): Promise<number> {
    return this.db.$transaction(
      async (tx) => {
        const rows = (await tx.$queryRawUnsafe(
          `SELECT id::text AS id, type, version, envelope FROM outbox_event
           WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
          this.batchSize,
        )) as OutboxRow[];
        if (rows.length === 0) return 0;
        const byQueue = new Map<string, OutboxRow[]>();
        for (const row of rows) {
          for (const q of subscribersOf(row.type, row.version)) {
            byQueue.set(q.name, [...(byQueue.get(q.name) ?? []), row]);
          }
        }
        for (const [queue, list] of byQueue) {
          const target = this.queues.get(queue);
          if (!target) throw new Error(`${queue} is not registered with BullModule for this service`);
          await target.addBulk(list.map((r) => ({ name: r.type, data: r.envelope, opts: { ...EVENT_JOB_OPTIONS, jobId: r.id } })));
          for (const r of list) this.metrics.eventsPublished.inc({ type: r.type, queue });
        }
        await tx.$executeRawUnsafe(
          `UPDATE outbox_event SET published_at = now() WHERE id = ANY($1::uuid[])`,
          rows.map((r) => r.id),
        );
        return rows.length;
      },
      { timeout: 30_000, maxWait: 10_000 },
    );
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
    while (this.running) {
      let published = 0;
      try {
        published = await this.publishBatch();
        failures = 0;
      } catch (e) {
        failures++;
        this.logger.warn({ err: (e as Error).message, failures }, 'outbox publish failed; will retry');
      }
      if (published === this.batchSize) continue;
      const delay = failures ? Math.min(this.opts.pollMs * 2 ** failures, 10_000) : this.opts.pollMs;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.opts.databaseUrl });
    client.on('notification', () => this.wake?.());
    client.on('error', (e) => {
      // Polling carries on; a new listener is made on the next start.
      this.logger.warn({ err: e.message }, 'outbox listener lost; falling back to polling');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${outboxChannel(this.opts.schema)}`);
      this.listener = client;
    } catch (e) {
      this.logger.warn({ err: (e as Error).message }, 'outbox listener unavailable; polling only');
      await client.end().catch(() => undefined);
    }
  }
}
