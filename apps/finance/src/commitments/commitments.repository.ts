import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Prisma } from '../../generated/client/index.js';

@Injectable()
export class CommitmentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  decisionFor(localAuthority: string, requestId: string, tx: Tx = this.prisma) {
    return tx.requestDecision.findUnique({ where: { localAuthority_requestId: { localAuthority, requestId } } });
  }

  createPlacement(data: Prisma.PlacementUncheckedCreateInput, tx: Tx) {
    return tx.placement.create({ data });
  }

  /** Changes one placement of the council; another council's id changes nothing and throws. */
  async updatePlacement(localAuthority: string, id: string, data: Prisma.PlacementUncheckedUpdateManyInput, tx: Tx): Promise<void> {
    const { count } = await tx.placement.updateMany({ where: { id, localAuthority }, data });
    if (count !== 1) throw new Error(`placement ${id} is not in ${localAuthority}`);
  }

  /**
   * The weekly price from a date: the council's row for that date is changed, else one is written.
   * Another council's placement is never changed (its row is not matched, and the new row's key clashes).
   */
  async setPrice(
    localAuthority: string,
    placementId: string,
    effectiveFrom: Date,
    weeklyCostPence: number,
    reason: string,
    id: string,
    tx: Tx,
  ): Promise<void> {
    const { count } = await tx.placementPrice.updateMany({
      where: { placementId, effectiveFrom, localAuthority },
      data: { weeklyCostPence, reason },
    });
    if (count === 0) await tx.placementPrice.create({ data: { id, localAuthority, placementId, effectiveFrom, weeklyCostPence, reason } });
  }

  addContribution(data: Prisma.ContributionUncheckedCreateInput, tx: Tx) {
    return tx.contribution.create({ data });
  }

  /** A placement with its prices and contributions, within the council. */
  placementTerms(localAuthority: string, id: string, tx: Tx = this.prisma) {
    return tx.placement.findFirst({
      where: { id, localAuthority },
      include: { prices: { orderBy: { effectiveFrom: 'asc' } }, contributions: { orderBy: { fromDate: 'asc' } } },
    });
  }

  /** Every version of a placement's lines (current ones have no supersededAt). */
  lines(localAuthority: string, placementId: string, tx: Tx = this.prisma) {
    return tx.commitment.findMany({ where: { placementId, localAuthority }, orderBy: [{ financialYear: 'asc' }, { version: 'asc' }] });
  }

  supersede(localAuthority: string, ids: string[], at: Date, tx: Tx) {
    return tx.commitment.updateMany({ where: { id: { in: ids }, localAuthority, supersededAt: null }, data: { supersededAt: at } });
  }

  createCommitments(data: Prisma.CommitmentUncheckedCreateInput[], tx: Tx) {
    return tx.commitment.createMany({ data });
  }

  findPlacement(localAuthority: string, id: string) {
    return this.prisma.placement.findFirst({
      where: { id, localAuthority },
      include: {
        commitments: { orderBy: [{ financialYear: 'asc' }, { version: 'asc' }] },
        prices: { orderBy: { effectiveFrom: 'asc' } },
        contributions: { orderBy: { fromDate: 'asc' } },
      },
    });
  }

  /** Current lines only. */
  commitments(localAuthority: string, where: { financialYear?: number; placementId?: string }, take: number, skip: number) {
    return this.prisma.commitment.findMany({
      where: { localAuthority, supersededAt: null, ...where },
      orderBy: [{ financialYear: 'asc' }, { fromDate: 'asc' }, { id: 'asc' }],
      take,
      skip,
    });
  }

  /** Ids of the council's placements that have not ended, in batches (keyset on id). */
  openPlacementIds(localAuthority: string, after: string | null, take: number) {
    return this.prisma.placement.findMany({
      where: { localAuthority, status: { not: 'ENDED' }, ...(after ? { id: { gt: after } } : {}) },
      select: { id: true, correlationId: true },
      orderBy: { id: 'asc' },
      take,
    });
  }

  /** Placements running on `asOf` at or above a weekly cost, dearest first. */
  highCost(localAuthority: string, weeklyPence: number, asOf: Date) {
    return this.prisma.placement.findMany({
      where: {
        localAuthority,
        weeklyCostPence: { gte: weeklyPence },
        startDate: { lte: asOf },
        OR: [{ endDate: null }, { endDate: { gte: asOf } }],
      },
      orderBy: [{ weeklyCostPence: 'desc' }, { startDate: 'asc' }],
    });
  }

  /** Every version of every line in a year, for the year's movement. */
  yearHistory(localAuthority: string, financialYear: number) {
    return this.prisma.commitment.findMany({
      where: { localAuthority, financialYear },
      orderBy: [{ placementId: 'asc' }, { version: 'asc' }],
    });
  }
}
