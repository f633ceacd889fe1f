import { Controller, Get, Inject, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Job, Queue } from 'bullmq';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/decorators.js';
import { within } from '../db/contention.js';
import type { Principal } from '../auth/principal.js';
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
/** BullMQ job ids: an event id (UUID) or BullMQ's own numbers; anything else is a 400, not a Redis lookup. */
const JobIdParam = new ZodPipe(z.string().regex(/^[A-Za-z0-9:_-]{1,100}$/, 'must be a job id'));

/** How many failed jobs a council administrator's listing looks through (newest first). */
export const COUNCIL_SCAN_LIMIT = 10_000;
const BATCH = 500;

/**
 * Who sees what of the queues:
 * - `ops:deployment`, the deployment's operator: every council's failed jobs as metadata only (id,
 *   type, attempts, when, why it failed; no council, correlation id or payload), and replays them;
 * - `ops`, a council's administrator: only the jobs whose envelope names their council (with the
 *   correlation id, to follow the journey), and replays only those; another council's job is 404.
 */
function councilOf(user: Principal): string | null {
  return user.roles.includes('ops:deployment') ? null : user.localAuthority;
}

const jobCouncil = (j: Job) => (j.data as { localAuthority?: unknown } | undefined)?.localAuthority;

/** Queue health for ops: counts, the outbox backlog, failed jobs and their replay, scoped as above. */
@ApiTags('ops')
@ApiBearerAuth()
@Roles('ops', 'ops:deployment')
@Controller('ops')
export class OpsController {
  constructor(
    @Inject(INBOX_QUEUE) private readonly inbox: Queue,
    private readonly relay: OutboxRelay,
  ) {}

  /** The inbox queue's job counts and the outbox backlog (numbers only, for every council together). */
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
  async failed(@CurrentUser() user: Principal, @Query(new ZodPipe(Page)) page: z.infer<typeof Page>) {
    const council = councilOf(user);
    const jobs =
      council === null
        ? await redis(this.inbox.getFailed(page.start, page.start + page.count - 1))
        : (await this.councilFailed(council)).slice(page.start, page.start + page.count);
    return jobs.map((j) => ({
      jobId: j.id ?? null,
      type: j.name,
      attemptsMade: j.attemptsMade,
      failedReason: j.failedReason ?? null,
      finishedOn: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
      correlationId: council === null ? null : ((j.data as { correlationId?: string })?.correlationId ?? null),
    }));
  }

  /** Replays one failed job (its effect still happens at most once: the inbox remembers the event id). */
  @ApiOkResponse({ schema: openApi(RetriedView) })
  @Post('queue/failed/:jobId/retry')
  async retry(@CurrentUser() user: Principal, @Param('jobId', JobIdParam) jobId: string) {
    const council = councilOf(user);
    const job = await redis(this.inbox.getJob(jobId));
    if (!job || !(await redis(job.isFailed())) || (council !== null && jobCouncil(job) !== council)) {
      throw new NotFoundException(`no failed job ${jobId}`);
    }
    await redis(job.retry('failed'));
    return { jobId, retried: true };
  }

  @ApiOkResponse({ schema: openApi(RetriedAllView) })
  @Post('queue/failed/retry-all')
  async retryAll(@CurrentUser() user: Principal) {
    const council = councilOf(user);
    if (council === null) {
      const before = await redis(this.inbox.getFailedCount());
      await redis(this.inbox.retryJobs({ state: 'failed' }));
      return { retried: before };
    }
    let retried = 0;
    for (const job of await this.councilFailed(council)) {
      try {
        await redis(job.retry('failed'));
        retried++;
      } catch {
        // Retried meanwhile (by another replica or person): nothing to do.
      }
    }
    return { retried };
  }

  /** A council's failed jobs, newest first, among the most recent COUNCIL_SCAN_LIMIT. */
  private async councilFailed(council: string): Promise<Job[]> {
    const mine: Job[] = [];
    for (let start = 0; start < COUNCIL_SCAN_LIMIT; start += BATCH) {
      const batch = await redis(this.inbox.getFailed(start, start + BATCH - 1));
      mine.push(...batch.filter((j) => j && jobCouncil(j) === council));
      if (batch.length < BATCH) break;
    }
    return mine;
  }
}
