import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { PanelType } from '@placewise/contracts';
import type { GateEvidence, Prisma } from '../../generated/client/index.js';
import { parseCase, parseDecision, type CaseWithDecisions, type StoredCase, type StoredDecision } from './stored-case.js';

export type { CaseWithDecisions, StoredCase, StoredDecision } from './stored-case.js';

/** The only code that touches the case tables. Every query is scoped to a local authority; rows come back with their JSON parsed (stored-case.ts). */
@Injectable()
export class CasesRepository {
  constructor(private readonly prisma: PrismaService) {}

  get db(): PrismaService {
    return this.prisma;
  }

  async open(data: Prisma.CaseUncheckedCreateInput, tx: Tx): Promise<StoredCase> {
    const c = parseCase(await tx.case.create({ data }));
    await this.audit(tx, c, 'case.opened', 'panels', {
      approver: c.approver,
      panel: c.panel,
      requestId: c.requestId,
      decisionDue: c.decisionDue?.toISOString() ?? null,
    });
    return c;
  }

  async find(localAuthority: string, id: string, tx: Tx = this.prisma): Promise<CaseWithDecisions | null> {
    const c = await tx.case.findFirst({ where: { id, localAuthority }, include: { decisions: { orderBy: { decidedAt: 'asc' } } } });
    return c && parseCase(c);
  }

  async byRequest(localAuthority: string, requestId: string, tx: Tx): Promise<StoredCase | null> {
    const c = await tx.case.findFirst({ where: { requestId, localAuthority } });
    return c && parseCase(c);
  }

  async byIds(localAuthority: string, ids: string[], tx: Tx = this.prisma): Promise<CaseWithDecisions[]> {
    const rows = await tx.case.findMany({
      where: { id: { in: ids }, localAuthority },
      include: { decisions: { orderBy: { decidedAt: 'asc' } } },
    });
    return rows.map((c) => parseCase(c));
  }

  /** Locks the case row for the rest of the transaction, so two decisions (or a decision and a timer) cannot race. */
  async lock(localAuthority: string, id: string, tx: Tx): Promise<StoredCase | null> {
    await tx.$executeRaw`SELECT 1 FROM "case" WHERE id = ${id}::uuid AND local_authority = ${localAuthority} FOR UPDATE`;
    const c = await tx.case.findFirst({ where: { id, localAuthority } });
    return c && parseCase(c);
  }

  /** Scoped to the case's council: another council's case id matches nothing (Prisma throws P2025, nothing changes). */
  async update(tx: Tx, c: Pick<StoredCase, 'id' | 'localAuthority'>, data: Prisma.CaseUncheckedUpdateInput): Promise<StoredCase> {
    return parseCase(await tx.case.update({ where: { id: c.id, localAuthority: c.localAuthority }, data }));
  }

  async list(localAuthority: string, where: Prisma.CaseWhereInput, take: number, skip: number): Promise<StoredCase[]> {
    const rows = await this.prisma.case.findMany({
      where: { ...where, localAuthority },
      orderBy: [{ decisionDue: { sort: 'asc', nulls: 'last' } }, { openedAt: 'asc' }],
      take,
      skip,
    });
    return rows.map((c) => parseCase(c));
  }

  /** Open panel cases of a type that are on no sitting's agenda (no panel or sitting was available). */
  async unlisted(tx: Tx, localAuthority: string, panelType: PanelType): Promise<StoredCase[]> {
    const rows = await tx.case.findMany({
      where: { localAuthority, panel: panelType, status: 'OPEN', sittingId: null, awaitingInformation: false },
      orderBy: { openedAt: 'asc' },
    });
    return rows.map((c) => parseCase(c));
  }

  async decide(
    tx: Tx,
    c: StoredCase,
    decision: Omit<Prisma.DecisionUncheckedCreateInput, 'caseId' | 'localAuthority'>,
    close: boolean,
  ): Promise<StoredDecision> {
    const d = await tx.decision.create({ data: { ...decision, caseId: c.id, localAuthority: c.localAuthority } });
    if (close)
      await tx.case.update({
        where: { id: c.id, localAuthority: c.localAuthority },
        data: { status: 'DECIDED', closedAt: decision.decidedAt, sittingId: null },
      });
    await this.audit(tx, c, 'decision.recorded', decision.decidedBy, {
      decisionId: d.id,
      outcome: d.outcome,
      conditions: d.conditions,
      tier: d.decidedByTier,
      sittingId: d.sittingId,
      ...(d.counterfactual ? { counterfactual: d.counterfactual } : {}),
      ...(d.informationRequested ? { informationRequested: d.informationRequested } : {}),
    });
    return parseDecision(d);
  }

  addEvidence(tx: Tx, c: StoredCase, gateId: string, evidence: string, by: string, at: Date): Promise<GateEvidence> {
    return tx.gateEvidence.create({
      data: { id: randomUUID(), caseId: c.id, localAuthority: c.localAuthority, gateId, evidence, recordedBy: by, at },
    });
  }

  evidence(caseIds: string[], tx: Tx = this.prisma): Promise<GateEvidence[]> {
    return tx.gateEvidence.findMany({ where: { caseId: { in: caseIds } }, orderBy: { at: 'asc' } });
  }

  /** Appends to the audit trail (never updated or deleted). */
  audit(
    tx: Tx,
    c: { id: string; localAuthority: string } | { caseId?: string | null; sittingId?: string | null; localAuthority: string },
    action: string,
    actor: string,
    detail: object,
  ) {
    const ref = 'id' in c ? { caseId: c.id } : { caseId: c.caseId ?? null, sittingId: c.sittingId ?? null };
    return tx.auditEntry.create({ data: { localAuthority: c.localAuthority, ...ref, action, actor, detail } });
  }

  auditTrail(localAuthority: string, where: { caseId?: string; sittingId?: string }, take = 500, afterId?: bigint) {
    return this.prisma.auditEntry.findMany({
      where: {
        localAuthority,
        ...(where.caseId ? { caseId: where.caseId } : {}),
        ...(where.sittingId ? { sittingId: where.sittingId } : {}),
        ...(afterId !== undefined ? { id: { gt: afterId } } : {}),
      },
      orderBy: { id: 'asc' },
      take,
    });
  }
}
