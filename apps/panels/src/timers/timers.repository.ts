import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Escalation, Prisma } from '../../generated/client/index.js';
import type { TimerKind } from '../stored-enums.js';

export interface TimerCase {
  id: string;
  localAuthority: string;
  decisionDue: Date;
  openedAt: Date;
  retrospective: boolean;
  /** Kinds already fired for the case's current deadline (the enum read as text: pg does not parse an array of an enum). */
  fired: TimerKind[];
}

/** The only code that touches the escalation table, and reads the cases whose timers are due. */
@Injectable()
export class TimersRepository {
  constructor(private readonly prisma: PrismaService) {}

  get db(): PrismaService {
    return this.prisma;
  }

  /**
   * Open cases with a timer (reminder or deadline) due before `until` whose deadline has not yet
   * been escalated. Uses the (status, decision_due) index; bounded by `limit`.
   */
  due(until: Date, reminderLeadMs: number, limit = 5000): Promise<TimerCase[]> {
    return this.prisma.$queryRaw<TimerCase[]>`
      SELECT c.id::text AS id, c.local_authority AS "localAuthority", c.decision_due AS "decisionDue", c.opened_at AS "openedAt", c.retrospective,
             COALESCE((SELECT array_agg(e.kind::text) FROM escalation e WHERE e.case_id = c.id AND e.deadline = c.decision_due), '{}') AS fired
      FROM "case" c
      WHERE c.status = 'OPEN' AND c.decision_due IS NOT NULL
        AND c.decision_due <= ${new Date(until.getTime() + reminderLeadMs)}
        AND NOT EXISTS (SELECT 1 FROM escalation e WHERE e.case_id = c.id AND e.deadline = c.decision_due AND e.kind <> 'REMINDER')
      ORDER BY c.decision_due
      LIMIT ${limit}`;
  }

  /** Records that a timer fired; false if it already had (the unique key on case, kind and deadline). */
  async record(tx: Tx, data: Prisma.EscalationUncheckedCreateInput): Promise<boolean> {
    const r = await tx.escalation.createMany({ data: [data], skipDuplicates: true });
    return r.count === 1;
  }

  escalations(localAuthority: string, caseId: string): Promise<Escalation[]> {
    return this.prisma.escalation.findMany({ where: { localAuthority, caseId }, orderBy: { firedAt: 'asc' } });
  }
}
