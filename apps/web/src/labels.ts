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
import {
  APPROVER_TIER_WORDS,
  DEADLINE_PURPOSE_WORDS,
  DECISION_OUTCOME_WORDS,
  END_REASON_WORDS,
  LEGAL_STATUS_WORDS,
  LOCATION_WORDS,
  PANEL_TYPE_WORDS,
  PLACEMENT_TYPE_WORDS,
  REQUEST_KIND_WORDS,
  REQUEST_STATUS_WORDS,
  URGENCY_WORDS,
} from '@placewise/contracts/words';
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
 * value at run time too. The words for the contracts' enums are @placewise/contracts/words, the
 * same maps the services write their documents and messages with; the pages name them here.
 */
export const PLACEMENT_TYPES: Record<PlacementType, string> = PLACEMENT_TYPE_WORDS;
export const KINDS: Record<RequestKind, string> = REQUEST_KIND_WORDS;
export const LEGAL_STATUSES: Record<LegalStatus, string> = LEGAL_STATUS_WORDS;
export const LOCATIONS: Record<Location, string> = LOCATION_WORDS;
export const URGENCIES: Record<Urgency, string> = URGENCY_WORDS;
export const TIERS: Record<ApproverTier, string> = APPROVER_TIER_WORDS;
export const PANELS: Record<PanelType, string> = PANEL_TYPE_WORDS;

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
export const REQUEST_STATUSES: Record<RequestStatus, string> = REQUEST_STATUS_WORDS;

/** A decision's outcome, in words. */
export const DECISION_OUTCOMES: Record<DecisionOutcome, string> = DECISION_OUTCOME_WORDS;

/** What a deadline is for. */
export const DEADLINE_PURPOSES: Record<DeadlinePurpose, string> = DEADLINE_PURPOSE_WORDS;

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
export const END_REASONS: Record<EndReason, string> = END_REASON_WORDS;

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
