import { Controller, Get, Inject, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { inboxOf } from '@placewise/contracts';
import { z } from 'zod';
import { Roles } from '../auth/decorators.js';
import { ZodPipe } from '../http/zod.js';
import { OutboxRelay } from '../messaging/relay.js';
import { QueueRegistry } from '../messaging/queues.js';
import { SERVICE_NAME } from '../tokens.js';

const Page = z.object({ start: z.coerce.number().int().min(0).default(0), count: z.coerce.number().int().min(1).max(500).default(50) });

/** Queue health for ops: counts, the outbox backlog, failed jobs and their replay. */
@ApiTags('ops')
@ApiBearerAuth()
@Roles('ops')
@Controller('ops')
export class OpsController {
  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    private readonly queues: QueueRegistry,
    private readonly relay: OutboxRelay,
  ) {}

  private get inbox() {
    return this.queues.get(inboxOf(this.service).name);
  }

  @Get('queue')
  async status() {
    const counts = await this.inbox.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
    return { queue: this.inbox.name, counts, outbox: await this.relay.backlog() };
  }

  @Get('queue/failed')
  async failed(@Query(new ZodPipe(Page)) page: z.infer<typeof Page>) {
    const jobs = await this.inbox.getFailed(page.start, page.start + page.count - 1);
    return jobs.map((j) => ({
      jobId: j.id,
      type: j.name,
      attemptsMade: j.attemptsMade,
      failedReason: j.failedReason,
      finishedOn: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
      correlationId: (j.data as { correlationId?: string })?.correlationId ?? null,
    }));
  }

  /** Replays one failed job (its effect still happens at most once: the inbox remembers the event id). */
  @Post('queue/failed/:jobId/retry')
  async retry(@Param('jobId') jobId: string) {
    const job = await this.inbox.getJob(jobId);
    if (!job || !(await job.isFailed())) throw new NotFoundException(`no failed job ${jobId}`);
    await job.retry('failed');
    return { jobId, retried: true };
  }

  @Post('queue/failed/retry-all')
  async retryAll() {
    const before = await this.inbox.getFailedCount();
    await this.inbox.retryJobs({ state: 'failed' });
    return { retried: before };
  }
}
