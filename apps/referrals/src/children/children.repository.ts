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

  /** Grants its members read of the child whose request's case is listed at a panel's sitting (case.listed); false if the request is unknown. */
  async grantPanel(tx: Tx, localAuthority: string, requestId: string, sittingId: string, userIds: string[]): Promise<boolean> {
    const req = await tx.request.findFirst({ where: { id: requestId, localAuthority }, select: { childId: true } });
    if (!req) return false;
    await tx.childAccessGrant.createMany({
      data: userIds.map((userId) => ({ localAuthority, childId: req.childId, userId, sittingId, requestId })),
      skipDuplicates: true,
    });
    return true;
  }

  find(localAuthority: string, id: string, tx: Tx = this.prisma): Promise<Child | null> {
    return tx.child.findFirst({ where: { id, localAuthority } });
  }

  /** Whether the child is in the council and in `scope` (null: any child of the council). */
  async visible(localAuthority: string, id: string, scope: Prisma.ChildWhereInput | null): Promise<boolean> {
    return (await this.prisma.child.count({ where: { id, localAuthority, ...(scope ? { AND: [scope] } : {}) } })) > 0;
  }

  /** Of these children, the ids the scope allows (every one when the scope is null). */
  async visibleAmong(localAuthority: string, ids: string[], scope: Prisma.ChildWhereInput | null): Promise<Set<string>> {
    if (!scope || ids.length === 0) return new Set(ids);
    const rows = await this.prisma.child.findMany({
      where: { localAuthority, id: { in: [...new Set(ids)] }, AND: [scope] },
      select: { id: true },
    });
    return new Set(rows.map((r) => r.id));
  }

  list(localAuthority: string, take: number, skip: number, scope: Prisma.ChildWhereInput | null = null): Promise<Child[]> {
    return this.prisma.child.findMany({
      where: { localAuthority, ...(scope ? { AND: [scope] } : {}) },
      orderBy: [{ familyName: 'asc' }, { givenName: 'asc' }],
      take,
      skip,
    });
  }
}
