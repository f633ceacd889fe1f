import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Case, Decision, Prisma } from '../../generated/client/index.js';

export type CaseWithDecisions = Case & { decisions: Decision[] };

/** The only code that touches the panels tables. Every query is scoped to a local authority. */
@Injectable()
export class CasesRepository {
  constructor(private readonly prisma: PrismaService) {}

  async open(data: Prisma.CaseUncheckedCreateInput, tx: Tx): Promise<Case> {
    const c = await tx.case.create({ data });
    await this.audit(tx, c, 'case.opened', 'panels', { approver: c.approver, panel: c.panel, requestId: c.requestId });
    return c;
  }

  find(localAuthority: string, id: string, tx: Tx = this.prisma): Promise<CaseWithDecisions | null> {
    return tx.case.findFirst({ where: { id, localAuthority }, include: { decisions: { orderBy: { decidedAt: 'asc' } } } });
  }

  /** Locks the case row for the rest of the transaction, so two decisions cannot race. */
  async lock(localAuthority: string, id: string, tx: Tx): Promise<Case | null> {
    await tx.$executeRaw`SELECT 1 FROM "case" WHERE id = ${id}::uuid AND local_authority = ${localAuthority} FOR UPDATE`;
    return tx.case.findFirst({ where: { id, localAuthority } });
  }

  list(localAuthority: string, where: Prisma.CaseWhereInput, take: number, skip: number): Promise<Case[]> {
    return this.prisma.case.findMany({
      where: { ...where, localAuthority },
      orderBy: [{ decisionDue: { sort: 'asc', nulls: 'last' } }, { openedAt: 'asc' }],
      take,
      skip,
    });
  }

  async decide(tx: Tx, c: Case, decision: Omit<Prisma.DecisionUncheckedCreateInput, 'caseId' | 'localAuthority'>, close: boolean): Promise<Decision> {
    const d = await tx.decision.create({ data: { ...decision, caseId: c.id, localAuthority: c.localAuthority } });
    if (close) await tx.case.update({ where: { id: c.id }, data: { status: 'DECIDED', closedAt: decision.decidedAt } });
    await this.audit(tx, c, 'decision.recorded', decision.decidedBy, { decisionId: d.id, outcome: d.outcome, conditions: d.conditions, tier: d.decidedByTier });
    return d;
  }

  audit(tx: Tx, c: Pick<Case, 'id' | 'localAuthority'>, action: string, actor: string, detail: object) {
    return tx.auditEntry.create({ data: { localAuthority: c.localAuthority, caseId: c.id, action, actor, detail } });
  }

  auditTrail(localAuthority: string, caseId: string) {
    return this.prisma.auditEntry.findMany({ where: { localAuthority, caseId }, orderBy: { id: 'asc' } });
  }
}
