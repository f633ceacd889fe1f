import { z } from 'zod';

/** The sufficiency report (sufficiency.service.ts builds it). */
const Occupancy = z.object({
  capacity: z.number().int(),
  occupied: z.number().int(),
  /** Null when there are no beds of the kind. */
  occupancyPercent: z.number().nullable(),
  byType: z.array(
    z.object({
      placementType: z.string(),
      settings: z.number().int(),
      capacity: z.number().int(),
      occupied: z.number().int(),
      occupancyPercent: z.number().nullable(),
    }),
  ),
});

export const SufficiencyView = z.object({
  localAuthority: z.string(),
  at: z.string(),
  inHouse: Occupancy,
  blockBeds: Occupancy,
  vacancies: z.array(
    z.object({
      placementType: z.string(),
      area: z.string().nullable(),
      location: z.enum(['IN_AREA', 'OUT_OF_AREA_ADJOINING', 'OUT_OF_AREA_AT_DISTANCE']).nullable(),
      settings: z.number().int(),
      vacancies: z.number().int(),
    }),
  ),
  searchesWithNoOffer: z.object({
    count: z.number().int(),
    searches: z.array(
      z.object({
        id: z.uuid(),
        placementType: z.string(),
        urgency: z.string(),
        stage: z.string(),
        round: z.number().int(),
        openedAt: z.string(),
        deadline: z.string(),
        overdue: z.boolean(),
      }),
    ),
  }),
  timeToPlace: z.object({
    placements: z.number().int(),
    averageHours: z.number().nullable(),
    byUrgency: z.array(z.object({ urgency: z.string(), placements: z.number().int(), averageHours: z.number() })),
  }),
});
