import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { ENV, ValidationFailed, type Principal } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Attendance, Case, ConflictDeclaration, Panel, PanelMember, Sitting, Vote } from '../../generated/client/index.js';
import { regularSittings } from './sitting-times.js';
import type { PanelsEnv } from '../env.js';
import type { Tx } from '../prisma.service.js';
import { CasesRepository } from '../cases/cases.repository.js';
import { AttendanceBody, ConflictBody, CreatePanel, ExtraordinarySitting, NewMember, VoteBody, WEEKDAYS } from './panels.dto.js';
import { PanelsRepository, type PanelWithMembers, type Scoped, type SittingWithPanel } from './panels.repository.js';

const WEEK_MS = 7 * 86_400_000;

export function panelView(p: PanelWithMembers) {
  return {
    id: p.id,
    name: p.name,
    type: p.type,
    chairUserId: p.chairUserId,
    quorum: { chair: true, votingMembers: p.quorumVotingMembers, financeRequired: p.financeRequired },
    schedule: p.weekday
      ? {
          weekday: WEEKDAYS[p.weekday - 1],
          time: p.timeOfDay,
          cutOffWorkingDays: p.cutOffWorkingDays,
          durationMinutes: p.durationMinutes,
          timeZone: 'Europe/London',
        }
      : null,
    members: p.members.map(memberView),
  };
}

const memberView = (m: PanelMember) => ({
  id: m.id,
  userId: m.userId,
  name: m.displayName,
  role: m.role,
  voting: m.voting,
  active: m.active,
});

export function sittingView(s: Sitting) {
  return {
    id: s.id,
    panelId: s.panelId,
    startsAt: s.startsAt.toISOString(),
    cutOffAt: s.cutOffAt.toISOString(),
    kind: s.kind,
    status: s.status,
    reason: s.reason,
  };
}

export interface Quorum {
  met: boolean;
  /** Why not, in words a chair can act on. */
  reasons: string[];
  chairPresent: boolean;
  votingPresent: number;
  votingRequired: number;
  financePresent: boolean;
  financeRequired: boolean;
  conflicted: string[];
}

/**
 * Whether a sitting can decide a case: the chair present and not conflicted, at least N voting
 * members besides the chair present and not conflicted on the case, and a finance member among
 * them when the panel needs one.
 */
export function quorumFor(panel: PanelWithMembers, present: Set<string>, conflictedMemberIds: Set<string>): Quorum {
  const active = panel.members.filter((m) => m.active);
  const chair = active.find((m) => m.userId === panel.chairUserId);
  const chairPresent = !!chair && present.has(chair.id);
  const chairConflicted = !!chair && conflictedMemberIds.has(chair.id);
  const voters = active.filter((m) => m.voting && m.id !== chair?.id && present.has(m.id) && !conflictedMemberIds.has(m.id));
  const financePresent = voters.some((m) => m.role === 'FINANCE');
  const reasons: string[] = [];
  if (!chairPresent) reasons.push('the chair is not present');
  if (chairConflicted) reasons.push('the chair declared a conflict of interest on this case');
  if (voters.length < panel.quorumVotingMembers)
    reasons.push(
      `${voters.length} voting members besides the chair are present and not conflicted; the quorum is ${panel.quorumVotingMembers}`,
    );
  if (panel.financeRequired && !financePresent) reasons.push('no finance member is present and free to vote');
  return {
    met: reasons.length === 0,
    reasons,
    chairPresent,
    votingPresent: voters.length,
    votingRequired: panel.quorumVotingMembers,
    financePresent,
    financeRequired: panel.financeRequired,
    conflicted: active.filter((m) => conflictedMemberIds.has(m.id)).map((m) => m.userId),
  };
}

@Injectable()
export class PanelsService {
  constructor(
    private readonly panels: PanelsRepository,
    private readonly cases: CasesRepository,
    @Inject(ENV) private readonly env: PanelsEnv,
  ) {}

  // ---- panels and members (panel-admin) ----

  async create(user: Principal, input: z.infer<typeof CreatePanel>) {
    return this.panels.db.$transaction(async (tx) => {
      const chair = input.members.find((m) => m.role === 'CHAIR')!;
      const p = await this.panels.createPanel(
        tx,
        {
          id: randomUUID(),
          localAuthority: user.localAuthority,
          name: input.name,
          type: input.type,
          chairUserId: chair.userId,
          quorumVotingMembers: input.quorum.votingMembers,
          financeRequired: input.type === 'HIGH_COST' || input.quorum.financeRequired === true,
          weekday: input.schedule ? WEEKDAYS.indexOf(input.schedule.weekday) + 1 : null,
          timeOfDay: input.schedule?.time ?? null,
          cutOffWorkingDays: input.schedule?.cutOffWorkingDays ?? 0,
          durationMinutes: input.schedule?.durationMinutes ?? 180,
        },
        input.members.map((m) => ({ id: randomUUID(), userId: m.userId, displayName: m.name, role: m.role, voting: m.voting })),
      );
      await this.cases.audit(tx, { localAuthority: p.localAuthority }, 'panel.created', user.sub, {
        panelId: p.id,
        type: p.type,
        members: p.members.map(memberView),
      });
      await this.ensureSittings(tx, p, new Date());
      await this.listWaitingCases(tx, p.localAuthority, p.type);
      return panelView(p);
    });
  }

  async list(user: Principal) {
    return (await this.panels.panels(user.localAuthority)).map(panelView);
  }

  async get(user: Principal, id: string) {
    const p = await this.panels.panel(user.localAuthority, id);
    if (!p) throw new NotFoundException(`no panel ${id}`);
    return panelView(p);
  }

  async addMember(user: Principal, panelId: string, input: z.infer<typeof NewMember>) {
    return this.panels.db.$transaction(async (tx) => {
      const p = await this.panels.panel(user.localAuthority, panelId, tx);
      if (!p) throw new NotFoundException(`no panel ${panelId}`);
      if (input.role === 'CHAIR')
        throw new ValidationFailed([{ field: 'role', reason: 'a panel has one chair, named when it is created' }]);
      const m = await this.panels.addMember(tx, p, {
        id: randomUUID(),
        userId: input.userId,
        displayName: input.name,
        role: input.role,
        voting: input.voting,
      });
      await this.cases.audit(tx, { localAuthority: p.localAuthority }, 'panel.member_added', user.sub, {
        panelId: p.id,
        member: memberView(m),
      });
      return panelView((await this.panels.panel(user.localAuthority, panelId, tx))!);
    });
  }

  async removeMember(user: Principal, panelId: string, memberId: string) {
    return this.panels.db.$transaction(async (tx) => {
      const p = await this.panels.panel(user.localAuthority, panelId, tx);
      const m = p?.members.find((x) => x.id === memberId);
      if (!p || !m) throw new NotFoundException(`no member ${memberId} on panel ${panelId}`);
      if (m.userId === p.chairUserId) throw new ConflictException('the chair cannot be removed');
      const after = quorumFor(
        { ...p, members: p.members.map((x) => (x.id === m.id ? { ...x, active: false } : x)) },
        new Set(p.members.filter((x) => x.active && x.id !== m.id).map((x) => x.id)),
        new Set(),
      );
      if (!after.met) throw new ConflictException(`without this member the panel could never be quorate: ${after.reasons.join('; ')}`);
      await this.panels.setMemberActive(tx, m, false);
      await this.cases.audit(tx, { localAuthority: p.localAuthority }, 'panel.member_removed', user.sub, {
        panelId: p.id,
        memberId: m.id,
        userId: m.userId,
      });
      return panelView((await this.panels.panel(user.localAuthority, panelId, tx))!);
    });
  }

  /** Whether the council runs its panels in Placewise (has set up at least one panel). */
  runsPanels(tx: Tx, localAuthority: string): Promise<boolean> {
    return this.panels.hasPanels(localAuthority, tx);
  }

  // ---- sittings ----

  /** Puts the panel's regular sittings in the calendar up to the horizon (idempotent). */
  async ensureSittings(tx: Tx, p: Panel, now: Date): Promise<void> {
    if (!p.weekday || !p.timeOfDay) return;
    const until = new Date(now.getTime() + this.env.SITTINGS_HORIZON_WEEKS * WEEK_MS);
    const rows = regularSittings({ weekday: p.weekday, timeOfDay: p.timeOfDay, cutOffWorkingDays: p.cutOffWorkingDays }, now, until);
    await this.panels.ensureSittings(
      tx,
      rows.map((r) => ({
        id: randomUUID(),
        panelId: p.id,
        localAuthority: p.localAuthority,
        startsAt: r.startsAt,
        cutOffAt: r.cutOffAt,
        kind: 'REGULAR',
        status: 'SCHEDULED',
      })),
    );
  }

  async sittings(user: Principal, panelId: string, from?: string, to?: string) {
    const p = await this.panels.panel(user.localAuthority, panelId);
    if (!p) throw new NotFoundException(`no panel ${panelId}`);
    await this.panels.db.$transaction((tx) => this.ensureSittings(tx, p, new Date()));
    const range = { ...(from ? { gte: new Date(from) } : { gte: new Date(Date.now() - WEEK_MS) }), ...(to ? { lte: new Date(to) } : {}) };
    return (await this.panels.sittings(user.localAuthority, { panelId, startsAt: range })).map(sittingView);
  }

  async extraordinary(user: Principal, panelId: string, input: z.infer<typeof ExtraordinarySitting>) {
    return this.panels.db.$transaction(async (tx) => {
      const p = await this.panels.panel(user.localAuthority, panelId, tx);
      if (!p) throw new NotFoundException(`no panel ${panelId}`);
      const startsAt = new Date(input.startsAt);
      if (startsAt.getTime() < Date.now() - 12 * 3_600_000)
        throw new ValidationFailed([{ field: 'startsAt', reason: 'a sitting cannot be convened in the past' }]);
      const existing = await this.panels.sittings(p.localAuthority, { panelId: p.id, startsAt }, tx);
      if (existing.length) throw new ConflictException(`the panel already sits at ${startsAt.toISOString()}`);
      // An extraordinary sitting is convened for its agenda: its cut-off is its start.
      const s = await this.panels.createSitting(tx, {
        id: randomUUID(),
        panelId: p.id,
        localAuthority: p.localAuthority,
        startsAt,
        cutOffAt: startsAt,
        kind: 'EXTRAORDINARY',
        status: 'SCHEDULED',
        reason: input.reason,
      });
      await this.cases.audit(tx, { localAuthority: p.localAuthority, sittingId: s.id }, 'sitting.convened', user.sub, {
        panelId: p.id,
        startsAt: s.startsAt.toISOString(),
        reason: input.reason,
      });
      await this.listWaitingCases(tx, p.localAuthority, p.type);
      return sittingView(s);
    });
  }

  /** Cancels a sitting that has not started; its cases go onto the next sitting. */
  async cancel(user: Principal, sittingId: string, reason: string) {
    return this.panels.db.$transaction(async (tx) => {
      await this.panels.lockSitting(tx, user.localAuthority, sittingId);
      const s = await this.panels.sitting(user.localAuthority, sittingId, tx);
      if (!s) throw new NotFoundException(`no sitting ${sittingId}`);
      if (s.status !== 'SCHEDULED') throw new ConflictException(`the sitting is already ${s.status.toLowerCase()}`);
      if (s.startsAt.getTime() <= Date.now())
        throw new ConflictException('the sitting has started: record its business or carry its cases over');
      await this.panels.setSittingStatus(tx, s, 'CANCELLED', reason);
      await this.cases.audit(tx, { localAuthority: s.localAuthority, sittingId: s.id }, 'sitting.cancelled', user.sub, { reason });
      const listed = (await this.panels.agenda(tx, s.id)).filter((a) => a.status === 'LISTED');
      for (const a of listed) {
        const c = await this.cases.lock(s.localAuthority, a.caseId, tx);
        if (!c || c.status !== 'OPEN') continue;
        await this.panels.closeAgendaItems(tx, c, 'MOVED');
        const moved = await this.cases.update(tx, c, { sittingId: null });
        await this.route(tx, moved);
      }
      return this.sittingDetail(user, s.id, tx);
    });
  }

  /** The sittings of the panels this person sits on, from a week ago. */
  async mySittings(user: Principal) {
    return (await this.panels.memberSittings(user.localAuthority, user.sub, new Date(Date.now() - WEEK_MS))).map(sittingView);
  }

  // ---- routing ----

  /**
   * Puts a panel case on the agenda of the next sitting of a panel of its type whose cut-off is
   * still ahead; a retrospective or emergency case goes onto the earliest sitting, cut-off or not.
   * Returns the sitting, or null when the council has no such panel or sitting (the case waits,
   * unlisted, and is listed when one is set up).
   */
  async route(tx: Tx, c: Case, now = new Date()): Promise<Sitting | null> {
    if (!c.panel) return null;
    const panels = await this.panels.panelsOfType(c.localAuthority, c.panel, tx);
    if (!panels.length) return null;
    for (const p of panels) await this.ensureSittings(tx, p, now);
    const urgent = c.retrospective || c.urgency === 'EMERGENCY';
    const s = await this.panels.nextSitting(
      tx,
      panels.map((p) => p.id),
      now,
      urgent,
    );
    if (!s) return null;
    await this.listOn(tx, c, s, 'panels', urgent ? 'earliest sitting (retrospective or emergency)' : 'next sitting before its cut-off');
    return s;
  }

  /**
   * Cases listed on a sitting that has ended without dealing with them go onto the next sitting
   * (run by the periodic sweep). Returns how many were carried over.
   */
  async carryOver(now = new Date()): Promise<number> {
    const rows = await this.panels.unheard(this.panels.db, now);
    for (const r of rows) {
      await this.panels.db.$transaction(async (tx) => {
        const c = await this.cases.lock(r.localAuthority, r.caseId, tx);
        if (!c || c.status !== 'OPEN' || c.sittingId !== r.sittingId) return;
        await this.panels.closeAgendaItems(tx, c, 'CARRIED_OVER');
        await this.cases.update(tx, c, { sittingId: null });
        await this.cases.audit(
          tx,
          { localAuthority: c.localAuthority, caseId: c.id, sittingId: r.sittingId },
          'case.carried_over',
          'panels',
          { fromSittingId: r.sittingId },
        );
        await this.route(tx, { ...c, sittingId: null }, now);
      });
    }
    return rows.length;
  }

  private async listOn(tx: Tx, c: Case, s: Sitting, actor: string, why: string) {
    await this.panels.closeAgendaItems(tx, c, 'MOVED');
    await this.panels.addToAgenda(tx, s, c.id);
    await this.cases.update(tx, c, { sittingId: s.id });
    await this.cases.audit(tx, { localAuthority: c.localAuthority, caseId: c.id, sittingId: s.id }, 'case.listed', actor, {
      sittingId: s.id,
      startsAt: s.startsAt.toISOString(),
      why,
    });
  }

  private async listWaitingCases(tx: Tx, localAuthority: string, panelType: string) {
    for (const c of await this.cases.unlisted(tx, localAuthority, panelType)) await this.route(tx, c);
  }

  /** A panel administrator lists a case on a particular sitting (e.g. an extraordinary one). */
  async addToAgenda(user: Principal, sittingId: string, caseId: string) {
    return this.panels.db.$transaction(async (tx) => {
      const s = await this.panels.sitting(user.localAuthority, sittingId, tx);
      if (!s) throw new NotFoundException(`no sitting ${sittingId}`);
      const c = await this.cases.lock(user.localAuthority, caseId, tx);
      if (!c) throw new NotFoundException(`no case ${caseId}`);
      if (c.status !== 'OPEN') throw new ConflictException(`case ${caseId} is already decided`);
      if (c.panel !== s.panel.type)
        throw new ConflictException(
          `case ${caseId} is for the ${c.panel ?? 'named approver, not a'} panel; this sitting is of the ${s.panel.type} panel`,
        );
      if (s.status !== 'SCHEDULED') throw new ConflictException(`the sitting is ${s.status.toLowerCase()}`);
      if (c.awaitingInformation) throw new ConflictException('the case is deferred until the information asked for is provided');
      await this.listOn(tx, c, s, user.sub, 'listed by the panel administrator');
      return this.sittingDetail(user, sittingId, tx);
    });
  }

  // ---- at the sitting ----

  private started(s: Sitting) {
    if (s.status === 'CANCELLED') throw new ConflictException('the sitting was cancelled');
    if (s.startsAt.getTime() > Date.now())
      throw new ConflictException(`the sitting has not started: it starts at ${s.startsAt.toISOString()}`);
  }

  async recordAttendance(user: Principal, sittingId: string, input: z.infer<typeof AttendanceBody>) {
    return this.panels.db.$transaction(async (tx) => {
      await this.panels.lockSitting(tx, user.localAuthority, sittingId);
      const s = await this.panels.sitting(user.localAuthority, sittingId, tx);
      if (!s) throw new NotFoundException(`no sitting ${sittingId}`);
      if (!user.roles.includes('panel-admin') && s.panel.chairUserId !== user.sub)
        throw new ForbiddenException('attendance is recorded by the panel administrator or the chair');
      this.started(s);
      const rows = input.members.map((r, i) => {
        const m = s.panel.members.find((x) => x.userId === r.userId && x.active);
        if (!m)
          throw new ValidationFailed([{ field: `members.${i}.userId`, reason: `${r.userId} is not a member of the ${s.panel.name}` }]);
        return { memberId: m.id, present: r.present, userId: r.userId };
      });
      await this.panels.setAttendance(tx, s, rows, user.sub, new Date());
      await this.cases.audit(tx, { localAuthority: s.localAuthority, sittingId: s.id }, 'sitting.attendance', user.sub, {
        members: rows.map((r) => ({ userId: r.userId, present: r.present })),
      });
      return this.sittingDetail(user, sittingId, tx);
    });
  }

  private async memberAt(tx: Tx, user: Principal, sittingId: string, caseId: string) {
    const s = await this.panels.sitting(user.localAuthority, sittingId, tx);
    if (!s) throw new NotFoundException(`no sitting ${sittingId}`);
    const item = (await this.panels.agenda(tx, s.id)).find((a) => a.caseId === caseId);
    if (!item) throw new NotFoundException(`case ${caseId} is not on the agenda of sitting ${sittingId}`);
    const m = s.panel.members.find((x) => x.userId === user.sub && x.active);
    if (!m) throw new ForbiddenException(`you are not a member of the ${s.panel.name}`);
    this.started(s);
    return { s, item, m };
  }

  async declareConflict(user: Principal, sittingId: string, caseId: string, input: z.infer<typeof ConflictBody>) {
    return this.panels.db.$transaction(async (tx) => {
      const { s, m } = await this.memberAt(tx, user, sittingId, caseId);
      const at = new Date();
      if (
        !(await this.panels.declare(tx, {
          id: randomUUID(),
          sittingId: s.id,
          caseId,
          memberId: m.id,
          localAuthority: s.localAuthority,
          reason: input.reason,
          at,
        }))
      ) {
        throw new ConflictException('you have already declared a conflict on this case at this sitting');
      }
      await this.cases.audit(tx, { localAuthority: s.localAuthority, caseId, sittingId: s.id }, 'member.conflict_declared', user.sub, {
        memberId: m.id,
        role: m.role,
        reason: input.reason,
      });
      return { sittingId: s.id, caseId, memberId: m.id, reason: input.reason, at: at.toISOString() };
    });
  }

  async vote(user: Principal, sittingId: string, caseId: string, input: z.infer<typeof VoteBody>) {
    return this.panels.db.$transaction(async (tx) => {
      const { s, item, m } = await this.memberAt(tx, user, sittingId, caseId);
      if (item.status !== 'LISTED')
        throw new ConflictException(`the case has been dealt with at this sitting (${item.status.toLowerCase()})`);
      if (!m.voting) throw new ForbiddenException(`as ${m.role.toLowerCase()} you advise the panel but do not vote`);
      const present = (await this.panels.attendance(tx, s.id)).some((a) => a.memberId === m.id && a.present);
      if (!present) throw new ForbiddenException('your attendance at this sitting is not recorded: only members present vote');
      if ((await this.panels.conflicts(tx, s.id, caseId)).some((d) => d.memberId === m.id)) {
        throw new ForbiddenException('you declared a conflict of interest on this case and cannot vote on it');
      }
      const at = new Date();
      if (
        !(await this.panels.vote(tx, {
          id: randomUUID(),
          sittingId: s.id,
          caseId,
          memberId: m.id,
          localAuthority: s.localAuthority,
          vote: input.vote,
          comment: input.comment ?? null,
          at,
        }))
      ) {
        throw new ConflictException('you have already voted on this case at this sitting');
      }
      await this.cases.audit(tx, { localAuthority: s.localAuthority, caseId, sittingId: s.id }, 'member.voted', user.sub, {
        memberId: m.id,
        vote: input.vote,
        comment: input.comment ?? null,
      });
      return { sittingId: s.id, caseId, memberId: m.id, vote: input.vote, comment: input.comment ?? null, at: at.toISOString() };
    });
  }

  /** The quorum for a case at a sitting, and the votes cast on it there. */
  async hearing(tx: Tx, s: SittingWithPanel, caseId: string) {
    const [attendance, conflicts, votes] = await Promise.all([
      this.panels.attendance(tx, s.id),
      this.panels.conflicts(tx, s.id, caseId),
      this.panels.votes(tx, s.id, caseId),
    ]);
    return hearingOf(s, caseId, attendance, conflicts, votes);
  }

  sittingFor(tx: Tx, localAuthority: string, id: string) {
    return this.panels.sitting(localAuthority, id, tx);
  }

  closeAgenda(tx: Tx, c: Scoped, status: string) {
    return this.panels.closeAgendaItems(tx, c, status);
  }

  /** A sitting with its panel, attendance and agenda: each case with its papers and, once heard, its votes. */
  async sittingDetail(user: Principal, sittingId: string, tx: Tx = this.panels.db) {
    const s = await this.panels.sitting(user.localAuthority, sittingId, tx);
    if (!s) throw new NotFoundException(`no sitting ${sittingId}`);
    // Four queries for the whole agenda, however long it is.
    const [agenda, attendance, conflicts, votes] = await Promise.all([
      this.panels.agenda(tx, s.id),
      this.panels.attendance(tx, s.id),
      this.panels.conflicts(tx, s.id),
      this.panels.votes(tx, s.id),
    ]);
    const cases = new Map(
      (
        await this.cases.byIds(
          s.localAuthority,
          agenda.map((a) => a.caseId),
          tx,
        )
      ).map((c) => [c.id, c]),
    );
    const evidence = await this.cases.evidence(
      agenda.map((a) => a.caseId),
      tx,
    );
    const attended = new Map(attendance.map((a) => [a.memberId, a.present]));
    const items = [];
    for (const a of agenda) {
      const c = cases.get(a.caseId)!;
      const h = hearingOf(s, c.id, attendance, conflicts, votes);
      const decision = c.decisions.filter((d) => d.sittingId === s.id).at(-1);
      items.push({
        agendaStatus: a.status,
        papers: papers(
          c,
          evidence.filter((e) => e.caseId === c.id),
        ),
        quorum: h.quorum,
        conflicts: h.conflicts,
        votes: h.votes,
        tally: h.tally,
        decision: decision
          ? {
              id: decision.id,
              outcome: decision.outcome,
              conditions: decision.conditions,
              reason: decision.reason,
              decidedBy: decision.decidedBy,
              decidedAt: decision.decidedAt.toISOString(),
              counterfactual: decision.counterfactual ?? null,
              informationRequested: decision.informationRequested ?? null,
            }
          : null,
      });
    }
    return {
      ...sittingView(s),
      panel: panelView(s.panel),
      attendance: s.panel.members
        .filter((m) => m.active || attended.has(m.id))
        .map((m) => ({ ...memberView(m), present: attended.get(m.id) ?? null })),
      agenda: items,
    };
  }
}

function hearingOf(s: SittingWithPanel, caseId: string, attendance: Attendance[], allConflicts: ConflictDeclaration[], allVotes: Vote[]) {
  const conflicts = allConflicts.filter((d) => d.caseId === caseId);
  const votes = allVotes.filter((v) => v.caseId === caseId);
  const present = new Set(attendance.filter((a) => a.present).map((a) => a.memberId));
  const quorum = quorumFor(s.panel, present, new Set(conflicts.map((c) => c.memberId)));
  const byId = new Map(s.panel.members.map((m) => [m.id, m]));
  const voteRows = votes.map((v) => ({
    userId: byId.get(v.memberId)?.userId ?? v.memberId,
    name: byId.get(v.memberId)?.displayName ?? '',
    role: byId.get(v.memberId)?.role ?? '',
    vote: v.vote,
    comment: v.comment,
    at: v.at.toISOString(),
  }));
  const tally = { APPROVE: 0, DECLINE: 0, ABSTAIN: 0 };
  for (const v of votes) tally[v.vote as keyof typeof tally]++;
  const conflictRows = conflicts.map((d) => ({
    userId: byId.get(d.memberId)?.userId ?? d.memberId,
    name: byId.get(d.memberId)?.displayName ?? '',
    reason: d.reason,
    at: d.at.toISOString(),
  }));
  return { quorum, votes: voteRows, tally, conflicts: conflictRows };
}

type Gate = { id: string; ruleId: string; text: string };
type Outcome = {
  gates: Gate[];
  deadlines: { id: string; due: string; text: string }[];
  reasons: { ruleId: string; text: string }[];
  ruleSetVersion: string;
  costBand: string | null;
};

/** A case's papers: the request's facts, the rules' reasons, the gates with their evidence, the deadlines. */
export function papers(c: Case, evidence: { gateId: string; evidence: string; recordedBy: string; at: Date }[]) {
  const o = c.outcome as unknown as Outcome;
  return {
    caseId: c.id,
    requestId: c.requestId,
    status: c.status,
    request: {
      childId: c.childId,
      childAge: c.childAge,
      kind: c.kind,
      legalStatus: c.legalStatus,
      placementType: c.placementType,
      provision: c.provision,
      location: c.location,
      urgency: c.urgency,
      requestedWeeklyCostPence: c.requestedWeeklyCostPence,
      retrospective: c.retrospective,
      reapproval: c.reapproval ?? null,
    },
    approver: c.approver,
    panel: c.panel,
    costBand: c.costBand,
    ruleSetVersion: o.ruleSetVersion,
    reasons: o.reasons,
    gates: gateStatus(o.gates, evidence),
    deadlines: o.deadlines,
    decisionDue: c.decisionDue?.toISOString() ?? null,
    awaitingInformation: c.awaitingInformation,
    informationRequested: c.informationRequested ?? null,
  };
}

export function gateStatus(gates: Gate[], evidence: { gateId: string; evidence: string; recordedBy: string; at: Date }[]) {
  return gates.map((g) => {
    const e = evidence.filter((x) => x.gateId === g.id).at(-1);
    return { ...g, evidenced: !!e, evidence: e ? { text: e.evidence, recordedBy: e.recordedBy, at: e.at.toISOString() } : null };
  });
}
