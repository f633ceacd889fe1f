import { Injectable } from '@nestjs/common';
import type { Principal } from '@placewise/platform';
import { addCalendarDays, addMonths, dayOf, londonToday } from '@placewise/contracts/dates';
import { estimateModel, LEFT, monthCost, project } from './projection.js';
import { ProjectionRepository } from './projection.repository.js';

/** The last day of the month `offset` months after the month of `date`. */
export function monthEnd(date: string, offset = 0): string {
  return addCalendarDays(addMonths(`${date.slice(0, 7)}-01`, offset + 1), -1);
}
const daysIn = (monthEndDate: string) => Number(monthEndDate.slice(8, 10));
const r1 = (n: number) => Math.round(n * 10) / 10;

/** A child's category on a day: its latest-started placement running that day, or null (not in care). */
function stateOn(placements: { category: string; start: string; end: string | null }[], d: string): string | null {
  let s: string | null = null;
  for (const p of placements) if (p.start <= d && (p.end === null || p.end >= d)) s = p.category;
  return s;
}

@Injectable()
export class ProjectionService {
  constructor(private readonly repo: ProjectionRepository) {}

  /**
   * Children in care by placement category, projected month by month from the last complete month
   * before `asOf`, with rates from the council's own starts, moves and exits over the `window`
   * months before it; the cost of the projection at each category's current average weekly cost;
   * and the "same trajectory" test: the same model run from `window` months earlier, against what
   * actually happened since.
   */
  async projection(user: Principal, opts: { asOf?: string; months: number; window: number }) {
    const asOf = opts.asOf ?? londonToday();
    const anchor = monthEnd(asOf, -1);
    const rows = await this.repo.cohort(user.localAuthority, new Date(`${anchor}T00:00:00Z`));
    const children = new Map<string, { category: string; start: string; end: string | null }[]>();
    for (const r of rows) {
      const list = children.get(r.childId) ?? [];
      list.push({ category: r.category, start: dayOf(r.startDate)!, end: dayOf(r.endDate) });
      children.set(r.childId, list);
    }
    const categories = [...new Set(rows.map((r) => r.category))].sort();
    const countsOn = (d: string) => {
      const n = new Array<number>(categories.length).fill(0);
      for (const ps of children.values()) {
        const s = stateOn(ps, d);
        if (s) n[categories.indexOf(s)]!++;
      }
      return n;
    };
    const modelEndingAt = (end: string) => {
      const ends = Array.from({ length: opts.window + 1 }, (_, t) => monthEnd(end, t - opts.window));
      const sequences = [...children.values()].map((ps) => ends.map((d) => stateOn(ps, d)));
      return { model: estimateModel(categories, sequences, opts.window), from: ends[0]!, to: end };
    };

    // Each category's average weekly cost among its priced placements running at the anchor (else all
    // of its priced placements): one imported without a price yet is in care, but its cost is not known.
    const weekly = categories.map((c) => {
      const priced = rows.filter((r) => r.category === c && !r.priceMissing);
      const running = priced.filter((r) => dayOf(r.startDate)! <= anchor && (!r.endDate || dayOf(r.endDate)! >= anchor));
      const pool = running.length ? running : priced;
      return pool.length ? Math.round(pool.reduce((a, r) => a + r.weeklyCostPence, 0) / pool.length) : 0;
    });

    const { model, from, to } = modelEndingAt(anchor);
    const initial = countsOn(anchor);
    const projected = project(model, initial, opts.months).map((m) => {
      const end = monthEnd(anchor, m.step);
      const cost = monthCost(m.byCategory, weekly, daysIn(end));
      return {
        month: end.slice(0, 7),
        total: r1(m.total),
        byCategory: Object.fromEntries(categories.map((c, i) => [c, r1(m.byCategory[i]!)])),
        entered: r1(m.entered),
        left: r1(m.left),
        costPence: cost.reduce((a, b) => a + b, 0),
        costByCategoryPence: Object.fromEntries(categories.map((c, i) => [c, cost[i]!])),
      };
    });

    // Same trajectory: the model as it stood `window` months ago, projected to now, against the actual counts.
    const baseline = monthEnd(anchor, -opts.window);
    const then = modelEndingAt(baseline);
    const sameTrajectory = project(then.model, countsOn(baseline), opts.window).map((m) => {
      const end = monthEnd(baseline, m.step);
      const actual = countsOn(end).reduce((a, b) => a + b, 0);
      return {
        month: end.slice(0, 7),
        projected: r1(m.total),
        actual,
        differencePercent: m.total ? r1(((actual - m.total) * 100) / m.total) : null,
        difference: r1(actual - m.total),
      };
    });

    return {
      asOf,
      startingMonth: anchor.slice(0, 7),
      referenceWindow: { from, to, months: opts.window },
      categories,
      model: {
        transitions: Object.fromEntries(
          categories.map((c, i) => [
            c,
            Object.fromEntries([...categories, LEFT].map((d, j) => [d, Math.round(model.p[i]![j]! * 10_000) / 10_000])),
          ]),
        ),
        entriesPerMonth: Object.fromEntries(categories.map((c, i) => [c, r1(model.entriesPerMonth[i]!)])),
        childMonths: Object.fromEntries(categories.map((c, i) => [c, model.exposure[i]!])),
        averageWeeklyCostPence: Object.fromEntries(categories.map((c, i) => [c, weekly[i]!])),
      },
      initial: { total: initial.reduce((a, b) => a + b, 0), byCategory: Object.fromEntries(categories.map((c, i) => [c, initial[i]!])) },
      months: projected,
      totalCostPence: projected.reduce((a, m) => a + m.costPence, 0),
      sameTrajectory: { from: baseline.slice(0, 7), referenceWindow: { from: then.from, to: then.to }, months: sameTrajectory },
    };
  }
}
