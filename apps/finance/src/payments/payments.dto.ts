import { z } from 'zod';

const IsoDate = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });

export const PaymentScheduleInput = z
  .object({
    frequency: z.enum(['WEEKLY', 'FOUR_WEEKLY', 'MONTHLY']),
    firstPeriodStart: IsoDate.optional(),
    paymentTermsDays: z.number().int().min(0).max(90).default(0),
  })
  .strict();

export const InvoiceInput = z
  .object({
    reference: z.string().trim().min(1).max(100),
    periodFrom: IsoDate,
    periodTo: IsoDate,
    daysClaimed: z.number().int().min(0).max(400),
    weeklyRatePence: z.number().int().nonnegative().max(2_147_483_647),
    amountPence: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  })
  .strict()
  .refine((v) => v.periodTo >= v.periodFrom, { path: ['periodTo'], message: 'must be on or after periodFrom' });
export type InvoiceInput = z.infer<typeof InvoiceInput>;

/** Paying a queried invoice needs a resolution saying why; the amount defaults to the invoice's (matched) or what the agreement owes (queried). */
export const PaymentInput = z
  .object({
    paidOn: IsoDate,
    amountPence: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
    resolution: z.string().trim().min(1).max(1000).optional(),
  })
  .strict();
export type PaymentInput = z.infer<typeof PaymentInput>;

export const InvoiceQuery = z.object({ status: z.enum(['MATCHED', 'QUERIED', 'PAID']).optional(), placementId: z.uuid().optional() });
export type InvoiceQuery = z.infer<typeof InvoiceQuery>;
