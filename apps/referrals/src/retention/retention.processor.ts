import { Inject, Logger, type BeforeApplicationShutdown, type Type } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, WorkerOptions } from 'bullmq';
import { RETENTION_QUEUE } from './retention.queue.js';
import { RetentionService } from './retention.service.js';

/**
 * The retention queue's worker: each `sweep` erases the records whose retention has ended. Registered by the
 * platform after the boot check like every worker; on shutdown it finishes the sweep in hand (each child's
 * erasure is its own transaction, so a sweep cut short leaves the rest for the next).
 */
export class RetentionProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger('retention');

  // Named explicitly: the class has no class decorator of its own, so no constructor metadata is emitted.
  constructor(@Inject(RetentionService) private readonly retention: RetentionService) {
    super();
  }

  async process(job: Job): Promise<string> {
    if (job.name !== 'sweep') throw new Error(`unknown retention job ${job.name}`);
    return `${await this.retention.sweep()} records erased`;
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error): void {
    this.logger.warn({ jobId: job?.id, err: err.message }, 'retention sweep failed');
  }

  async beforeApplicationShutdown(): Promise<void> {
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
export function retentionProcessor(options: Pick<WorkerOptions, 'concurrency' | 'lockDuration'>): Type<RetentionProcessor> {
  class ReferralsRetentionProcessor extends RetentionProcessor {}
  Processor(RETENTION_QUEUE, options)(ReferralsRetentionProcessor);
  return ReferralsRetentionProcessor;
}
