import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';

export interface CategorySums {
  category: string;
  pence: bigint;
  n: number;
}

/** Committed sums, with the part that is emergency placements still waiting for retrospective approval. */
export interface CommittedSums extends CategorySums {
  awaiting: bigint;
  awaitingN: number;
}

/**
 * The forecast's aggregates, read from totals that triggers keep with the rows (migration
 * incremental_totals): their cost depends on the number of categories and days, not of placements.
 */
@Injectable()
export class ForecastRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Current commitment lines in a year, by category: read from commitment_total, which triggers on
   * commitment keep, so the cost does not grow with the year's lines (every change to a placement
   * checks the thresholds, and reads this).
   */
  committed(localAuthority: string, financialYear: number, tx: Tx = this.prisma): Promise<CommittedSums[]> {
    return tx.$queryRawUnsafe(
      `SELECT category, amount_pence AS pence, lines AS n, awaiting_pence AS awaiting, awaiting_lines AS "awaitingN"
       FROM commitment_total WHERE local_authority = $1 AND financial_year = $2 AND lines <> 0`,
      localAuthority,
      financialYear,
    );
  }

  /**
   * Placements started in [from, to) by category: how many, and the sum of their weekly costs. Read
   * from placement_start_day (kept by a trigger on placement): at most a row per day and category.
   */
  starts(localAuthority: string, from: string, to: string, tx: Tx = this.prisma): Promise<CategorySums[]> {
    return tx.$queryRawUnsafe(
      `SELECT category, coalesce(sum(weekly_pence), 0)::bigint AS pence, coalesce(sum(placements), 0)::int AS n FROM placement_start_day
       WHERE local_authority = $1 AND start_date >= $2::date AND start_date < $3::date GROUP BY category HAVING sum(placements) <> 0`,
      localAuthority,
      from,
      to,
    );
  }

  budgets(localAuthority: string, financialYear: number, tx: Tx = this.prisma): Promise<CategorySums[]> {
    return tx.$queryRawUnsafe(
      `SELECT category, amount_pence AS pence, 1 AS n FROM budget WHERE local_authority = $1 AND financial_year = $2`,
      localAuthority,
      financialYear,
    );
  }

  alerts(localAuthority: string, financialYear: number, category: string, tx: Tx) {
    return tx.budgetAlert.findMany({ where: { localAuthority, financialYear, category } });
  }

  createAlert(
    data: {
      id: string;
      localAuthority: string;
      financialYear: number;
      category: string;
      thresholdPercent: number;
      forecastPence: bigint;
      budgetPence: bigint;
      eventId: string;
      crossedAt: Date;
    },
    tx: Tx,
  ) {
    return tx.budgetAlert.create({ data });
  }

  removeAlert(localAuthority: string, id: string, tx: Tx) {
    return tx.budgetAlert.deleteMany({ where: { id, localAuthority } });
  }

  listAlerts(localAuthority: string, financialYear: number) {
    return this.prisma.budgetAlert.findMany({
      where: { localAuthority, financialYear },
      orderBy: [{ category: 'asc' }, { thresholdPercent: 'asc' }],
    });
  }

  /** Actuals paid in a year by category, and the commitment they replace (payment_total, kept by a trigger on payment_allocation). */
  paidByCategory(
    localAuthority: string,
    financialYear: number,
    tx: Tx = this.prisma,
  ): Promise<{ category: string; paid: bigint; released: bigint }[]> {
    return tx.$queryRawUnsafe(
      `SELECT category, paid_pence AS paid, released_pence AS released
       FROM payment_total WHERE local_authority = $1 AND financial_year = $2 AND allocations <> 0`,
      localAuthority,
      financialYear,
    );
  }
}
