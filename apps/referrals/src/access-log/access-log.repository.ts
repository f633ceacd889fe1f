import { Injectable } from '@nestjs/common';
import type { Principal } from '@placewise/platform';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { AccessChannel } from './access-log.js';

export interface AccessQuery {
  childId?: string;
  actor?: string;
  from?: Date;
  to?: Date;
  take: number;
  skip: number;
}

/** The only code that touches the access log: it appends and reads, never changes or removes. */
@Injectable()
export class AccessLogRepository {
  constructor(private readonly prisma: PrismaService) {}

  async record(user: Principal, childIds: readonly string[], through: AccessChannel, tx: Tx = this.prisma): Promise<void> {
    const unique = [...new Set(childIds)];
    if (unique.length === 0) return;
    await tx.personalDataAccess.createMany({
      data: unique.map((childId) => ({
        localAuthority: user.localAuthority,
        childId,
        actor: user.sub,
        actorName: user.name,
        actorRoles: user.roles,
        through,
      })),
    });
  }

  async query(localAuthority: string, q: AccessQuery) {
    const where = {
      localAuthority,
      ...(q.childId ? { childId: q.childId } : {}),
      ...(q.actor ? { actor: q.actor } : {}),
      ...(q.from || q.to ? { at: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) } } : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.personalDataAccess.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: q.take, skip: q.skip }),
      this.prisma.personalDataAccess.count({ where }),
    ]);
    const children = await this.prisma.child.findMany({
      where: { localAuthority, id: { in: [...new Set(rows.map((r) => r.childId))] } },
      select: { id: true, reference: true, givenName: true, familyName: true },
    });
    return { rows, total, children: new Map(children.map((c) => [c.id, c])) };
  }
}
