import type {
  ApproverTier,
  DecisionOutcome,
  DeadlinePurpose,
  EndReason,
  LegalStatus,
  Location,
  PanelType,
  PlacementType,
  RequestKind,
  RequestStatus,
  Urgency,
} from '@placewise/contracts';
import type { OfferListItem, Placement, PriceChangeResult, Referral, SearchDetail } from './api/views';

import {
  Accommodation,
  Activity,
  CategoryOfNeed,
  Ethnicity,
  InTouch,
  MissingType,
  PlaceProvider,
  PreviousPermanence,
  ReasonNewEpisode,
  ReasonPlaceChange,
  ReasonPlacedCeased,
  ReviewParticipation,
  Sex903,
  SocialWorkerChangeReason,
  UpnUnknown,
} from '@placewise/contracts/ssda903';

/**
 * Words a person reads for the codes the services use. Each map is keyed by the enum it labels
 * (the contracts' enums, or the commissioning service's as its OpenAPI document states them), so a
 * new code cannot go unlabelled: the typecheck fails until it has words. labels.test.ts checks every
 * value at run time too.
 */
export const PLACEMENT_TYPES: Record<PlacementType, string> = {
  INHOUSE_FOSTER: 'In-house foster care',
  KINSHIP_FOSTER: 'Kinship (connected person) foster care',
  IFA_FOSTER: 'Independent fostering agency',
  IFA_ENHANCED: 'Independent fostering agency, enhanced',
  PARENT_CHILD_FOSTER: 'Parent and child foster care',
  RESIDENTIAL_FAMILY_CENTRE: 'Residential family centre',
  LA_CHILDRENS_HOME: "Council children's home",
  PRIVATE_CHILDRENS_HOME: "Private children's home",
  VOL_CHILDRENS_HOME: "Voluntary children's home",
  SUPPORTED_ACCOM_REGISTERED: 'Supported accommodation (Ofsted registered)',
  SUPPORTED_ACCOM_UNREGISTERED: 'Supported accommodation (not registered)',
  SUPPORTED_LODGINGS: 'Supported lodgings',
  OTHER_ARRANGEMENTS_UNREGULATED: 'Other arrangements (unregulated)',
  SECURE_CHILDRENS_HOME: "Secure children's home",
  RESIDENTIAL_SCHOOL: 'Residential school',
  PLACED_WITH_PARENTS: 'Placed with parents',
  UNREGISTERED_CHILDRENS_HOME: "Unregistered children's home",
  HOSPITAL: 'Hospital',
};

export const KINDS: Record<RequestKind, string> = {
  ENTRY_TO_CARE: 'Entry to care',
  PLACEMENT: 'Placement (new or move)',
  VARIATION: 'Variation (price or services)',
  STEP_DOWN: 'Step-down',
  EXIT: 'Exit from care',
  CARER_APPROVAL_EXTENSION: "Extension of a connected person's temporary approval (reg 25)",
};

export const LEGAL_STATUSES: Record<LegalStatus, string> = {
  S20: 'Section 20 (voluntary accommodation)',
  ICO_S38: 'Interim care order (s38)',
  CO_S31: 'Care order (s31)',
  PLACEMENT_ORDER: 'Placement order',
  EPO_S44: 'Emergency protection order (s44)',
  PP_S46: 'Police protection (s46)',
  REMAND_LA: 'Remanded to local authority accommodation',
  REMAND_YDA: 'Remanded to youth detention accommodation',
  SECURE_S25: 'Secure accommodation order (s25)',
  DOL_INHERENT: 'Deprivation of liberty order',
  UASC_S20: 'Unaccompanied asylum-seeking child (s20)',
  SHORT_BREAKS: 'Short breaks',
};

export const LOCATIONS: Record<Location, string> = {
  IN_AREA: "In the council's area",
  OUT_OF_AREA_ADJOINING: 'Out of area, in an adjoining council',
  OUT_OF_AREA_AT_DISTANCE: 'Out of area, at a distance',
};

export const URGENCIES: Record<Urgency, string> = {
  PLANNED: 'Planned',
  URGENT: 'Urgent',
  EMERGENCY: 'Emergency (child already placed or to be placed today)',
};

export const TIERS: Record<ApproverTier, string> = {
  SW: 'social worker',
  TM: 'team manager',
  SM: 'service manager',
  HOS: 'head of service',
  AD: 'assistant director',
  DCS: 'director of children’s services',
};

export const PANELS: Record<PanelType, string> = {
  GATEWAY: 'gateway (entry to care) panel',
  PLACEMENT_RESOURCES: 'placement and resources panel',
  HIGH_COST: 'high-cost panel',
  JOINT_FUNDING: 'joint funding panel',
};

/** The words for a code; a code the map does not know (an older client) is shown as it came, never hidden. */
export const label = <K extends string>(map: Record<K, string>, code: string | null | undefined): string =>
  code ? ((map as Record<string, string>)[code] ?? code) : '';

/** The commissioning service's enums, as its OpenAPI document states them. */
export type PlacementStatus = Placement['status'];
export type OfferStatus = OfferListItem['status'];
export type ReferralStatus = Referral['status'];
export type SearchStatus = SearchDetail['status'];
export type PriceReason = PriceChangeResult['reason'];
export type ReviewKind = NonNullable<Placement['nextReview']>['kind'];

/** A request's status, in words (the list, the request page). */
export const REQUEST_STATUSES: Record<RequestStatus, string> = {
  SUBMITTED: 'Waiting for a decision',
  APPROVED: 'Approved',
  DECLINED: 'Declined',
  DEFERRED: 'Deferred for more information',
  PLACED: 'Placed',
  ENDED: 'Placement ended',
  REFUSED: 'Refused (re-approval not allowed)',
};

/** A decision's outcome, in words. */
export const DECISION_OUTCOMES: Record<DecisionOutcome, string> = {
  APPROVED: 'Approved',
  APPROVED_WITH_CONDITIONS: 'Approved with conditions',
  DECLINED: 'Declined',
  DEFERRED: 'Deferred for more information',
  REFERRED_UP: 'Referred up to a more senior approver',
};

/** What a deadline is for. */
export const DEADLINE_PURPOSES: Record<DeadlinePurpose, string> = {
  DECISION: 'Decision',
  RATIFICATION: 'Retrospective approval',
  PLACEMENT_PLAN: 'Placement plan',
  VISIT: "Social worker's visit",
  REVIEW: 'Review',
  FUNDING_REVIEW: 'Funding review',
  NOTIFICATION: 'Notification',
  RESPONSE: 'Written response',
  CARER_APPROVAL: "Connected carer's temporary approval",
  LEGAL_AUTHORITY: 'Legal authority',
  COURT: 'Court timetable',
  TRANSFER: 'Transfer between councils',
};

/** A search's state, in words. */
export const SEARCH_STATUSES: Record<SearchStatus, string> = {
  OPEN: 'Open',
  AWAITING_REAPPROVAL: 'Waiting for re-approval',
  AWARDED: 'Awarded',
  CLOSED: 'Closed',
};

export const PLACEMENT_STATUSES: Record<PlacementStatus, string> = {
  ACTIVE: 'Active',
  NOTICE_GIVEN: 'Under notice',
  ENDED: 'Ended',
  AWAITING_RATIFICATION: 'Emergency, awaiting retrospective approval',
};

/** Why a placement ends (the service's EndReason). */
export const END_REASONS: Record<EndReason, string> = {
  PLANNED_END: 'Planned end',
  STEP_DOWN: 'Step-down to a less intensive placement',
  MOVE: 'Move to another placement',
  PROVIDER_NOTICE: 'The provider gave notice',
  BREAKDOWN: 'Breakdown (immediate risk)',
  EXIT_FROM_CARE: 'Leaving care',
  AGE_18: 'Turned 18',
  OTHER: 'Other',
};

export const PRICE_REASONS: Record<PriceReason, string> = {
  ANNUAL_UPLIFT: 'Annual uplift (from 1 April)',
  VARIATION: 'Variation (more or fewer services, a new fee)',
};

/** The statutory review of the child's case that is next due (CPPCR 2010 reg 33; before the placement ends, regs 14 and 32). */
export const REVIEW_KINDS: Record<ReviewKind, string> = {
  FIRST: 'First review',
  SECOND: 'Second review',
  SUBSEQUENT: 'Six-monthly review',
  BEFORE_END: 'Review before the placement ends',
};

export const REFERRAL_STATUSES: Record<ReferralStatus, string> = {
  SENT: 'Waiting for your answer',
  OFFERED: 'Offered',
  DECLINED: 'Declined',
  CLOSED: 'Closed',
};

export const ROUTES: Record<string, string> = {
  BLOCK: 'Block contract',
  DPS: 'Dynamic purchasing system',
  SPOT: 'Spot purchase',
  OFF_FRAMEWORK: 'Off framework',
  IN_HOUSE: 'In-house',
};
export const route = (code: string) => ROUTES[code] ?? code.replace(/^FRAMEWORK_TIER_(\d)$/, 'Framework, tier $1');

/** An offer's state, in words. */
export const OFFER_STATUSES: Record<OfferStatus, string> = {
  SUBMITTED: 'Waiting for the council',
  AWAITING_REAPPROVAL: 'Chosen; waiting for re-approval',
  AWARDED: 'Awarded',
  NOT_AWARDED: 'Not chosen',
  REAPPROVAL_DECLINED: 'Re-approval declined',
  WITHDRAWN: 'Withdrawn',
};

/** A need recorded on a search's profile, e.g. CSE_RISK -> "CSE risk". */
export const need = (code: string) =>
  code
    .replace(/_/g, ' ')
    .toLowerCase()
    .replace(/\b(ebd|cse|cce|sen|send|asd|adhd|uasc)\b/g, (m) => m.toUpperCase())
    .replace(/^./, (c) => c.toUpperCase());

/** A budget category in words, e.g. RESIDENTIAL_EXTERNAL -> "Residential external". */
export const categoryWords = (category: string) =>
  category
    .replace(/_/g, ' ')
    .toLowerCase()
    .replace(/^./, (c) => c.toUpperCase());

/** A case in panels: open (waiting for a decision) or decided. */
export const CASE_STATUSES: Record<string, string> = { OPEN: 'Waiting for a decision', DECIDED: 'Decided' };

/** What became of a case on a sitting's agenda. */
export const AGENDA_STATUSES: Record<string, string> = {
  LISTED: 'Waiting to be heard',
  DECIDED: 'Decided at this sitting',
  DEFERRED: 'Deferred at this sitting for more information',
  REFERRED_UP: 'Referred up at this sitting',
  MOVED: 'Moved to another sitting',
  CARRIED_OVER: 'Not heard: carried over to the next sitting',
  ESCALATED: 'Escalated past its deadline to a more senior approver',
};

/** A panel member's role on the panel. */
export const MEMBER_ROLES: Record<string, string> = {
  CHAIR: 'chair',
  VICE_CHAIR: 'vice chair',
  SOCIAL_CARE: 'social care',
  FINANCE: 'finance',
  HEALTH: 'health',
  EDUCATION: 'education',
  IRO: 'independent reviewing officer',
  LEGAL: 'legal',
  COMMISSIONING: 'commissioning',
  ADVISER: 'adviser',
};

export const VOTES: Record<string, string> = { APPROVE: 'approve', DECLINE: 'decline', ABSTAIN: 'abstain' };

/** Who decided: an approver's tier, or the panel. */
export const DECIDED_BY_TIERS: Record<string, string> = { ...TIERS, PANEL: 'the panel' };

/**
 * The looked-after record and the SSDA903 return: the words for each 903 code come from the code
 * lists in @placewise/contracts/ssda903 (the same lists the service checks against).
 */
export const RECORD_WORDS = {
  sex: Sex903.labels as Record<string, string>,
  ethnicity: Ethnicity.labels as Record<string, string>,
  categoryOfNeed: CategoryOfNeed.labels as Record<string, string>,
  upnUnknown: UpnUnknown.labels as Record<string, string>,
  placeProvider: PlaceProvider.labels as Record<string, string>,
  reasonPlaceChange: ReasonPlaceChange.labels as Record<string, string>,
  newEpisode: ReasonNewEpisode.labels as Record<string, string>,
  participation: ReviewParticipation.labels as Record<string, string>,
  missing: MissingType.labels as Record<string, string>,
  socialWorkerReason: SocialWorkerChangeReason.labels as Record<string, string>,
  inTouch: InTouch.labels as Record<string, string>,
  activity: Activity.labels as Record<string, string>,
  accommodation: Accommodation.labels as Record<string, string>,
  previousPermanence: PreviousPermanence.labels as Record<string, string>,
  adoptionCeased: ReasonPlacedCeased.labels as Record<string, string>,
};

/** Where a line of the record came from. */
export const RECORD_SOURCES: Record<string, string> = {
  IMPORT: 'From a previous return',
  EVENT: 'From the placement',
  MANUAL: 'Recorded in Placewise',
};

/** Who recorded a review. */
export const REVIEW_RECORDERS: Record<string, string> = {
  SW: 'Social worker',
  IRO: 'Independent reviewing officer',
};

/** A change in the record's audit, in words ("legal-status change" -> "Legal status changed"). */
export const RECORD_CHANGES: Record<string, string> = {
  'characteristics update': 'Characteristics corrected',
  'legal-status change': 'Legal status changed',
  'legal-status derive': 'Legal status taken from a request',
  'episode correct': 'Episode corrected',
  'episode derive': 'Episodes updated from a placement',
  'review held': 'Review recorded',
  'missing start': 'Missing or away episode recorded',
  'missing end': 'Missing or away episode ended',
  'social-worker allocate': 'Social worker allocated',
  'care-leaver-outcome record': "Care leaver's outcome recorded",
  'previous-permanence record': 'Previous permanence recorded',
  'adoption-decision record': 'Decision to place for adoption recorded',
  'adoption-decision cease': 'Decision to place for adoption ceased',
  'liberty-order record': 'Deprivation of liberty order recorded',
  'liberty-order end': 'Deprivation of liberty order ended',
  'import create': 'Loaded from a previous return',
  'import update': 'Updated from a previous return',
};

/** The 903 tables, in words (a pre-flight failure names the table it is in). */
export const RETURN_TABLES: Record<string, string> = {
  Header: 'Child’s details',
  UASC: 'Asylum-seeking status',
  Episodes: 'Episodes',
  Reviews: 'Reviews',
  Missing: 'Missing or away',
  SWEpisodes: 'Social workers',
  OC3: 'Care leavers',
  OC2: 'Outcomes',
  AD1: 'Adoption',
  PlacedAdoption: 'Decisions to place for adoption',
  PrevPerm: 'Previous permanence',
  DoLo: 'Deprivation of liberty orders',
};
