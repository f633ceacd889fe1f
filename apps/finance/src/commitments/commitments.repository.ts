import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';
import { z } from 'zod';
import type { Commitment, Prisma } from '../../generated/client/index.js';
import type { Annualisation } from '../money.js';

/** The basis a line was costed on (text held to '365/7' or '52' by a CHECK constraint). */
const Basis = z.enum(['365/7', '52']);

/** A commitment line as the repository returns it: its basis typed. */
export type CommitmentLine = Omit<Commitment, 'basis'> & { basis: Annualisation };

/** A listed line with what the list shows of its placement. */
export type ListedCommitment = CommitmentLine & {
  placement: { placementType: string; providerId: string | null; importKey: string | null; origin: 'AWARD' | 'IMPORT' | 'EMERGENCY' };
};

const line = (row: Commitment): CommitmentLine => ({ ...row, basis: Basis.parse(row.basis) });

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
  async lines(localAuthority: string, placementId: string, tx: Tx = this.prisma): Promise<CommitmentLine[]> {
    return (
      await tx.commitment.findMany({ where: { placementId, localAuthority }, orderBy: [{ financialYear: 'asc' }, { version: 'asc' }] })
    ).map(line);
  }

  supersede(localAuthority: string, ids: string[], at: Date, tx: Tx) {
    return tx.commitment.updateMany({ where: { id: { in: ids }, localAuthority, supersededAt: null }, data: { supersededAt: at } });
  }

  createCommitments(data: Prisma.CommitmentUncheckedCreateInput[], tx: Tx) {
    return tx.commitment.createMany({ data });
  }

  async findPlacement(localAuthority: string, id: string) {
    const p = await this.prisma.placement.findFirst({
      where: { id, localAuthority },
      include: {
        commitments: { orderBy: [{ financialYear: 'asc' }, { version: 'asc' }] },
        prices: { orderBy: { effectiveFrom: 'asc' } },
        contributions: { orderBy: { fromDate: 'asc' } },
      },
    });
    return p && { ...p, commitments: p.commitments.map(line) };
  }

  /** Current lines only. */
  /**
   * The council's current commitment lines, with their placement's type, provider and import key;
   * filtered by year, placement, category, provider, or the child's reference (a placement imported
   * from the 903 return carries it in its import key, `ssda903:<council>:<reference>:<start>`).
   * In year order, or the newest first (a line just committed on the first page).
   */
  async commitments(
    localAuthority: string,
    where: { financialYear?: number; placementId?: string; category?: string; providerId?: string; childReference?: string },
    order: 'year' | 'newest',
    take: number,
    skip: number,
  ): Promise<ListedCommitment[]> {
    const { childReference, providerId, ...own } = where;
    const placement: Prisma.PlacementWhereInput = {
      ...(providerId ? { providerId } : {}),
      ...(childReference !== undefined ? { importKey: { startsWith: `ssda903:${localAuthority}:${childReference}:` } } : {}),
    };
    const rows = await this.prisma.commitment.findMany({
      where: { localAuthority, supersededAt: null, ...own, ...(Object.keys(placement).length ? { placement } : {}) },
      include: { placement: { select: { placementType: true, providerId: true, importKey: true, origin: true } } },
      orderBy: order === 'newest' ? [{ createdAt: 'desc' }, { id: 'asc' }] : [{ financialYear: 'asc' }, { fromDate: 'asc' }, { id: 'asc' }],
      take,
      skip,
    });
    return rows.map(({ placement: p, ...c }) => ({ ...line(c), placement: p }));
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
  async yearHistory(localAuthority: string, financialYear: number): Promise<CommitmentLine[]> {
    const rows = await this.prisma.commitment.findMany({
      where: { localAuthority, financialYear },
      orderBy: [{ placementId: 'asc' }, { version: 'asc' }],
    });
    return rows.map(line);
  }
}
