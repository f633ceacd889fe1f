import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Prisma } from '../../generated/client/index.js';

@Injectable()
export class CommitmentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async annualisation(localAuthority: string, tx: Tx = this.prisma): Promise<'365/7' | '52'> {
    const s = await tx.councilSettings.findUnique({ where: { localAuthority } });
    return s?.annualisation === '52' ? '52' : '365/7';
  }

  createPlacement(data: Prisma.PlacementUncheckedCreateInput, tx: Tx) {
    return tx.placement.create({ data });
  }

  createCommitments(data: Prisma.CommitmentUncheckedCreateInput[], tx: Tx) {
    return tx.commitment.createMany({ data });
  }

  findPlacement(localAuthority: string, id: string) {
    return this.prisma.placement.findFirst({ where: { id, localAuthority }, include: { commitments: { orderBy: { financialYear: 'asc' } } } });
  }

  commitments(localAuthority: string, where: { financialYear?: number; placementId?: string }, take: number, skip: number) {
    return this.prisma.commitment.findMany({ where: { localAuthority, ...where }, orderBy: [{ financialYear: 'asc' }, { fromDate: 'asc' }], take, skip });
  }

  /** Committed pence per category in a year. */
  committedByCategory(localAuthority: string, financialYear: number) {
    return this.prisma.commitment.groupBy({ by: ['category'], where: { localAuthority, financialYear }, _sum: { amountPence: true }, _count: { _all: true } });
  }
}
