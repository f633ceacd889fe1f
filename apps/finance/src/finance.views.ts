import { z } from 'zod';
import { Discrepancy } from './payments/matching.js';

/**
 * The shape of every finance answer, for its OpenAPI document and so for the typed clients generated
 * from it: the reports (JSON; each is also CSV with ?format=csv), then placements, commitments,
 * budgets, alerts, payment schedules and invoices. Each controller method declares its view as its
 * return type, so the services are checked against them; test/documented.integration.test.ts
 * parses a real answer of every route with its view.
 */
const Figures = {
  budgetPence: z.number().int(),
  actualsPaidPence: z.number().int(),
  committedPence: z.number().int(),
  /** Of the commitment, emergency placements still waiting for retrospective approval. */
  awaitingRatificationPence: z.number().int(),
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
      /** Placements (lines) in the category awaiting ratification. */
      awaitingRatification: z.number().int(),
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
      /** Null for a placement imported from the 903 return. */
      requestId: z.uuid().nullable(),
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
  description: z.string().nullable(),
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
  /** Step-downs and exits from care: the weekly cost no longer paid over the rest of the year, with the reason in words. */
  stepDownsAndExits: z.object({
    entries: z.array(
      z.object({
        kind: z.enum(['STEP_DOWN', 'EXIT_FROM_CARE', 'AGE_18']),
        reason: z.string(),
        childId: z.uuid(),
        placementId: z.uuid().nullable(),
        replacementPlacementId: z.uuid().nullable(),
        requestId: z.uuid().nullable(),
        from: z.string(),
        to: z.string(),
        days: z.number().int(),
        weeklyPence: z.number().int(),
        amountPence: z.number().int(),
        accruedDays: z.number().int(),
        accruedPence: z.number().int(),
      }),
    ),
    total: z.object({ entries: z.number().int(), amountPence: z.number().int(), accruedPence: z.number().int() }),
  }),
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

/** A day, YYYY-MM-DD. */
const Day = z.string();
const Pence = z.number().int();

export const CommitmentLineView = z.object({
  id: z.uuid(),
  placementId: z.uuid(),
  financialYear: z.number().int(),
  label: z.string(),
  category: z.string(),
  from: Day,
  to: Day,
  days: z.number().int(),
  weeklyCostPence: Pence,
  grossPence: Pence,
  contributionsPence: Pence,
  incomePence: Pence,
  /** Net: gross - contributions - income. */
  amountPence: Pence,
  basis: z.enum(['365/7', '52']),
  version: z.number().int(),
  cause: z.enum(['STARTED', 'PRICE_CHANGED', 'NOTICE_GIVEN', 'ENDED', 'CONTRIBUTION', 'RECOSTED', 'IMPORTED', 'RATIFIED']),
  /** The cost of an emergency placement still waiting for its retrospective approval. */
  awaitingRatification: z.boolean(),
  supersededAt: z.string().nullable(),
});

/** A listed line, with what identifies its placement to people. */
export const CommitmentListView = z.array(
  CommitmentLineView.extend({
    placementType: z.string(),
    providerId: z.uuid().nullable(),
    /** The child's reference in the council, for a placement imported from the 903 return; null otherwise. */
    childReference: z.string().nullable(),
    origin: z.enum(['AWARD', 'IMPORT', 'EMERGENCY']),
  }),
);

export const ContributionView = z.object({
  id: z.uuid(),
  kind: z.enum(['HEALTH', 'EDUCATION', 'UASC_GRANT']),
  fromDate: Day,
  toDate: Day.nullable(),
  weeklyPence: Pence.nullable(),
  nightlyPence: Pence.nullable(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

/** A placement's terms and its commitment (current lines, and every version). */
export const PlacementView = z.object({
  id: z.uuid(),
  /** AWARD (an offer awarded), IMPORT (the council's 903 return) or EMERGENCY (placed before its approval). */
  origin: z.enum(['AWARD', 'IMPORT', 'EMERGENCY']),
  /** Null for a placement imported from the 903 return. */
  requestId: z.uuid().nullable(),
  importKey: z.string().nullable(),
  /** An imported placement the council's cost file gave no price for: nothing is committed until it has one. */
  priceMissing: z.boolean(),
  /** An emergency placement's retrospective approval: AWAITING, APPROVED or DECLINED; null otherwise. */
  ratification: z.enum(['AWAITING', 'APPROVED', 'DECLINED']).nullable(),
  childId: z.uuid(),
  childAge: z.number().int(),
  providerId: z.uuid().nullable(),
  placementType: z.string(),
  provision: z.string(),
  category: z.string(),
  weeklyCostPence: Pence,
  startDate: Day,
  plannedEndDate: Day.nullable(),
  noticeEndDate: Day.nullable(),
  endDate: Day.nullable(),
  endReason: z.string().nullable(),
  lastDayBefore18: Day.nullable(),
  reviewDate: Day.nullable(),
  status: z.enum(['ACTIVE', 'NOTICE', 'ENDED']),
  correlationId: z.uuid(),
  prices: z.array(z.object({ effectiveFrom: Day, weeklyCostPence: Pence, reason: z.string() })),
  contributions: z.array(ContributionView),
  commitments: z.array(CommitmentLineView),
  commitmentHistory: z.array(CommitmentLineView),
});

export const RecostView = z.object({ placements: z.number().int(), changed: z.number().int() });

export const MovementView = z.object({
  financialYear: z.number().int(),
  label: z.string(),
  committedPence: Pence,
  byCause: z.record(z.string(), Pence),
  changes: z.array(
    z.object({
      placementId: z.uuid(),
      category: z.string(),
      version: z.number().int(),
      /** A line's cause, or REMOVED when the placement no longer reaches the year. */
      cause: z.string(),
      at: z.string(),
      fromPence: Pence,
      toPence: Pence,
      changePence: Pence,
    }),
  ),
});

export const SettingsView = z.object({
  annualisation: z.enum(['365/7', '52']),
  openEndedTo: z.enum(['YEAR_END', 'AGE_18']),
  highCostWeeklyPence: Pence,
});

export const BudgetSetView = z.object({ financialYear: z.number().int(), category: z.string(), amountPence: Pence, setBy: z.string() });
export const BudgetListView = z.array(z.object({ financialYear: z.number().int(), category: z.string(), amountPence: Pence }));

export const VirementView = z.object({
  id: z.uuid(),
  financialYear: z.number().int(),
  fromCategory: z.string(),
  toCategory: z.string(),
  amountPence: Pence,
  reason: z.string(),
  by: z.string(),
  /** Each side's budget after the virement. */
  balances: z.record(z.string(), Pence),
});

export const BudgetHistoryView = z.object({
  financialYear: z.number().int(),
  entries: z.array(
    z.object({
      category: z.string(),
      kind: z.enum(['SET', 'VIREMENT_IN', 'VIREMENT_OUT']),
      deltaPence: Pence,
      balancePence: Pence,
      reason: z.string().nullable(),
      virementId: z.uuid().nullable(),
      by: z.string(),
      at: z.string(),
    }),
  ),
  virements: z.array(
    z.object({
      id: z.uuid(),
      fromCategory: z.string(),
      toCategory: z.string(),
      amountPence: Pence,
      reason: z.string(),
      by: z.string(),
      at: z.string(),
    }),
  ),
});

export const AlertsView = z.array(
  z.object({
    category: z.string(),
    thresholdPercent: z.number().int(),
    forecastPence: Pence,
    budgetPence: Pence,
    crossedAt: z.string(),
    eventId: z.uuid(),
  }),
);

export const PaymentScheduleView = z.object({
  placementId: z.uuid(),
  frequency: z.enum(['WEEKLY', 'FOUR_WEEKLY', 'MONTHLY']),
  firstPeriodStart: Day,
  paymentTermsDays: z.number().int(),
  inArrears: z.boolean(),
  asOf: Day,
  periods: z.array(
    z.object({
      from: Day,
      to: Day,
      dueOn: Day,
      expectedPence: Pence,
      status: z.enum(['PAID', 'QUERIED', 'INVOICED', 'OVERDUE', 'DUE', 'UPCOMING']),
      invoices: z.array(z.uuid()),
    }),
  ),
});

export const InvoiceView = z.object({
  id: z.uuid(),
  placementId: z.uuid(),
  providerId: z.uuid().nullable(),
  reference: z.string(),
  periodFrom: Day,
  periodTo: Day,
  daysClaimed: z.number().int(),
  weeklyRatePence: Pence,
  amountPence: Pence,
  expectedPence: Pence,
  status: z.enum(['MATCHED', 'QUERIED', 'PAID']),
  discrepancies: z.array(Discrepancy),
  receivedBy: z.string(),
  receivedAt: z.string(),
  paidOn: Day.nullable(),
  paidPence: Pence.nullable(),
  paidBy: z.string().nullable(),
  resolution: z.string().nullable(),
  allocations: z.array(z.object({ financialYear: z.number().int(), category: z.string(), paidPence: Pence, releasedPence: Pence })),
});
export const InvoiceListView = z.array(InvoiceView);

/** Imported placements still running with no price from the council's cost file. */
export const UnpricedImportsView = z.array(
  z.object({
    placementId: z.uuid(),
    importKey: z.string(),
    childId: z.uuid(),
    childAge: z.number().int(),
    providerId: z.uuid().nullable(),
    placementType: z.string(),
    provision: z.string(),
    category: z.string(),
    startDate: z.string(),
    status: z.enum(['ACTIVE', 'NOTICE', 'ENDED']),
  }),
);

const PeriodAverageView = z.object({
  /** Days of priced placements of the type in the period. */
  placementDays: z.number().int(),
  /** Weighted by the days open, each day at the price then; null with none. */
  averageWeeklyCostPence: Pence.nullable(),
});
const PeriodView = z.object({ financialYear: z.number().int(), label: z.string(), from: Day, to: Day });

/** The placement mix on a day, and the average weekly cost by type this year to date against last year. */
export const IndicatorsView = z.object({
  asOf: Day,
  mix: z.object({
    rows: z.array(
      z.object({
        placementType: z.string(),
        /** Open placements of the type on the day. */
        placements: z.number().int(),
        /** Of those, the ones with no price yet (not in the costs). */
        unpriced: z.number().int(),
        weeklyCostPence: Pence,
        averageWeeklyCostPence: Pence.nullable(),
      }),
    ),
    placements: z.number().int(),
    unpriced: z.number().int(),
    weeklyCostPence: Pence,
  }),
  costByType: z.object({
    /** 1 April to the day asked about. */
    thisYear: PeriodView,
    /** The same days a year earlier. */
    lastYear: PeriodView,
    rows: z.array(
      z.object({
        placementType: z.string(),
        thisYear: PeriodAverageView,
        lastYear: PeriodAverageView,
        /** This year's average against last year's, per cent to one decimal place. */
        changePercent: z.number().nullable(),
      }),
    ),
  }),
});
