import { Injectable } from '@nestjs/common';
import type { Tx } from '../prisma.service.js';
import type { Prisma } from '../../generated/client/index.js';

/** The emergency placements of a council: made before their approval, settled by the retrospective decision. */
@Injectable()
export class EmergenciesRepository {
  /** The emergency placement made for a request, locked for the rest of the transaction. */
  async forRequest(tx: Tx, localAuthority: string, requestId: string) {
    await tx.$executeRaw`SELECT 1 FROM placement WHERE local_authority = ${localAuthority} AND request_id = ${requestId}::uuid AND origin = 'EMERGENCY' FOR UPDATE`;
    return tx.placement.findFirst({ where: { localAuthority, requestId, origin: 'EMERGENCY' } });
  }

  create(tx: Tx, data: Prisma.PlacementUncheckedCreateInput) {
    return tx.placement.create({ data });
  }
}
