import { ConflictException, ForbiddenException, Inject, Injectable, Logger, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { ClockEscalatedV1, ClockRemindedV1, type DeadlinePurpose } from '@placewise/contracts';
import { addCalendarDays, addMonths, asDate, londonDayOf, londonToday, startOfLondonDay } from '@placewise/contracts/dates';
import { ENV, OutboxWriter, ValidationFailed, type Principal } from '@placewise/platform';
import type { Job, Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { PanelsEnv } from '../env.js';
import type { Tx } from '../prisma.service.js';
import type { TimerSource } from '../stored-enums.js';
import { TIMERS_QUEUE } from '../timers/timers.queue.js';
import { TimersService, type FireResult } from '../timers/timers.service.js';
import {
  ClockRole,
  NEXT_TIER,
  CHILD_LEVEL,
  OWNER,
  REVIEW_SERIES,
  ROLE_WORDS,
  clockState,
  clockTimes,
  clockWhat,
  dayInWords,
  isChildReview,
  mayComplete,
  mayReadOthers,
  nextReview,
  seriesOf,
  type ClockEventKind,
  type ClockPurpose,
} from './clock-rules.js';
import type { CompleteClock, DueQuery, IndicatorsQuery } from './clocks.dto.js';
import { KIND_WORDS, clockIndicators, monthInWords, monthsBetween } from './clock-indicators.js';
import { ClocksRepository, type StoredClock, type StoredClockEvent } from './clocks.repository.js';

/** A clock timer's job data (parsed when it runs: a job queued by an older build is checked, not trusted). */
export const ClockTimer = z.object({
  clockId: z.uuid(),
  localAuthority: z.string(),
  kind: z.enum(['REMINDED', 'ESCALATED']),
  /** When it fires (ms since the epoch): the clock's remind_at or escalate_at. */
  fireAt: z.number().int(),
});
export type ClockTimer = z.infer<typeof ClockTimer>;
export const CLOCK_JOB = 'clock';

/** The job id of a clock's timer: a clock's times never change, so the clock and the kind make it unique. */
export const clockJobId = (t: Pick<ClockTimer, 'clockId' | 'kind'>) => `clock_${t.clockId}_${t.kind}`;

/** The timers a clock still has to fire. */
export function clockTimers(c: StoredClock): ClockTimer[] {
  if (c.status !== 'ACTIVE' || c.escalatedAt) return [];
  const out: ClockTimer[] = [];
  if (c.remindAt && !c.remindedAt)
    out.push({ clockId: c.id, localAuthority: c.localAuthority, kind: 'REMINDED', fireAt: c.remindAt.getTime() });
  out.push({ clockId: c.id, localAuthority: c.localAuthority, kind: 'ESCALATED', fireAt: c.escalateAt.getTime() });
  return out;
}

/** A deadline from the rules' outcome, as a case keeps it (the purpose is absent on events from before version 2). */
export interface OutcomeDeadline {
  id: string;
  ruleId: string;
  purpose?: DeadlinePurpose | undefined;
  due: string;
  text: string;
}

export function clockView(c: StoredClock, now = new Date()) {
  const s = clockState(c, now);
  return {
    id: c.id,
    childId: c.childId,
    requestId: c.requestId,
    purpose: c.purpose,
    what: clockWhat(c),
    text: c.text,
    ruleId: c.ruleId,
    deadlineId: c.deadlineId,
    reviewNumber: c.series === REVIEW_SERIES ? c.sequence : null,
    owner: c.ownerRole,
    ownerName: ROLE_WORDS[c.ownerRole],
    escalatesTo: c.escalationRole,
    escalatesToName: ROLE_WORDS[c.escalationRole],
    dueAt: c.dueAt.toISOString(),
    dueDate: londonDayOf(c.dueAt),
    remindAt: c.remindAt?.toISOString() ?? null,
    escalateAt: c.escalateAt.toISOString(),
    status: c.status,
    state: s.state,
    stateText: s.text,
    late: c.status === 'ACTIVE' && now >= c.dueAt,
    remindedAt: c.remindedAt?.toISOString() ?? null,
    escalatedAt: c.escalatedAt?.toISOString() ?? null,
    completedOn: c.completedOn,
    completedBy: c.completedBy,
    completionNote: c.completionNote,
    createdAt: c.createdAt.toISOString(),
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function historyText(e: StoredClockEvent): string {
  const d = e.detail;
  const role = (v: unknown) => {
    const r = ClockRole.safeParse(v);
    return r.success ? ROLE_WORDS[r.data] : 'the owner';
  };
  const due = str(d.dueDate) ? dayInWords(str(d.dueDate)) : '';
  switch (e.kind) {
    case 'CREATED':
      return `Started: due ${due}, owned by ${role(d.owner)}`;
    case 'REMINDED':
      return `Reminder to ${role(d.owner)}: due ${due}`;
    case 'ESCALATED':
      return `Late (was due ${due}): escalated from ${role(d.from)} to ${role(d.to)}`;
    case 'COMPLETED':
      return `Done on ${str(d.doneOn) ? dayInWords(str(d.doneOn)) : ''}${d.late === true ? ' (late)' : ''}: ${str(d.note)}`;
    case 'CANCELLED':
      return `No longer needed: ${str(d.reason)}`;
  }
}

/**
 * Statutory clocks: every deadline the rules set on a request other than its decision becomes a clock
 * with an owner, a reminder before it and an escalation after it, each a durable timer on the
 * panels-timers queue (a delayed job whose id is the clock's and the kind's, and the periodic sweep
 * that recomputes them from the database, so a Redis that lost everything or a restart loses none).
 * Each fires once: its history row's unique key (clock, kind) is written in the transaction that
 * applies it, with the event that tells its owner (clock.reminded) or the next tier
 * (clock.escalated), and a completed clock's jobs find it closed. A child's reviews are one series per
 * child: a later request (a move) does not restart it, and each review held starts the next.
 */
/** The request a clock belongs to. */
type ClockRequest = { localAuthority: string; requestId: string; childId: string; correlationId: string; submittedBy: string };

/** One clock to start: its series and place in it, what it is for, and when it is due. */
type ClockToMake = {
  series: string;
  sequence: number;
  purpose: ClockPurpose;
  deadlineId: string;
  ruleId: string;
  text: string;
  dueAt: Date;
};

@Injectable()
export class ClocksService implements OnModuleInit {
  private readonly logger = new Logger('clocks');

  constructor(
    @Inject(ENV) private readonly env: PanelsEnv,
    @InjectQueue(TIMERS_QUEUE) private readonly queue: Queue,
    private readonly clocks: ClocksRepository,
    private readonly timers: TimersService,
    private readonly outbox: OutboxWriter,
  ) {}

  onModuleInit(): void {
    this.timers.register({ jobName: CLOCK_JOB, process: (job) => this.process(job), sweep: (now) => this.sweep(now) });
  }

  private get timing() {
    return { reminderLeadMs: this.env.CLOCK_REMINDER_LEAD_MS, escalationAfterMs: this.env.CLOCK_ESCALATION_AFTER_MS };
  }

  process(job: Job): Promise<FireResult> {
    return this.fire(ClockTimer.parse(job.data), 'JOB');
  }

  /**
   * The clocks of a submitted request (inside the handler's transaction): one per deadline other than
   * the decision, and the child's review series if the child has none yet. Their timers are queued
   * (a job that runs before the commit finds nothing; the sweep fires it).
   */
  async startFromRequest(tx: Tx, r: ClockRequest, deadlines: OutcomeDeadline[]): Promise<StoredClock[]> {
    const now = new Date();
    const wanted: ClockToMake[] = [];
    const reviews: (OutcomeDeadline & { purpose: DeadlinePurpose })[] = [];
    for (const d of deadlines) {
      if (!d.purpose || d.purpose === 'DECISION') continue;
      const withPurpose = { ...d, purpose: d.purpose };
      if (isChildReview(withPurpose)) {
        reviews.push(withPurpose);
        continue;
      }
      wanted.push({
        series: seriesOf(r.requestId, { ...d, purpose: d.purpose }),
        sequence: 1,
        purpose: d.purpose,
        deadlineId: d.id,
        ruleId: d.ruleId,
        text: d.text,
        dueAt: new Date(d.due),
      });
    }
    // The child's reviews: the earliest the rules set starts the series (the later ones are
    // projections; each review held starts the next). A child who has a series keeps it.
    const first = reviews.sort((a, b) => Date.parse(a.due) - Date.parse(b.due))[0];
    if (first && !(await this.clocks.hasReviewSeries(tx, r.localAuthority, r.childId)))
      wanted.push({
        series: REVIEW_SERIES,
        sequence: 1,
        purpose: 'REVIEW',
        deadlineId: first.id,
        ruleId: first.ruleId,
        text: first.text,
        dueAt: new Date(first.due),
      });
    const created = await this.createAll(tx, r, now, wanted);
    await this.schedule(created.flatMap(clockTimers), 250);
    return created;
  }

  private async create(tx: Tx, r: ClockRequest, now: Date, k: ClockToMake): Promise<StoredClock | null> {
    return (await this.createAll(tx, r, now, [k]))[0] ?? null;
  }

  /** Starts these clocks, each with its CREATED history row (a clock whose series and sequence exist is skipped). */
  private createAll(tx: Tx, r: ClockRequest, now: Date, ks: ClockToMake[]): Promise<StoredClock[]> {
    return this.clocks.createAll(
      tx,
      ks.map((k) => {
        const owner = OWNER[k.purpose];
        const times = clockTimes(k.purpose, k.dueAt, now, this.timing);
        return {
          id: randomUUID(),
          localAuthority: r.localAuthority,
          childId: r.childId,
          requestId: r.requestId,
          series: k.series,
          sequence: k.sequence,
          purpose: k.purpose,
          deadlineId: k.deadlineId,
          ruleId: k.ruleId,
          text: k.text,
          ownerRole: owner,
          escalationRole: NEXT_TIER[owner],
          dueAt: k.dueAt,
          remindAt: times.remindAt,
          escalateAt: times.escalateAt,
          status: 'ACTIVE',
          correlationId: r.correlationId,
          createdAt: now,
        };
      }),
      (c) => ({
        id: randomUUID(),
        kind: 'CREATED',
        at: now,
        actor: r.submittedBy,
        detail: {
          requestId: r.requestId,
          dueAt: c.dueAt.toISOString(),
          dueDate: londonDayOf(c.dueAt),
          owner: c.ownerRole,
          remindAt: c.remindAt?.toISOString() ?? null,
          escalateAt: c.escalateAt.toISOString(),
        },
      }),
    );
  }

  /** Adds the delayed jobs for these timers (a timer already queued is left as it is). */
  async schedule(timers: ClockTimer[], minDelayMs = 0): Promise<void> {
    if (!timers.length) return;
    const now = Date.now();
    await this.queue.addBulk(
      timers.map((t) => ({
        name: CLOCK_JOB,
        data: t,
        opts: {
          jobId: clockJobId(t),
          delay: Math.max(t.fireAt - now, minDelayMs),
          attempts: 8,
          backoff: { type: 'exponential', delay: 500 },
          removeOnComplete: { age: 7 * 86_400 },
          removeOnFail: false,
        },
      })),
    );
  }

  /** Part of every timer sweep: fires the clocks' overdue timers and queues those due before the next sweeps, from the database. */
  async sweep(now = Date.now()): Promise<{ fired: number; queued: number }> {
    const rows = await this.clocks.timersDue(new Date(now + 3 * this.env.TIMER_SWEEP_MS));
    const overdue: ClockTimer[] = [];
    const upcoming: ClockTimer[] = [];
    for (const c of rows) {
      const ts = clockTimers(c);
      // An escalation already due makes its reminder pointless.
      const escalationDue = ts.some((t) => t.kind === 'ESCALATED' && t.fireAt <= now);
      for (const t of ts) {
        if (t.kind === 'REMINDED' && escalationDue) continue;
        (t.fireAt <= now ? overdue : upcoming).push(t);
      }
    }
    let fired = 0;
    for (const t of overdue) if ((await this.fire(t, 'SWEEP')) === 'fired') fired++;
    await this.schedule(upcoming);
    return { fired, queued: upcoming.length };
  }

  /** Applies a clock's timer once: records it under its unique key (clock, kind) and marks the clock, in one transaction. */
  async fire(t: ClockTimer, by: TimerSource): Promise<FireResult> {
    const now = Date.now();
    if (now < t.fireAt) return 'early';
    const result = await this.clocks.db.$transaction(async (tx): Promise<FireResult> => {
      const c = await this.clocks.lock(tx, t.localAuthority, t.clockId);
      if (!c || c.status !== 'ACTIVE') return 'closed';
      const at = t.kind === 'REMINDED' ? c.remindAt : c.escalateAt;
      if (at?.getTime() !== t.fireAt) return 'stale';
      if (t.kind === 'REMINDED' && c.escalatedAt) return 'stale';
      const firedAt = new Date(now);
      const detail =
        t.kind === 'REMINDED'
          ? { owner: c.ownerRole, dueAt: c.dueAt.toISOString(), dueDate: londonDayOf(c.dueAt) }
          : {
              from: c.ownerRole,
              to: c.escalationRole,
              dueAt: c.dueAt.toISOString(),
              dueDate: londonDayOf(c.dueAt),
              lateMs: now - c.dueAt.getTime(),
            };
      if (!(await this.clocks.record(tx, c, { id: randomUUID(), kind: t.kind, at: firedAt, actor: 'panels', firedBy: by, detail })))
        return 'duplicate';
      await this.clocks.update(tx, c, t.kind === 'REMINDED' ? { remindedAt: firedAt } : { escalatedAt: firedAt });
      // The owner (or the next tier) is told, through notifications: the event commits with the firing, once.
      const about = {
        clockId: c.id,
        requestId: c.requestId,
        childId: c.childId,
        purpose: c.purpose,
        reviewNumber: c.series === REVIEW_SERIES ? c.sequence : null,
        dueAt: c.dueAt.toISOString(),
      };
      const origin = { localAuthority: c.localAuthority, correlationId: c.correlationId };
      if (t.kind === 'REMINDED')
        await this.outbox.append(tx, ClockRemindedV1, { ...about, owner: c.ownerRole, remindedAt: firedAt.toISOString() }, origin);
      else
        await this.outbox.append(
          tx,
          ClockEscalatedV1,
          { ...about, from: c.ownerRole, to: c.escalationRole, escalatedAt: firedAt.toISOString() },
          origin,
        );
      return 'fired';
    });
    if (result === 'fired') this.logger.log({ clockId: t.clockId, kind: t.kind, firedBy: by }, 'clock timer fired');
    return result;
  }

  /** The due list: the council's open clocks owned by (or escalated to) the roles, soonest first. */
  async due(user: Principal, q: DueQuery) {
    const mine = user.roles.filter((r): r is ClockRole => ClockRole.safeParse(r).success);
    let roles: ClockRole[];
    if (q.role) {
      if (!mine.includes(q.role) && !mayReadOthers(user.roles))
        throw new ForbiddenException(`only managers and auditors may read ${ROLE_WORDS[q.role]}'s list`);
      roles = [q.role];
    } else {
      // An auditor (no role of their own that owns clocks) sees every role's.
      roles = mine.length === 0 && mayReadOthers(user.roles) ? [...ClockRole.options] : mine;
    }
    const now = new Date();
    const until = q.within === undefined ? null : new Date(now.getTime() + q.within * 86_400_000);
    const rows = roles.length ? await this.clocks.due(user.localAuthority, roles, until, q.take) : [];
    const clocks = rows.map((c) => clockView(c, now));
    return {
      roles,
      rolesText: roles.length ? roles.map((r) => ROLE_WORDS[r]).join(', ') : 'no role that owns statutory clocks',
      asOf: now.toISOString(),
      late: clocks.filter((c) => c.late).length,
      dueSoon: clocks.filter((c) => c.state === 'DUE_SOON').length,
      clocks,
    };
  }

  /** Statutory clocks on time, per kind and month, for the council's oversight. */
  async indicators(user: Principal, q: IndicatorsQuery) {
    const now = new Date();
    const to = q.to ?? londonToday(now);
    const from = q.from ?? `${addMonths(to, -11).slice(0, 7)}-01`;
    if (from > to) throw new ValidationFailed([{ field: 'from', reason: `must be on or before ${to}` }]);
    const months = monthsBetween(from, to);
    if (months.length > 60) throw new ValidationFailed([{ field: 'from', reason: 'at most 60 months at a time' }]);
    const first = `${months[0]}-01`;
    const afterLast = addMonths(`${months.at(-1)}-01`, 1);
    const clocks = await this.clocks.dueBetween(
      user.localAuthority,
      new Date(startOfLondonDay(first)),
      new Date(Date.parse(startOfLondonDay(afterLast)) - 1),
    );
    return {
      from: first,
      to: addCalendarDays(afterLast, -1),
      asOf: now.toISOString(),
      kinds: clockIndicators(clocks, first, to, now).map((k) => ({
        purpose: k.purpose,
        what: KIND_WORDS[k.purpose],
        months: k.months.map((m) => ({ ...m, label: monthInWords(m.month) })),
        total: k.total,
      })),
    };
  }

  async get(user: Principal, id: string) {
    const c = await this.clocks.find(user.localAuthority, id);
    if (!c) throw new NotFoundException(`no clock ${id}`);
    return this.detail(c);
  }

  private async detail(c: StoredClock) {
    const history = await this.clocks.history(c.localAuthority, c.id);
    const next = c.series === REVIEW_SERIES ? await this.clocks.inSeries(c.localAuthority, c.childId, c.series, c.sequence + 1) : null;
    return {
      ...clockView(c),
      history: history.map((e) => ({
        kind: e.kind,
        at: e.at.toISOString(),
        by: e.actor,
        firedBy: e.firedBy,
        text: historyText(e),
        detail: e.detail,
      })),
      next: next ? clockView(next) : null,
    };
  }

  /** Records the thing done: the clock stops (its pending timers find it closed); a review held starts the next. */
  async complete(user: Principal, id: string, body: CompleteClock) {
    if (body.doneOn > londonToday())
      throw new ValidationFailed([{ field: 'doneOn', reason: `is in the future (today is ${dayInWords(londonToday())} in London)` }]);
    const { clock, next } = await this.clocks.db.$transaction(async (tx) => {
      const c = await this.clocks.lock(tx, user.localAuthority, id);
      if (!c) throw new NotFoundException(`no clock ${id}`);
      if (c.status !== 'ACTIVE')
        throw new ConflictException(
          c.status === 'COMPLETED' ? `already recorded as done on ${dayInWords(c.completedOn!)}` : 'this clock is no longer needed',
        );
      if (!mayComplete(user.roles, c))
        throw new ForbiddenException(
          `only ${ROLE_WORDS[c.ownerRole]}, ${ROLE_WORDS[c.escalationRole]} or a more senior manager records this as done`,
        );
      const now = new Date();
      const done = await this.clocks.update(tx, c, {
        status: 'COMPLETED',
        completedOn: asDate(body.doneOn),
        completedAt: now,
        completedBy: user.sub,
        completionNote: body.note,
      });
      await this.clocks.record(tx, c, {
        id: randomUUID(),
        kind: 'COMPLETED',
        at: now,
        actor: user.sub,
        detail: { doneOn: body.doneOn, note: body.note, late: body.doneOn > londonDayOf(c.dueAt), dueDate: londonDayOf(c.dueAt) },
      });
      let following: StoredClock | null = null;
      if (c.series === REVIEW_SERIES) {
        const n = nextReview(c.sequence, body.doneOn);
        following = await this.create(
          tx,
          {
            localAuthority: c.localAuthority,
            requestId: c.requestId,
            childId: c.childId,
            correlationId: c.correlationId,
            submittedBy: user.sub,
          },
          now,
          {
            series: REVIEW_SERIES,
            sequence: n.sequence,
            purpose: 'REVIEW',
            deadlineId: n.sequence === 2 ? 'deadline.second_review' : 'deadline.third_review',
            ruleId: c.ruleId,
            text: n.text,
            dueAt: n.due,
          },
        );
      }
      return { clock: done, next: following };
    });
    if (next)
      await this.schedule(clockTimers(next)).catch((e: Error) =>
        this.logger.warn({ clockId: next.id, err: e.message }, 'next review not queued; the sweep will'),
      );
    return this.detail(clock);
  }

  /**
   * A case's final decision settles its request's clocks (inside the decision's transaction): an
   * approval ratifies an emergency placement (its ratification clock is done); a decline means the
   * placement will not go ahead, so its clocks are no longer needed (a review series the request
   * started is released, so the child's first real placement starts it again), except the child's
   * legal clocks (police or emergency protection, care proceedings), which run on.
   */
  async settleForDecision(
    tx: Tx,
    c: { localAuthority: string; requestId: string },
    outcome: 'APPROVED' | 'APPROVED_WITH_CONDITIONS' | 'DECLINED',
    actor: string,
    at: Date,
  ): Promise<void> {
    for (const locked of await this.clocks.lockActiveOfRequest(tx, c.localAuthority, c.requestId)) {
      if (outcome === 'DECLINED') {
        // The law's own clocks run on (police protection ends whatever the placement); a review series once running stays.
        if (CHILD_LEVEL.has(locked.purpose) || (locked.series === REVIEW_SERIES && locked.sequence > 1)) continue;
        await this.clocks.update(tx, locked, {
          status: 'CANCELLED',
          completedAt: at,
          completedBy: actor,
          ...(locked.series === REVIEW_SERIES ? { series: `${locked.requestId}:${locked.deadlineId}` } : {}),
        });
        await this.record(tx, locked, 'CANCELLED', actor, at, { reason: 'the request was declined' });
      } else if (locked.purpose === 'RATIFICATION') {
        const day = londonDayOf(at);
        const note = 'The emergency placement was approved (ratified).';
        await this.clocks.update(tx, locked, {
          status: 'COMPLETED',
          completedOn: asDate(day),
          completedAt: at,
          completedBy: actor,
          completionNote: note,
        });
        await this.record(tx, locked, 'COMPLETED', actor, at, {
          doneOn: day,
          note,
          late: at >= locked.dueAt,
          dueDate: londonDayOf(locked.dueAt),
        });
      }
    }
  }

  private record(tx: Tx, c: StoredClock, kind: ClockEventKind, actor: string, at: Date, detail: Record<string, unknown>) {
    return this.clocks.record(tx, c, { id: randomUUID(), kind, at, actor, detail });
  }
}
