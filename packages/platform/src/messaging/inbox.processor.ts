import { Inject, Logger, type Type } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, UnrecoverableError, type Job, type WorkerOptions } from 'bullmq';
import type { BaseEnv } from '../config/env.js';
import { dependencyFailure } from '../db/contention.js';
import { InboxDispatcher, type DispatchResult } from './inbox.js';

/**
 * How long an event waits before it is tried again while the database does not answer. Such a try
 * spends no attempt: an outage is not the event's fault, so its events wait for the database
 * however long it is away (as the outbox's do), rather than failing after the 8 attempts' minute.
 */
export const OUTAGE_RETRY_MS = 5000;

/** The service's inbox processor (whatever class inboxProcessor() made for it). */
export const INBOX_PROCESSOR = Symbol('placewise:inbox-processor');

/**
 * The inbox consumer as a BullMQ WorkerHost: each job goes to InboxDispatcher.process, which applies
 * the event once (the inbox table) or fails it (terminal for an invalid event, retried otherwise).
 */
export class InboxProcessor extends WorkerHost {
  private readonly logger = new Logger('inbox');

  constructor(@Inject(InboxDispatcher) private readonly dispatcher: InboxDispatcher) {
    super();
  }

  async process(job: Job, token?: string): Promise<DispatchResult> {
    try {
      return await this.dispatcher.process(job);
    } catch (e) {
      const failure = dependencyFailure(e);
      if (token && !(e instanceof UnrecoverableError) && failure?.dependency === 'database' && failure.kind === 'unavailable') {
        this.logger.warn({
          msg: 'database not answering: the event waits for it',
          jobId: job.id,
          type: job.name,
          retryInMs: OUTAGE_RETRY_MS,
        });
        await job.moveToDelayed(Date.now() + OUTAGE_RETRY_MS, token);
        throw new DelayedError();
      }
      throw e;
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error): void {
    if (!job) return;
    const terminal = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger.warn({ jobId: job.id, type: job.name, attempt: job.attemptsMade, terminal, err: err.message }, 'event failed');
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.error({ err: err.message }, 'worker error');
  }
}

/** Worker settings from the environment. */
export type InboxWorkerOptions = Pick<WorkerOptions, 'concurrency' | 'lockDuration' | 'stalledInterval' | 'maxStalledCount'>;

/**
 * Every worker's settings (the inbox's, panels' timers'): WORKER_CONCURRENCY jobs at once, a lock
 * of WORKER_LOCK_MS (renewed every half of it while the job runs), and a stall check every half of
 * it. A job whose worker died is taken back when its lock has expired, at the next check: within
 * 1.5 x WORKER_LOCK_MS of the death (15 s by default), by any worker of the queue that is running
 * (or the dead one's replacement once it starts). A job that stalls twice is failed, kept for ops.
 */
export function workerOptions(env: Pick<BaseEnv, 'WORKER_CONCURRENCY' | 'WORKER_LOCK_MS'>): InboxWorkerOptions {
  return {
    concurrency: env.WORKER_CONCURRENCY,
    lockDuration: env.WORKER_LOCK_MS,
    stalledInterval: Math.ceil(env.WORKER_LOCK_MS / 2),
    maxStalledCount: 2,
  };
}

/** The longest a job whose worker died waits before another worker takes it (see workerOptions). */
export function redeliveryBoundMs(env: Pick<BaseEnv, 'WORKER_LOCK_MS'>): number {
  return env.WORKER_LOCK_MS + Math.ceil(env.WORKER_LOCK_MS / 2);
}

/**
 * A processor class for one inbox queue: @Processor needs the queue name at class definition, and
 * the name is per service, so PlatformModule.forRoot makes the class here.
 */
export function inboxProcessor(queueName: string, workerOptions: InboxWorkerOptions): Type<InboxProcessor> {
  class ServiceInboxProcessor extends InboxProcessor {}
  Object.defineProperty(ServiceInboxProcessor, 'name', { value: `InboxProcessor(${queueName})` });
  Processor(queueName, workerOptions)(ServiceInboxProcessor);
  return ServiceInboxProcessor;
}
