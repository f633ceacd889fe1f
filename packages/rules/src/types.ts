import { z } from 'zod';
import {
  ApproverTier,
  DeadlinePurpose,
  LegalStatus,
  Location,
  PanelType,
  PlacementType,
  Provision,
  RequestKind,
  Urgency,
} from '@placewise/contracts';

const pence = z.number().int().nonnegative().max(100_000_000_00);
const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });

export const OfstedRating = z.enum(['OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE', 'NOT_YET_INSPECTED']);
export type OfstedRating = z.infer<typeof OfstedRating>;

/**
 * The facts of a request. The first block is what referrals always has; everything after is
 * optional and defaults to "not known / no", which never relaxes a statutory rule.
 */
export const RequestFactsSchema = z.object({
  kind: RequestKind,
  childAge: z.number().int().min(0).max(25),
  legalStatus: LegalStatus,
  placementType: PlacementType,
  provision: Provision,
  /** Gross weekly cost of the placement in pence, before any partner contribution. */
  weeklyCostPence: pence,
  location: Location,
  urgency: Urgency,
  submittedAt: isoDateTime,
  /** Set when the child is already placed (emergency or out of hours): approval is retrospective. */
  placedAt: isoDate.nullable(),

  // ---- optional facts ----
  /** 1:1 hours, therapy, education and other services added to the weekly total before banding. */
  additionalServicesWeeklyPence: pence.optional(),
  /** Spot purchase or off-framework: one tier higher than the band (local). */
  offFramework: z.boolean().optional(),
  /** A contribution from health (ICB) or education is requested: joint funding panel (local). */
  partnerContributionRequested: z.boolean().optional(),
  /**
   * Before 2026.12.0: the child is a registered pupil in key stage 4 and the move would disrupt
   * their education (reg 10). Now derived from keyStage4 (from the date of birth) and educationDisrupted.
   */
  ks4EducationDisrupted: z.boolean().optional(),
  /** The move would disrupt the child's education (they cannot stay at their school). */
  educationDisrupted: z.boolean().optional(),
  /** England school year on the start date (Reception 0 ... Year 13), derived from the date of birth. */
  schoolYear: z.number().int().min(-6).max(25).optional(),
  /** In key stage 4 (Years 10 and 11) on the start date, derived from the date of birth. */
  keyStage4: z.boolean().optional(),
  /** The day an exit, step-down, move or variation takes effect (YYYY-MM-DD). */
  effectiveDate: isoDate.optional(),
  /** A High Court deprivation of liberty order authorises the placement. */
  hasDolOrder: z.boolean().optional(),
  /** The provider has applied to Ofsted for registration as a children's home. */
  registrationApplied: z.boolean().optional(),
  /** A secure accommodation order (CA89 s25) is in force. */
  hasSecureOrder: z.boolean().optional(),
  /** Hours already spent in secure accommodation without an order in the last 28 days. */
  secureHoursWithoutOrderLast28Days: z
    .number()
    .nonnegative()
    .max(28 * 24)
    .optional(),
  /** The Secretary of State has approved secure accommodation for a child under 13. */
  secretaryOfStateApproval: z.boolean().optional(),
  /** Weeks of temporary approval of a connected person (reg 24) being sought, in total. */
  connectedPersonTempApprovalWeeks: z.number().nonnegative().max(104).optional(),
  /** The day the connected person's temporary approval (reg 24) began, if they are already temporarily approved. */
  connectedPersonTempApprovedOn: isoDate.optional(),
  /** An independent review of a refusal to approve the connected person is pending (reg 25). */
  irmReviewPending: z.boolean().optional(),
  /** Weekly cost before a variation, in pence (kind VARIATION). */
  previousWeeklyCostPence: pence.optional(),
  /** Submitted out of office hours; derived from submittedAt if absent. */
  outOfHours: z.boolean().optional(),
  providerOfstedRating: OfstedRating.optional(),
  /** Planned start date of the placement (YYYY-MM-DD). */
  plannedStartDate: isoDate.optional(),
  /** The exact time the placement started, if known (otherwise the start of placedAt's day). */
  placementStartedAt: isoDateTime.optional(),
  /** When police protection (or, without it, the EPO) started: the legal clocks run from here. */
  protectionStartedAt: isoDateTime.optional(),
  /** The emergency protection order has been extended (it can be extended once, by up to 7 days). */
  epoExtended: z.boolean().optional(),
  /** The date care proceedings were issued (the 26-week clock). */
  proceedingsIssuedOn: isoDate.optional(),
  /** The child is being transferred under the National Transfer Scheme. */
  ntsTransfer: z.boolean().optional(),
  /** When the NTS referral was made (the 10-working-day clock); defaults to submittedAt. */
  ntsReferralAt: isoDateTime.optional(),
  /** Short breaks: the longest single stay and the total days in the last 12 months. */
  shortBreakMaxStayDays: z.number().int().nonnegative().optional(),
  shortBreakTotalDaysLast12Months: z.number().int().nonnegative().optional(),
  /** The IRO has raised a formal alert (dispute resolution) about this child's plan. */
  iroAlertRaisedAt: isoDateTime.optional(),
  /** Placement moves in the last 12 months (stability review, local): from the looked-after record. */
  placementMovesLast12Months: z.number().int().nonnegative().optional(),
  /** The first day of the current period of being looked after (from the looked-after record). */
  lookedAfterSince: isoDate.optional(),
});

export type RequestFacts = z.input<typeof RequestFactsSchema>;

export const SpecialApprover = z.enum(['NOMINATED_OFFICER', 'DESIGNATED_MANAGER_SECURE', 'SOS', 'LEGAL']);
export type SpecialApprover = z.infer<typeof SpecialApprover>;

/** Who can be told when a deadline passes or is near. */
export const EscalationRecipient = z.enum([
  'SW',
  'TM',
  'SM',
  'HOS',
  'AD',
  'DCS',
  'NOMINATED_OFFICER',
  'IRO',
  'IRO_MANAGER',
  'PANEL_CHAIR',
  'LEGAL',
  'FINANCE',
  'COMMISSIONING',
  'DESIGNATED_MANAGER_SECURE',
  'VIRTUAL_SCHOOL_HEAD',
]);
export type EscalationRecipient = z.infer<typeof EscalationRecipient>;

export const EntryRoute = z.enum([
  'PLANNED_S20',
  'EMERGENCY_S20',
  'POLICE_PROTECTION_OR_EPO',
  'CARE_PROCEEDINGS',
  'COURT_ORDER',
  'REMAND',
  'UASC',
  'SECURE_WELFARE',
  'DEPRIVATION_OF_LIBERTY',
  'SHORT_BREAKS',
]);
export type EntryRoute = z.infer<typeof EntryRoute>;

export type RuleLayer = 'statutory' | 'local';

export interface OutcomeBlock {
  id: string;
  ruleId: string;
  regulation: string;
  text: string;
}
export interface OutcomeGate {
  id: string;
  ruleId: string;
  text: string;
  regulation?: string;
}
export interface OutcomeDeadline {
  id: string;
  ruleId: string;
  /** What the deadline is for (from the rule set). */
  purpose: DeadlinePurpose;
  /** ISO datetime with offset (Europe/London). */
  due: string;
  /** The Europe/London civil date of `due`. */
  dueDate: string;
  /** How it was counted, e.g. "5 working days from placement start (2026-12-18)". */
  basis: string;
  text: string;
  regulation?: string;
}
export interface OutcomeEscalation {
  id: string;
  ruleId: string;
  deadlineId: string;
  kind: 'WARNING' | 'BREACH';
  /** When to tell them: ISO datetime with offset. */
  at: string;
  notify: EscalationRecipient[];
  text: string;
}
export interface OutcomeSpecialApprover {
  role: SpecialApprover;
  ruleId: string;
  /** The tier that holds the role in this council, when it is one (nominated officer). */
  tier: ApproverTier | null;
  text: string;
}
export interface OutcomeWarning {
  id: string;
  ruleId: string;
  text: string;
}

export interface RulesOutcome {
  ruleSetVersion: string;
  policyHash: string;
  /** Highest tier required by all the rules that fired. */
  approver: ApproverTier;
  /** The panel that hears it, or null when the named approver decides alone. */
  panel: PanelType | null;
  /** Every panel some rule asked for, in the policy's precedence order (panel is the first). */
  panels: PanelType[];
  costBand: string | null;
  /** Weekly cost including additional services, before partner contributions (pence). */
  grossWeeklyCostPence: number;
  retrospective: boolean;
  blocked: boolean;
  blocks: OutcomeBlock[];
  gates: OutcomeGate[];
  deadlines: OutcomeDeadline[];
  escalations: OutcomeEscalation[];
  specialApprovers: OutcomeSpecialApprover[];
  warnings: OutcomeWarning[];
  entryRoute: EntryRoute | null;
  reasons: { ruleId: string; text: string }[];
  /** Every rule that fired, in rule-set order. */
  firedRules: string[];
}

export { ApproverTier, PanelType };
