import { IsoDate, Pence } from '@placewise/contracts';
import { z } from 'zod';

export const SubmitOffer = z
  .object({
    settingId: z.uuid(),
    weeklyFeePence: Pence.refine((p) => p > 0, 'must be more than zero'),
    startDate: IsoDate,
    notes: z.string().trim().max(2000).optional(),
  })
  .strict();
export type SubmitOffer = z.infer<typeof SubmitOffer>;

export const AwardOffer = z
  .object({
    plannedEndDate: IsoDate.optional(),
    noticeWeeks: z.number().int().min(0).max(52).default(4),
  })
  .strict();
export type AwardOffer = z.infer<typeof AwardOffer>;

export const ListSearches = z.object({
  status: z.enum(['OPEN', 'AWARDED', 'CLOSED']).optional(),
  requestId: z.uuid().optional(),
  take: z.coerce.number().int().min(1).max(200).default(50),
  skip: z.coerce.number().int().min(0).default(0),
});
export type ListSearches = z.infer<typeof ListSearches>;
