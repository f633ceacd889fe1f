import { z } from 'zod';
import { CaseStatus, SittingKind, VoteChoice } from '../stored-enums.js';

/**
 * The shapes panels answers with, for its OpenAPI document (and so for the typed clients generated
 * from it). The services build these views (panel-views.ts panelView, sittingView; sittings.service.ts sittingDetail;
 * cases/papers.ts papers; cases.service.ts caseView); the schemas describe them, and the integration tests parse
 * real responses with them so the document cannot drift from what is sent.
 */
const Reason = z.object({ ruleId: z.string(), text: z.string() });
/** `purpose` says what the deadline is for (absent on cases opened before deadlines carried it, or for an id no rule set has). */
const Deadline = z.looseObject({ id: z.string(), purpose: z.string().optional(), due: z.string(), text: z.string() });
const Conditions = z.looseObject({
  maxWeeklyCostPence: z.number().int().optional(),
  fundingEndDate: z.string().optional(),
  reviewDate: z.string().optional(),
  notes: z.array(z.string()).optional(),
});

export const MemberView = z.object({
  id: z.uuid(),
  userId: z.string(),
  name: z.string(),
  role: z.string(),
  voting: z.boolean(),
  active: z.boolean(),
});

export const PanelView = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.string(),
  chairUserId: z.string(),
  quorum: z.object({ chair: z.boolean(), votingMembers: z.number().int(), financeRequired: z.boolean() }),
  schedule: z
    .object({
      weekday: z.string(),
      time: z.string(),
      cutOffWorkingDays: z.number().int(),
      durationMinutes: z.number().int(),
      timeZone: z.string(),
    })
    .nullable(),
  members: z.array(MemberView),
});

export const SittingView = z.object({
  id: z.uuid(),
  panelId: z.uuid(),
  startsAt: z.string(),
  cutOffAt: z.string(),
  kind: SittingKind,
  status: z.string(),
  reason: z.string().nullable(),
  /** The cases on it: waiting to be heard, and heard there (decided, deferred or referred up); and those moved off it unheard. */
  cases: z.object({ total: z.number().int(), waiting: z.number().int(), heard: z.number().int(), movedAway: z.number().int() }),
  /** It has started and heard every case still on it. */
  held: z.boolean(),
});

export const GateView = z.object({
  id: z.string(),
  ruleId: z.string(),
  text: z.string(),
  evidenced: z.boolean(),
  /** Who recorded it: their user id, and their name (the name to show). */
  evidence: z.object({ text: z.string(), recordedBy: z.string(), recordedByName: z.string(), at: z.string() }).nullable(),
});

/** The request's facts a case carries (no name or date of birth: panels never has them). */
const RequestFactsView = z.object({
  childId: z.uuid(),
  childAge: z.number().int(),
  kind: z.string(),
  legalStatus: z.string(),
  placementType: z.string(),
  provision: z.string(),
  location: z.string(),
  urgency: z.string(),
  requestedWeeklyCostPence: z.number().int(),
});

export const PapersView = z.object({
  caseId: z.uuid(),
  requestId: z.uuid(),
  status: z.string(),
  request: RequestFactsView.extend({ retrospective: z.boolean(), reapproval: z.looseObject({}).nullable() }),
  approver: z.string(),
  panel: z.string().nullable(),
  costBand: z.string().nullable(),
  ruleSetVersion: z.string(),
  reasons: z.array(Reason),
  gates: z.array(GateView),
  deadlines: z.array(Deadline),
  decisionDue: z.string().nullable(),
  awaitingInformation: z.boolean(),
  informationRequested: z.array(z.string()).nullable(),
});

export const QuorumView = z.object({
  met: z.boolean(),
  reasons: z.array(z.string()),
  chairPresent: z.boolean(),
  votingPresent: z.number().int(),
  votingRequired: z.number().int(),
  financePresent: z.boolean(),
  financeRequired: z.boolean(),
  conflicted: z.array(z.string()),
});

const VoteRow = z.object({
  userId: z.string(),
  name: z.string(),
  role: z.string(),
  vote: VoteChoice,
  comment: z.string().nullable(),
  at: z.string(),
});
const ConflictRow = z.object({ userId: z.string(), name: z.string(), reason: z.string(), at: z.string() });

export const SittingDetailView = SittingView.extend({
  panel: PanelView,
  attendance: z.array(MemberView.extend({ present: z.boolean().nullable() })),
  agenda: z.array(
    z.object({
      agendaStatus: z.string(),
      papers: PapersView,
      quorum: QuorumView,
      conflicts: z.array(ConflictRow),
      votes: z.array(VoteRow),
      tally: z.object({ APPROVE: z.number().int(), DECLINE: z.number().int(), ABSTAIN: z.number().int() }),
      decision: z
        .object({
          id: z.uuid(),
          outcome: z.string(),
          outcomeWords: z.string(),
          conditions: Conditions.nullable(),
          reason: z.string(),
          decidedBy: z.string(),
          decidedByName: z.string(),
          decidedAt: z.string(),
          counterfactual: z.looseObject({}).nullable(),
          informationRequested: z.array(z.string()).nullable(),
        })
        .nullable(),
    }),
  ),
});

export const DecisionView = z.object({
  id: z.uuid(),
  outcome: z.string(),
  /** The outcome in words ("approved with conditions"). */
  outcomeWords: z.string(),
  conditions: Conditions.nullable(),
  reason: z.string(),
  decidedBy: z.string(),
  /** The decider's name, to show instead of their user id. */
  decidedByName: z.string(),
  decidedByTier: z.string(),
  decidedByTierWords: z.string(),
  decidedAt: z.string(),
  sittingId: z.uuid().nullable(),
  votes: z.looseObject({}).nullable(),
  counterfactual: z.looseObject({}).nullable(),
  informationRequested: z.array(z.string()).nullable(),
});

export const CaseView = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  ...RequestFactsView.shape,
  approver: z.string(),
  panel: z.string().nullable(),
  retrospective: z.boolean(),
  costBand: z.string().nullable(),
  outcome: z.looseObject({
    reasons: z.array(Reason),
    gates: z.array(z.looseObject({ id: z.string(), text: z.string() })),
    deadlines: z.array(Deadline),
  }),
  decisionDue: z.string().nullable(),
  status: CaseStatus,
  sittingId: z.uuid().nullable(),
  awaitingInformation: z.boolean(),
  informationRequested: z.array(z.string()).nullable(),
  reapproval: z.looseObject({}).nullable(),
  /** An exit's or step-down's effective date (YYYY-MM-DD). */
  effectiveDate: z.string().nullable(),
  correlationId: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  decisions: z.array(DecisionView).optional(),
});

export const AuditEntryView = z.object({
  id: z.string(),
  caseId: z.uuid().nullable(),
  sittingId: z.uuid().nullable(),
  action: z.string(),
  /** What happened, in words. */
  what: z.string(),
  actor: z.string(),
  /** Who did it, by name. */
  actorName: z.string(),
  detail: z.unknown(),
  at: z.string(),
});

export const CaseDetailView = CaseView.extend({ decisions: z.array(DecisionView), papers: PapersView, audit: z.array(AuditEntryView) });

export const VoteView = z.object({
  sittingId: z.uuid(),
  caseId: z.uuid(),
  memberId: z.uuid(),
  vote: VoteChoice,
  comment: z.string().nullable(),
  at: z.string(),
});
export const ConflictView = z.object({ sittingId: z.uuid(), caseId: z.uuid(), memberId: z.uuid(), reason: z.string(), at: z.string() });

/** A sitting's minutes as a document (GET /sittings/{id}/minutes). */
export const MinutesView = z.object({
  sitting: z.object({
    id: z.uuid(),
    panel: z.string(),
    panelType: z.string(),
    kind: SittingKind,
    startsAt: z.string(),
    reason: z.string().nullable(),
    status: z.string(),
  }),
  attendance: z.array(
    z.object({ userId: z.string(), name: z.string(), role: z.string(), voting: z.boolean(), present: z.boolean().nullable() }),
  ),
  chair: z.string(),
  quorumRule: z.object({ chair: z.boolean(), votingMembers: z.number().int(), financeRequired: z.boolean() }),
  cases: z.array(
    z.object({
      caseId: z.uuid(),
      requestId: z.uuid(),
      childId: z.uuid(),
      childAge: z.number().int(),
      summary: z.string(),
      requestedWeeklyCostPence: z.number().int(),
      retrospective: z.boolean(),
      agendaStatus: z.string(),
      reasons: z.array(z.string()),
      gates: z.array(
        z.object({
          id: z.string(),
          text: z.string(),
          evidenced: z.boolean(),
          evidence: z.string().nullable(),
          recordedByName: z.string().nullable(),
        }),
      ),
      quorum: z.object({
        met: z.boolean(),
        reasons: z.array(z.string()),
        votingPresent: z.number().int(),
        votingRequired: z.number().int(),
        financePresent: z.boolean(),
      }),
      conflicts: z.array(ConflictRow),
      votes: z.array(VoteRow),
      tally: z.object({ APPROVE: z.number().int(), DECLINE: z.number().int(), ABSTAIN: z.number().int() }),
      decision: SittingDetailView.shape.agenda.element.shape.decision,
    }),
  ),
});

/** A Markdown document (minutes, decision letters), for the OpenAPI document. */
export const MARKDOWN = { content: { 'text/markdown': { schema: { type: 'string' as const } } } };
