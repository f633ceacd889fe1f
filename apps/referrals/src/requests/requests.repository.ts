import { Injectable } from '@nestjs/common';
import type { RequestStatus } from '@placewise/contracts';
import { dayOf, londonDate } from '@placewise/contracts/dates';
import type { RequestFacts, RulesOutcome } from '@placewise/rules';
import { PrismaService, type Tx } from '../prisma.service.js';
import { exactlyOne } from '../scoped-write.js';
import type { Prisma } from '../../generated/client/index.js';
import { asJson, parseFacts, parseRequest, type StoredRequest, type StoredRequestWithHistory } from './stored-request.js';

export type { StoredRequest, StoredRequestWithHistory } from './stored-request.js';

/**
 * The only code that touches the request tables. Every query and every write is scoped to a local
 * authority; JSON columns are parsed here, so callers get typed facts, outcomes and decisions.
 */
@Injectable()
export class RequestsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Stores a request with the facts the rules were given and their outcome, and its first history row. */
  async create(
    data: Omit<Prisma.RequestUncheckedCreateInput, 'facts' | 'outcome'> & { facts: RequestFacts; outcome: RulesOutcome },
    actor: string,
    tx: Tx,
  ): Promise<StoredRequest> {
    return parseRequest(
      await tx.request.create({
        data: {
          ...data,
          facts: data.facts,
          outcome: asJson(data.outcome),
          history: { create: { localAuthority: data.localAuthority, toStatus: data.status, actor, note: 'submitted' } },
        },
      }),
    );
  }

  async find(localAuthority: string, id: string, tx: Tx = this.prisma): Promise<StoredRequestWithHistory | null> {
    const row = await tx.request.findFirst({ where: { id, localAuthority }, include: { history: { orderBy: { id: 'asc' } } } });
    return row && parseRequest(row);
  }

  async list(
    localAuthority: string,
    where: { status?: RequestStatus; childId?: string },
    take: number,
    skip: number,
  ): Promise<StoredRequest[]> {
    const rows = await this.prisma.request.findMany({
      where: { localAuthority, ...(where.status ? { status: where.status } : {}), ...(where.childId ? { childId: where.childId } : {}) },
      orderBy: { submittedAt: 'desc' },
      take,
      skip,
    });
    return rows.map((r) => parseRequest(r));
  }

  /**
   * The day a child's connected-person carer was temporarily approved (CPPCR reg 24), from the
   * latest approved or placed kinship placement that sought temporary approval: the day it gave, else
   * the day the child was placed, else the London day of the decision. Null when none is on record.
   */
  async temporaryApprovalSince(localAuthority: string, childId: string, tx: Tx = this.prisma): Promise<string | null> {
    const rows = await tx.request.findMany({
      where: {
        localAuthority,
        childId,
        placementType: 'KINSHIP_FOSTER',
        kind: { in: ['ENTRY_TO_CARE', 'PLACEMENT'] },
        status: { in: ['APPROVED', 'PLACED'] },
      },
      orderBy: { submittedAt: 'desc' },
    });
    for (const row of rows) {
      const r = parseRequest(row);
      if ((r.facts.connectedPersonTempApprovalWeeks ?? 0) <= 0) continue;
      return r.facts.connectedPersonTempApprovedOn ?? dayOf(r.placedAt) ?? (r.decision ? londonDate(r.decision.decidedAt) : null);
    }
    return null;
  }

  async factsByStatus(localAuthority: string, statuses: RequestStatus[]) {
    const rows = await this.prisma.request.findMany({
      where: { localAuthority, status: { in: statuses } },
      select: { id: true, facts: true },
      orderBy: { submittedAt: 'asc' },
    });
    return rows.map((r) => ({ id: r.id, facts: parseFacts(r.facts) }));
  }

  /** Changes the status and appends the history row, in the caller's transaction. */
  async transition(
    tx: Tx,
    req: Pick<StoredRequest, 'id' | 'localAuthority' | 'status'>,
    change: { toStatus: RequestStatus; actor: string; note: string; eventId?: string; data?: Prisma.RequestUncheckedUpdateManyInput },
  ): Promise<void> {
    exactlyOne(
      await tx.request.updateMany({
        where: { id: req.id, localAuthority: req.localAuthority },
        data: { ...change.data, status: change.toStatus },
      }),
      `request ${req.id}`,
    );
    await tx.requestHistory.create({
      data: {
        requestId: req.id,
        localAuthority: req.localAuthority,
        fromStatus: req.status,
        toStatus: change.toStatus,
        actor: change.actor,
        note: change.note,
        eventId: change.eventId ?? null,
      },
    });
  }
}
