import { Inject, Logger, type BeforeApplicationShutdown, type Type } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, WorkerOptions } from 'bullmq';
import { TIMERS_QUEUE } from './timers.queue.js';
import { TimersService } from './timers.service.js';

/**
 * The timers queue's worker: each job (a decision timer, a statutory clock's timer, or the sweep) goes to TimersService.process. Like
 * the inbox worker it is registered by the platform after the boot check, and on shutdown it stops
 * taking jobs and finishes the one in hand before the database is closed.
 */
export class TimersProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger('timers');

  // Named explicitly: the class has no class decorator of its own, so no constructor metadata is emitted.
  constructor(@Inject(TimersService) private readonly timers: TimersService) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return this.timers.process(job);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error): void {
    this.logger.warn({ jobId: job?.id, err: err.message }, 'timer failed');
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.error({ err: err.message }, 'timer worker error');
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
export function timersProcessor(
  options: Pick<WorkerOptions, 'concurrency' | 'lockDuration' | 'stalledInterval' | 'maxStalledCount'>,
): Type<TimersProcessor> {
  class PanelsTimersProcessor extends TimersProcessor {}
  Processor(TIMERS_QUEUE, options)(PanelsTimersProcessor);
  return PanelsTimersProcessor;
}
