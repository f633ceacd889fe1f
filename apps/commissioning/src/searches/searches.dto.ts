import { Day, Pence, Text } from '@placewise/contracts';
import { z } from 'zod';

export const AdditionalService = z
  .object({
    kind: z.enum(['ONE_TO_ONE', 'EDUCATION', 'THERAPY', 'TRANSPORT', 'OTHER']),
    weeklyPence: Pence,
    hoursPerWeek: z.number().min(0).max(168).optional(),
    description: Text(500, { min: 0, multiline: true }).optional(),
  })
  .strict();
export type AdditionalService = z.infer<typeof AdditionalService>;

export const SubmitOffer = z
  .object({
    settingId: z.uuid(),
    weeklyFeePence: Pence.refine((p) => p > 0, 'must be more than zero'),
    additionalServices: z.array(AdditionalService).max(10).default([]),
    startDate: Day,
    notes: Text(2000, { min: 0, multiline: true }).optional(),
  })
  .strict()
  .refine((o) => o.weeklyFeePence + o.additionalServices.reduce((s, x) => s + x.weeklyPence, 0) <= 2_147_483_647, {
    path: ['additionalServices'],
    message: 'the weekly total must be at most 2147483647 pence',
  });
export type SubmitOffer = z.infer<typeof SubmitOffer>;

/** A provider's revision of its own offer before the council awards: the same terms, for the same setting. */
export const ReviseOffer = z
  .object({
    weeklyFeePence: Pence.refine((p) => p > 0, 'must be more than zero'),
    additionalServices: z.array(AdditionalService).max(10).default([]),
    startDate: Day,
    notes: Text(2000, { min: 0, multiline: true }).optional(),
  })
  .strict()
  .refine((o) => o.weeklyFeePence + o.additionalServices.reduce((s, x) => s + x.weeklyPence, 0) <= 2_147_483_647, {
    path: ['additionalServices'],
    message: 'the weekly total must be at most 2147483647 pence',
  });
export type ReviseOffer = z.infer<typeof ReviseOffer>;

export const AwardOffer = z
  .object({
    plannedEndDate: Day.optional(),
    noticeWeeks: z.number().int().min(0).max(52).default(4),
  })
  .strict();
export type AwardOffer = z.infer<typeof AwardOffer>;

export const ListSearches = z.object({
  status: z.enum(['OPEN', 'AWAITING_REAPPROVAL', 'AWARDED', 'CLOSED']).optional(),
  requestId: z.uuid().optional(),
  take: z.coerce.number().int().min(1).max(200).default(50),
  skip: z.coerce.number().int().min(0).default(0),
});
export type ListSearches = z.infer<typeof ListSearches>;

const Point = z.object({ lat: z.number().min(49.8).max(60.9), lng: z.number().min(-8.7).max(1.8) }).strict();
const Need = z
  .string()
  .trim()
  .regex(/^[A-Z0-9_]{2,40}$/, 'must be a need code such as EBD or CSE_RISK');

/** What the commissioner records to match: needs, where home and school are (an area, not an address), siblings. */
export const SearchProfile = z
  .object({
    needs: z.array(Need).max(30).default([]),
    home: Point.nullable().default(null),
    school: Point.nullable().default(null),
    siblings: z.number().int().min(0).max(10).default(0),
  })
  .strict();

export const Reason = z.object({ reason: Text(2000, { min: 3, multiline: true }) }).strict();

export const Paging = z.object({
  take: z.coerce.number().int().min(1).max(200).default(50),
  skip: z.coerce.number().int().min(0).default(0),
});
