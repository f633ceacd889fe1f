import { Injectable } from '@nestjs/common';
import { dayOf } from '@placewise/contracts/dates';
import { z } from 'zod';
import type { ClockEvent, Prisma, StatutoryClock } from '../../generated/client/index.js';
import { PrismaService, type Tx } from '../prisma.service.js';
import { TimerSource } from '../stored-enums.js';
import type { IndicatorClock } from './clock-indicators.js';
import { ClockEventKind, ClockPurpose, ClockRole, ClockStatus, REVIEW_SERIES } from './clock-rules.js';

/** A clock as the service uses it: roles parsed (stored as text with a CHECK), the done day as a day. */
export interface StoredClock extends Omit<StatutoryClock, 'ownerRole' | 'escalationRole' | 'purpose' | 'status' | 'completedOn'> {
  purpose: ClockPurpose;
  status: ClockStatus;
  ownerRole: ClockRole;
  escalationRole: ClockRole;
  completedOn: string | null;
}

export interface StoredClockEvent extends Omit<ClockEvent, 'kind' | 'detail' | 'firedBy'> {
  kind: ClockEventKind;
  firedBy: TimerSource | null;
  detail: Record<string, unknown>;
}

const Detail = z.record(z.string(), z.unknown());

function parseClock(c: StatutoryClock): StoredClock {
  return {
    ...c,
    purpose: ClockPurpose.parse(c.purpose),
    status: ClockStatus.parse(c.status),
    ownerRole: ClockRole.parse(c.ownerRole),
    escalationRole: ClockRole.parse(c.escalationRole),
    completedOn: dayOf(c.completedOn),
  };
}

function parseEvent(e: ClockEvent): StoredClockEvent {
  return {
    ...e,
    kind: ClockEventKind.parse(e.kind),
    firedBy: e.firedBy ? TimerSource.parse(e.firedBy) : null,
    detail: Detail.parse(e.detail),
  };
}

/** The only code that touches the clock tables. Every query names the council. */
@Injectable()
export class ClocksRepository {
  constructor(private readonly prisma: PrismaService) {}

  get db(): PrismaService {
    return this.prisma;
  }

  /** Creates a clock unless its (council, child, series, sequence) exists; null when it did. */
  /**
   * Creates these clocks, each with its first history row made from it (`created`), in two statements
   * whatever their number: a clock already there (its series and sequence) is skipped, with no row.
   */
  async createAll(
    tx: Tx,
    rows: Prisma.StatutoryClockCreateManyInput[],
    created: (c: StoredClock) => Omit<Prisma.ClockEventCreateManyInput, 'clockId' | 'localAuthority'>,
  ): Promise<StoredClock[]> {
    if (!rows.length) return [];
    const made = (await tx.statutoryClock.createManyAndReturn({ data: rows, skipDuplicates: true })).map(parseClock);
    if (made.length)
      await tx.clockEvent.createMany({ data: made.map((c) => ({ ...created(c), clockId: c.id, localAuthority: c.localAuthority })) });
    // In the order asked for (RETURNING does not promise it).
    const byId = new Map(made.map((c) => [c.id, c]));
    return rows.flatMap((r) => byId.get(r.id!) ?? []);
  }

  /** Whether the child already has a review series in this council (any review, done or not). */
  async hasReviewSeries(tx: Tx, localAuthority: string, childId: string): Promise<boolean> {
    return (await tx.statutoryClock.count({ where: { localAuthority, childId, series: REVIEW_SERIES } })) > 0;
  }

  async find(localAuthority: string, id: string, tx: Tx = this.prisma): Promise<StoredClock | null> {
    const c = await tx.statutoryClock.findFirst({ where: { id, localAuthority } });
    return c && parseClock(c);
  }

  /** One clock of a child's series by its number. */
  async inSeries(localAuthority: string, childId: string, series: string, sequence: number): Promise<StoredClock | null> {
    const c = await this.prisma.statutoryClock.findFirst({ where: { localAuthority, childId, series, sequence } });
    return c && parseClock(c);
  }

  /** Locks the clock's row for the rest of the transaction (a completion and a timer cannot race). */
  async lock(tx: Tx, localAuthority: string, id: string): Promise<StoredClock | null> {
    await tx.$executeRaw`SELECT 1 FROM statutory_clock WHERE id = ${id}::uuid AND local_authority = ${localAuthority} FOR UPDATE`;
    return this.find(localAuthority, id, tx);
  }

  async update(
    tx: Tx,
    c: Pick<StoredClock, 'id' | 'localAuthority'>,
    data: Prisma.StatutoryClockUncheckedUpdateInput,
  ): Promise<StoredClock> {
    return parseClock(await tx.statutoryClock.update({ where: { id: c.id, localAuthority: c.localAuthority }, data }));
  }

  /** Records what happened to a clock; false if that kind was already recorded (each happens at most once). */
  async record(
    tx: Tx,
    c: Pick<StoredClock, 'id' | 'localAuthority'>,
    e: { id: string; kind: ClockEventKind; at: Date; actor: string; firedBy?: TimerSource; detail: Record<string, unknown> },
  ): Promise<boolean> {
    const r = await tx.clockEvent.createMany({
      data: [
        {
          id: e.id,
          clockId: c.id,
          localAuthority: c.localAuthority,
          kind: e.kind,
          at: e.at,
          actor: e.actor,
          firedBy: e.firedBy ?? null,
          detail: e.detail as Prisma.InputJsonValue,
        },
      ],
      skipDuplicates: true,
    });
    return r.count === 1;
  }

  async history(localAuthority: string, clockId: string): Promise<StoredClockEvent[]> {
    const rows = await this.prisma.clockEvent.findMany({ where: { localAuthority, clockId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    return rows.map(parseEvent);
  }

  /**
   * Active clocks of a request, locked for the rest of the transaction (to settle them when its case
   * is decided), soonest first: one statement locks them all, in one order, and a second reads them.
   * A clock a timer finished while this waited for its lock is left out (PostgreSQL checks the
   * condition again on the row it waited for).
   */
  async lockActiveOfRequest(tx: Tx, localAuthority: string, requestId: string): Promise<StoredClock[]> {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM statutory_clock
      WHERE local_authority = ${localAuthority} AND request_id = ${requestId}::uuid AND status = 'ACTIVE'
      ORDER BY due_at, id FOR UPDATE`;
    if (!locked.length) return [];
    const rows = await tx.statutoryClock.findMany({
      where: { localAuthority, id: { in: locked.map((r) => r.id) }, status: 'ACTIVE' },
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(parseClock);
  }

  /** A council's active clocks owned by these roles, or escalated to them, soonest first; optionally only those due by `until`. */
  async due(localAuthority: string, roles: ClockRole[], until: Date | null, take: number): Promise<StoredClock[]> {
    const rows = await this.prisma.statutoryClock.findMany({
      where: {
        localAuthority,
        status: 'ACTIVE',
        OR: [{ ownerRole: { in: roles } }, { escalatedAt: { not: null }, escalationRole: { in: roles } }],
        ...(until ? { dueAt: { lte: until } } : {}),
      },
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      take,
    });
    return rows.map(parseClock);
  }

  /**
   * Active clocks with a reminder or an escalation due by `until` that has not yet fired (any council:
   * the sweep). A reminder whose escalation has fired is not wanted any more. Uses (status, escalate_at).
   */
  async timersDue(until: Date, limit = 5000): Promise<StoredClock[]> {
    const rows = await this.prisma.statutoryClock.findMany({
      where: {
        status: 'ACTIVE',
        OR: [
          { escalatedAt: null, escalateAt: { lte: until } },
          { escalatedAt: null, remindedAt: null, remindAt: { lte: until } },
        ],
      },
      orderBy: { escalateAt: 'asc' },
      take: limit,
    });
    return rows.map(parseClock);
  }

  /** A council's clocks due between two instants (for the on-time figures): only what they need. Uses (local_authority, status, due_at). */
  async dueBetween(localAuthority: string, from: Date, to: Date): Promise<IndicatorClock[]> {
    const rows = await this.prisma.statutoryClock.findMany({
      where: { localAuthority, status: { in: ['ACTIVE', 'COMPLETED', 'CANCELLED'] }, dueAt: { gte: from, lte: to } },
      select: { purpose: true, status: true, dueAt: true, completedOn: true },
    });
    return rows.map((r) => ({
      purpose: ClockPurpose.parse(r.purpose),
      status: ClockStatus.parse(r.status),
      dueAt: r.dueAt,
      completedOn: dayOf(r.completedOn),
    }));
  }
}
