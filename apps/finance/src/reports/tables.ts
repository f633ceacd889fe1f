import type { z } from 'zod';
import type { CostAvoidanceView, ForecastView, HighCostView, ProjectionView } from '../finance.views.js';
import type { Table } from '@placewise/platform';

/** The year's position by category, then the total. */
export function positionTable(f: z.infer<typeof ForecastView>): Table {
  const cols = [
    'budgetPence',
    'actualsPaidPence',
    'committedPence',
    'awaitingRatificationPence',
    'releasedPence',
    'expectedStarts',
    'expectedStartsPence',
    'forecastPence',
    'variancePence',
    'percentOfBudget',
  ] as const;
  return {
    columns: [
      'financial_year',
      'as_of',
      'category',
      'budget_pence',
      'actuals_paid_pence',
      'committed_pence',
      'awaiting_ratification_pence',
      'released_pence',
      'expected_starts',
      'expected_starts_pence',
      'forecast_pence',
      'overspend_pence',
      'percent_of_budget',
    ],
    rows: [
      ...f.categories.map((c) => [f.financialYear, f.asOf, c.category, ...cols.map((k) => c[k])]),
      [f.financialYear, f.asOf, 'TOTAL', ...cols.map((k) => (k === 'expectedStarts' || k === 'percentOfBudget' ? null : f.total[k]))],
    ],
  };
}

export function highCostTable(r: z.infer<typeof HighCostView>): Table {
  const cols = [
    'placementId',
    'requestId',
    'childId',
    'providerId',
    'placementType',
    'category',
    'weeklyCostPence',
    'startDate',
    'plannedEndDate',
    'noticeEndDate',
    'reviewDate',
    'reviewOverdue',
    'status',
  ] as const;
  return {
    columns: [
      'as_of',
      'placement_id',
      'request_id',
      'child_id',
      'provider_id',
      'placement_type',
      'category',
      'weekly_cost_pence',
      'start_date',
      'planned_end_date',
      'notice_end_date',
      'review_date',
      'review_overdue',
      'status',
    ],
    rows: r.placements.map((p) => [r.asOf, ...cols.map((k) => p[k])]),
  };
}

export function avoidanceTable(r: z.infer<typeof CostAvoidanceView>): Table {
  return {
    columns: [
      'financial_year',
      'as_of',
      'placement_id',
      'request_id',
      'category',
      'counterfactual',
      'counterfactual_placement_type',
      'counterfactual_weekly_pence',
      'counterfactual_source',
      'actual_weekly_pence',
      'weekly_avoidance_pence',
      'from',
      'to',
      'accrued_days',
      'accrued_pence',
      'projected_pence',
    ],
    rows: r.placements.map((p) => [
      r.financialYear,
      r.asOf,
      p.placementId,
      p.requestId,
      p.category,
      p.counterfactual.description,
      p.counterfactual.placementType,
      p.counterfactual.weeklyCostPence,
      p.counterfactual.source,
      p.actualWeeklyPence,
      p.weeklyAvoidancePence,
      p.from,
      p.to,
      p.accruedDays,
      p.accruedPence,
      p.projectedPence,
    ]),
  };
}

/** Projected months (one column per category), then the same-trajectory months (projected against actual). */
export function projectionTable(p: z.infer<typeof ProjectionView>): Table {
  return {
    columns: ['kind', 'month', ...p.categories, 'total', 'entered', 'left', 'cost_pence', 'actual', 'difference'],
    rows: [
      ...p.months.map((m) => [
        'PROJECTION',
        m.month,
        ...p.categories.map((c) => m.byCategory[c]),
        m.total,
        m.entered,
        m.left,
        m.costPence,
        null,
        null,
      ]),
      ...p.sameTrajectory.months.map((m) => [
        'SAME_TRAJECTORY',
        m.month,
        ...p.categories.map(() => null),
        m.projected,
        null,
        null,
        null,
        m.actual,
        m.difference,
      ]),
    ],
  };
}
