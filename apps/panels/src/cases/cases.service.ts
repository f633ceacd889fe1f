import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { APPROVER_ORDER, DecisionRecordedV1, type ApproverTier, type RequestKind, type LegalStatus, type PlacementType, type Provision, type Location, type Urgency } from '@placewise/contracts';
import { OutboxWriter, type Principal } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import { PrismaService } from '../prisma.service.js';
import type { Case, Decision, Prisma } from '../../generated/client/index.js';
import { CasesRepository, type CaseWithDecisions } from './cases.repository.js';
import type { ListCases, RecordDecision } from './cases.dto.js';
import { atLeast, highestTier } from './tiers.js';

/** Outcomes that end a case; DEFERRED and REFERRED_UP leave it open. */
const FINAL = new Set(['APPROVED', 'APPROVED_WITH_CONDITIONS', 'DECLINED']);

export function caseView(c: Case | CaseWithDecisions) {
  return {
    id: c.id,
    requestId: c.requestId,
    childId: c.childId,
    childAge: c.childAge,
    kind: c.kind,
    legalStatus: c.legalStatus,
    placementType: c.placementType,
    provision: c.provision,
    location: c.location,
    urgency: c.urgency,
    requestedWeeklyCostPence: c.requestedWeeklyCostPence,
    approver: c.approver,
    panel: c.panel,
    retrospective: c.retrospective,
    costBand: c.costBand,
    outcome: c.outcome,
    decisionDue: c.decisionDue?.toISOString() ?? null,
    status: c.status,
    correlationId: c.correlationId,
    openedAt: c.openedAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
    ...('decisions' in c ? { decisions: c.decisions.map(decisionView) } : {}),
  };
}

function decisionView(d: Decision) {
  return { id: d.id, outcome: d.outcome, conditions: d.conditions, reason: d.reason, decidedBy: d.decidedBy, decidedByTier: d.decidedByTier, decidedAt: d.decidedAt.toISOString() };
}

@Injectable()
export class CasesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly cases: CasesRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Whether this person may decide this case: the required tier or above; a panel's case by a panel chair. */
  mayDecide(user: Principal, c: Pick<Case, 'approver' | 'panel'>): string | null {
    const required = c.approver as ApproverTier;
    if (!atLeast(highestTier(user), required)) return `needs an approver of tier ${required} or above`;
    if (c.panel && !user.roles.includes('panel-chair')) return `this case is heard by the ${c.panel} panel: its chair records the decision`;
    return null;
  }

  async decide(user: Principal, caseId: string, input: RecordDecision) {
    return this.prisma.$transaction(async (tx) => {
      const c = await this.cases.lock(user.localAuthority, caseId, tx);
      if (!c) throw new NotFoundException(`no case ${caseId}`);
      if (c.status !== 'OPEN') throw new ConflictException(`case ${caseId} is already decided`);
      const refusal = this.mayDecide(user, c);
      if (refusal) throw new ForbiddenException(refusal);
      const decidedAt = new Date();
      const tier = c.panel ? 'PANEL' : highestTier(user)!;
      let target = c;
      if (input.outcome === 'REFERRED_UP') {
        const next = APPROVER_ORDER[APPROVER_ORDER.indexOf(c.approver as ApproverTier) + 1];
        if (!next) throw new BadRequestException({ statusCode: 400, message: 'cannot refer up', errors: [{ field: 'outcome', reason: `nobody is above ${c.approver}` }] });
        target = await tx.case.update({ where: { id: c.id }, data: { approver: next } });
      }
      const conditions = input.conditions ?? { notes: [] };
      const decision = await this.cases.decide(
        tx,
        target,
        { id: randomUUID(), outcome: input.outcome, conditions, reason: input.reason, decidedBy: user.sub, decidedByTier: tier, decidedAt },
        FINAL.has(input.outcome),
      );
      await this.outbox.append(
        tx,
        DecisionRecordedV1,
        {
          decisionId: decision.id,
          caseId: c.id,
          requestId: c.requestId,
          childId: c.childId,
          childAge: c.childAge,
          kind: c.kind as RequestKind,
          legalStatus: c.legalStatus as LegalStatus,
          placementType: c.placementType as PlacementType,
          provision: c.provision as Provision,
          location: c.location as Location,
          urgency: c.urgency as Urgency,
          requestedWeeklyCostPence: c.requestedWeeklyCostPence,
          outcome: input.outcome,
          conditions,
          decidedBy: user.sub,
          decidedByTier: tier,
          decidedAt: decidedAt.toISOString(),
          reason: input.reason,
        },
        // The journey keeps the correlation id of the request that started it (the case's), not this HTTP call's.
        { localAuthority: c.localAuthority, correlationId: c.correlationId },
      );
      return { ...caseView((await this.cases.find(user.localAuthority, c.id, tx))!) };
    });
  }

  async get(user: Principal, id: string) {
    const c = await this.cases.find(user.localAuthority, id);
    if (!c) throw new NotFoundException(`no case ${id}`);
    return { ...caseView(c), audit: (await this.cases.auditTrail(user.localAuthority, id)).map((a) => ({ action: a.action, actor: a.actor, detail: a.detail, at: a.at.toISOString() })) };
  }

  async list(user: Principal, q: ListCases) {
    const where: Prisma.CaseWhereInput = { ...(q.status ? { status: q.status } : {}), ...(q.requestId ? { requestId: q.requestId } : {}) };
    if (q.mine) {
      // An approver's queue: the open cases they may decide (as mayDecide), filtered in the query so paging is exact.
      const held = highestTier(user);
      if (!held || q.status === 'DECIDED') return [];
      where.status = 'OPEN';
      where.approver = { in: APPROVER_ORDER.slice(0, APPROVER_ORDER.indexOf(held) + 1) };
      if (!user.roles.includes('panel-chair')) where.panel = null;
    }
    return (await this.cases.list(user.localAuthority, where, q.take, q.skip)).map(caseView);
  }
}
