import { addCalendarDays } from '@placewise/contracts/dates';
import { addYears, daysInclusive, financialYearLabel, financialYearOf, fyStart, priceOn, type PricePeriod } from '../money.js';

/**
 * The council's placement mix and what it costs by type: pure (placements in, figures out).
 * A placement is open on a day from its start to its end (the day it ended, included). Its weekly
 * cost on a day is the price in force then (its price history; the first price before it). One the
 * council's cost file gave no price for is counted, but not costed.
 */
export interface IndicatorPlacement {
  placementType: string;
  start: string;
  end: string | null;
  priceMissing: boolean;
  /** The price history (at least the price at the start). */
  prices: PricePeriod[];
}

const isOpenOn = (p: IndicatorPlacement, day: string) => p.start <= day && (p.end === null || p.end >= day);

export interface MixRow {
  placementType: string;
  /** Open placements of the type on the day. */
  placements: number;
  /** Of those, the ones without a price (not in the costs). */
  unpriced: number;
  /** The weekly cost of the priced ones together. */
  weeklyCostPence: number;
  /** Their average weekly cost (rounded to the penny); null with none priced. */
  averageWeeklyCostPence: number | null;
}

/** Open placements by type on `day`, with their weekly cost: the most placements first, then by type. */
export function placementMix(placements: readonly IndicatorPlacement[], day: string): MixRow[] {
  const by = new Map<string, MixRow>();
  for (const p of placements) {
    if (!isOpenOn(p, day)) continue;
    const row = by.get(p.placementType) ?? {
      placementType: p.placementType,
      placements: 0,
      unpriced: 0,
      weeklyCostPence: 0,
      averageWeeklyCostPence: null,
    };
    row.placements++;
    if (p.priceMissing) row.unpriced++;
    else row.weeklyCostPence += priceOn(p.prices, day);
    by.set(p.placementType, row);
  }
  return [...by.values()]
    .map((r) => ({
      ...r,
      averageWeeklyCostPence: r.placements > r.unpriced ? Math.round(r.weeklyCostPence / (r.placements - r.unpriced)) : null,
    }))
    .sort((a, b) => b.placements - a.placements || a.placementType.localeCompare(b.placementType));
}

export interface PeriodAverage {
  /** Days of priced placements of the type in the period (a placement open 10 days is 10). */
  placementDays: number;
  /** The weekly cost over those days, each day at the price in force (rounded to the penny); null with none. */
  averageWeeklyCostPence: number | null;
}

/** Each type's average weekly cost from `from` to `to` (both included), weighted by days open. */
export function averageWeeklyCost(placements: readonly IndicatorPlacement[], from: string, to: string): Map<string, PeriodAverage> {
  const sums = new Map<string, { days: number; weighted: number }>();
  for (const p of placements) {
    if (p.priceMissing) continue;
    const a = p.start > from ? p.start : from;
    const b = p.end !== null && p.end < to ? p.end : to;
    if (a > b) continue;
    const s = sums.get(p.placementType) ?? { days: 0, weighted: 0 };
    // Each price's days within [a, b].
    const changes = [...new Set([a, ...p.prices.map((x) => x.from).filter((d) => d > a && d <= b)])].sort();
    changes.forEach((d, i) => {
      const last = i + 1 < changes.length ? addCalendarDays(changes[i + 1]!, -1) : b;
      const days = daysInclusive(d, last);
      s.days += days;
      s.weighted += days * priceOn(p.prices, d);
    });
    sums.set(p.placementType, s);
  }
  return new Map(
    [...sums.entries()].map(([t, s]) => [
      t,
      { placementDays: s.days, averageWeeklyCostPence: s.days ? Math.round(s.weighted / s.days) : null },
    ]),
  );
}

export interface CostByTypeRow {
  placementType: string;
  thisYear: PeriodAverage;
  lastYear: PeriodAverage;
  /** This year's average against last year's, in per cent to one decimal place; null without both. */
  changePercent: number | null;
}

/**
 * Average weekly cost by type this financial year to `asOf` against the same days of the year before
 * (1 April to the same date a year earlier), so a part year is compared with a part year.
 */
export function costByType(
  placements: readonly IndicatorPlacement[],
  asOf: string,
): {
  thisYear: { financialYear: number; label: string; from: string; to: string };
  lastYear: { financialYear: number; label: string; from: string; to: string };
  rows: CostByTypeRow[];
} {
  const fy = financialYearOf(asOf);
  const thisYear = { financialYear: fy, label: financialYearLabel(fy), from: fyStart(fy), to: asOf };
  const lastYear = { financialYear: fy - 1, label: financialYearLabel(fy - 1), from: fyStart(fy - 1), to: addYears(asOf, -1) };
  const now = averageWeeklyCost(placements, thisYear.from, thisYear.to);
  const then = averageWeeklyCost(placements, lastYear.from, lastYear.to);
  const none: PeriodAverage = { placementDays: 0, averageWeeklyCostPence: null };
  const types = [...new Set([...now.keys(), ...then.keys()])].sort();
  const rows = types.map((t) => {
    const a = now.get(t) ?? none;
    const b = then.get(t) ?? none;
    const changePercent =
      a.averageWeeklyCostPence !== null && b.averageWeeklyCostPence
        ? Math.round(((a.averageWeeklyCostPence - b.averageWeeklyCostPence) * 1000) / b.averageWeeklyCostPence) / 10
        : null;
    return { placementType: t, thisYear: a, lastYear: b, changePercent };
  });
  return { thisYear, lastYear, rows };
}
