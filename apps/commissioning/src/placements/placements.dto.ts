import { EndReason, IsoDate, Pence } from '@placewise/contracts';
import { z } from 'zod';

export const PriceChange = z
  .object({
    /** The new weekly total (fee and services), in pence. */
    weeklyCostPence: Pence.refine((p) => p > 0, 'must be more than zero'),
    effectiveFrom: IsoDate,
    reason: z.enum(['ANNUAL_UPLIFT', 'VARIATION']),
  })
  .strict()
  .refine((c) => c.reason !== 'ANNUAL_UPLIFT' || c.effectiveFrom.endsWith('-04-01'), {
    path: ['effectiveFrom'],
    message: 'an annual uplift takes effect on 1 April',
  });

export const Notice = z
  .object({
    /** Who gave notice: a provider's own token always gives PROVIDER. */
    givenBy: z.enum(['PROVIDER', 'COUNCIL']).default('PROVIDER'),
    givenOn: IsoDate.optional(),
    /** The last day; by default the notice period in the agreement from givenOn. */
    endDate: IsoDate.optional(),
    /** Open a replacement search (always when the provider gives notice). */
    replace: z.boolean().optional(),
    reason: z.string().trim().min(3).max(2000),
  })
  .strict()
  .refine((n) => !n.givenOn || !n.endDate || n.endDate > n.givenOn, { path: ['endDate'], message: 'must be after givenOn' });

export const EndPlacement = z.object({ endDate: IsoDate, reason: EndReason }).strict();

export const ListPlacements = z
  .object({
    status: z.enum(['ACTIVE', 'NOTICE_GIVEN', 'ENDED', 'AWAITING_RATIFICATION']).optional(),
    /**
     * Only running placements with something due, soonest first: `review` (the next statutory
     * review, CPPCR reg 33), `notice` (the notice's last day) or `any` (whichever comes first).
     */
    due: z.enum(['review', 'notice', 'any']).optional(),
    /** With `due`: due within this many days from today, overdue included (default 28). */
    within: z.coerce.number().int().min(0).max(366).optional(),
    take: z.coerce.number().int().min(1).max(200).default(50),
    skip: z.coerce.number().int().min(0).default(0),
  })
  .refine((q) => q.within === undefined || q.due !== undefined, {
    path: ['within'],
    message: 'applies only with due (review, notice or any)',
  });
