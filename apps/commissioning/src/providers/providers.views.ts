import { z } from 'zod';

/** The shapes commissioning answers with for providers and their settings (providers.service.ts builds them). */
export const ProviderView = z.object({
  id: z.uuid(),
  localAuthority: z.string(),
  name: z.string(),
  sector: z.enum(['IN_HOUSE', 'PRIVATE', 'VOLUNTARY', 'OTHER_LA']),
  region: z.string().nullable(),
  createdAt: z.string(),
});

export const SettingView = z.object({
  id: z.uuid(),
  localAuthority: z.string(),
  providerId: z.uuid(),
  name: z.string(),
  placementType: z.string(),
  ofstedUrn: z.string().nullable(),
  registrationCategory: z.string(),
  ofstedRating: z.string(),
  inspectionDate: z.string().nullable(),
  postcode: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  area: z.string().nullable(),
  ageMin: z.number().int(),
  ageMax: z.number().int(),
  capacity: z.number().int(),
  vacancies: z.number().int(),
  weeklyPricePence: z.number().int(),
  procurementRoute: z.string(),
  needsMet: z.array(z.string()),
  educationOnSite: z.boolean(),
  siblingPlaces: z.number().int(),
});

/** A provider in the council's list, with its settings; `shared`: another council's, shared through the region. */
export const ProviderWithSettingsView = ProviderView.omit({ createdAt: true }).extend({
  shared: z.boolean(),
  settings: z.array(SettingView),
});
