import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import { ReapprovalLink } from './referrals.js';
import {
  ApproverTier,
  DeadlinePurpose,
  DecisionOutcome,
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

export const DecisionConditions = z.object({
  maxWeeklyCostPence: Pence.optional(),
  fundingEndDate: IsoDate.optional(),
  reviewDate: IsoDate.optional(),
  notes: z.array(z.string().max(2000)).max(20).default([]),
});
export type DecisionConditions = z.infer<typeof DecisionConditions>;

export const Counterfactual = z.object({
  description: z.string().min(1).max(500),
  placementType: PlacementType.optional(),
  weeklyCostPence: Pence,
  /** Where the counterfactual price comes from (e.g. "average external residential, 2025-26"). */
  source: z.string().min(1).max(500),
});
export type Counterfactual = z.infer<typeof Counterfactual>;

export const DecisionRecordedV1 = defineEvent({
  type: 'decision.recorded',
  version: 1,
  producer: 'panels',
  schema: z.object({
    decisionId: z.uuid(),
    caseId: z.uuid(),
    requestId: z.uuid(),
    childId: z.uuid(),
    childAge: z.number().int().min(0).max(25),
    kind: RequestKind,
    legalStatus: LegalStatus,
    placementType: PlacementType,
    provision: Provision,
    location: Location,
    urgency: Urgency,
    requestedWeeklyCostPence: Pence,
    outcome: DecisionOutcome,
    conditions: DecisionConditions,
    decidedBy: z.string(),
    decidedByTier: ApproverTier.or(z.literal('PANEL')),
    decidedAt: z.iso.datetime({ offset: true }),
    reason: z.string().max(4000),
    /** Copied from the request when it was a re-approval. */
    reapproval: ReapprovalLink.optional(),
    /** Copied from the request: the day an exit, step-down, move or variation takes effect. */
    effectiveDate: IsoDate.nullable().optional(),
    /** The option the decision avoided and its price, for finance's cost avoidance (not a saving). */
    counterfactual: Counterfactual.optional(),
  }),
});

/** A case's decision deadline passed (or is near): who is told, and the tier it now needs. */
export const CaseEscalatedV1 = defineEvent({
  type: 'case.escalated',
  version: 1,
  producer: 'panels',
  schema: z.object({
    caseId: z.uuid(),
    requestId: z.uuid(),
    kind: z.enum(['REMINDER', 'DECISION_OVERDUE', 'RETROSPECTIVE_OVERDUE']),
    fromTier: ApproverTier,
    toTier: ApproverTier,
    deadline: z.iso.datetime({ offset: true }),
    escalatedAt: z.iso.datetime({ offset: true }),
    /** Roles or tiers told, e.g. ['AD', 'HOS']. */
    notify: z.array(z.string()).max(20),
  }),
});

/** A panel deferred a case, asking for information; the resubmission returns it to the next sitting. */
export const CaseDeferredV1 = defineEvent({
  type: 'case.deferred',
  version: 1,
  producer: 'panels',
  schema: z.object({
    caseId: z.uuid(),
    requestId: z.uuid(),
    informationRequested: z.array(z.string().min(1).max(200)).min(1).max(20),
    deferredBy: z.string(),
    deferredAt: z.iso.datetime({ offset: true }),
    /** The date the information is needed by, if the panel set one. */
    returnBy: IsoDate.nullable(),
  }),
});

/** The role that owns a statutory clock, or that a late one goes to (as in tokens). */
export const ClockOwnerRole = z.enum([
  'social-worker',
  'panel-chair',
  'approver:TM',
  'approver:SM',
  'approver:HOS',
  'approver:AD',
  'approver:DCS',
]);

/**
 * A statutory clock (a deadline the rules set on a request other than its decision: placement plan,
 * visit, review, temporary approval, care proceedings...) is nearly due: its owner is reminded, once.
 */
export const ClockRemindedV1 = defineEvent({
  type: 'clock.reminded',
  version: 1,
  producer: 'panels',
  schema: z.object({
    clockId: z.uuid(),
    requestId: z.uuid(),
    childId: z.uuid(),
    purpose: DeadlinePurpose.exclude(['DECISION']),
    /** The child's review number in their series (1, 2, 3...), for a review. */
    reviewNumber: z.number().int().min(1).nullable(),
    owner: ClockOwnerRole,
    dueAt: z.iso.datetime({ offset: true }),
    remindedAt: z.iso.datetime({ offset: true }),
  }),
});

/** A statutory clock passed its deadline undone: it escalates from its owner to the next tier, once. */
export const ClockEscalatedV1 = defineEvent({
  type: 'clock.escalated',
  version: 1,
  producer: 'panels',
  schema: z.object({
    clockId: z.uuid(),
    requestId: z.uuid(),
    childId: z.uuid(),
    purpose: DeadlinePurpose.exclude(['DECISION']),
    reviewNumber: z.number().int().min(1).nullable(),
    from: ClockOwnerRole,
    to: ClockOwnerRole,
    dueAt: z.iso.datetime({ offset: true }),
    escalatedAt: z.iso.datetime({ offset: true }),
  }),
});

/**
 * A case is listed on a panel's sitting (by the rules' routing, a carry-over, or the panel
 * administrator): its papers are ready for the panel's members, who are named by their user ids.
 */
export const CaseListedV1 = defineEvent({
  type: 'case.listed',
  version: 1,
  producer: 'panels',
  schema: z.object({
    caseId: z.uuid(),
    requestId: z.uuid(),
    sittingId: z.uuid(),
    panelType: PanelType,
    /** When the sitting starts. */
    startsAt: z.iso.datetime({ offset: true }),
    /** The panel's active members (chair included), by user id. */
    memberIds: z.array(z.string().min(1).max(200)).max(50),
    listedAt: z.iso.datetime({ offset: true }),
  }),
});
