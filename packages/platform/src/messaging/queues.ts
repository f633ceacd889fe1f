import { Queue, type JobsOptions } from 'bullmq';

/** How every event job is retried and kept. Failed jobs are never removed: ops replays or clears them. */
export const EVENT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
  removeOnFail: false,
};

export interface QueueConnection {
  redisUrl: string;
  prefix: string;
}

/** One BullMQ Queue per name, created on first use and closed together. */
export class QueueRegistry {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly conn: QueueConnection) {}

  get(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: { url: this.conn.redisUrl }, prefix: this.conn.prefix });
      this.queues.set(name, q);
    }
    return q;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}
