import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Prisma } from '../../generated/client/index.js';

@Injectable()
export class PlacementsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: Prisma.PlacementUncheckedCreateInput, tx: Tx) {
    return tx.placement.create({ data });
  }

  find(localAuthority: string, id: string, tx: Tx = this.prisma) {
    return tx.placement.findFirst({ where: { id, localAuthority }, include: { priceChanges: { orderBy: { requestedAt: 'asc' } } } });
  }

  /** The placement row, locked for the rest of the transaction. */
  async lock(localAuthority: string, id: string, tx: Tx) {
    await tx.$executeRaw`SELECT 1 FROM placement WHERE id = ${id}::uuid AND local_authority = ${localAuthority} FOR UPDATE`;
    return tx.placement.findFirst({ where: { id, localAuthority } });
  }

  /** The child's placements still running, locked for the rest of the transaction. */
  async activeForChild(localAuthority: string, childId: string, tx: Tx) {
    await tx.$executeRaw`SELECT 1 FROM placement WHERE local_authority = ${localAuthority} AND child_id = ${childId}::uuid AND status = 'ACTIVE' FOR UPDATE`;
    return tx.placement.findMany({ where: { localAuthority, childId, status: 'ACTIVE' } });
  }

  update(tx: Tx, id: string, data: Prisma.PlacementUncheckedUpdateInput) {
    return tx.placement.update({ where: { id }, data });
  }

  list(localAuthority: string, where: Prisma.PlacementWhereInput, take: number, skip: number) {
    return this.prisma.placement.findMany({ where: { ...where, localAuthority }, orderBy: [{ startDate: 'desc' }, { createdAt: 'desc' }], take, skip });
  }

  createPriceChange(tx: Tx, data: Prisma.PriceChangeUncheckedCreateInput) {
    return tx.priceChange.create({ data });
  }

  findPriceChanges(tx: Tx, placementId: string, where: Prisma.PriceChangeWhereInput) {
    return tx.priceChange.findMany({ where: { ...where, placementId } });
  }

  updatePriceChange(tx: Tx, id: string, data: Prisma.PriceChangeUncheckedUpdateInput) {
    return tx.priceChange.update({ where: { id }, data });
  }
}
