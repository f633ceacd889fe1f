import { Injectable } from '@nestjs/common';
import { dayOf } from '@placewise/contracts/dates';
import { PrismaService } from '../prisma.service.js';
import type { IndicatorPlacement } from './indicators.js';

@Injectable()
export class IndicatorsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The council's placements that began on or before `until`, with their price history (the placement's price when it has none). */
  async placements(localAuthority: string, until: Date): Promise<IndicatorPlacement[]> {
    const rows = await this.prisma.placement.findMany({
      where: { localAuthority, startDate: { lte: until } },
      select: {
        placementType: true,
        startDate: true,
        endDate: true,
        priceMissing: true,
        weeklyCostPence: true,
        prices: { select: { effectiveFrom: true, weeklyCostPence: true }, orderBy: { effectiveFrom: 'asc' } },
      },
    });
    return rows.map((r) => {
      const start = dayOf(r.startDate);
      return {
        placementType: r.placementType,
        start,
        end: dayOf(r.endDate),
        priceMissing: r.priceMissing,
        prices: r.prices.length
          ? r.prices.map((x) => ({ from: dayOf(x.effectiveFrom), weeklyPence: x.weeklyCostPence }))
          : [{ from: start, weeklyPence: r.weeklyCostPence }],
      };
    });
  }
}
