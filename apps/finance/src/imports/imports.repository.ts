import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';

@Injectable()
export class ImportsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The placement an import key (or placement id) already recorded, if any. */
  known(localAuthority: string, placementId: string, importKey: string, tx: Tx) {
    return tx.placement.findFirst({ where: { localAuthority, OR: [{ id: placementId }, { importKey }] }, select: { id: true } });
  }

  /** The council's imported placements still running with no price from its cost file, oldest start first. */
  unpriced(localAuthority: string, take: number, skip: number) {
    return this.prisma.placement.findMany({
      where: { localAuthority, origin: 'IMPORT', priceMissing: true, status: { not: 'ENDED' } },
      orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
      take,
      skip,
    });
  }

  /** An imported placement of the council, locked for the rest of the transaction. */
  async lockImported(localAuthority: string, id: string, tx: Tx) {
    await tx.$executeRaw`SELECT 1 FROM placement WHERE id = ${id}::uuid AND local_authority = ${localAuthority} FOR UPDATE`;
    return tx.placement.findFirst({ where: { id, localAuthority, origin: 'IMPORT' } });
  }
}
