import { Injectable } from '@nestjs/common';
import {
  CaseDeferredV1,
  CaseEscalatedV1,
  DecisionRecordedV1,
  PlacementEmergencyStartedV1,
  PlacementEndedV1,
  PlacementEndedV2,
  PlacementImportedV1,
  PlacementNoticeGivenV1,
  PlacementRatifiedV1,
  PlacementStartedV1,
  PlacementStartedV2,
  ReapprovalRequestedV1,
  type PayloadOf,
  type RequestStatus,
} from '@placewise/contracts';
import { asDate, londonDate } from '@placewise/contracts/dates';
import { HandlesEvent, TerminalEventError, type EventContext } from '@placewise/platform';
import { factsFromRecord, type RequestFacts } from '@placewise/rules';
import type { Tx } from '../prisma.service.js';
import { RecordService } from '../record/record.service.js';
import { RulesService } from '../rules/rules.service.js';
import { RequestsRepository } from './requests.repository.js';
import { RequestsService } from './requests.service.js';

const AFTER_DECISION: Record<PayloadOf<typeof DecisionRecordedV1>['outcome'], RequestStatus | null> = {
  APPROVED: 'APPROVED',
  APPROVED_WITH_CONDITIONS: 'APPROVED',
  DECLINED: 'DECLINED',
  DEFERRED: 'DEFERRED',
  REFERRED_UP: null, // still waiting for a decision, now from the next tier
};

/** Keeps each request's status in step with the journey, from the other services' events. */
@Injectable()
export class RequestsHandlers {
  constructor(
    private readonly requests: RequestsRepository,
    private readonly service: RequestsService,
    private readonly rules: RulesService,
    private readonly record: RecordService,
  ) {}

  private async request(envelope: EventContext['envelope'], requestId: string, tx: Tx) {
    const req = await this.requests.find(envelope.localAuthority, requestId, tx);
    if (!req) throw new TerminalEventError(`${envelope.type} ${envelope.id} names unknown request ${requestId}`);
    return req;
  }

  @HandlesEvent(DecisionRecordedV1)
  async onDecision(p: PayloadOf<typeof DecisionRecordedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const req = await this.request(envelope, p.requestId, tx);
    if (req.status === 'PLACED') return; // a placement already started: the journey has moved on
    const decision = {
      decisionId: p.decisionId,
      caseId: p.caseId,
      outcome: p.outcome,
      conditions: p.conditions,
      decidedBy: p.decidedBy,
      decidedByTier: p.decidedByTier,
      decidedAt: p.decidedAt,
      reason: p.reason,
    };
    await this.requests.transition(tx, req, {
      toStatus: AFTER_DECISION[p.outcome] ?? req.status,
      actor: p.decidedBy,
      note: `decision ${p.outcome}`,
      eventId: envelope.id,
      data: { decision },
    });
  }

  /** Version 2 carries the setting's URN and postcode, which the child's episode takes (903 URN, PL_POST). */
  @HandlesEvent(PlacementStartedV2)
  onPlacementStartedV2(p: PayloadOf<typeof PlacementStartedV2>, ctx: EventContext<Tx>): Promise<void> {
    return this.onPlacementStarted(p, ctx);
  }

  @HandlesEvent(PlacementStartedV1)
  async onPlacementStarted(
    p: PayloadOf<typeof PlacementStartedV1> & Partial<Pick<PayloadOf<typeof PlacementStartedV2>, 'urn' | 'placePostcode'>>,
    { envelope, tx }: EventContext<Tx>,
  ): Promise<void> {
    const req = await this.request(envelope, p.requestId, tx);
    await this.requests.transition(tx, req, {
      toStatus: 'PLACED',
      actor: 'commissioning',
      note: `placement ${p.placementId} started ${p.startDate}`,
      eventId: envelope.id,
      data: {
        placementId: p.placementId,
        placedType: p.placementType,
        placedWeeklyCostPence: p.weeklyCostPence,
        placedFrom: asDate(p.startDate),
      },
    });
    // The child's looked-after episodes follow the placement (src/record).
    await this.record.onPlacementStarted(tx, envelope.localAuthority, p, req);
  }

  /** A case's deadline passed or is near: on the request's record, who was told and who must now decide. */
  @HandlesEvent(CaseEscalatedV1)
  async onCaseEscalated(p: PayloadOf<typeof CaseEscalatedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const req = await this.request(envelope, p.requestId, tx);
    const what =
      p.kind === 'REMINDER'
        ? `decision due ${p.deadline}`
        : `${p.kind === 'RETROSPECTIVE_OVERDUE' ? 'retrospective approval' : 'decision'} overdue since ${p.deadline}; now needs ${p.toTier}`;
    await this.requests.transition(tx, req, {
      toStatus: req.status,
      actor: 'panels',
      note: `escalated: ${what} (told ${p.notify.join(', ') || 'nobody'})`,
      eventId: envelope.id,
    });
  }

  /** A panel deferred the case: what it asked for is kept until the social worker resubmits. */
  @HandlesEvent(CaseDeferredV1)
  async onCaseDeferred(p: PayloadOf<typeof CaseDeferredV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const req = await this.request(envelope, p.requestId, tx);
    await this.requests.transition(tx, req, {
      toStatus: req.status === 'SUBMITTED' ? 'DEFERRED' : req.status,
      actor: p.deferredBy,
      note: `panel asks for: ${p.informationRequested.join('; ')}${p.returnBy ? ` (by ${p.returnBy})` : ''}`,
      eventId: envelope.id,
      data: { informationRequested: p.informationRequested },
    });
  }

  /**
   * Commissioning's award or variation changed what was approved: the rules run again on the new
   * facts and a linked request goes to the approver or panel they name (or is refused if the law
   * does not allow it).
   */
  @HandlesEvent(ReapprovalRequestedV1)
  async onReapprovalRequested(p: PayloadOf<typeof ReapprovalRequestedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const original = await this.request(envelope, p.link.originalRequestId, tx);
    const facts: RequestFacts = {
      kind: p.link.reason === 'PRICE_VARIATION' ? 'VARIATION' : original.kind,
      childAge: p.childAge,
      legalStatus: original.legalStatus,
      placementType: p.placementType,
      provision: p.provision,
      weeklyCostPence: p.weeklyCostPence,
      location: p.location,
      urgency: original.urgency,
      submittedAt: envelope.occurredAt,
      placedAt: null,
      ...(p.previousWeeklyCostPence !== null ? { previousWeeklyCostPence: p.previousWeeklyCostPence } : {}),
      // the child's record on the day it is asked for (a re-approval starts nothing new yet)
      ...factsFromRecord(await this.record.lookedAfter(envelope.localAuthority, p.childId, tx), londonDate(envelope.occurredAt)),
    };
    const outcome = await this.rules.evaluate(envelope.localAuthority, facts);
    const created = await this.service.record(tx, {
      localAuthority: envelope.localAuthority,
      submittedBy: p.requestedBy,
      childId: p.childId,
      facts,
      outcome,
      summary: `Re-approval (${p.link.reason}) of request ${original.id}`,
      correlationId: envelope.correlationId,
      reapproval: p.link,
      causationId: envelope.id,
    });
    await this.requests.transition(tx, original, {
      toStatus: original.status,
      actor: p.requestedBy,
      note: `re-approval requested (${p.link.reason}): request ${created.id}${outcome.blocked ? ', refused: the law does not allow it' : ` routed to ${outcome.panel ?? outcome.approver}`}`,
      eventId: envelope.id,
    });
  }

  @HandlesEvent(PlacementNoticeGivenV1)
  async onNoticeGiven(p: PayloadOf<typeof PlacementNoticeGivenV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const req = await this.request(envelope, p.requestId, tx);
    await this.requests.transition(tx, req, {
      toStatus: req.status,
      actor: 'commissioning',
      note: `notice given by the ${p.givenBy === 'PROVIDER' ? 'provider' : 'council'} on ${p.givenOn}: the placement ends ${p.endDate}${p.replacementSearchId ? '; a new search is open' : ''}`,
      eventId: envelope.id,
    });
  }

  @HandlesEvent(PlacementEndedV1)
  async onPlacementEnded(p: PayloadOf<typeof PlacementEndedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const req = await this.request(envelope, p.requestId, tx);
    // A request can outlive a placement of its own (a declined emergency placement, replaced under
    // the same request): only the end of the placement it is placed in ends it.
    const itsPlacement = req.placementId === null || req.placementId === p.placementId;
    await this.requests.transition(tx, req, {
      toStatus: req.status === 'PLACED' && itsPlacement ? 'ENDED' : req.status,
      actor: 'commissioning',
      note: `placement ${p.placementId} ended ${p.endDate} (${p.reason})`,
      eventId: envelope.id,
      data: { placedUntil: asDate(p.endDate), endReason: p.reason },
    });
    await this.record.onPlacementEnded(tx, envelope.localAuthority, p);
  }

  /**
   * Version 2: a placement with no request (imported from the council's 903 return) ended. The
   * child's record follows it like any other placement's end (an exit from care closes the open
   * episode; a move is closed by the next placement's start).
   */
  @HandlesEvent(PlacementEndedV2)
  async onPlacementEndedWithoutRequest(p: PayloadOf<typeof PlacementEndedV2>, ctx: EventContext<Tx>): Promise<void> {
    if (p.requestId !== null) return this.onPlacementEnded({ ...p, requestId: p.requestId }, ctx);
    await this.record.onPlacementEnded(ctx.tx, ctx.envelope.localAuthority, p);
  }

  /** Commissioning recorded an imported placement: the child's imported episodes learn which placement they are. */
  @HandlesEvent(PlacementImportedV1)
  async onPlacementImported(p: PayloadOf<typeof PlacementImportedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    await this.record.onPlacementImported(tx, envelope.localAuthority, p);
  }

  /**
   * An emergency placement made before its approval: the child is looked after (an episode from the
   * day it started), and the request knows its placement; its status waits for the retrospective decision.
   */
  @HandlesEvent(PlacementEmergencyStartedV1)
  async onEmergencyStarted(p: PayloadOf<typeof PlacementEmergencyStartedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const req = await this.request(envelope, p.requestId, tx);
    await this.requests.transition(tx, req, {
      toStatus: req.status,
      actor: 'commissioning',
      note: `placed in an emergency from ${p.startDate}, waiting for retrospective approval`,
      eventId: envelope.id,
      data: {
        placementId: p.placementId,
        placedType: p.placementType,
        placedWeeklyCostPence: p.weeklyCostPence,
        placedFrom: asDate(p.startDate),
      },
    });
    await this.record.onPlacementStarted(tx, envelope.localAuthority, p, req);
  }

  /**
   * The retrospective decision on an emergency placement: approved, the request is PLACED (the
   * episode began when the placement did); declined, a move is planned and the episode stays as lived
   * (the replacement's placement.started closes it).
   */
  @HandlesEvent(PlacementRatifiedV1)
  async onRatified(p: PayloadOf<typeof PlacementRatifiedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const req = await this.request(envelope, p.requestId, tx);
    const approved = p.outcome === 'APPROVED';
    const stillHere = req.placementId === null || req.placementId === p.placementId;
    await this.requests.transition(tx, req, {
      toStatus: approved && stillHere && req.status !== 'ENDED' ? 'PLACED' : req.status,
      actor: 'commissioning',
      note: approved
        ? `emergency placement ${p.placementId} ratified on ${p.decidedOn}`
        : `emergency placement ${p.placementId} not ratified on ${p.decidedOn}: a move is planned${p.moveDate ? ` by ${p.moveDate}` : ''}`,
      eventId: envelope.id,
    });
  }
}
