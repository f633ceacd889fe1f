import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { APPROVER_ORDER, CaseDeferredV1, DecisionRecordedV1 } from '@placewise/contracts';
import { dayOf, londonDayOf } from '@placewise/contracts/dates';
import { hasRole, markdownText as md, OutboxWriter, ValidationFailed, type Principal } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Prisma } from '../../generated/client/index.js';
import { ClocksService } from '../clocks/clocks.service.js';
import { HearingService } from '../panels/hearing.service.js';
import { ABOVE_PANELS } from '../panels/access.js';
import { PanelAdminService } from '../panels/panel-admin.service.js';
import { PanelsRepository } from '../panels/panels.repository.js';
import { RoutingService } from '../panels/routing.service.js';
import { SittingsService } from '../panels/sittings.service.js';
import { auditView } from './audit-view.js';
import { gateStatus, papers } from './papers.js';
import type { AuditQuery, ListCases, RecordDecision, RecordEvidence } from './cases.dto.js';
import { CasesRepository, type CaseWithDecisions, type StoredCase, type StoredDecision } from './cases.repository.js';
import { atLeast, highestTier } from './tiers.js';
import { nameOf, type NameOf } from '../people/people.js';
import { PeopleRepository } from '../people/people.repository.js';
import { caseWords, dayWords, momentWords, OUTCOME_WORDS, PANEL_WORDS, pounds, TIER_WORDS, words } from '../words.js';

/** Outcomes that end a case; DEFERRED and REFERRED_UP leave it open. */
const FINAL = new Set(['APPROVED', 'APPROVED_WITH_CONDITIONS', 'DECLINED']);
const APPROVALS = new Set(['APPROVED', 'APPROVED_WITH_CONDITIONS']);

export function caseView(c: StoredCase | CaseWithDecisions, name: NameOf = nameOf(new Map())) {
  return {
    id: c.id,
    requestId: c.requestId,
    childId: c.childId,
    childAge: c.childAge,
    kind: c.kind,
    legalStatus: c.legalStatus,
    placementType: c.placementType,
    provision: c.provision,
    location: c.location,
    urgency: c.urgency,
    requestedWeeklyCostPence: c.requestedWeeklyCostPence,
    approver: c.approver,
    panel: c.panel,
    retrospective: c.retrospective,
    costBand: c.costBand,
    outcome: c.outcome,
    decisionDue: c.decisionDue?.toISOString() ?? null,
    status: c.status,
    sittingId: c.sittingId,
    awaitingInformation: c.awaitingInformation,
    informationRequested: c.informationRequested ?? null,
    reapproval: c.reapproval ?? null,
    effectiveDate: dayOf(c.effectiveDate),
    correlationId: c.correlationId,
    openedAt: c.openedAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
    ...('decisions' in c ? { decisions: c.decisions.map((d) => decisionView(d, name)) } : {}),
  };
}

function decisionView(d: StoredDecision, name: NameOf) {
  return {
    id: d.id,
    outcome: d.outcome,
    outcomeWords: words(OUTCOME_WORDS, d.outcome),
    conditions: d.conditions,
    reason: d.reason,
    decidedBy: d.decidedBy,
    decidedByName: name(d.decidedBy),
    decidedByTier: d.decidedByTier,
    decidedByTierWords: words(TIER_WORDS, d.decidedByTier),
    decidedAt: d.decidedAt.toISOString(),
    sittingId: d.sittingId,
    votes: d.votes ?? null,
    counterfactual: d.counterfactual ?? null,
    informationRequested: d.informationRequested ?? null,
  };
}

/** A refusal a person can act on: 409 with the reasons. */
function refused(message: string, reasons: string[]): never {
  throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `${message}: ${reasons.join('; ')}`, reasons });
}

@Injectable()
export class CasesService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly admin: PanelAdminService,
    private readonly sittings: SittingsService,
    private readonly hearings: HearingService,
    private readonly routing: RoutingService,
    private readonly outbox: OutboxWriter,
    private readonly clocks: ClocksService,
    private readonly people: PeopleRepository,
    private readonly panels: PanelsRepository,
  ) {}

  /**
   * The cases of the council this person may read, as a filter, or null for all of them: the auditor,
   * the panel administrator (who lists cases at sittings) and the managers above the panels read every
   * case; a social worker the cases of the requests they made; an approver the cases of their tier and
   * below (their queue, and what they decided); a panel member or chair the cases listed at sittings of
   * the panels they sit on. Panels holds no name or date of birth (referrals does).
   */
  async scope(user: Principal): Promise<Prisma.CaseWhereInput | null> {
    if (hasRole(user, 'auditor', 'panel-admin', ...ABOVE_PANELS)) return null;
    const any: Prisma.CaseWhereInput[] = [];
    if (hasRole(user, 'social-worker')) any.push({ submittedBy: user.sub });
    const held = highestTier(user);
    if (held) any.push({ approver: { in: APPROVER_ORDER.slice(0, APPROVER_ORDER.indexOf(held) + 1) } });
    if (hasRole(user, 'panel-member', 'panel-chair'))
      any.push({ id: { in: await this.panels.casesListedFor(user.localAuthority, user.sub) } });
    return { OR: any };
  }

  /** The case, if this person may read it (`scope`); to anyone else it does not exist. */
  private async visible(user: Principal, id: string) {
    const scope = await this.scope(user);
    if (scope && !(await this.cases.list(user.localAuthority, { AND: [{ id }, scope] }, 1, 0)).length) return null;
    return this.cases.find(user.localAuthority, id);
  }

  /** Whether this person may decide this case: the required tier or above; a panel's case by a panel chair. */
  mayDecide(user: Principal, c: Pick<StoredCase, 'approver' | 'panel'>): string | null {
    const required = c.approver;
    if (!atLeast(highestTier(user), required)) return `needs the ${words(TIER_WORDS, required)} or someone more senior to decide it`;
    if (c.panel && !user.roles.includes('panel-chair'))
      return `this case is heard by the ${words(PANEL_WORDS, c.panel)}: its chair records the decision`;
    return null;
  }

  async decide(user: Principal, caseId: string, input: RecordDecision) {
    return this.cases.db.$transaction(async (tx) => {
      const c = await this.cases.lock(user.localAuthority, caseId, tx);
      if (!c) throw new NotFoundException(`no case ${caseId}`);
      if (c.status !== 'OPEN') throw new ConflictException('the case is already decided');
      const refusal = this.mayDecide(user, c);
      if (refusal) throw new ForbiddenException(refusal);
      // A council that runs its panels here decides panel cases at a quorate sitting, with the gates evidenced.
      // (A council with no panel set up yet records its panels' decisions through the chair alone.)
      const runsPanels = await this.admin.runsPanels(tx, c.localAuthority);
      let sittingId: string | null = null;
      let votes: object | null = null;
      if (c.panel && runsPanels) {
        if (!c.sittingId)
          refused('cannot record a decision', [
            c.awaitingInformation
              ? 'the case is deferred until the information asked for is provided'
              : `the case is not on the agenda of any sitting of the ${words(PANEL_WORDS, c.panel)}`,
          ]);
        const s = (await this.sittings.sittingFor(tx, c.localAuthority, c.sittingId))!;
        if (s.status === 'CANCELLED' || s.startsAt.getTime() > Date.now())
          refused('cannot record a decision', [`the sitting it is listed for starts at ${momentWords(s.startsAt)}`]);
        if (s.panel.chairUserId !== user.sub) throw new ForbiddenException(`only the chair of the ${s.panel.name} records its decisions`);
        const h = await this.hearings.hearing(tx, s, c.id);
        if (!h.quorum.met) refused('the panel is not quorate for this case', h.quorum.reasons);
        sittingId = s.id;
        votes = {
          tally: h.tally,
          votes: h.votes,
          conflicts: h.conflicts,
          quorum: {
            chairPresent: h.quorum.chairPresent,
            votingPresent: h.quorum.votingPresent,
            votingRequired: h.quorum.votingRequired,
            financePresent: h.quorum.financePresent,
          },
        };
      }
      if (APPROVALS.has(input.outcome) && runsPanels) {
        const gates = gateStatus(c.outcome.gates, await this.cases.evidence([c.id], tx));
        const missing = gates.filter((g) => !g.evidenced);
        if (missing.length)
          refused(
            'cannot approve without the evidence the gates require',
            missing.map((g) => g.text),
          );
      }
      if (input.outcome === 'DEFERRED' && c.panel && !input.informationRequested) {
        throw new ValidationFailed([{ field: 'informationRequested', reason: 'a panel deferral names the information it needs' }]);
      }
      const decidedAt = new Date();
      const tier = c.panel ? 'PANEL' : highestTier(user)!;
      let target = c;
      if (input.outcome === 'REFERRED_UP') {
        const next = APPROVER_ORDER[APPROVER_ORDER.indexOf(c.approver) + 1];
        if (!next)
          throw new BadRequestException({
            statusCode: 400,
            message: 'cannot refer up',
            errors: [{ field: 'outcome', reason: `nobody is more senior than the ${words(TIER_WORDS, c.approver)}` }],
          });
        // Referred up, the case leaves the panel for the named approver of the next tier.
        target = await this.cases.update(tx, c, { approver: next, panel: null, sittingId: null });
        await this.routing.closeAgenda(tx, c, 'REFERRED_UP');
      } else if (input.outcome === 'DEFERRED' && input.informationRequested) {
        target = await this.cases.update(tx, c, {
          awaitingInformation: true,
          informationRequested: input.informationRequested,
          sittingId: null,
        });
        await this.routing.closeAgenda(tx, c, 'DEFERRED');
      } else if (FINAL.has(input.outcome)) {
        await this.routing.closeAgenda(tx, c, 'DECIDED');
      }
      const conditions = input.conditions ?? { notes: [] };
      const decision = await this.cases.decide(
        tx,
        target,
        {
          id: randomUUID(),
          outcome: input.outcome,
          conditions,
          reason: input.reason,
          decidedBy: user.sub,
          decidedByTier: tier,
          decidedAt,
          sittingId,
          ...(votes ? { votes } : {}),
          ...(input.counterfactual ? { counterfactual: input.counterfactual } : {}),
          ...(input.informationRequested ? { informationRequested: input.informationRequested } : {}),
        },
        FINAL.has(input.outcome),
      );
      // An approval ratifies an emergency placement; a decline stops the request's statutory clocks.
      if (input.outcome === 'APPROVED' || input.outcome === 'APPROVED_WITH_CONDITIONS' || input.outcome === 'DECLINED')
        await this.clocks.settleForDecision(tx, target, input.outcome, user.sub, decidedAt);
      // The journey keeps the correlation id of the request that started it (the case's), not this HTTP call's.
      const origin = { localAuthority: c.localAuthority, correlationId: c.correlationId };
      await this.outbox.append(
        tx,
        DecisionRecordedV1,
        {
          decisionId: decision.id,
          caseId: c.id,
          requestId: c.requestId,
          childId: c.childId,
          childAge: c.childAge,
          kind: c.kind,
          legalStatus: c.legalStatus,
          placementType: c.placementType,
          provision: c.provision,
          location: c.location,
          urgency: c.urgency,
          requestedWeeklyCostPence: c.requestedWeeklyCostPence,
          outcome: input.outcome,
          conditions,
          decidedBy: user.sub,
          decidedByTier: tier,
          decidedAt: decidedAt.toISOString(),
          reason: input.reason,
          ...(c.reapproval ? { reapproval: c.reapproval } : {}),
          effectiveDate: dayOf(c.effectiveDate),
          ...(input.counterfactual ? { counterfactual: input.counterfactual } : {}),
        },
        origin,
      );
      if (input.outcome === 'DEFERRED' && input.informationRequested) {
        await this.outbox.append(
          tx,
          CaseDeferredV1,
          {
            caseId: c.id,
            requestId: c.requestId,
            informationRequested: input.informationRequested,
            deferredBy: user.sub,
            deferredAt: decidedAt.toISOString(),
            returnBy: input.returnBy ?? null,
          },
          origin,
        );
      }
      const after = (await this.cases.find(user.localAuthority, c.id, tx))!;
      return caseView(
        after,
        nameOf(
          await this.people.names(
            c.localAuthority,
            after.decisions.map((x) => x.decidedBy),
            tx,
          ),
        ),
      );
    });
  }

  /** Records what evidences one of the case's gates (append-only; the latest counts). */
  async recordEvidence(user: Principal, caseId: string, input: z.infer<typeof RecordEvidence>) {
    if (!(await this.visible(user, caseId))) throw new NotFoundException(`no case ${caseId}`);
    return this.cases.db.$transaction(async (tx) => {
      const c = await this.cases.lock(user.localAuthority, caseId, tx);
      if (!c) throw new NotFoundException(`no case ${caseId}`);
      if (c.status !== 'OPEN') throw new ConflictException('the case is already decided');
      const gates = c.outcome.gates;
      if (!gates.some((g) => g.id === input.gateId))
        throw new ValidationFailed([
          { field: 'gateId', reason: `not a gate of this case (its gates: ${gates.map((g) => g.text).join('; ') || 'none'})` },
        ]);
      await this.cases.addEvidence(tx, c, input.gateId, input.evidence, user.sub, new Date());
      await this.cases.audit(tx, c, 'gate.evidenced', user.sub, { gateId: input.gateId, evidence: input.evidence });
      const evidence = await this.cases.evidence([c.id], tx);
      return papers(
        c,
        evidence,
        nameOf(
          await this.people.names(
            c.localAuthority,
            evidence.map((e) => e.recordedBy),
            tx,
          ),
        ),
      );
    });
  }

  async get(user: Principal, id: string) {
    const c = await this.visible(user, id);
    if (!c) throw new NotFoundException(`no case ${id}`);
    const [audit, evidence] = await Promise.all([this.cases.auditTrail(user.localAuthority, { caseId: id }), this.cases.evidence([id])]);
    const name = nameOf(
      await this.people.names(user.localAuthority, [
        ...audit.map((a) => a.actor),
        ...evidence.map((e) => e.recordedBy),
        ...c.decisions.map((d) => d.decidedBy),
      ]),
    );
    return { ...caseView(c, name), papers: papers(c, evidence, name), audit: audit.map((a) => auditView(a, name)) };
  }

  async audit(user: Principal, q: z.infer<typeof AuditQuery>, caseId?: string) {
    if (caseId && !(await this.visible(user, caseId))) throw new NotFoundException(`no case ${caseId}`);
    const trail = await this.cases.auditTrail(user.localAuthority, caseId ? { caseId } : {}, q.take, q.after);
    const name = nameOf(
      await this.people.names(
        user.localAuthority,
        trail.map((a) => a.actor),
      ),
    );
    return trail.map((a) => auditView(a, name));
  }

  async list(user: Principal, q: ListCases) {
    const where: Prisma.CaseWhereInput = { ...(q.status ? { status: q.status } : {}), ...(q.requestId ? { requestId: q.requestId } : {}) };
    if (q.mine) {
      // An approver's queue: the open cases they may decide (as mayDecide), filtered in the query so paging is exact.
      const held = highestTier(user);
      if (!held || q.status === 'DECIDED') return [];
      where.status = 'OPEN';
      where.approver = { in: APPROVER_ORDER.slice(0, APPROVER_ORDER.indexOf(held) + 1) };
      if (!user.roles.includes('panel-chair')) where.panel = null;
    }
    const scope = await this.scope(user);
    return (await this.cases.list(user.localAuthority, scope ? { AND: [where, scope] } : where, q.take, q.skip)).map((c) => caseView(c));
  }

  /** The decision letter for a case: to the social worker and their manager, in Markdown. */
  async letter(user: Principal, id: string): Promise<string> {
    const c = await this.visible(user, id);
    if (!c) throw new NotFoundException(`no case ${id}`);
    const d = c.decisions.at(-1);
    if (!d) throw new ConflictException('the case has no decision yet');
    return renderLetter(c, d, nameOf(await this.people.names(user.localAuthority, [d.decidedBy])));
  }
}

/**
 * The decision letter for a case's latest decision, in Markdown: to the social worker and their
 * manager, in words (no ids or codes; panels never has the child's name, so the child is named by age).
 */
export function renderLetter(c: StoredCase, d: StoredDecision, name: NameOf): string {
  const cond = d.conditions;
  const by =
    d.decidedByTier === 'PANEL'
      ? `the ${words(PANEL_WORDS, c.panel) || 'panel'} (chaired by ${md(name(d.decidedBy))})`
      : `${md(name(d.decidedBy))} (${words(TIER_WORDS, d.decidedByTier)})`;
  const lines = [
    `# Decision on the request for a child aged ${c.childAge}`,
    '',
    `Requested: ${caseWords(c)}.`,
    '',
    `The request was **${words(OUTCOME_WORDS, d.outcome)}** on ${dayWords(londonDayOf(d.decidedAt))} by ${by}.`,
    '',
    `Reason: ${md(d.reason)}`,
  ];
  if (d.outcome === 'APPROVED_WITH_CONDITIONS') {
    lines.push('', 'Conditions:');
    if (cond.maxWeeklyCostPence !== undefined) lines.push(`- the weekly cost may not exceed ${pounds(cond.maxWeeklyCostPence)}`);
    if (cond.fundingEndDate) lines.push(`- funding ends on ${dayWords(cond.fundingEndDate)}`);
    if (cond.reviewDate) lines.push(`- the placement is reviewed by ${dayWords(cond.reviewDate)}`);
    for (const n of cond.notes) lines.push(`- ${md(n)}`);
  }
  const info = d.informationRequested;
  if (info?.length) {
    lines.push('', 'The panel asks for the following before the case returns to its next sitting:');
    for (const i of info) lines.push(`- ${md(i)}`);
  }
  if (d.outcome === 'REFERRED_UP')
    lines.push('', `The case now needs a decision by the ${words(TIER_WORDS, c.approver)} or someone more senior.`);
  const votes = d.votes;
  if (votes?.tally)
    lines.push(
      '',
      `Votes: ${votes.tally.APPROVE ?? 0} to approve, ${votes.tally.DECLINE ?? 0} to decline, ${votes.tally.ABSTAIN ?? 0} abstaining.`,
    );
  return lines.join('\n') + '\n';
}
