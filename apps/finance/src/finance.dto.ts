import { Day, PlacementType, Provision } from '@placewise/contracts';
import { z } from 'zod';

export const FinancialYear = z.coerce.number().int().min(2000).max(2100);

export const Category = z
  .string()
  .regex(
    /^(FOSTERING|PARENT_AND_CHILD|RESIDENTIAL|SECURE|SUPPORTED_ACCOMMODATION|OTHER)_(IN_HOUSE|EXTERNAL)$/,
    'must be a placement category such as RESIDENTIAL_EXTERNAL',
  );

export const YearQuery = z.object({ financialYear: FinancialYear });

/** `asOf` (default today): the day the forecast stands on (expected starts fill the days after it). */
export const ForecastQuery = z.object({
  financialYear: FinancialYear,
  asOf: Day.optional(),
  format: z.enum(['json', 'csv']).optional(),
});

/** A proposed placement, to see what it would mean for this year's budget (panel papers, approvers). */
export const ImpactQuery = z.object({
  placementType: PlacementType,
  provision: Provision,
  weeklyCostPence: z.coerce.number().int().min(0).max(100_000_000),
  /** The day it would start (default today). */
  startDate: Day.optional(),
  /** The child's age at the start: the cost stops before 18. */
  childAge: z.coerce.number().int().min(0).max(25).optional(),
});
