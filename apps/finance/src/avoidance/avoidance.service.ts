import { Injectable } from '@nestjs/common';
import type { Principal } from '@placewise/platform';
import { CouncilRepository } from '../council/council.repository.js';
import { dayOf, londonToday } from '@placewise/contracts/dates';
import {
  costOfDays,
  daysInclusive,
  financialYearLabel,
  fyEnd,
  fyStart,
  grossCost,
  priceOn,
  type Annualisation,
  type PricePeriod,
} from '../money.js';
import { AvoidanceRepository } from './avoidance.repository.js';

/** Avoidance over [from, to]: what the counterfactual would have cost less what the placement costs (negative if it costs more). */
export function avoidancePence(
  counterfactualWeeklyPence: number,
  prices: PricePeriod[],
  from: string,
  to: string,
  basis: Annualisation,
): number {
  if (to < from) return 0;
  return costOfDays(counterfactualWeeklyPence, daysInclusive(from, to), basis) - grossCost(prices, from, to, basis);
}

const min = (...d: (string | null)[]) => d.filter((x): x is string => !!x).sort()[0]!;
const max = (a: string, b: string) => (a > b ? a : b);

@Injectable()
export class AvoidanceService {
  constructor(
    private readonly repo: AvoidanceRepository,
    private readonly council: CouncilRepository,
  ) {}

  /**
   * Cost avoidance in a financial year: for each placement whose approval recorded a counterfactual
   * (the option avoided and its price), (counterfactual weekly - actual weekly) for the days the
   * placement holds in the year: accrued to `asOf`, and projected to its end or the year end. It is
   * not a saving: no budget falls by it, and it is reported apart from the forecast.
   */
  async report(user: Principal, financialYear: number, asOf: string = londonToday()) {
    const la = user.localAuthority;
    const basis = await this.council.annualisation(la);
    const rows = (await this.repo.placementsWithCounterfactual(la))
      .map(({ placement: p, decision: d }) => {
        const prices = p.prices.map((x) => ({ from: dayOf(x.effectiveFrom)!, weeklyPence: x.weeklyCostPence }));
        const start = max(dayOf(p.startDate)!, fyStart(financialYear));
        const holdsTo = min(dayOf(p.endDate), dayOf(p.noticeEndDate), dayOf(p.plannedEndDate), fyEnd(financialYear));
        if (holdsTo < start) return null;
        const accruedTo = min(holdsTo, asOf);
        const cfWeekly = d.cfWeeklyCostPence;
        const actualWeekly = priceOn(prices, min(holdsTo, max(asOf, start)));
        return {
          placementId: p.id,
          requestId: p.requestId,
          category: p.category,
          counterfactual: { description: d.cfDescription, placementType: d.cfPlacementType, weeklyCostPence: cfWeekly, source: d.cfSource },
          actualWeeklyPence: actualWeekly,
          weeklyAvoidancePence: cfWeekly - actualWeekly,
          from: start,
          to: holdsTo,
          accruedDays: accruedTo >= start ? daysInclusive(start, accruedTo) : 0,
          accruedPence: avoidancePence(cfWeekly, prices, start, accruedTo, basis),
          projectedPence: avoidancePence(cfWeekly, prices, start, holdsTo, basis),
          status: p.status,
        };
      })
      .filter((r): r is NonNullable<typeof r> => r !== null);
    return {
      financialYear,
      label: financialYearLabel(financialYear),
      asOf,
      kind: 'COST_AVOIDANCE' as const,
      note: 'Cost avoided against the counterfactual option recorded with each approval. It is not a cash saving and is not deducted from the forecast.',
      placements: rows,
      /** Approved, with the option avoided recorded, but not yet placed: avoidance counts from the move. */
      planned: (await this.repo.counterfactuals(la)).unplaced.map((d) => ({
        requestId: d.requestId,
        decidedAt: d.decidedAt.toISOString(),
        counterfactual: {
          description: d.cfDescription,
          placementType: d.cfPlacementType,
          weeklyCostPence: d.cfWeeklyCostPence,
          source: d.cfSource,
        },
      })),
      total: {
        placements: rows.length,
        accruedPence: rows.reduce((a, r) => a + r.accruedPence, 0),
        projectedPence: rows.reduce((a, r) => a + r.projectedPence, 0),
      },
      stepDownsAndExits: await this.stepDownsAndExits(la, financialYear, asOf),
    };
  }

  /**
   * Step-downs and exits from care in the year: the weekly cost no longer paid over the rest of the
   * year (`amountPence`), and how much of it has accrued by `asOf`. Reported on their own: a step-down
   * whose approval recorded a counterfactual is in `placements` too, measured against that option.
   */
  private async stepDownsAndExits(la: string, financialYear: number, asOf: string) {
    const entries = (await this.repo.entries(la, financialYear)).map((e) => {
      const from = dayOf(e.fromDate);
      const to = dayOf(e.toDate);
      const accruedTo = min(to, asOf);
      const accruedDays = accruedTo >= from ? daysInclusive(from, accruedTo) : 0;
      return {
        kind: e.kind,
        reason: e.reason,
        childId: e.childId,
        placementId: e.placementId,
        replacementPlacementId: e.replacementPlacementId,
        requestId: e.requestId,
        from,
        to,
        days: e.days,
        weeklyPence: e.weeklyPence,
        amountPence: Number(e.amountPence),
        accruedDays,
        accruedPence:
          accruedDays === e.days ? Number(e.amountPence) : costOfDays(e.weeklyPence, accruedDays, e.basis === '52' ? '52' : '365/7'),
      };
    });
    return {
      entries,
      total: {
        entries: entries.length,
        amountPence: entries.reduce((a, e) => a + e.amountPence, 0),
        accruedPence: entries.reduce((a, e) => a + e.accruedPence, 0),
      },
    };
  }
}
