import { Injectable } from '@nestjs/common';
import type { Tx } from '../prisma.service.js';

/** A person's notifications as the tray reads and marks them: always the caller's own, in their council. */
@Injectable()
export class TrayRepository {
  list(localAuthority: string, userId: string, limit: number, tx: Tx) {
    return tx.notification.findMany({
      where: { localAuthority, userId },
      // Unread first (a null read_at sorts first), newest first within each.
      orderBy: [{ readAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }, { id: 'asc' }],
      take: limit,
    });
  }

  unread(localAuthority: string, userId: string, tx: Tx): Promise<number> {
    return tx.notification.count({ where: { localAuthority, userId, readAt: null } });
  }

  async markRead(localAuthority: string, userId: string, id: string, tx: Tx): Promise<'marked' | 'already' | 'missing'> {
    const n = await tx.notification.findFirst({ where: { id, localAuthority, userId }, select: { readAt: true } });
    if (!n) return 'missing';
    if (n.readAt) return 'already';
    await tx.notification.update({ where: { id }, data: { readAt: new Date() } });
    return 'marked';
  }

  async markAllRead(localAuthority: string, userId: string, tx: Tx): Promise<number> {
    return (await tx.notification.updateMany({ where: { localAuthority, userId, readAt: null }, data: { readAt: new Date() } })).count;
  }
}
