import { Injectable } from '@nestjs/common';
import { addCalendarDays, londonToday } from '@placewise/contracts/dates';
import { BudgetThresholdCrossedV1 } from '@placewise/contracts';
import { OutboxWriter, type EventOrigin } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import { PrismaService, type Tx } from '../prisma.service.js';
import { CouncilRepository, type CouncilFinanceSettings } from '../council/council.repository.js';
import { categoryOf, costOfDays, daysInclusive, financialYearLabel, financialYearOf, fyEnd, fyStart, lastDayBefore18 } from '../money.js';
import type { ImpactQuery } from '../finance.dto.js';
import type { z } from 'zod';
import { ForecastRepository, type CategorySums } from './forecast.repository.js';
import { expectedStartsPence } from './forecast.math.js';

const num = (v: bigint | number | null | undefined) => Number(v ?? 0);

export interface ForecastRow {
  category: string;
  budgetPence: number;
  actualsPaidPence: number;
  committedPence: number;
  /** Of the commitment, emergency placements still waiting for retrospective approval (included in committedPence). */
  awaitingRatificationPence: number;
  /** How many of the placements are awaiting ratification. */
  awaitingRatification: number;
  /** The commitment for days already paid: actuals replace it in the forecast. */
  releasedPence: number;
  /** Expected new starts in the rest of the year (a rate, to one decimal place). */
  expectedStarts: number;
  expectedStartsPence: number;
  forecastPence: number;
  /** The overspend: forecast - budget (positive is an overspend, negative an underspend). */
  variancePence: number;
  /** forecast as a percentage of budget (null without a budget). */
  percentOfBudget: number | null;
  placements: number;
}

/** The thresholds a category's forecast is watched against, in percent of its budget. */
export const THRESHOLDS = [90, 100] as const;

@Injectable()
export class ForecastService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: ForecastRepository,
    private readonly council: CouncilRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * The year's position by category: forecast = actuals paid + (commitments - the commitment for days
   * already paid) + expected new starts for the days left after `asOf`; overspend = forecast - budget.
   */
  async forecast(
    localAuthority: string,
    financialYear: number,
    asOf: string = londonToday(),
    tx: Tx = this.prisma,
    /** The council's settings, when the caller has just read them in the same transaction. */
    known?: CouncilFinanceSettings,
  ) {
    const remainingFrom = asOf > fyStart(financialYear) ? asOf : fyStart(financialYear);
    const remainingDays = remainingFrom > fyEnd(financialYear) ? 0 : daysInclusive(remainingFrom, fyEnd(financialYear));
    const [settings, committed, starts, budgets, paid] = await Promise.all([
      known ?? this.council.settings(localAuthority, tx),
      this.repo.committed(localAuthority, financialYear, tx),
      this.repo.starts(localAuthority, addCalendarDays(asOf, -365), asOf, tx),
      this.repo.budgets(localAuthority, financialYear, tx),
      this.repo.paidByCategory(localAuthority, financialYear, tx),
    ]);
    const pd = new Map(paid.map((r) => [r.category, r]));
    const by = (rows: CategorySums[]) => new Map(rows.map((r) => [r.category, r]));
    const c = new Map(committed.map((r) => [r.category, r]));
    const [s, b] = [by(starts), by(budgets)];
    const categories = [...new Set([...c.keys(), ...s.keys(), ...b.keys(), ...pd.keys()])].sort();
    const rows: ForecastRow[] = categories.map((category) => {
      const budgetPence = num(b.get(category)?.pence);
      const committedPence = num(c.get(category)?.pence);
      const started = s.get(category);
      const expectedStartsPenceV = num(expectedStartsPence(started?.pence ?? 0n, remainingDays, settings.annualisation));
      const expectedStarts = Math.round(((started?.n ?? 0) * remainingDays * 10) / 365) / 10;
      const actualsPaidPence = num(pd.get(category)?.paid);
      const releasedPence = num(pd.get(category)?.released);
      const forecastPence = actualsPaidPence + committedPence - releasedPence + expectedStartsPenceV;
      return {
        category,
        budgetPence,
        actualsPaidPence,
        committedPence,
        awaitingRatificationPence: num(c.get(category)?.awaiting),
        awaitingRatification: c.get(category)?.awaitingN ?? 0,
        releasedPence,
        expectedStarts,
        expectedStartsPence: expectedStartsPenceV,
        forecastPence,
        variancePence: forecastPence - budgetPence,
        percentOfBudget: budgetPence > 0 ? Math.round((forecastPence * 1000) / budgetPence) / 10 : null,
        placements: c.get(category)?.n ?? 0,
      };
    });
    const sum = (
      k:
        | 'budgetPence'
        | 'actualsPaidPence'
        | 'committedPence'
        | 'awaitingRatificationPence'
        | 'releasedPence'
        | 'expectedStartsPence'
        | 'forecastPence'
        | 'variancePence',
    ) => rows.reduce((a, r) => a + r[k], 0);
    return {
      financialYear,
      label: financialYearLabel(financialYear),
      asOf,
      remainingDays,
      categories: rows,
      total: {
        budgetPence: sum('budgetPence'),
        actualsPaidPence: sum('actualsPaidPence'),
        committedPence: sum('committedPence'),
        awaitingRatificationPence: sum('awaitingRatificationPence'),
        releasedPence: sum('releasedPence'),
        expectedStartsPence: sum('expectedStartsPence'),
        forecastPence: sum('forecastPence'),
        variancePence: sum('variancePence'),
      },
    };
  }

  /**
   * What a proposed placement would mean for the budget of its category this financial year: its cost
   * from the start to the year end (or the day before 18), the forecast with and without it, and the
   * alert thresholds it would cross. The council's annualisation basis applies, as for commitments.
   */
  async impact(localAuthority: string, q: z.infer<typeof ImpactQuery>) {
    const startDate = q.startDate ?? londonToday();
    const financialYear = financialYearOf(startDate);
    const category = categoryOf(q.placementType, q.provision);
    const bound18 = q.childAge === undefined ? null : lastDayBefore18(startDate, q.childAge);
    const endDate = bound18 && bound18 < fyEnd(financialYear) ? bound18 : fyEnd(financialYear);
    const days = endDate < startDate ? 0 : daysInclusive(startDate, endDate);
    const [settings, position] = await Promise.all([this.council.settings(localAuthority), this.forecast(localAuthority, financialYear)]);
    const costThisYearPence = costOfDays(q.weeklyCostPence, days, settings.annualisation);
    const row = position.categories.find((r) => r.category === category);
    const budgetPence = row?.budgetPence ?? 0;
    const forecastPence = row?.forecastPence ?? 0;
    const forecastWithPence = forecastPence + costThisYearPence;
    const percent = (v: number) => (budgetPence > 0 ? Math.round((v * 1000) / budgetPence) / 10 : null);
    const notes = [
      `Costed from ${startDate} to ${endDate} (${days} days) at ${settings.annualisation === '52' ? '52 weeks a year' : '365/7 weeks a year'}, before any contribution or grant.`,
      ...(row && row.expectedStartsPence > 0
        ? ['The forecast already allows for new placements expected in the rest of the year at last year’s rate; this may be one of them.']
        : []),
      ...(budgetPence === 0 ? [`There is no ${financialYearLabel(financialYear)} budget for ${category}.`] : []),
    ];
    return {
      category,
      financialYear,
      label: financialYearLabel(financialYear),
      startDate,
      endDate,
      days,
      weeklyCostPence: q.weeklyCostPence,
      costThisYearPence,
      annualCostPence: costOfDays(q.weeklyCostPence, 365, settings.annualisation),
      budgetPence,
      forecastPence,
      forecastWithPence,
      headroomBeforePence: budgetPence - forecastPence,
      headroomAfterPence: budgetPence - forecastWithPence,
      percentOfBudgetBefore: percent(forecastPence),
      percentOfBudgetAfter: percent(forecastWithPence),
      crosses:
        budgetPence > 0
          ? THRESHOLDS.filter((t) => forecastPence * 100 < budgetPence * t && forecastWithPence * 100 >= budgetPence * t)
          : [],
      notes,
    };
  }

  /**
   * Emits budget.threshold-crossed once per crossing of 90% and 100% of a category's budget. The
   * alert row (unique on council, year, category and threshold) is written with the event; it is
   * deleted when the forecast falls back below the threshold, which re-arms it. Call inside the
   * transaction of the change, after CouncilRepository.lockCouncil.
   */
  async checkThresholds(
    tx: Tx,
    localAuthority: string,
    financialYear: number,
    categories: Iterable<string>,
    origin: EventOrigin,
    settings?: CouncilFinanceSettings,
  ): Promise<void> {
    const wanted = new Set(categories);
    if (wanted.size === 0) return;
    const f = await this.forecast(localAuthority, financialYear, londonToday(), tx, settings);
    for (const category of wanted) {
      const row = f.categories.find((r) => r.category === category);
      const existing = await this.repo.alerts(localAuthority, financialYear, category, tx);
      for (const threshold of THRESHOLDS) {
        const held = existing.find((a) => a.thresholdPercent === threshold);
        const crossed = !!row && row.budgetPence > 0 && row.forecastPence * 100 >= row.budgetPence * threshold;
        if (crossed && !held) {
          const crossedAt = new Date();
          const event = await this.outbox.append(
            tx,
            BudgetThresholdCrossedV1,
            {
              financialYear,
              category,
              thresholdPercent: threshold,
              forecastPence: row.forecastPence,
              budgetPence: row.budgetPence,
              crossedAt: crossedAt.toISOString(),
            },
            origin,
          );
          await this.repo.createAlert(
            {
              id: randomUUID(),
              localAuthority,
              financialYear,
              category,
              thresholdPercent: threshold,
              forecastPence: BigInt(row.forecastPence),
              budgetPence: BigInt(row.budgetPence),
              eventId: event.id,
              crossedAt,
            },
            tx,
          );
        } else if (!crossed && held) {
          await this.repo.removeAlert(localAuthority, held.id, tx);
        }
      }
    }
  }

  async alerts(localAuthority: string, financialYear: number) {
    return (await this.repo.listAlerts(localAuthority, financialYear)).map((a) => ({
      category: a.category,
      thresholdPercent: a.thresholdPercent,
      forecastPence: num(a.forecastPence),
      budgetPence: num(a.budgetPence),
      crossedAt: a.crossedAt.toISOString(),
      eventId: a.eventId,
    }));
  }
}
