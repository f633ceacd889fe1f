import { BadRequestException, ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import {
  RequestResubmittedV1,
  RequestSubmittedV2,
  type LegalStatus,
  type Location,
  type PlacementType,
  type Provision,
  type ReapprovalLink,
  type RequestKind,
  type RequestStatus,
  type RoutedOutcomeV2,
  type Urgency,
} from '@placewise/contracts';
import { OutboxWriter, type Principal } from '@placewise/platform';
import { factsFromRequest, type RequestFacts, type RulesOutcome } from '@placewise/rules';
import { randomUUID } from 'node:crypto';
import { asDate, dayOf } from '@placewise/contracts/dates';
import { PrismaService, type Tx } from '../prisma.service.js';
import { ChildrenRepository } from '../children/children.repository.js';
import { RulesService } from '../rules/rules.service.js';
import { RecordService } from '../record/record.service.js';
import { Prisma } from '../../generated/client/index.js';
import { RequestsRepository, type StoredRequest, type StoredRequestWithHistory } from './requests.repository.js';
import type { StoredDecision, StoredOutcome } from './stored-request.js';
import { typedFacts, type ListRequests, type Resubmit, type SubmitRequest } from './requests.dto.js';

export interface RequestView {
  id: string;
  childId: string;
  childAge: number;
  kind: RequestKind;
  status: RequestStatus;
  legalStatus: LegalStatus;
  placementType: PlacementType;
  provision: Provision;
  weeklyCostPence: number;
  location: Location;
  urgency: Urgency;
  placedAt: string | null;
  effectiveDate: string | null;
  approver: string;
  panel: string | null;
  outcome: StoredOutcome;
  decision: StoredDecision | null;
  placementId: string | null;
  informationRequested: string[] | null;
  reapproval: ReapprovalLink | null;
  correlationId: string;
  submittedBy: string;
  submittedAt: string;
  history?: { fromStatus: string | null; toStatus: string; actor: string; note: string | null; at: string }[];
}

export function requestView(r: StoredRequest | StoredRequestWithHistory): RequestView {
  return {
    id: r.id,
    childId: r.childId,
    childAge: r.facts.childAge,
    kind: r.kind,
    status: r.status,
    legalStatus: r.legalStatus,
    placementType: r.placementType,
    provision: r.provision,
    weeklyCostPence: r.weeklyCostPence,
    location: r.location,
    urgency: r.urgency,
    placedAt: dayOf(r.placedAt),
    effectiveDate: dayOf(r.effectiveDate),
    approver: r.approver,
    panel: r.panel,
    outcome: r.outcome,
    decision: r.decision,
    placementId: r.placementId,
    informationRequested: r.informationRequested,
    reapproval: r.reapproval,
    correlationId: r.correlationId,
    submittedBy: r.submittedBy,
    submittedAt: r.submittedAt.toISOString(),
    ...('history' in r
      ? {
          history: r.history.map((h) => ({
            fromStatus: h.fromStatus,
            toStatus: h.toStatus,
            actor: h.actor,
            note: h.note,
            at: h.at.toISOString(),
          })),
        }
      : {}),
  };
}

/** The part of the outcome that travels in request.submitted (version 2: each deadline with its purpose). */
export function routedOutcome(o: RulesOutcome): RoutedOutcomeV2 {
  return {
    ruleSetVersion: o.ruleSetVersion,
    policyHash: o.policyHash,
    approver: o.approver,
    panel: o.panel,
    costBand: o.costBand,
    retrospective: o.retrospective,
    gates: o.gates.map(({ id, ruleId, text }) => ({ id, ruleId, text })),
    deadlines: o.deadlines.map(({ id, ruleId, purpose, due, text }) => ({ id, ruleId, purpose, due, text })),
    reasons: o.reasons.map(({ ruleId, text }) => ({ ruleId, text })),
  };
}

@Injectable()
export class RequestsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly requests: RequestsRepository,
    private readonly children: ChildrenRepository,
    private readonly rules: RulesService,
    private readonly outbox: OutboxWriter,
    private readonly lookedAfterRecord: RecordService,
  ) {}

  /**
   * The facts the rules see for a submission: what was typed, plus what Placewise knows. The child's
   * age, school year and key stage 4 are worked out from the date of birth on the placement's start
   * day (the day placed, the planned start, the day it takes effect, else the London day of
   * submission). Facts from the child's looked-after record (placement moves in the 12 months up to
   * the start day, since when looked after) come from its episodes (factsFromRecord), never typed.
   */
  async factsFor(user: Principal, input: SubmitRequest, now: Date): Promise<RequestFacts> {
    const child = await this.children.find(user.localAuthority, input.childId);
    if (!child)
      throw new NotFoundException({
        statusCode: 404,
        message: `no child ${input.childId}`,
        errors: [{ field: 'childId', reason: 'no such child in your council' }],
      });
    const typed = typedFacts(input);
    if (typed.kind === 'CARER_APPROVAL_EXTENSION' && typed.connectedPersonTempApprovedOn === undefined) {
      // an extension of the temporary approval already on record: counted from the day it began
      const since = await this.requests.temporaryApprovalSince(user.localAuthority, input.childId);
      if (!since)
        throw new BadRequestException({
          statusCode: 400,
          message: 'no temporary approval of a connected person is on record for this child',
          errors: [
            {
              field: 'connectedPersonTempApprovedOn',
              reason: 'give the day temporary approval began (no approved kinship placement seeking it is on record)',
            },
          ],
        });
      typed.connectedPersonTempApprovedOn = since;
    }
    return factsFromRequest(typed, {
      dateOfBirth: dayOf(child.dateOfBirth),
      submittedAt: now.toISOString(),
      record: await this.lookedAfterRecord.lookedAfter(user.localAuthority, input.childId),
    });
  }

  /** "What would this need?": the rules' outcome for a request, with nothing stored or sent. */
  async dryRun(user: Principal, input: SubmitRequest): Promise<RulesOutcome> {
    return this.rules.evaluate(user.localAuthority, await this.factsFor(user, input, new Date()));
  }

  /** The facts of every request still open or placed: what a policy change could affect. */
  async openAndPlacedFacts(user: Principal): Promise<{ id: string; facts: RequestFacts }[]> {
    return this.requests.factsByStatus(user.localAuthority, ['SUBMITTED', 'APPROVED', 'DEFERRED', 'PLACED']);
  }

  /** Re-evaluates a stored request with the rule-set version and policy its outcome names. */
  async reEvaluate(user: Principal, id: string) {
    const r = await this.requests.find(user.localAuthority, id);
    if (!r) throw new NotFoundException(`no request ${id}`);
    return this.rules.reEvaluate(user.localAuthority, {
      facts: r.facts,
      ruleSetVersion: r.ruleSetVersion,
      policyHash: r.policyHash,
      outcome: r.outcome,
    });
  }

  /**
   * Validates, evaluates the rules and stores the request with its outcome and the
   * request.submitted event in one transaction. A blocked request is refused with the reasons.
   */
  async submit(user: Principal, input: SubmitRequest, correlationId: string): Promise<RequestView> {
    const now = new Date();
    const facts = await this.factsFor(user, input, now);
    const outcome = await this.rules.evaluate(user.localAuthority, facts);
    if (outcome.blocked) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        message: 'the law does not allow this request',
        blocks: outcome.blocks,
        reasons: outcome.reasons,
        ruleSetVersion: outcome.ruleSetVersion,
      });
    }
    const created = await this.prisma.$transaction((tx) =>
      this.record(tx, {
        localAuthority: user.localAuthority,
        submittedBy: user.sub,
        submittedByTeam: user.team ?? null,
        childId: input.childId,
        facts,
        outcome,
        summary: input.summary ?? null,
        effectiveDate: facts.effectiveDate ?? null,
        correlationId,
      }),
    );
    return requestView(created);
  }

  /**
   * Stores a request with its rules outcome and, unless the law blocks it, emits request.submitted,
   * in the caller's transaction. A blocked request is stored only when it must be on record (a
   * re-approval asked for by commissioning), as REFUSED, and nothing is sent on.
   */
  async record(
    tx: Tx,
    r: {
      localAuthority: string;
      submittedBy: string;
      /** The submitter's team, when a person submitted it (none for one asked for by another service). */
      submittedByTeam?: string | null;
      childId: string;
      facts: RequestFacts;
      outcome: RulesOutcome;
      summary: string | null;
      effectiveDate?: string | null;
      correlationId: string;
      reapproval?: ReapprovalLink;
      causationId?: string;
    },
  ): Promise<StoredRequest> {
    const { facts, outcome } = r;
    const id = randomUUID();
    const now = new Date(facts.submittedAt);
    const row = await this.requests.create(
      {
        id,
        localAuthority: r.localAuthority,
        childId: r.childId,
        kind: facts.kind,
        status: outcome.blocked ? 'REFUSED' : 'SUBMITTED',
        legalStatus: facts.legalStatus,
        placementType: facts.placementType,
        provision: facts.provision,
        weeklyCostPence: facts.weeklyCostPence,
        location: facts.location,
        urgency: facts.urgency,
        placedAt: facts.placedAt ? asDate(facts.placedAt) : null,
        effectiveDate: r.effectiveDate ? asDate(r.effectiveDate) : null,
        summary: r.summary,
        facts,
        ruleSetVersion: outcome.ruleSetVersion,
        policyHash: outcome.policyHash,
        outcome,
        approver: outcome.approver,
        panel: outcome.panel,
        reapproval: r.reapproval ?? undefined,
        correlationId: r.correlationId,
        submittedBy: r.submittedBy,
        submittedByTeam: r.submittedByTeam ?? null,
        submittedAt: now,
      },
      r.submittedBy,
      tx,
    );
    if (outcome.blocked) return row;
    await this.outbox.append(
      tx,
      RequestSubmittedV2,
      {
        requestId: id,
        childId: r.childId,
        childAge: facts.childAge,
        kind: facts.kind,
        legalStatus: facts.legalStatus,
        placementType: facts.placementType,
        provision: facts.provision,
        weeklyCostPence: facts.weeklyCostPence,
        location: facts.location,
        urgency: facts.urgency,
        placedAt: facts.placedAt,
        effectiveDate: r.effectiveDate ?? null,
        submittedAt: facts.submittedAt,
        submittedBy: r.submittedBy,
        outcome: routedOutcome(outcome),
        ...(r.reapproval ? { reapproval: r.reapproval } : {}),
      },
      { localAuthority: r.localAuthority, correlationId: r.correlationId, ...(r.causationId ? { causationId: r.causationId } : {}) },
    );
    return row;
  }

  /** The social worker provides what a deferring panel asked for; the case returns to the next sitting. */
  async resubmit(user: Principal, id: string, input: Resubmit): Promise<RequestView> {
    await this.prisma.$transaction(async (tx) => {
      const r = await this.requests.find(user.localAuthority, id, tx);
      if (!r) throw new NotFoundException(`no request ${id}`);
      if (r.status !== 'DEFERRED') throw new ConflictException(`request ${id} is ${r.status}: only a deferred request can be resubmitted`);
      await this.requests.transition(tx, r, {
        toStatus: 'SUBMITTED',
        actor: user.sub,
        note: `resubmitted with: ${input.itemsProvided.join('; ')}`,
        data: { informationRequested: Prisma.DbNull, ...(input.summary ? { summary: input.summary } : {}) },
      });
      await this.outbox.append(
        tx,
        RequestResubmittedV1,
        { requestId: id, itemsProvided: input.itemsProvided, resubmittedBy: user.sub, resubmittedAt: new Date().toISOString() },
        { localAuthority: user.localAuthority, correlationId: r.correlationId },
      );
    });
    return this.get(user, id);
  }

  async get(user: Principal, id: string): Promise<RequestView> {
    const r = await this.requests.find(user.localAuthority, id);
    if (!r) throw new NotFoundException(`no request ${id}`);
    return requestView(r);
  }

  async list(user: Principal, q: ListRequests): Promise<RequestView[]> {
    return (await this.requests.list(user.localAuthority, q, q.take, q.skip)).map(requestView);
  }
}
