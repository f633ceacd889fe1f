import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import {
  ApproverTier,
  DeadlinePurpose,
  IsoDate,
  LegalStatus,
  Location,
  PanelType,
  Pence,
  PlacementType,
  Provision,
  RequestKind,
  Urgency,
} from '../domain.js';

/** Links a re-approval request to the award or placement it is about. */
export const ReapprovalLink = z.object({
  originalRequestId: z.uuid(),
  searchId: z.uuid(),
  offerId: z.uuid().nullable(),
  placementId: z.uuid().nullable(),
  reason: z.enum(['ABOVE_CEILING', 'CHANGED_LOCATION', 'CHANGED_TYPE', 'PRICE_VARIATION']),
});
export type ReapprovalLink = z.infer<typeof ReapprovalLink>;

/** The part of a rules outcome that travels with a request: enough to route and to explain. */
export const RoutedOutcome = z.object({
  ruleSetVersion: z.string(),
  policyHash: z.string(),
  approver: ApproverTier,
  panel: PanelType.nullable(),
  costBand: z.string().nullable(),
  retrospective: z.boolean(),
  gates: z.array(z.object({ id: z.string(), ruleId: z.string(), text: z.string() })),
  deadlines: z.array(z.object({ id: z.string(), ruleId: z.string(), due: z.iso.datetime({ offset: true }), text: z.string() })),
  reasons: z.array(z.object({ ruleId: z.string(), text: z.string() })),
});
export type RoutedOutcome = z.infer<typeof RoutedOutcome>;

export const RequestSubmittedV1 = defineEvent({
  type: 'request.submitted',
  version: 1,
  producer: 'referrals',
  schema: z.object({
    requestId: z.uuid(),
    childId: z.uuid(),
    childAge: z.number().int().min(0).max(25),
    kind: RequestKind,
    legalStatus: LegalStatus,
    placementType: PlacementType,
    provision: Provision,
    weeklyCostPence: Pence,
    location: Location,
    urgency: Urgency,
    placedAt: IsoDate.nullable(),
    /** For an exit, step-down, move or variation: the day it should take effect. */
    effectiveDate: IsoDate.nullable().optional(),
    submittedAt: z.iso.datetime({ offset: true }),
    submittedBy: z.string(),
    outcome: RoutedOutcome,
    /** Set when this request asks to re-approve an award or a variation that changed what was approved. */
    reapproval: ReapprovalLink.optional(),
  }),
});

/**
 * The outcome as it travels in request.submitted version 2: each deadline says what it is for
 * (`purpose`), so a consumer never has to guess from its id.
 */
export const RoutedOutcomeV2 = RoutedOutcome.extend({
  deadlines: z.array(
    z.object({ id: z.string(), ruleId: z.string(), purpose: DeadlinePurpose, due: z.iso.datetime({ offset: true }), text: z.string() }),
  ),
});
export type RoutedOutcomeV2 = z.infer<typeof RoutedOutcomeV2>;

/** Version 2: as version 1, with the purpose of each deadline in the outcome. */
export const RequestSubmittedV2 = defineEvent({
  type: 'request.submitted',
  version: 2,
  producer: 'referrals',
  schema: RequestSubmittedV1.schema.extend({ outcome: RoutedOutcomeV2 }),
});

/** The social worker has provided what a deferring panel asked for: the case returns to the next sitting. */
export const RequestResubmittedV1 = defineEvent({
  type: 'request.resubmitted',
  version: 1,
  producer: 'referrals',
  schema: z.object({
    requestId: z.uuid(),
    /** The items of information provided, as the panel listed them. */
    itemsProvided: z.array(z.string().min(1).max(200)).max(20),
    resubmittedBy: z.string(),
    resubmittedAt: z.iso.datetime({ offset: true }),
  }),
});

/**
 * A council's previous SSDA903 returns were loaded (onboarding): one event per child whose placement
 * was open at the end of the load. Commissioning records the placement (its setting found by Ofsted
 * URN, or created) and finance commits its weekly cost. The placement started on `placementStart`
 * (the DECOM of the first episode of the current placement run); `importKey` is unique per council
 * and placement, so loading the same files again changes nothing downstream either.
 */
export const LookedAfterPlacementImportedV1 = defineEvent({
  type: 'looked-after.placement-imported',
  version: 1,
  producer: 'referrals',
  schema: z.object({
    importId: z.uuid(),
    importKey: z.string().min(1).max(200),
    childId: z.uuid(),
    /** The council's own reference for the child (the 903 CHILD), never a name. */
    childReference: z.string().min(1).max(40),
    childAge: z.number().int().min(0).max(25),
    placementStart: IsoDate,
    /** SSDA903 PLACE, PLACE_PROVIDER, URN and PL_POST of the open episode. */
    place: z.string().min(2).max(3),
    placeProvider: z.string().length(3).nullable(),
    urn: z.string().min(1).max(8).nullable(),
    placePostcode: z.string().max(8).nullable(),
    legalStatus: z.string().length(2),
    /** From the council's weekly-cost file (by child, else the default for the placement type); null when it gave none. */
    weeklyCostPence: Pence.nullable(),
  }),
});

/** Which retention rule ended a child's record (docs/retention.md has each one's source). */
export const RetentionRule = z.enum(['LOOKED_AFTER', 'DIED_IN_CARE', 'ADOPTED', 'NOT_LOOKED_AFTER']);
export type RetentionRule = z.infer<typeof RetentionRule>;

/**
 * The id a service writes in place of an erased child's where it keeps a row the law still needs (the
 * money lines in finance, a setting's placements in commissioning): the nil UUID, which names nobody.
 */
export const ERASED_CHILD_ID = '00000000-0000-0000-0000-000000000000';

/**
 * A child's retention period ended and referrals erased their record (the retention job). Each consumer
 * erases, or makes anonymous, its own rows about the child: the child's id and the ids of their requests
 * are all it needs to find them (notifications finds its links by the request ids). No name, no date, no
 * rule (a rule and the day it ended would give the date of birth away).
 */
export const ChildErasedV1 = defineEvent({
  type: 'child.erased',
  version: 1,
  producer: 'referrals',
  schema: z.object({
    childId: z.uuid(),
    requestIds: z.array(z.uuid()).max(10_000),
  }),
});
