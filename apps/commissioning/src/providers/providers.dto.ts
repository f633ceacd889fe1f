import { DayBetween, PlacementType, Pence, Text, TODAY } from '@placewise/contracts';
import { z } from 'zod';
import { REGISTRATION_CATEGORIES } from '../matching/gates.js';

export const CreateProvider = z
  .object({
    /**
     * The provider's id, when the council keeps one it already uses (e.g. providers imported from its
     * case management or contracts system, or named in its identity provider's `provider` claim);
     * otherwise one is made.
     */
    id: z.uuid({ error: 'must be a UUID' }).optional(),
    name: Text(200),
    sector: z.enum(['IN_HOUSE', 'PRIVATE', 'VOLUNTARY', 'OTHER_LA']),
    /** Share this provider with every council of the region (must be the council's own region). */
    region: Text(100).optional(),
  })
  .strict();
export type CreateProvider = z.infer<typeof CreateProvider>;

export const OfstedRating = z.enum(['OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE', 'NOT_YET_INSPECTED', 'NOT_REGISTERED']);
export const ProcurementRoute = z
  .string()
  .regex(
    /^(IN_HOUSE|BLOCK|FRAMEWORK_TIER_[1-9]|DPS|SPOT|OFF_FRAMEWORK)$/,
    'must be IN_HOUSE, BLOCK, FRAMEWORK_TIER_n, DPS, SPOT or OFF_FRAMEWORK',
  );
const Need = z
  .string()
  .trim()
  .regex(/^[A-Z0-9_]{2,40}$/, 'must be a need code such as EBD or CSE_RISK');

const SettingFields = {
  name: Text(200),
  placementType: PlacementType,
  ofstedUrn: z
    .string()
    .regex(/^[A-Z0-9]{6,10}$/, 'must be an Ofsted URN (6-10 letters or digits)')
    .optional(),
  registrationCategory: z.enum(REGISTRATION_CATEGORIES).optional(),
  ofstedRating: OfstedRating,
  inspectionDate: DayBetween({ to: TODAY }).optional(),
  postcode: z
    .string()
    .trim()
    .regex(/^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/i, 'must be a UK postcode')
    .transform((p) => p.toUpperCase()),
  latitude: z.number().min(49.8).max(60.9).optional(),
  longitude: z.number().min(-8.7).max(1.8).optional(),
  /** The local authority area the setting is in. */
  area: Text(100).optional(),
  ageMin: z.number().int().min(0).max(25),
  ageMax: z.number().int().min(0).max(25),
  capacity: z.number().int().min(1).max(500),
  vacancies: z.number().int().min(0).max(500),
  weeklyPricePence: Pence,
  procurementRoute: ProcurementRoute,
  needsMet: z.array(Need).max(30).default([]),
  educationOnSite: z.boolean().default(false),
  siblingPlaces: z.number().int().min(0).max(10).default(0),
};

export const CreateSetting = z
  .object(SettingFields)
  .strict()
  .refine((s) => s.ageMin <= s.ageMax, { path: ['ageMax'], message: 'must not be below ageMin' })
  .refine((s) => s.vacancies <= s.capacity, { path: ['vacancies'], message: 'must not exceed capacity' })
  .refine((s) => (s.latitude === undefined) === (s.longitude === undefined), {
    path: ['longitude'],
    message: 'latitude and longitude go together',
  });
export type CreateSetting = z.infer<typeof CreateSetting>;

/** What changes after an inspection, a price review or a move: capacity, vacancies, rating, price. */
export const UpdateSetting = z
  .object({
    capacity: SettingFields.capacity,
    vacancies: SettingFields.vacancies,
    ofstedRating: OfstedRating,
    inspectionDate: SettingFields.inspectionDate.unwrap(),
    weeklyPricePence: Pence,
    needsMet: z.array(Need).max(30),
  })
  .partial()
  .strict()
  .refine((s) => Object.keys(s).length > 0, { message: 'nothing to change' });
