import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Prisma } from '../../generated/client/index.js';

@Injectable()
export class SearchesRepository {
  constructor(private readonly prisma: PrismaService) {}

  open(data: Prisma.SearchUncheckedCreateInput, tx: Tx) {
    return tx.search.create({ data });
  }

  find(localAuthority: string, id: string, tx: Tx = this.prisma) {
    return tx.search.findFirst({ where: { id, localAuthority }, include: { offers: { include: { setting: { include: { provider: true } } }, orderBy: { weeklyFeePence: 'asc' } } } });
  }

  list(localAuthority: string, where: Prisma.SearchWhereInput, take: number, skip: number) {
    return this.prisma.search.findMany({ where: { ...where, localAuthority }, orderBy: { openedAt: 'desc' }, take, skip });
  }

  createOffer(data: Prisma.OfferUncheckedCreateInput) {
    return this.prisma.offer.create({ data });
  }

  /** The offer with its search and setting, its search row locked for the rest of the transaction. */
  async lockOffer(localAuthority: string, offerId: string, tx: Tx) {
    const offer = await tx.offer.findFirst({ where: { id: offerId, localAuthority } });
    if (!offer) return null;
    await tx.$executeRaw`SELECT 1 FROM search WHERE id = ${offer.searchId}::uuid FOR UPDATE`;
    return tx.offer.findFirst({ where: { id: offerId }, include: { search: true, setting: { include: { provider: true } } } });
  }

  async award(tx: Tx, offerId: string, searchId: string) {
    await tx.offer.update({ where: { id: offerId }, data: { status: 'AWARDED' } });
    await tx.offer.updateMany({ where: { searchId, id: { not: offerId } }, data: { status: 'NOT_AWARDED' } });
    await tx.search.update({ where: { id: searchId }, data: { status: 'AWARDED', closedAt: new Date() } });
  }

  createPlacement(data: Prisma.PlacementUncheckedCreateInput, tx: Tx) {
    return tx.placement.create({ data });
  }

  findPlacement(localAuthority: string, id: string) {
    return this.prisma.placement.findFirst({ where: { id, localAuthority } });
  }

  listPlacements(localAuthority: string, take: number, skip: number) {
    return this.prisma.placement.findMany({ where: { localAuthority }, orderBy: { startDate: 'desc' }, take, skip });
  }
}
