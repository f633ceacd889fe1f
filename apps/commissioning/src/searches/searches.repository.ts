import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Prisma } from '../../generated/client/index.js';

const OFFER_INCLUDE = { setting: { include: { provider: true } } } as const;

@Injectable()
export class SearchesRepository {
  constructor(private readonly prisma: PrismaService) {}

  open(data: Prisma.SearchUncheckedCreateInput, tx: Tx) {
    return tx.search.create({ data });
  }

  /** The next generation of searches for a request (a replacement search after notice). */
  async nextGeneration(requestId: string, tx: Tx): Promise<number> {
    const r = await tx.search.aggregate({ where: { requestId }, _max: { generation: true } });
    return (r._max.generation ?? -1) + 1;
  }

  find(localAuthority: string, id: string, tx: Tx = this.prisma) {
    return tx.search.findFirst({
      where: { id, localAuthority },
      include: { offers: { include: OFFER_INCLUDE, orderBy: { submittedAt: 'asc' } }, referrals: { orderBy: { sentAt: 'asc' } } },
    });
  }

  /** The search row, locked for the rest of the transaction. */
  async lock(localAuthority: string, id: string, tx: Tx) {
    await tx.$executeRaw`SELECT 1 FROM search WHERE id = ${id}::uuid AND local_authority = ${localAuthority} FOR UPDATE`;
    return tx.search.findFirst({ where: { id, localAuthority } });
  }

  update(tx: Tx, id: string, data: Prisma.SearchUncheckedUpdateInput) {
    return tx.search.update({ where: { id }, data });
  }

  list(localAuthority: string, where: Prisma.SearchWhereInput, take: number, skip: number) {
    return this.prisma.search.findMany({
      where: { ...where, localAuthority },
      orderBy: [{ openedAt: 'desc' }, { generation: 'desc' }],
      take,
      skip,
    });
  }

  createOffer(data: Prisma.OfferUncheckedCreateInput, tx: Tx = this.prisma) {
    return tx.offer.create({ data });
  }

  /** The offer with its search and setting, its search row locked for the rest of the transaction. */
  async lockOffer(localAuthority: string, offerId: string, tx: Tx) {
    const offer = await tx.offer.findFirst({ where: { id: offerId, localAuthority } });
    if (!offer) return null;
    await tx.$executeRaw`SELECT 1 FROM search WHERE id = ${offer.searchId}::uuid FOR UPDATE`;
    return tx.offer.findFirst({ where: { id: offerId }, include: { search: true, ...OFFER_INCLUDE } });
  }

  updateOffer(tx: Tx, id: string, data: Prisma.OfferUncheckedUpdateInput) {
    return tx.offer.update({ where: { id }, data });
  }

  async award(tx: Tx, offerId: string, searchId: string) {
    await tx.offer.update({ where: { id: offerId }, data: { status: 'AWARDED', pendingAward: undefined } });
    await tx.offer.updateMany({ where: { searchId, id: { not: offerId }, status: 'SUBMITTED' }, data: { status: 'NOT_AWARDED' } });
    await tx.referral.updateMany({ where: { searchId }, data: { status: 'CLOSED' } });
    await tx.search.update({ where: { id: searchId }, data: { status: 'AWARDED', closedAt: new Date() } });
  }

  createReferrals(tx: Tx, rows: Prisma.ReferralCreateManyInput[]) {
    return tx.referral.createMany({ data: rows, skipDuplicates: true });
  }

  /** Referrals: a provider's own (providerId given), or all of the council's. */
  listReferrals(localAuthority: string, where: Prisma.ReferralWhereInput, take: number, skip: number) {
    return this.prisma.referral.findMany({
      where: { ...where, localAuthority },
      include: { search: true },
      orderBy: { sentAt: 'desc' },
      take,
      skip,
    });
  }

  findReferral(localAuthority: string, id: string, providerId?: string) {
    return this.prisma.referral.findFirst({
      where: { id, localAuthority, ...(providerId ? { providerId } : {}) },
      include: { search: true },
    });
  }

  updateReferral(tx: Tx, searchId: string, providerId: string, data: Prisma.ReferralUpdateManyMutationInput) {
    return tx.referral.updateMany({ where: { searchId, providerId }, data });
  }

  /** Referrals of a round still able to offer (not declined). */
  countLiveReferrals(tx: Tx, searchId: string, round: number) {
    return tx.referral.count({ where: { searchId, round, status: { not: 'DECLINED' } } });
  }

  listOffers(localAuthority: string, where: Prisma.OfferWhereInput, take: number, skip: number) {
    return this.prisma.offer.findMany({
      where: { ...where, localAuthority },
      include: OFFER_INCLUDE,
      orderBy: { submittedAt: 'desc' },
      take,
      skip,
    });
  }
}
