import { Inject, Logger, type Type } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job, type WorkerOptions } from 'bullmq';
import { InboxDispatcher, type DispatchResult } from './inbox.js';

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

  process(job: Job): Promise<DispatchResult> {
    return this.dispatcher.process(job);
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
export type InboxWorkerOptions = Pick<WorkerOptions, 'concurrency' | 'lockDuration' | 'stalledInterval'>;

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
