import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service.js';

export interface CohortRow {
  childId: string;
  category: string;
  startDate: Date;
  endDate: Date | null;
  weeklyCostPence: number;
  /** Imported with no price yet: counted in care, left out of the average cost. */
  priceMissing: boolean;
}

@Injectable()
export class ProjectionRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Every placement of the council that began on or before `until` (its children's history in care). */
  cohort(localAuthority: string, until: Date): Promise<CohortRow[]> {
    return this.prisma.placement.findMany({
      where: { localAuthority, startDate: { lte: until } },
      select: { childId: true, category: true, startDate: true, endDate: true, weeklyCostPence: true, priceMissing: true },
      orderBy: [{ childId: 'asc' }, { startDate: 'asc' }],
    });
  }
}
