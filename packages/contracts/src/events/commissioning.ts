import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import { EndReason, IsoDate, Location, Pence, PlacementType, Provision } from '../domain.js';
import { ReapprovalLink } from './referrals.js';

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

/** An award or a variation changed what was approved: referrals runs the rules again and routes it. */
export const ReapprovalRequestedV1 = defineEvent({
  type: 'reapproval.requested',
  version: 1,
  producer: 'commissioning',
  schema: z.object({
    link: ReapprovalLink,
    /** Every reason the award or variation needs re-approval (the link names the first). */
    reasons: z.array(ReapprovalLink.shape.reason).min(1).max(4).optional(),
    childId: z.uuid(),
    childAge: z.number().int().min(0).max(25),
    placementType: PlacementType,
    provision: Provision,
    location: Location,
    weeklyCostPence: Pence,
    previousWeeklyCostPence: Pence.nullable(),
    requestedBy: z.string(),
  }),
});

export const PlacementPriceChangedV1 = defineEvent({
  type: 'placement.price-changed',
  version: 1,
  producer: 'commissioning',
  schema: z.object({
    placementId: z.uuid(),
    requestId: z.uuid(),
    childId: z.uuid(),
    previousWeeklyCostPence: Pence,
    weeklyCostPence: Pence,
    effectiveFrom: IsoDate,
    reason: z.enum(['ANNUAL_UPLIFT', 'VARIATION']),
  }),
});

export const PlacementNoticeGivenV1 = defineEvent({
  type: 'placement.notice-given',
  version: 1,
  producer: 'commissioning',
  schema: z.object({
    placementId: z.uuid(),
    requestId: z.uuid(),
    childId: z.uuid(),
    givenBy: z.enum(['PROVIDER', 'COUNCIL']),
    givenOn: IsoDate,
    endDate: IsoDate,
    /** The search opened to replace it, if any. */
    replacementSearchId: z.uuid().nullable(),
  }),
});

export const PlacementEndedV1 = defineEvent({
  type: 'placement.ended',
  version: 1,
  producer: 'commissioning',
  schema: z.object({
    placementId: z.uuid(),
    requestId: z.uuid(),
    childId: z.uuid(),
    endDate: IsoDate,
    reason: EndReason,
  }),
});
