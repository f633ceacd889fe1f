import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Prisma } from '../../generated/client/index.js';
import { expectOne } from '../scoped.js';
import { typedOffer } from '../searches/stored-json.js';

export const OFFER_INCLUDE = { setting: { include: { provider: true } } } as const;

/** Offers made against searches. Every read and write is scoped to the council. */
@Injectable()
export class OffersRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: Prisma.OfferUncheckedCreateInput, tx: Tx) {
    return tx.offer.create({ data });
  }

  /** The offer with its search and setting, its search row locked for the rest of the transaction. */
  async lock(localAuthority: string, offerId: string, tx: Tx) {
    // The offer's search row, found through the offer and locked in one statement.
    const search = await tx.$queryRaw<{ id: string }[]>`
      SELECT s.id::text AS id FROM search s JOIN offer o ON o.search_id = s.id AND o.local_authority = s.local_authority
      WHERE o.id = ${offerId}::uuid AND o.local_authority = ${localAuthority} FOR UPDATE OF s`;
    if (!search.length) return null;
    const locked = await tx.offer.findFirst({ where: { id: offerId, localAuthority }, include: { search: true, ...OFFER_INCLUDE } });
    return locked && typedOffer(locked);
  }

  /** Changes one of the council's offers (404 when the council has no such offer). */
  async update(tx: Tx, localAuthority: string, id: string, data: Prisma.OfferUncheckedUpdateManyInput): Promise<void> {
    expectOne((await tx.offer.updateMany({ where: { id, localAuthority }, data })).count, `offer ${id}`);
  }

  /** How many of a provider's offers on a search still wait for the council. */
  countWaiting(tx: Tx, localAuthority: string, searchId: string, providerId: string) {
    return tx.offer.count({ where: { localAuthority, searchId, providerId, status: 'SUBMITTED' } });
  }

  /** The offer is awarded: the search's other open offers are not. Returns those (each with its setting), for their providers to be told. */
  async award(tx: Tx, localAuthority: string, offerId: string, searchId: string) {
    await this.update(tx, localAuthority, offerId, { status: 'AWARDED' });
    const others = await tx.offer.findMany({
      where: { searchId, localAuthority, id: { not: offerId }, status: 'SUBMITTED' },
      include: { setting: { select: { id: true, name: true, providerId: true } } },
      orderBy: { id: 'asc' },
    });
    if (others.length)
      await tx.offer.updateMany({ where: { id: { in: others.map((o) => o.id) }, localAuthority }, data: { status: 'NOT_AWARDED' } });
    return others;
  }

  async list(localAuthority: string, where: Prisma.OfferWhereInput, take: number, skip: number) {
    const rows = await this.prisma.offer.findMany({
      where: { ...where, localAuthority },
      include: OFFER_INCLUDE,
      orderBy: { submittedAt: 'desc' },
      take,
      skip,
    });
    return rows.map(typedOffer);
  }
}
