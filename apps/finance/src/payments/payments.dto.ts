import { Day, Text } from '@placewise/contracts';
import { z } from 'zod';

export const PaymentScheduleInput = z
  .object({
    frequency: z.enum(['WEEKLY', 'FOUR_WEEKLY', 'MONTHLY']),
    firstPeriodStart: Day.optional(),
    paymentTermsDays: z.number().int().min(0).max(90).default(0),
  })
  .strict();

export const InvoiceInput = z
  .object({
    reference: Text(100),
    periodFrom: Day,
    periodTo: Day,
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
    paidOn: Day,
    amountPence: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
    resolution: Text(1000, { multiline: true }).optional(),
  })
  .strict();
export type PaymentInput = z.infer<typeof PaymentInput>;

export const InvoiceQuery = z.object({ status: z.enum(['MATCHED', 'QUERIED', 'PAID']).optional(), placementId: z.uuid().optional() });
export type InvoiceQuery = z.infer<typeof InvoiceQuery>;
