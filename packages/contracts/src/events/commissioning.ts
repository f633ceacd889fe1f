import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import { IsoDate, Pence, PlacementType, Provision } from '../domain.js';

export const PlacementStartedV1 = defineEvent({
  type: 'placement.started',
  version: 1,
  producer: 'commissioning',
  schema: z.object({
    placementId: z.uuid(),
    requestId: z.uuid(),
    childId: z.uuid(),
    childAge: z.number().int().min(0).max(25),
    providerId: z.uuid(),
    settingId: z.uuid(),
    placementType: PlacementType,
    provision: Provision,
    weeklyCostPence: Pence,
    startDate: IsoDate,
    plannedEndDate: IsoDate.nullable(),
  }),
});
