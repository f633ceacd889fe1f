import { Controller, Get, Inject, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import { z } from 'zod';
import { Roles } from '../auth/decorators.js';
import { within } from '../db/contention.js';
import { ApiQueryFrom, ZodPipe, openApi } from '../http/zod.js';
import { OutboxRelay } from '../messaging/relay.js';
import { INBOX_QUEUE } from '../messaging/queues.js';
import { FailedJobView, QueueStatusView, RetriedAllView, RetriedView } from './ops.views.js';

/**
 * How long an ops call waits for Redis: BullMQ's connection holds commands while Redis is away, so
 * without a limit the page would hang for the whole outage. Past it: 503 with Retry-After.
 */
const REDIS_WAIT_MS = 3000;
const redis = <T>(p: Promise<T>) => within(p, REDIS_WAIT_MS, 'redis');

const Page = z.object({ start: z.coerce.number().int().min(0).default(0), count: z.coerce.number().int().min(1).max(500).default(50) });

/** Queue health for ops: counts, the outbox backlog, failed jobs and their replay. */
@ApiTags('ops')
@ApiBearerAuth()
@Roles('ops')
@Controller('ops')
export class OpsController {
  constructor(
    @Inject(INBOX_QUEUE) private readonly inbox: Queue,
    private readonly relay: OutboxRelay,
  ) {}

  /** The inbox queue's job counts and the outbox backlog. */
  @ApiOkResponse({ schema: openApi(QueueStatusView) })
  @Get('queue')
  async status(): Promise<z.infer<typeof QueueStatusView>> {
    const c = await redis(this.inbox.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed'));
    const counts = {
      waiting: c.waiting ?? 0,
      active: c.active ?? 0,
      delayed: c.delayed ?? 0,
      failed: c.failed ?? 0,
      completed: c.completed ?? 0,
    };
    return { queue: this.inbox.name, counts, outbox: await this.relay.backlog() };
  }

  @ApiOkResponse({ schema: openApi(z.array(FailedJobView)) })
  @ApiQueryFrom(Page)
  @Get('queue/failed')
  async failed(@Query(new ZodPipe(Page)) page: z.infer<typeof Page>) {
    const jobs = await redis(this.inbox.getFailed(page.start, page.start + page.count - 1));
    return jobs.map((j) => ({
      jobId: j.id ?? null,
      type: j.name,
      attemptsMade: j.attemptsMade,
      failedReason: j.failedReason ?? null,
      finishedOn: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
      correlationId: (j.data as { correlationId?: string })?.correlationId ?? null,
    }));
  }

  /** Replays one failed job (its effect still happens at most once: the inbox remembers the event id). */
  @ApiOkResponse({ schema: openApi(RetriedView) })
  @Post('queue/failed/:jobId/retry')
  async retry(@Param('jobId') jobId: string) {
    const job = await redis(this.inbox.getJob(jobId));
    if (!job || !(await redis(job.isFailed()))) throw new NotFoundException(`no failed job ${jobId}`);
    await redis(job.retry('failed'));
    return { jobId, retried: true };
  }

  @ApiOkResponse({ schema: openApi(RetriedAllView) })
  @Post('queue/failed/retry-all')
  async retryAll() {
    const before = await redis(this.inbox.getFailedCount());
    await redis(this.inbox.retryJobs({ state: 'failed' }));
    return { retried: before };
  }
}
