import { Inject, Logger, type BeforeApplicationShutdown, type Type } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, WorkerOptions } from 'bullmq';
import { MAIL_QUEUE, MailService } from './mail.service.js';

/**
 * The mail queue's worker: each job (`send`, `digest`, `sweep`) goes to MailService.process. Like
 * the inbox worker it is registered by the platform after the boot check, and on shutdown it stops
 * taking jobs and finishes the one in hand before the database is closed.
 */
export class MailProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger('mail');

  // Named explicitly: the class has no class decorator of its own, so no constructor metadata is emitted.
  constructor(@Inject(MailService) private readonly mail: MailService) {
    super();
  }

  process(job: Job, token?: string): Promise<unknown> {
    return this.mail.process(job, token);
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.error(`mail worker error: ${err.message}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    // The worker exists once the platform has registered the processors (not if start-up failed first).
    let worker;
    try {
      worker = this.worker;
    } catch {
      return;
    }
    await worker.close();
  }
}

/** The processor class with this deployment's worker settings (@Processor takes them at class definition). */
export function mailProcessor(
  options: Pick<WorkerOptions, 'concurrency' | 'lockDuration' | 'stalledInterval' | 'maxStalledCount'>,
): Type<MailProcessor> {
  class NotificationsMailProcessor extends MailProcessor {}
  Processor(MAIL_QUEUE, options)(NotificationsMailProcessor);
  return NotificationsMailProcessor;
}
