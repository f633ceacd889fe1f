import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Prisma } from '../../generated/client/index.js';

export interface DecisionRecord {
  requestId: string;
  localAuthority: string;
  decisionId: string;
  decidedAt: Date;
  reviewDate: Date | null;
  cfDescription: string | null;
  cfPlacementType: string | null;
  cfWeeklyCostPence: number | null;
  cfSource: string | null;
}

/** Decisions that recorded a counterfactual price, typed so (the query already keeps only those). */
const withCounterfactual = <D extends { cfWeeklyCostPence: number | null }>(rows: D[]) =>
  rows.flatMap((d) => (d.cfWeeklyCostPence === null ? [] : [{ ...d, cfWeeklyCostPence: d.cfWeeklyCostPence }]));

@Injectable()
export class AvoidanceRepository {
  constructor(private readonly prisma: PrismaService) {}

  decision(localAuthority: string, requestId: string, tx: Tx) {
    return tx.requestDecision.findUnique({ where: { localAuthority_requestId: { localAuthority, requestId } } });
  }

  saveDecision(d: DecisionRecord, tx: Tx) {
    const { localAuthority, requestId, ...rest } = d;
    return tx.requestDecision.upsert({ where: { localAuthority_requestId: { localAuthority, requestId } }, create: d, update: rest });
  }

  /** The review date follows the latest approval onto a placement that already exists (e.g. a retrospective approval). */
  setReviewDateForRequest(localAuthority: string, requestId: string, reviewDate: Date | null, tx: Tx) {
    return tx.placement.updateMany({ where: { localAuthority, requestId }, data: { reviewDate } });
  }

  entry(localAuthority: string, sourceKey: string, tx: Tx) {
    return tx.avoidanceEntry.findUnique({ where: { localAuthority_sourceKey: { localAuthority, sourceKey } } });
  }

  createEntry(data: Prisma.AvoidanceEntryUncheckedCreateInput, tx: Tx) {
    return tx.avoidanceEntry.create({ data });
  }

  async updateEntry(localAuthority: string, id: string, data: Prisma.AvoidanceEntryUncheckedUpdateManyInput, tx: Tx): Promise<void> {
    await tx.avoidanceEntry.updateMany({ where: { id, localAuthority }, data });
  }

  async deleteEntry(localAuthority: string, id: string, tx: Tx): Promise<void> {
    await tx.avoidanceEntry.deleteMany({ where: { id, localAuthority } });
  }

  /** The council's step-down and exit entries in a financial year, oldest first. */
  entries(localAuthority: string, financialYear: number) {
    return this.prisma.avoidanceEntry.findMany({
      where: { localAuthority, financialYear },
      orderBy: [{ fromDate: 'asc' }, { createdAt: 'asc' }],
    });
  }

  /** A placement of the council with its prices. */
  placement(localAuthority: string, id: string, tx: Tx) {
    return tx.placement.findFirst({ where: { id, localAuthority }, include: { prices: { orderBy: { effectiveFrom: 'asc' } } } });
  }

  /** The child's placements that ended with a step-down, with their prices. */
  endedStepDowns(localAuthority: string, childId: string, tx: Tx) {
    return tx.placement.findMany({
      where: { localAuthority, childId, endReason: 'STEP_DOWN', endDate: { not: null } },
      include: { prices: { orderBy: { effectiveFrom: 'asc' } } },
      orderBy: { endDate: 'asc' },
    });
  }

  /** The child's first placement starting after a day, with its prices. */
  nextPlacement(localAuthority: string, childId: string, after: Date, tx: Tx) {
    return tx.placement.findFirst({
      where: { localAuthority, childId, startDate: { gt: after } },
      include: { prices: { orderBy: { effectiveFrom: 'asc' } } },
      orderBy: [{ startDate: 'asc' }, { createdAt: 'asc' }],
    });
  }

  /** Approvals that recorded a counterfactual, and those of them with no placement yet (planned avoidance). */
  async counterfactuals(localAuthority: string) {
    const decisions = withCounterfactual(
      await this.prisma.requestDecision.findMany({
        where: { localAuthority, cfWeeklyCostPence: { not: null } },
        orderBy: { decidedAt: 'asc' },
      }),
    );
    const placed = new Set(
      (
        await this.prisma.placement.findMany({
          where: { localAuthority, requestId: { in: decisions.map((d) => d.requestId) } },
          select: { requestId: true },
        })
      ).map((p) => p.requestId),
    );
    return { decisions, unplaced: decisions.filter((d) => !placed.has(d.requestId)) };
  }

  /** Placements whose request's approval recorded a counterfactual, with their prices. */
  async placementsWithCounterfactual(localAuthority: string) {
    const decisions = withCounterfactual(
      await this.prisma.requestDecision.findMany({ where: { localAuthority, cfWeeklyCostPence: { not: null } } }),
    );
    if (decisions.length === 0) return [];
    const placements = await this.prisma.placement.findMany({
      where: { localAuthority, requestId: { in: decisions.map((d) => d.requestId) } },
      include: { prices: { orderBy: { effectiveFrom: 'asc' } } },
      orderBy: { startDate: 'asc' },
    });
    const byRequest = new Map(decisions.map((d) => [d.requestId, d]));
    return placements.flatMap((p) => {
      const decision = p.requestId ? byRequest.get(p.requestId) : undefined;
      return decision ? [{ placement: { ...p, requestId: decision.requestId }, decision }] : [];
    });
  }
}
