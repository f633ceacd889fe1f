import { Injectable } from '@nestjs/common';
import type { Tx } from '../prisma.service.js';

/**
 * What notifications does when referrals erases a child at the end of their retention period: the notifications
 * that linked to the child or one of their requests are deleted with their email deliveries, and so is any other
 * copy of an email (a day's digest) that carried such a link; the routing kept for those requests goes too. These
 * are the rows its subject access part finds, found the same way (by link).
 */
@Injectable()
export class RetentionRepository {
  async erase(tx: Tx, localAuthority: string, childId: string, requestIds: readonly string[]): Promise<Record<string, number>> {
    const links = [`/children/${childId}`, ...requestIds.map((id) => `/requests/${id}`)];
    const ids = (
      await tx.notification.findMany({ where: { localAuthority, OR: links.map((l) => ({ link: { contains: l } })) }, select: { id: true } })
    ).map((n) => n.id);
    const deliveries = await tx.delivery.deleteMany({
      where: { localAuthority, OR: [{ notificationId: { in: ids } }, ...links.map((l) => ({ text: { contains: l } }))] },
    });
    return {
      Delivery: deliveries.count,
      Notification: (await tx.notification.deleteMany({ where: { localAuthority, id: { in: ids } } })).count,
      RequestRoute: (await tx.requestRoute.deleteMany({ where: { localAuthority, requestId: { in: [...requestIds] } } })).count,
    };
  }
}
