import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';

/** The council's people by user id, with the name their sign-in gives (and the names panels give their members). */
@Injectable()
export class PeopleRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Remembers the person's name as their token gives it (the latest wins). */
  async remember(localAuthority: string, userId: string, name: string, tx: Tx = this.prisma): Promise<void> {
    await tx.person.upsert({
      where: { localAuthority_userId: { localAuthority, userId } },
      create: { localAuthority, userId, name },
      update: { name, seenAt: new Date() },
    });
  }

  /** The names known for these user ids: a panel's name for its member first, else the sign-in's. */
  async names(localAuthority: string, userIds: string[], tx: Tx = this.prisma): Promise<Map<string, string>> {
    const ids = [...new Set(userIds)];
    if (!ids.length) return new Map();
    const [people, members] = await Promise.all([
      tx.person.findMany({ where: { localAuthority, userId: { in: ids } } }),
      tx.panelMember.findMany({ where: { localAuthority, userId: { in: ids } }, orderBy: { active: 'asc' } }),
    ]);
    const names = new Map(people.map((p) => [p.userId, p.name]));
    for (const m of members) names.set(m.userId, m.displayName);
    return names;
  }
}
