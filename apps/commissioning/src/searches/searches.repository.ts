import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Prisma } from '../../generated/client/index.js';
import { expectOne } from '../scoped.js';
import { typedOffer } from './stored-json.js';

const OFFER_INCLUDE = { setting: { include: { provider: true } } } as const;

/** Searches and the referrals each sends to providers. Every read and write is scoped to the council. */
@Injectable()
export class SearchesRepository {
  constructor(private readonly prisma: PrismaService) {}

  open(data: Prisma.SearchUncheckedCreateInput, tx: Tx) {
    return tx.search.create({ data });
  }

  /** The next generation of searches for a request (a replacement search after notice). */
  async nextGeneration(localAuthority: string, requestId: string, tx: Tx): Promise<number> {
    const r = await tx.search.aggregate({ where: { requestId, localAuthority }, _max: { generation: true } });
    return (r._max.generation ?? -1) + 1;
  }

  async find(localAuthority: string, id: string, tx: Tx = this.prisma) {
    const s = await tx.search.findFirst({
      where: { id, localAuthority },
      include: { offers: { include: OFFER_INCLUDE, orderBy: { submittedAt: 'asc' } }, referrals: { orderBy: { sentAt: 'asc' } } },
    });
    return s && { ...s, offers: s.offers.map(typedOffer) };
  }

  /** The search row, locked for the rest of the transaction. */
  async lock(localAuthority: string, id: string, tx: Tx) {
    await tx.$executeRaw`SELECT 1 FROM search WHERE id = ${id}::uuid AND local_authority = ${localAuthority} FOR UPDATE`;
    return tx.search.findFirst({ where: { id, localAuthority } });
  }

  /** Changes one of the council's searches (404 when the council has no such search). */
  async update(tx: Tx, localAuthority: string, id: string, data: Prisma.SearchUncheckedUpdateManyInput): Promise<void> {
    expectOne((await tx.search.updateMany({ where: { id, localAuthority }, data })).count, `search ${id}`);
  }

  list(localAuthority: string, where: Prisma.SearchWhereInput, take: number, skip: number) {
    return this.prisma.search.findMany({
      where: { ...where, localAuthority },
      orderBy: [{ openedAt: 'desc' }, { generation: 'desc' }],
      take,
      skip,
    });
  }

  /** Sends the search to providers not sent it yet; returns the referrals made now. */
  createReferrals(tx: Tx, rows: Prisma.ReferralCreateManyInput[]) {
    return tx.referral.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true, providerId: true } });
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

  findReferral(localAuthority: string, id: string, providerId?: string, tx: Tx = this.prisma) {
    return tx.referral.findFirst({
      where: { id, localAuthority, ...(providerId ? { providerId } : {}) },
      include: { search: true },
    });
  }

  /** Changes the referral a search sent a provider, if it sent one (a commissioner may offer for a provider never sent one). */
  updateReferral(tx: Tx, localAuthority: string, searchId: string, providerId: string, data: Prisma.ReferralUpdateManyMutationInput) {
    return tx.referral.updateMany({ where: { searchId, providerId, localAuthority }, data });
  }

  /**
   * A referral sent to a provider that has already offered on the search (a commissioner entered its
   * offer before the round reached it) is answered: OFFERED, not waiting.
   */
  async markAnswered(tx: Tx, localAuthority: string, searchId: string) {
    const offered = await tx.offer.findMany({
      where: { localAuthority, searchId, status: { not: 'WITHDRAWN' }, providerId: { not: null } },
      select: { providerId: true },
      distinct: ['providerId'],
    });
    const providerIds = offered.map((o) => o.providerId).filter((id): id is string => id !== null);
    if (providerIds.length === 0) return;
    await tx.referral.updateMany({
      where: { localAuthority, searchId, status: 'SENT', providerId: { in: providerIds } },
      data: { status: 'OFFERED' },
    });
  }

  /** Referrals of a round still able to offer (not declined). */
  countLiveReferrals(tx: Tx, localAuthority: string, searchId: string, round: number) {
    return tx.referral.count({ where: { searchId, round, localAuthority, status: { not: 'DECLINED' } } });
  }

  /** Closes every referral of a search (it has been awarded). */
  closeReferrals(tx: Tx, localAuthority: string, searchId: string) {
    return tx.referral.updateMany({ where: { searchId, localAuthority }, data: { status: 'CLOSED' } });
  }
}
