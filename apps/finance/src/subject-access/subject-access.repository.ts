import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service.js';

/** The only code that reads everything finance holds about one child, for a subject access request. */
@Injectable()
export class SubjectAccessRepository {
  constructor(private readonly prisma: PrismaService) {}

  async held(localAuthority: string, childId: string) {
    const db = this.prisma;
    const [placements, avoidance] = await Promise.all([
      db.placement.findMany({ where: { localAuthority, childId }, include: { commitments: true, prices: true, contributions: true } }),
      db.avoidanceEntry.findMany({ where: { localAuthority, childId } }),
    ]);
    const placementIds = placements.map((p) => p.id);
    const requestIds = [...new Set([...placements, ...avoidance].map((r) => r.requestId).filter((id): id is string => !!id))];
    const [decisions, schedules, invoices] = await Promise.all([
      db.requestDecision.findMany({ where: { localAuthority, requestId: { in: requestIds } } }),
      db.paymentSchedule.findMany({ where: { placementId: { in: placementIds } } }),
      db.invoice.findMany({ where: { placementId: { in: placementIds } }, include: { allocations: true } }),
    ]);
    return { placements, avoidance, decisions, schedules, invoices };
  }
}
