import { PlacementType, Pence } from '@placewise/contracts';
import { z } from 'zod';

export const CreateProvider = z.object({
  name: z.string().trim().min(1).max(200),
  sector: z.enum(['IN_HOUSE', 'PRIVATE', 'VOLUNTARY', 'OTHER_LA']),
}).strict();
export type CreateProvider = z.infer<typeof CreateProvider>;

export const OfstedRating = z.enum(['OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE', 'NOT_YET_INSPECTED', 'NOT_REGISTERED']);

export const CreateSetting = z
  .object({
    name: z.string().trim().min(1).max(200),
    placementType: PlacementType,
    ofstedUrn: z.string().regex(/^[A-Z0-9]{6,10}$/, 'must be an Ofsted URN (6-10 letters or digits)').optional(),
    ofstedRating: OfstedRating,
    postcode: z.string().trim().regex(/^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/i, 'must be a UK postcode').transform((p) => p.toUpperCase()),
    ageMin: z.number().int().min(0).max(25),
    ageMax: z.number().int().min(0).max(25),
    capacity: z.number().int().min(1).max(500),
    vacancies: z.number().int().min(0).max(500),
    weeklyPricePence: Pence,
    procurementRoute: z.string().regex(/^(IN_HOUSE|BLOCK|FRAMEWORK_TIER_[1-9]|DPS|SPOT|OFF_FRAMEWORK)$/, 'must be IN_HOUSE, BLOCK, FRAMEWORK_TIER_n, DPS, SPOT or OFF_FRAMEWORK'),
  })
  .strict()
  .refine((s) => s.ageMin <= s.ageMax, { path: ['ageMax'], message: 'must not be below ageMin' })
  .refine((s) => s.vacancies <= s.capacity, { path: ['vacancies'], message: 'must not exceed capacity' });
export type CreateSetting = z.infer<typeof CreateSetting>;
