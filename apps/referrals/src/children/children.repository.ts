import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Child, Prisma } from '../../generated/client/index.js';

/** The only code that touches the child table. Every query is scoped to a local authority. */
@Injectable()
export class ChildrenRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: Prisma.ChildUncheckedCreateInput, tx: Tx = this.prisma): Promise<Child> {
    return tx.child.create({ data });
  }

  find(localAuthority: string, id: string, tx: Tx = this.prisma): Promise<Child | null> {
    return tx.child.findFirst({ where: { id, localAuthority } });
  }

  list(localAuthority: string, take: number, skip: number): Promise<Child[]> {
    return this.prisma.child.findMany({ where: { localAuthority }, orderBy: [{ familyName: 'asc' }, { givenName: 'asc' }], take, skip });
  }
}
