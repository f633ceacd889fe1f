import { z } from 'zod';

export const FinancialYear = z.coerce.number().int().min(2000).max(2100);

export const Category = z.string().regex(/^(FOSTERING|PARENT_AND_CHILD|RESIDENTIAL|SECURE|SUPPORTED_ACCOMMODATION|OTHER)_(IN_HOUSE|EXTERNAL)$/, 'must be a placement category such as RESIDENTIAL_EXTERNAL');

export const YearQuery = z.object({ financialYear: FinancialYear });

/** `asOf` (default today): the day the forecast stands on (expected starts fill the days after it). */
export const ForecastQuery = z.object({ financialYear: FinancialYear, asOf: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).optional(), format: z.enum(['json', 'csv']).optional() });
