import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Prisma, Request, RequestHistory } from '../../generated/client/index.js';

export type RequestWithHistory = Request & { history: RequestHistory[] };

/** The only code that touches the request tables. Every query is scoped to a local authority. */
@Injectable()
export class RequestsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: Prisma.RequestUncheckedCreateInput, actor: string, tx: Tx): Promise<Request> {
    return tx.request.create({
      data: { ...data, history: { create: { localAuthority: data.localAuthority, toStatus: data.status, actor, note: 'submitted' } } },
    });
  }

  find(localAuthority: string, id: string, tx: Tx = this.prisma): Promise<RequestWithHistory | null> {
    return tx.request.findFirst({ where: { id, localAuthority }, include: { history: { orderBy: { id: 'asc' } } } });
  }

  list(localAuthority: string, where: { status?: string; childId?: string }, take: number, skip: number): Promise<Request[]> {
    return this.prisma.request.findMany({
      where: { localAuthority, ...(where.status ? { status: where.status } : {}), ...(where.childId ? { childId: where.childId } : {}) },
      orderBy: { submittedAt: 'desc' },
      take,
      skip,
    });
  }

  factsByStatus(localAuthority: string, statuses: string[]) {
    return this.prisma.request.findMany({
      where: { localAuthority, status: { in: statuses } },
      select: { id: true, facts: true },
      orderBy: { submittedAt: 'asc' },
    });
  }

  /** Changes the status and appends the history row, in the caller's transaction. */
  async transition(
    tx: Tx,
    req: Request,
    change: { toStatus: string; actor: string; note: string; eventId?: string; data?: Prisma.RequestUncheckedUpdateInput },
  ): Promise<void> {
    await tx.request.update({ where: { id: req.id }, data: { ...change.data, status: change.toStatus } });
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
