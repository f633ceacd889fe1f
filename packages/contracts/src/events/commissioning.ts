import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import { EndReason, IsoDate, Location, Pence, PlacementType, Provision, Urgency } from '../domain.js';
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

/**
 * Version 2: as version 1, with where the child is placed as the SSDA903 wants it: the setting's
 * Ofsted `urn` (null when the setting has none recorded) and `placePostcode`, the setting's postcode
 * (PL_POST; null when unknown). Commissioning emits version 2; every consumer still takes version 1.
 */
export const PlacementStartedV2 = defineEvent({
  type: 'placement.started',
  version: 2,
  producer: 'commissioning',
  schema: PlacementStartedV1.schema.extend({
    urn: z.string().min(1).max(8).nullable(),
    placePostcode: z.string().min(1).max(8).nullable(),
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

/**
 * Version 2: as version 1, with `requestId` null for a placement that had no request (one imported
 * from the council's SSDA903 return). Commissioning emits version 1 for a placement with a request
 * (referrals follows it) and version 2 only for one without; finance takes both.
 */
export const PlacementEndedV2 = defineEvent({
  type: 'placement.ended',
  version: 2,
  producer: 'commissioning',
  schema: PlacementEndedV1.schema.extend({ requestId: z.uuid().nullable() }),
});

/**
 * A placement imported from the council's SSDA903 return (looked-after.placement-imported) is
 * recorded, at its setting (found by Ofsted URN, or created): finance records it and commits its
 * weekly cost for the financial year, or lists it as needing a price when the cost is null.
 * `importKey` is the import's own key, unique per council and placement.
 */
export const PlacementImportedV1 = defineEvent({
  type: 'placement.imported',
  version: 1,
  producer: 'commissioning',
  schema: z.object({
    placementId: z.uuid(),
    childId: z.uuid(),
    childAge: z.number().int().min(0).max(25),
    providerId: z.uuid(),
    settingId: z.uuid(),
    placementType: PlacementType,
    provision: Provision,
    /** Null when the council's cost file gave none: finance lists the placement as needing a price. */
    weeklyCostPence: Pence.nullable(),
    startDate: IsoDate,
    importKey: z.string().min(1).max(200),
  }),
});

/**
 * An emergency placement made before its approval (request.submitted with urgency EMERGENCY and
 * `placedAt`, routed for retrospective approval): the child is placed from `startDate` at the
 * request's weekly cost, and finance commits it at once, marked as awaiting ratification. The
 * setting (and so the provider) may not be known yet.
 */
export const PlacementEmergencyStartedV1 = defineEvent({
  type: 'placement.emergency-started',
  version: 1,
  producer: 'commissioning',
  schema: z.object({
    placementId: z.uuid(),
    requestId: z.uuid(),
    childId: z.uuid(),
    childAge: z.number().int().min(0).max(25),
    providerId: z.uuid().nullable(),
    settingId: z.uuid().nullable(),
    placementType: PlacementType,
    provision: Provision,
    weeklyCostPence: Pence,
    startDate: IsoDate,
    awaitingRatification: z.literal(true),
  }),
});

/**
 * The commissioner recorded where an emergency placement's child is (its setting was not known when
 * the child was placed): the provider, and for the looked-after record the setting's Ofsted URN and
 * postcode (SSDA903 URN and PL_POST), as placement.started v2 carries them for an awarded placement.
 * Recorded again with another setting, it says so again; the last one applies.
 */
export const PlacementSettingRecordedV1 = defineEvent({
  type: 'placement.setting-recorded',
  version: 1,
  producer: 'commissioning',
  schema: z.object({
    placementId: z.uuid(),
    requestId: z.uuid(),
    childId: z.uuid(),
    providerId: z.uuid(),
    settingId: z.uuid(),
    urn: z.string().min(1).max(8).nullable(),
    placePostcode: z.string().min(1).max(8).nullable(),
    recordedOn: IsoDate,
  }),
});

/**
 * The retrospective decision on an emergency placement came: APPROVED (it carries on, no longer
 * awaiting ratification) or DECLINED (a move is planned: `replacementSearchId` is the search opened
 * to replace it; the cost to date stays committed, the rest is released at `moveDate` when one was
 * set, which placement.notice-given also carries, or when the replacement starts, by placement.ended).
 */
export const PlacementRatifiedV1 = defineEvent({
  type: 'placement.ratified',
  version: 1,
  producer: 'commissioning',
  schema: z.object({
    placementId: z.uuid(),
    requestId: z.uuid(),
    childId: z.uuid(),
    outcome: z.enum(['APPROVED', 'DECLINED']),
    decidedOn: IsoDate,
    replacementSearchId: z.uuid().nullable(),
    moveDate: IsoDate.nullable(),
    /** Approved with a funding end date: the placement's planned end (finance commits to it). */
    plannedEndDate: IsoDate.nullable(),
  }),
});

/**
 * A provider offered one of its settings against a referral it was sent: the council's
 * commissioners have an offer to weigh (no child's details: the search and the offer's terms).
 */
export const OfferReceivedV1 = defineEvent({
  type: 'offer.received',
  version: 1,
  producer: 'commissioning',
  schema: z.object({
    offerId: z.uuid(),
    searchId: z.uuid(),
    requestId: z.uuid(),
    providerId: z.uuid(),
    settingId: z.uuid(),
    /** The setting and its provider as the council's provider list calls them (organisations, not people). */
    settingLabel: z.string().min(1).max(200),
    providerLabel: z.string().min(1).max(200),
    placementType: PlacementType,
    totalWeeklyPence: Pence,
    startDate: IsoDate,
    withinCeiling: z.boolean(),
    /** Whether every hard gate passed (a failed one blocks the award until it is resolved). */
    gatesPassed: z.boolean(),
    receivedAt: z.iso.datetime({ offset: true }),
  }),
});

/**
 * A search went out to providers: one round's referrals, one per provider (only those sent now; a
 * provider already sent the search is not sent it again). The providers' staff have a referral to
 * answer by `respondBy`. No child's details: the child's age, the placement type and the urgency.
 */
export const ReferralSentV1 = defineEvent({
  type: 'referral.sent',
  version: 1,
  producer: 'commissioning',
  schema: z.object({
    searchId: z.uuid(),
    requestId: z.uuid(),
    round: z.number().int().min(1).max(20),
    referrals: z
      .array(z.object({ referralId: z.uuid(), providerId: z.uuid() }))
      .min(1)
      .max(1000),
    childAge: z.number().int().min(0).max(25),
    placementType: PlacementType,
    urgency: Urgency,
    /** When the council needs the placement found by (the search's deadline). */
    respondBy: z.iso.datetime({ offset: true }),
    sentAt: z.iso.datetime({ offset: true }),
  }),
});

/**
 * The council's answer to a provider's offer: ACCEPTED (awarded: the placement starts) or DECLINED
 * (another offer was accepted, or the award was held for re-approval and not approved). The
 * provider's staff are told; no child's details.
 */
export const OfferDecidedV1 = defineEvent({
  type: 'offer.decided',
  version: 1,
  producer: 'commissioning',
  schema: z.object({
    offerId: z.uuid(),
    searchId: z.uuid(),
    requestId: z.uuid(),
    providerId: z.uuid(),
    settingId: z.uuid(),
    /** The setting as the council's provider list calls it (an organisation's home, not a person). */
    settingLabel: z.string().min(1).max(200),
    outcome: z.enum(['ACCEPTED', 'DECLINED']),
    /** Why a declined offer was declined (null when accepted). */
    declinedBecause: z.enum(['ANOTHER_OFFER_ACCEPTED', 'REAPPROVAL_DECLINED']).nullable(),
    totalWeeklyPence: Pence,
    startDate: IsoDate,
    decidedAt: z.iso.datetime({ offset: true }),
  }),
});
