import { z } from 'zod';

/**
 * The shared vocabulary of Placewise. Values are stored in databases and carried in events:
 * add new values at will, never rename or remove one that has been used.
 */

/** CARER_APPROVAL_EXTENSION: a reg 25 extension of a connected person's temporary approval (CPPCR 2010). */
export const RequestKind = z.enum(['ENTRY_TO_CARE', 'PLACEMENT', 'VARIATION', 'STEP_DOWN', 'EXIT', 'CARER_APPROVAL_EXTENSION']);
export type RequestKind = z.infer<typeof RequestKind>;

/** Legal basis on which the child is (or will be) looked after. */
export const LegalStatus = z.enum([
  'S20', // voluntary accommodation, Children Act 1989 s20
  'ICO_S38', // interim care order
  'CO_S31', // full care order
  'PLACEMENT_ORDER',
  'EPO_S44', // emergency protection order
  'PP_S46', // police protection
  'REMAND_LA', // remanded to local authority accommodation
  'REMAND_YDA', // remanded to youth detention accommodation
  'SECURE_S25',
  'DOL_INHERENT', // deprivation of liberty order under the High Court's inherent jurisdiction
  'UASC_S20', // unaccompanied asylum-seeking child accommodated under s20
  'SHORT_BREAKS',
]);
export type LegalStatus = z.infer<typeof LegalStatus>;

export const PlacementType = z.enum([
  'INHOUSE_FOSTER',
  'KINSHIP_FOSTER',
  'IFA_FOSTER',
  'IFA_ENHANCED',
  'PARENT_CHILD_FOSTER',
  'RESIDENTIAL_FAMILY_CENTRE',
  'LA_CHILDRENS_HOME',
  'PRIVATE_CHILDRENS_HOME',
  'VOL_CHILDRENS_HOME',
  'SUPPORTED_ACCOM_REGISTERED',
  'SUPPORTED_ACCOM_UNREGISTERED',
  'SUPPORTED_LODGINGS',
  'OTHER_ARRANGEMENTS_UNREGULATED',
  'SECURE_CHILDRENS_HOME',
  'RESIDENTIAL_SCHOOL',
  'PLACED_WITH_PARENTS',
  'UNREGISTERED_CHILDRENS_HOME',
  'HOSPITAL',
]);
export type PlacementType = z.infer<typeof PlacementType>;

/** Whether the placement is provided by the council itself or bought in. */
export const Provision = z.enum(['IN_HOUSE', 'EXTERNAL']);
export type Provision = z.infer<typeof Provision>;

/** Where the placement is relative to the council's own area (CPPCR reg 11). */
export const Location = z.enum(['IN_AREA', 'OUT_OF_AREA_ADJOINING', 'OUT_OF_AREA_AT_DISTANCE']);
export type Location = z.infer<typeof Location>;

export const Urgency = z.enum(['PLANNED', 'URGENT', 'EMERGENCY']);
export type Urgency = z.infer<typeof Urgency>;

/** Approver tiers in ascending order of seniority, then the special approvers. */
export const ApproverTier = z.enum(['SW', 'TM', 'SM', 'HOS', 'AD', 'DCS']);
export type ApproverTier = z.infer<typeof ApproverTier>;
export const APPROVER_ORDER: readonly ApproverTier[] = ApproverTier.options;

export const PanelType = z.enum(['GATEWAY', 'PLACEMENT_RESOURCES', 'HIGH_COST', 'JOINT_FUNDING']);
export type PanelType = z.infer<typeof PanelType>;

/**
 * What a rule deadline is for, so a consumer can act on it without reading its id. A closed set,
 * taken from the deadlines the rule sets contain:
 * - DECISION: the approval or panel decision on the request itself;
 * - RATIFICATION: retrospective approval of an emergency decision (at panel);
 * - PLACEMENT_PLAN: the placement plan agreed with the carer or provider;
 * - VISIT: a social worker's visit to the child;
 * - REVIEW: a looked-after child review or placement review meeting;
 * - FUNDING_REVIEW: a panel or director's review of the funding agreed;
 * - NOTIFICATION: a notice another body must be sent (e.g. the area authority);
 * - RESPONSE: a manager's written response (e.g. to an IRO's alert);
 * - CARER_APPROVAL: a connected person's temporary approval running out;
 * - LEGAL_AUTHORITY: the end of what authorises the child's accommodation (police protection, an EPO, secure without an order);
 * - COURT: a court timetable (care proceedings);
 * - TRANSFER: a transfer between councils (the National Transfer Scheme).
 */
export const DeadlinePurpose = z.enum([
  'DECISION',
  'RATIFICATION',
  'PLACEMENT_PLAN',
  'VISIT',
  'REVIEW',
  'FUNDING_REVIEW',
  'NOTIFICATION',
  'RESPONSE',
  'CARER_APPROVAL',
  'LEGAL_AUTHORITY',
  'COURT',
  'TRANSFER',
]);
export type DeadlinePurpose = z.infer<typeof DeadlinePurpose>;

/** The purposes whose deadline is a decision on the request: the case must be decided by the earliest of them. */
export const DECISION_PURPOSES: readonly DeadlinePurpose[] = ['DECISION', 'RATIFICATION'];

export const DecisionOutcome = z.enum(['APPROVED', 'APPROVED_WITH_CONDITIONS', 'DECLINED', 'DEFERRED', 'REFERRED_UP']);
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;

/** Why a placement ends. */
export const EndReason = z.enum(['PLANNED_END', 'STEP_DOWN', 'MOVE', 'PROVIDER_NOTICE', 'BREAKDOWN', 'EXIT_FROM_CARE', 'AGE_18', 'OTHER']);
export type EndReason = z.infer<typeof EndReason>;

export const RequestStatus = z.enum([
  'SUBMITTED', // routed to an approver or panel, waiting for a decision
  'APPROVED',
  'DECLINED',
  'DEFERRED',
  'PLACED', // a placement started against it
  'ENDED', // its placement has ended
  'REFUSED', // a re-approval the law does not allow (the award or variation cannot go ahead)
]);
export type RequestStatus = z.infer<typeof RequestStatus>;

export const Role = z.enum([
  'social-worker',
  'panel-member',
  'panel-chair',
  'approver:TM',
  'approver:SM',
  'approver:HOS',
  'approver:AD',
  'approver:DCS',
  'commissioner',
  'finance',
  'auditor',
  'ops',
  /** Keeps the panels' schedules, agendas and minutes. */
  'panel-admin',
  /** A provider's own staff: sees only their provider's referrals and offers (token claim `provider`). */
  'provider',
  /** The council's performance and data team: loads its SSDA903 returns and produces the new one. */
  'performance',
]);
export type Role = z.infer<typeof Role>;

/** A calendar date, YYYY-MM-DD (Europe/London). */
export const IsoDate = z.iso.date();
/**
 * Money is integer pence, never a float. An amount such as a weekly cost or a fee is stored as a
 * 32-bit integer, so at most 2,147,483,647p (about £21.5m); totals (budgets, commitments) are
 * 64-bit and have their own schemas.
 */
export const Pence = z.number().int().nonnegative().max(2_147_483_647, 'must be at most 2147483647 pence');
