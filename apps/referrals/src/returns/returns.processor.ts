import { Inject, Logger, type BeforeApplicationShutdown, type Type } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, WorkerOptions } from 'bullmq';
import { RETURNS_QUEUE, type ExportJob } from './returns.queue.js';
import { ReturnsService } from './returns.service.js';

/**
 * The returns queue's worker: each job produces one return (ReturnsService.runExport), reporting
 * its progress. Like the inbox worker it is registered by the platform after the boot check, and
 * on shutdown it stops taking jobs and finishes the one in hand before the database is closed.
 */
export class ReturnsProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger('returns');

  // Named explicitly: the class has no class decorator of its own, so no constructor metadata is emitted.
  constructor(@Inject(ReturnsService) private readonly returns: ReturnsService) {
    super();
  }

  process(job: Job<ExportJob>): Promise<unknown> {
    return this.returns.runExport(job.data, (pct) => job.updateProgress(pct));
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error): void {
    this.logger.warn({ jobId: job?.id, err: err.message }, 'return export failed');
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
export function returnsProcessor(options: Pick<WorkerOptions, 'concurrency' | 'lockDuration'>): Type<ReturnsProcessor> {
  class ReferralsReturnsProcessor extends ReturnsProcessor {}
  Processor(RETURNS_QUEUE, options)(ReferralsReturnsProcessor);
  return ReferralsReturnsProcessor;
}
