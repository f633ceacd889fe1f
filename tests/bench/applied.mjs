// Which events each service has applied, from its inbox queue's completed events (BullMQ
// QueueEvents): a benchmark waits on them rather than polling the services over HTTP, so it adds no
// load of its own to the machine it measures.
import { SERVICE_NAMES } from '@placewise/platform/launcher';
import { Queue, QueueEvents } from 'bullmq';

/**
 * Watches the five inbox queues under `prefix`. `applied(queue, type, correlationId)` resolves once
 * that queue has completed an event of that type in that journey (at once if it already has);
 * `jobsDone()` counts the jobs completed so far; `close()` stops watching.
 */
export async function watchInboxes(redisUrl, prefix) {
  const waiters = new Map();
  const seen = new Set();
  const opened = [];
  let done = 0;
  for (const name of SERVICE_NAMES.map((s) => `${s}-inbox`)) {
    const queue = new Queue(name, { connection: { url: redisUrl }, prefix });
    const qe = new QueueEvents(name, { connection: { url: redisUrl }, prefix });
    opened.push(qe, queue);
    await qe.waitUntilReady();
    qe.on('completed', ({ jobId }) => {
      done++;
      queue
        .getJob(jobId)
        .then((job) => {
          if (!job) return;
          const key = `${name}:${job.name}:${job.data.correlationId}`;
          seen.add(key);
          for (const w of waiters.get(key) ?? []) w();
          waiters.delete(key);
        })
        // A job completed as the watch closes (a late notification, say) is read from a closed
        // connection: nothing waits for it any more.
        .catch(() => undefined);
    });
  }
  return {
    applied(queue, type, correlationId) {
      const key = `${queue}:${type}:${correlationId}`;
      if (seen.has(key)) return Promise.resolve();
      return new Promise((resolve) => waiters.set(key, [...(waiters.get(key) ?? []), resolve]));
    },
    jobsDone: () => done,
    close: () => Promise.all(opened.map((o) => o.close())),
  };
}
