import { z } from 'zod';

/**
 * The shapes of finance's reports (JSON; each is also CSV with ?format=csv), for its OpenAPI
 * document and so for the typed clients generated from it. forecast.service.ts, commitments
 * (highCost), avoidance.service.ts and projection.service.ts build them; the integration tests
 * parse real responses with them.
 */
const Figures = {
  budgetPence: z.number().int(),
  actualsPaidPence: z.number().int(),
  committedPence: z.number().int(),
  releasedPence: z.number().int(),
  expectedStartsPence: z.number().int(),
  forecastPence: z.number().int(),
  variancePence: z.number().int(),
};

export const ForecastView = z.object({
  financialYear: z.number().int(),
  label: z.string(),
  asOf: z.string(),
  remainingDays: z.number().int(),
  categories: z.array(
    z.object({
      category: z.string(),
      ...Figures,
      expectedStarts: z.number(),
      percentOfBudget: z.number().nullable(),
      placements: z.number().int(),
    }),
  ),
  total: z.object(Figures),
});

export const HighCostView = z.object({
  asOf: z.string(),
  highCostWeeklyPence: z.number().int(),
  placements: z.array(
    z.object({
      placementId: z.uuid(),
      requestId: z.uuid(),
      childId: z.uuid(),
      childAge: z.number().int(),
      providerId: z.uuid().nullable(),
      placementType: z.string(),
      category: z.string(),
      weeklyCostPence: z.number().int(),
      startDate: z.string(),
      plannedEndDate: z.string().nullable(),
      noticeEndDate: z.string().nullable(),
      reviewDate: z.string().nullable(),
      reviewOverdue: z.boolean(),
      status: z.string(),
    }),
  ),
  total: z.object({ placements: z.number().int(), weeklyPence: z.number().int() }),
});

const Counterfactual = z.object({
  description: z.string(),
  placementType: z.string().nullable(),
  weeklyCostPence: z.number().int(),
  source: z.string().nullable(),
});

export const CostAvoidanceView = z.object({
  financialYear: z.number().int(),
  label: z.string(),
  asOf: z.string(),
  kind: z.literal('COST_AVOIDANCE'),
  note: z.string(),
  placements: z.array(
    z.object({
      placementId: z.uuid(),
      requestId: z.uuid(),
      category: z.string(),
      counterfactual: Counterfactual,
      actualWeeklyPence: z.number().int(),
      weeklyAvoidancePence: z.number().int(),
      from: z.string(),
      to: z.string(),
      accruedDays: z.number().int(),
      accruedPence: z.number().int(),
      projectedPence: z.number().int(),
      status: z.string(),
    }),
  ),
  planned: z.array(z.object({ requestId: z.uuid(), decidedAt: z.string(), counterfactual: Counterfactual })),
  total: z.object({ placements: z.number().int(), accruedPence: z.number().int(), projectedPence: z.number().int() }),
});

const ByCategory = z.record(z.string(), z.number());

export const ProjectionView = z.object({
  asOf: z.string(),
  startingMonth: z.string(),
  referenceWindow: z.object({ from: z.string(), to: z.string(), months: z.number().int() }),
  categories: z.array(z.string()),
  model: z.object({
    transitions: z.record(z.string(), ByCategory),
    entriesPerMonth: ByCategory,
    childMonths: ByCategory,
    averageWeeklyCostPence: ByCategory,
  }),
  initial: z.object({ total: z.number(), byCategory: ByCategory }),
  months: z.array(
    z.object({
      month: z.string(),
      total: z.number(),
      byCategory: ByCategory,
      entered: z.number(),
      left: z.number(),
      costPence: z.number().int(),
      costByCategoryPence: ByCategory,
    }),
  ),
  totalCostPence: z.number().int(),
  sameTrajectory: z.object({
    from: z.string(),
    referenceWindow: z.object({ from: z.string(), to: z.string() }),
    months: z.array(
      z.object({
        month: z.string(),
        projected: z.number(),
        actual: z.number(),
        differencePercent: z.number().nullable(),
        difference: z.number(),
      }),
    ),
  }),
});

/** What a proposed placement would mean for this year's budget in its category. */
export const ImpactView = z.object({
  category: z.string(),
  financialYear: z.number().int(),
  label: z.string(),
  startDate: z.string(),
  /** The last day costed this year: the year end, or the day before 18 if sooner. */
  endDate: z.string(),
  days: z.number().int(),
  weeklyCostPence: z.number().int(),
  costThisYearPence: z.number().int(),
  /** A full year at this weekly cost. */
  annualCostPence: z.number().int(),
  budgetPence: z.number().int(),
  forecastPence: z.number().int(),
  forecastWithPence: z.number().int(),
  /** Budget - forecast: negative is an overspend. */
  headroomBeforePence: z.number().int(),
  headroomAfterPence: z.number().int(),
  percentOfBudgetBefore: z.number().nullable(),
  percentOfBudgetAfter: z.number().nullable(),
  /** The alert thresholds (90, 100) this placement would take the category across. */
  crosses: z.array(z.number().int()),
  /** What the figures do and do not include, in words. */
  notes: z.array(z.string()),
});
