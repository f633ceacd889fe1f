import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service.js';

/**
 * The only code that reads what notifications holds about one child, for a subject access request. It keeps
 * no child's name or date of birth: a notification names a child by the page it links to (the child's, or one
 * of their requests'), so those links are what is searched.
 */
@Injectable()
export class SubjectAccessRepository {
  constructor(private readonly prisma: PrismaService) {}

  async held(localAuthority: string, childId: string, requestIds: readonly string[]) {
    const links = [`/children/${childId}`, ...requestIds.map((id) => `/requests/${id}`)];
    const [notifications, routes] = await Promise.all([
      this.prisma.notification.findMany({
        where: { localAuthority, OR: links.map((l) => ({ link: { contains: l } })) },
        include: { deliveries: { select: { subject: true, text: true, status: true, attempts: true, createdAt: true, sentAt: true } } },
        orderBy: { createdAt: 'asc' },
      }),
      this.prisma.requestRoute.findMany({ where: { localAuthority, requestId: { in: [...requestIds] } } }),
    ]);
    return { notifications, routes };
  }
}
