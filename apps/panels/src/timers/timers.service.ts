import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { APPROVER_ORDER, CaseEscalatedV1, type ApproverTier } from '@placewise/contracts';
import { ENV, OutboxWriter } from '@placewise/platform';
import type { Job, Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CasesRepository, type StoredCase } from '../cases/cases.repository.js';
import type { PanelsEnv } from '../env.js';
import { RoutingService } from '../panels/routing.service.js';
import type { Tx } from '../prisma.service.js';
import { TimerKind, type TimerSource } from '../stored-enums.js';
import { TIMERS_QUEUE } from './timers.queue.js';
import { TimersRepository } from './timers.repository.js';

export { TIMERS_QUEUE } from './timers.queue.js';
const SWEEP_SCHEDULER = 'panels-timer-sweep';

/** A timer job's data (parsed when the job runs: a job queued by an older build is checked, not trusted). */
export const Timer = z.object({
  caseId: z.uuid(),
  localAuthority: z.string(),
  kind: TimerKind,
  /** The deadline the timer belongs to (ms since the epoch). */
  deadline: z.number().int(),
  /** When it fires (ms since the epoch). */
  fireAt: z.number().int(),
});
export type Timer = z.infer<typeof Timer>;
export type FireResult = 'fired' | 'duplicate' | 'stale' | 'closed' | 'early';

/** Another feature's timers on this queue (the statutory clocks): its jobs by name, and its part of every sweep. */
export interface TimerHandler {
  jobName: string;
  process(job: Job): Promise<unknown>;
  sweep(now: number): Promise<unknown>;
}

/** The job id of a timer: the same case, kind and deadline always give the same job, so rescheduling merges. */
export const timerJobId = (t: Pick<Timer, 'caseId' | 'kind' | 'deadline'>) => `timer_${t.caseId}_${t.kind}_${t.deadline}`;

/** The timers a case's deadline sets: a reminder before it (if that is after the case opened) and the escalation at it. */
export function timersFor(
  c: { id: string; localAuthority: string; decisionDue: Date | null; openedAt: Date; retrospective: boolean },
  reminderLeadMs: number,
): Timer[] {
  if (!c.decisionDue) return [];
  const deadline = c.decisionDue.getTime();
  const out: Timer[] = [];
  if (reminderLeadMs > 0 && deadline - reminderLeadMs > c.openedAt.getTime())
    out.push({ caseId: c.id, localAuthority: c.localAuthority, kind: 'REMINDER', deadline, fireAt: deadline - reminderLeadMs });
  out.push({
    caseId: c.id,
    localAuthority: c.localAuthority,
    kind: c.retrospective ? 'RETROSPECTIVE_OVERDUE' : 'DECISION_OVERDUE',
    deadline,
    fireAt: deadline,
  });
  return out;
}

/** Who a late decision goes to: the next tier; a late retrospective approval to the assistant director at least. */
export function escalationTarget(kind: TimerKind, from: ApproverTier): ApproverTier {
  if (kind === 'REMINDER') return from;
  const i = APPROVER_ORDER.indexOf(from);
  const next = APPROVER_ORDER[Math.min(i + 1, APPROVER_ORDER.length - 1)]!;
  if (kind === 'RETROSPECTIVE_OVERDUE' && i < APPROVER_ORDER.indexOf('AD')) return 'AD';
  return next;
}

/**
 * Decision deadlines as timers. Each timer is a BullMQ delayed job whose id is derived from the
 * case, kind and deadline; a periodic sweep (a BullMQ job scheduler) recomputes the due timers from
 * the database, fires the overdue ones and re-adds the upcoming ones, so a Redis that lost
 * everything, or any number of restarts, loses no deadline. A timer takes effect once: the
 * escalation row's unique key (case, kind, deadline) is written in the same transaction as its effects.
 */
@Injectable()
export class TimersService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('timers');
  private keepAlive?: NodeJS.Timeout;
  private readonly handlers = new Map<string, TimerHandler>();

  constructor(
    @Inject(ENV) private readonly env: PanelsEnv,
    @InjectQueue(TIMERS_QUEUE) private readonly queue: Queue,
    private readonly timers: TimersRepository,
    private readonly cases: CasesRepository,
    private readonly routing: RoutingService,
    private readonly outbox: OutboxWriter,
  ) {}

  /** The timers' worker is the TimersProcessor (started with the inbox worker, after the boot check); this keeps the sweep scheduled. */
  async onApplicationBootstrap(): Promise<void> {
    await this.ensureScheduler();
    // If Redis loses its keys while we run, the scheduler comes back within one interval.
    this.keepAlive = setInterval(
      () => void this.ensureScheduler().catch((e: Error) => this.logger.warn({ err: e.message }, 'cannot schedule the sweep')),
      this.env.TIMER_SWEEP_MS,
    );
    this.keepAlive.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.keepAlive);
  }

  private ensureScheduler() {
    return this.queue.upsertJobScheduler(
      SWEEP_SCHEDULER,
      { every: this.env.TIMER_SWEEP_MS },
      { name: 'sweep', opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }

  /** Registers another feature's timers (at module init, before the worker starts). */
  register(handler: TimerHandler): void {
    if (handler.jobName === 'sweep' || handler.jobName === 'timer' || this.handlers.has(handler.jobName))
      throw new Error(`timer jobs named "${handler.jobName}" already have a handler`);
    this.handlers.set(handler.jobName, handler);
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === 'sweep') return this.sweep();
    const other = this.handlers.get(job.name);
    if (other) return other.process(job);
    const t = Timer.parse(job.data);
    return this.fire(t, 'JOB');
  }

  /** Adds the delayed jobs for these timers (a timer already queued is left as it is). */
  async schedule(timers: Timer[], minDelayMs = 0): Promise<void> {
    if (!timers.length) return;
    const now = Date.now();
    await this.queue.addBulk(
      timers.map((t) => ({
        name: 'timer',
        data: t,
        opts: {
          jobId: timerJobId(t),
          delay: Math.max(t.fireAt - now, minDelayMs),
          attempts: 8,
          backoff: { type: 'exponential', delay: 500 },
          removeOnComplete: { age: 7 * 86_400 },
          removeOnFail: false,
        },
      })),
    );
  }

  /** Schedules a case's timers (from a handler, inside its transaction: a job that runs before the commit finds nothing and the sweep fires it). */
  scheduleCase(c: Pick<StoredCase, 'id' | 'localAuthority' | 'decisionDue' | 'openedAt' | 'retrospective'>): Promise<void> {
    return this.schedule(timersFor(c, this.env.REMINDER_LEAD_MS), 250);
  }

  /** Recomputes due timers from the database: fires the overdue ones, queues those due before the next sweeps. */
  async sweep(now = Date.now()): Promise<{ fired: number; queued: number; carriedOver: number }> {
    const horizon = now + 3 * this.env.TIMER_SWEEP_MS;
    const rows = await this.timers.due(new Date(horizon), this.env.REMINDER_LEAD_MS);
    const overdue: Timer[] = [];
    const upcoming: Timer[] = [];
    for (const r of rows) {
      const kinds = timersFor(r, this.env.REMINDER_LEAD_MS).filter((t) => !r.fired.includes(t.kind));
      // A deadline already passed makes its reminder pointless.
      const deadlinePassed = kinds.some((t) => t.kind !== 'REMINDER' && t.fireAt <= now);
      for (const t of kinds) {
        if (t.kind === 'REMINDER' && deadlinePassed) continue;
        (t.fireAt <= now ? overdue : upcoming).push(t);
      }
    }
    let fired = 0;
    for (const t of overdue) if ((await this.fire(t, 'SWEEP')) === 'fired') fired++;
    await this.schedule(upcoming);
    const carriedOver = await this.routing.carryOver(new Date(now));
    for (const h of this.handlers.values()) await h.sweep(now);
    return { fired, queued: upcoming.length, carriedOver };
  }

  /** Applies a timer once: records it under its unique key, escalates or reminds, and emits case.escalated, in one transaction. */
  async fire(t: Timer, by: TimerSource): Promise<FireResult> {
    const now = Date.now();
    if (now < t.fireAt) return 'early';
    let next: StoredCase | null = null;
    const result = await this.timers.db.$transaction(async (tx): Promise<FireResult> => {
      const c = await this.cases.lock(t.localAuthority, t.caseId, tx);
      if (!c || c.status !== 'OPEN') return 'closed';
      if (c.decisionDue?.getTime() !== t.deadline) return 'stale';
      const from = c.approver;
      const to = escalationTarget(t.kind, from);
      const firedAt = new Date(now);
      const deadline = new Date(t.deadline);
      if (
        !(await this.timers.record(tx, {
          id: randomUUID(),
          caseId: c.id,
          localAuthority: c.localAuthority,
          kind: t.kind,
          deadline,
          fromTier: from,
          toTier: to,
          firedAt,
          firedBy: by,
        }))
      )
        return 'duplicate';
      if (t.kind !== 'REMINDER') next = await this.escalate(tx, c, to, firedAt);
      const notify =
        t.kind === 'REMINDER'
          ? c.panel
            ? [from, 'panel-chair', 'panel-admin']
            : [from]
          : [...new Set([to, from, ...(c.panel ? ['panel-chair', 'panel-admin'] : [])])];
      await this.cases.audit(tx, c, t.kind === 'REMINDER' ? 'case.reminded' : 'case.escalated', 'panels', {
        kind: t.kind,
        fromTier: from,
        toTier: to,
        deadline: deadline.toISOString(),
        lateMs: now - t.deadline,
        firedBy: by,
      });
      await this.outbox.append(
        tx,
        CaseEscalatedV1,
        {
          caseId: c.id,
          requestId: c.requestId,
          kind: t.kind,
          fromTier: from,
          toTier: to,
          deadline: deadline.toISOString(),
          escalatedAt: firedAt.toISOString(),
          notify,
        },
        { localAuthority: c.localAuthority, correlationId: c.correlationId },
      );
      return 'fired';
    });
    if (result === 'fired') {
      if (next)
        await this.scheduleCase(next).catch((e: Error) =>
          this.logger.warn({ caseId: t.caseId, err: e.message }, 'next deadline not queued; the sweep will'),
        );
    }
    return result;
  }

  /**
   * A late decision goes to the next tier (a late retrospective approval to the assistant director):
   * the named approver decides it now, off any panel's agenda, by a new deadline. At the director
   * there is nobody higher: the deadline stays and no further escalation follows.
   */
  private async escalate(tx: Tx, c: StoredCase, to: ApproverTier, at: Date): Promise<StoredCase | null> {
    if (to === c.approver) return null;
    await this.routing.closeAgenda(tx, c, 'ESCALATED');
    return this.cases.update(tx, c, {
      approver: to,
      panel: null,
      sittingId: null,
      decisionDue: new Date(at.getTime() + this.env.ESCALATION_GRACE_MS),
    });
  }
}
