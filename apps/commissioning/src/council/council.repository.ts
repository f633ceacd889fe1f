import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Council, Prisma } from '../../generated/client/index.js';

@Injectable()
export class CouncilRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(localAuthority: string, tx: Tx = this.prisma): Promise<Council | null> {
    return tx.council.findUnique({ where: { localAuthority } });
  }

  upsert(localAuthority: string, create: Prisma.CouncilUncheckedCreateInput, update: Prisma.CouncilUncheckedUpdateInput): Promise<Council> {
    return this.prisma.council.upsert({ where: { localAuthority }, create, update });
  }
}
