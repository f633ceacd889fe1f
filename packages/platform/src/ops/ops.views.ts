import { z } from 'zod';

/**
 * What /ops/queue answers with, for every service's OpenAPI document (and so the typed web
 * clients); the services' integration tests parse real answers with these.
 */
const Count = z.number().int().min(0);

/** A service's inbox queue (job counts by state) and its outbox backlog. */
export const QueueStatusView = z.object({
  /** The inbox queue's name, e.g. "commissioning-inbox". */
  queue: z.string(),
  counts: z.object({ waiting: Count, active: Count, delayed: Count, failed: Count, completed: Count }),
  outbox: z.object({
    /** Events written but not yet published. */
    pending: Count,
    /** How long the oldest unpublished event has waited, in seconds (0 when none is waiting). */
    oldestSeconds: z.number().min(0),
  }),
});

/** A failed inbox job, to look at and replay. */
export const FailedJobView = z.object({
  jobId: z.string().nullable(),
  type: z.string(),
  attemptsMade: Count,
  failedReason: z.string().nullable(),
  finishedOn: z.string().nullable(),
  correlationId: z.string().nullable(),
});

export const RetriedView = z.object({ jobId: z.string(), retried: z.literal(true) });
export const RetriedAllView = z.object({ retried: Count });
