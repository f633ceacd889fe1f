import { Injectable } from '@nestjs/common';
import type { Tx } from '../prisma.service.js';

/**
 * Erases what panels holds about a child whose record referrals erased at the end of its retention period:
 * the same tables as its subject access part (cases with their decisions, agenda places, conflicts, votes,
 * evidence, escalations and audit entries, and the child's statutory clocks with their history). A sitting
 * stays (it names no child once its agenda item is gone); a pending timer for a deleted case or clock finds
 * nothing and does nothing.
 */
@Injectable()
export class RetentionRepository {
  async erase(tx: Tx, localAuthority: string, childId: string): Promise<Record<string, number>> {
    const caseIds = (await tx.case.findMany({ where: { localAuthority, childId }, select: { id: true } })).map((c) => c.id);
    const byCase = { caseId: { in: caseIds } };
    const clockIds = (await tx.statutoryClock.findMany({ where: { localAuthority, childId }, select: { id: true } })).map((c) => c.id);
    const removed: Record<string, number> = {
      AgendaItem: (await tx.agendaItem.deleteMany({ where: byCase })).count,
      ConflictDeclaration: (await tx.conflictDeclaration.deleteMany({ where: byCase })).count,
      Vote: (await tx.vote.deleteMany({ where: byCase })).count,
      GateEvidence: (await tx.gateEvidence.deleteMany({ where: byCase })).count,
      Escalation: (await tx.escalation.deleteMany({ where: byCase })).count,
      AuditEntry: (await tx.auditEntry.deleteMany({ where: { localAuthority, ...byCase } })).count,
      Decision: (await tx.decision.deleteMany({ where: byCase })).count,
      Case: (await tx.case.deleteMany({ where: { localAuthority, id: { in: caseIds } } })).count,
      ClockEvent: (await tx.clockEvent.deleteMany({ where: { clockId: { in: clockIds } } })).count,
      StatutoryClock: (await tx.statutoryClock.deleteMany({ where: { localAuthority, id: { in: clockIds } } })).count,
    };
    return removed;
  }
}
