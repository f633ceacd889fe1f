import type {
  ApproverTier,
  DeadlinePurpose,
  DecisionOutcome,
  EndReason,
  LegalStatus,
  Location,
  PanelType,
  PlacementType,
  Provision,
  RequestKind,
  RequestStatus,
  Urgency,
} from './domain.js';

/**
 * The words a person reads for each of the contracts' enums: one map per enum, keyed by it, so a new
 * code cannot go unlabelled (the typecheck fails until it has words). Pages show them as they are;
 * documents and messages that put them in a sentence use `inSentence` ("Independent fostering
 * agency" -> "independent fostering agency"). Services keep the code beside the words as its own field.
 */

export const PLACEMENT_TYPE_WORDS: Record<PlacementType, string> = {
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

export const REQUEST_KIND_WORDS: Record<RequestKind, string> = {
  ENTRY_TO_CARE: 'Entry to care',
  PLACEMENT: 'Placement (new or move)',
  VARIATION: 'Variation (price or services)',
  STEP_DOWN: 'Step-down',
  EXIT: 'Exit from care',
  CARER_APPROVAL_EXTENSION: "Extension of a connected person's temporary approval (reg 25)",
};

export const LEGAL_STATUS_WORDS: Record<LegalStatus, string> = {
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

export const PROVISION_WORDS: Record<Provision, string> = {
  IN_HOUSE: 'In-house',
  EXTERNAL: 'External provider',
};

export const LOCATION_WORDS: Record<Location, string> = {
  IN_AREA: "In the council's area",
  OUT_OF_AREA_ADJOINING: 'Out of area, in an adjoining council',
  OUT_OF_AREA_AT_DISTANCE: 'Out of area, at a distance',
};

export const URGENCY_WORDS: Record<Urgency, string> = {
  PLANNED: 'Planned',
  URGENT: 'Urgent',
  EMERGENCY: 'Emergency (child already placed or to be placed today)',
};

/** An approver's tier, as it reads in a sentence ("the head of service decides"). */
export const APPROVER_TIER_WORDS: Record<ApproverTier, string> = {
  SW: 'social worker',
  TM: 'team manager',
  SM: 'service manager',
  HOS: 'head of service',
  AD: 'assistant director',
  DCS: "director of children's services",
};

/** A panel, as it reads in a sentence ("heard by the high-cost panel"). */
export const PANEL_TYPE_WORDS: Record<PanelType, string> = {
  GATEWAY: 'gateway (entry to care) panel',
  PLACEMENT_RESOURCES: 'placement and resources panel',
  HIGH_COST: 'high-cost panel',
  JOINT_FUNDING: 'joint funding panel',
};

export const REQUEST_STATUS_WORDS: Record<RequestStatus, string> = {
  SUBMITTED: 'Waiting for a decision',
  APPROVED: 'Approved',
  DECLINED: 'Declined',
  DEFERRED: 'Deferred for more information',
  PLACED: 'Placed',
  ENDED: 'Placement ended',
  REFUSED: 'Refused (re-approval not allowed)',
};

export const DECISION_OUTCOME_WORDS: Record<DecisionOutcome, string> = {
  APPROVED: 'Approved',
  APPROVED_WITH_CONDITIONS: 'Approved with conditions',
  DECLINED: 'Declined',
  DEFERRED: 'Deferred for more information',
  REFERRED_UP: 'Referred up to a more senior approver',
};

export const DEADLINE_PURPOSE_WORDS: Record<DeadlinePurpose, string> = {
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

export const END_REASON_WORDS: Record<EndReason, string> = {
  PLANNED_END: 'Planned end',
  STEP_DOWN: 'Step-down to a less intensive placement',
  MOVE: 'Move to another placement',
  PROVIDER_NOTICE: 'The provider gave notice',
  BREAKDOWN: 'Breakdown (immediate risk)',
  EXIT_FROM_CARE: 'Leaving care',
  AGE_18: 'Turned 18',
  OTHER: 'Other',
};

/** Words from a map for use inside a sentence: the first letter lower-cased ("Independent fostering agency" -> "independent fostering agency"). */
export function inSentence(words: string): string {
  return words.replace(/^[A-Z](?![A-Z])/, (c) => c.toLowerCase());
}
