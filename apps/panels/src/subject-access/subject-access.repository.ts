import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service.js';

/** The only code that reads everything panels holds about one child, for a subject access request. */
@Injectable()
export class SubjectAccessRepository {
  constructor(private readonly prisma: PrismaService) {}

  async held(localAuthority: string, childId: string) {
    const db = this.prisma;
    const cases = await db.case.findMany({
      where: { localAuthority, childId },
      include: { decisions: true },
      orderBy: { openedAt: 'asc' },
    });
    const caseIds = cases.map((c) => c.id);
    const byCase = { caseId: { in: caseIds } };
    const [agenda, conflicts, votes, evidence, escalations, audit, clocks] = await Promise.all([
      db.agendaItem.findMany({ where: byCase }),
      db.conflictDeclaration.findMany({ where: byCase }),
      db.vote.findMany({ where: byCase }),
      db.gateEvidence.findMany({ where: byCase }),
      db.escalation.findMany({ where: byCase }),
      db.auditEntry.findMany({ where: { localAuthority, ...byCase }, orderBy: { id: 'asc' } }),
      db.statutoryClock.findMany({ where: { localAuthority, childId }, include: { history: true } }),
    ]);
    return { cases, agenda, conflicts, votes, evidence, escalations, audit, clocks };
  }
}
