import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service.js';

/** The only code that reads everything commissioning holds about one child, for a subject access request. */
@Injectable()
export class SubjectAccessRepository {
  constructor(private readonly prisma: PrismaService) {}

  async held(localAuthority: string, childId: string) {
    const [searches, placements] = await Promise.all([
      this.prisma.search.findMany({ where: { localAuthority, childId }, include: { referrals: true, offers: true } }),
      this.prisma.placement.findMany({ where: { localAuthority, childId }, include: { priceChanges: true } }),
    ]);
    return { searches, placements };
  }
}
