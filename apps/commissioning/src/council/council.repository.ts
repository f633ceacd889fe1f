import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Council, Prisma } from '../../generated/client/index.js';
import type { Weights } from '../matching/ranking.js';

const Weight = z.number().int().min(0);
/** The ranking weights a council stores (JSON), parsed where they are read. */
const StoredWeights = z.object({ needs: Weight, distance: Weight, education: Weight, siblings: Weight, price: Weight });

/** A council's row with its weights parsed. */
export type CouncilRow = Omit<Council, 'weights'> & { weights: Weights };

@Injectable()
export class CouncilRepository {
  constructor(private readonly prisma: PrismaService) {}

  async find(localAuthority: string, tx: Tx = this.prisma): Promise<CouncilRow | null> {
    const c = await tx.council.findUnique({ where: { localAuthority } });
    return c && { ...c, weights: StoredWeights.parse(c.weights) };
  }

  /** The council's own row (its id is the council), created or changed. */
  async upsert(
    localAuthority: string,
    create: Prisma.CouncilUncheckedCreateInput,
    update: Prisma.CouncilUncheckedUpdateInput,
  ): Promise<void> {
    await this.prisma.council.upsert({ where: { localAuthority }, create, update });
  }
}
