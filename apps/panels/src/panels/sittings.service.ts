import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { ValidationFailed, type Principal } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Sitting } from '../../generated/client/index.js';
import type { Tx } from '../prisma.service.js';
import type { AgendaStatus } from '../stored-enums.js';
import { CasesRepository } from '../cases/cases.repository.js';
import { papers } from '../cases/papers.js';
import { maySeePanel } from './access.js';
import { memberView, panelView, sittingView } from './panel-views.js';
import { ExtraordinarySitting } from './panels.dto.js';
import { PanelsRepository } from './panels.repository.js';
import { hearingOf } from './quorum.js';
import { RoutingService } from './routing.service.js';
import { nameOf } from '../people/people.js';
import { PeopleRepository } from '../people/people.repository.js';
import { momentWords, OUTCOME_WORDS, PANEL_WORDS, words } from '../words.js';
import { SittingCalendarService } from './sitting-calendar.service.js';

const WEEK_MS = 7 * 86_400_000;

/** Sittings: the calendar, extraordinary sittings, cancellations, agendas and what a sitting shows. */
@Injectable()
export class SittingsService {
  constructor(
    private readonly panels: PanelsRepository,
    private readonly cases: CasesRepository,
    private readonly calendar: SittingCalendarService,
    private readonly routing: RoutingService,
    private readonly people: PeopleRepository,
  ) {}

  async sittings(user: Principal, panelId: string, from?: string, to?: string) {
    const p = await this.panels.panel(user.localAuthority, panelId);
    if (!p || !maySeePanel(user, p)) throw new NotFoundException(`no panel ${panelId}`);
    await this.panels.db.$transaction((tx) => this.calendar.ensureSittings(tx, p, new Date()));
    const range = { ...(from ? { gte: new Date(from) } : { gte: new Date(Date.now() - WEEK_MS) }), ...(to ? { lte: new Date(to) } : {}) };
    return this.counted(await this.panels.sittings(user.localAuthority, { panelId, startsAt: range }));
  }

  async extraordinary(user: Principal, panelId: string, input: z.infer<typeof ExtraordinarySitting>) {
    return this.panels.db.$transaction(async (tx) => {
      const p = await this.panels.panel(user.localAuthority, panelId, tx);
      if (!p) throw new NotFoundException(`no panel ${panelId}`);
      const startsAt = new Date(input.startsAt);
      if (startsAt.getTime() < Date.now() - 12 * 3_600_000)
        throw new ValidationFailed([{ field: 'startsAt', reason: 'a sitting cannot be convened in the past' }]);
      const existing = await this.panels.sittings(p.localAuthority, { panelId: p.id, startsAt }, tx);
      if (existing.length) throw new ConflictException(`the panel already sits at ${momentWords(startsAt)}`);
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
      await this.routing.listWaitingCases(tx, p.localAuthority, p.type);
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
        await this.routing.route(tx, moved);
      }
      return this.sittingDetail(user, s.id, tx);
    });
  }

  /** The sittings of the panels this person sits on, from a week ago. */
  async mySittings(user: Principal) {
    return this.counted(await this.panels.memberSittings(user.localAuthority, user.sub, new Date(Date.now() - WEEK_MS)));
  }

  /** Sittings with their cases counted (one query for the list). */
  private async counted(sittings: Sitting[]) {
    const counts = await this.panels.agendaCounts(sittings.map((s) => s.id));
    return sittings.map((s) => sittingView(s, counts.get(s.id)));
  }

  /** A panel administrator lists a case on a particular sitting (e.g. an extraordinary one). */
  async addToAgenda(user: Principal, sittingId: string, caseId: string) {
    return this.panels.db.$transaction(async (tx) => {
      const s = await this.panels.sitting(user.localAuthority, sittingId, tx);
      if (!s) throw new NotFoundException(`no sitting ${sittingId}`);
      const c = await this.cases.lock(user.localAuthority, caseId, tx);
      if (!c) throw new NotFoundException(`no case ${caseId}`);
      if (c.status !== 'OPEN') throw new ConflictException('the case is already decided');
      if (c.panel !== s.panel.type)
        throw new ConflictException(
          `the case is for ${c.panel ? `the ${words(PANEL_WORDS, c.panel)}` : 'a named approver, not a panel'}; this sitting is of the ${words(PANEL_WORDS, s.panel.type)}`,
        );
      if (s.status !== 'SCHEDULED') throw new ConflictException(`the sitting is ${s.status.toLowerCase()}`);
      if (c.awaitingInformation) throw new ConflictException('the case is deferred until the information asked for is provided');
      await this.routing.listOn(tx, c, s, user.sub, 'listed by the panel administrator');
      return this.sittingDetail(user, sittingId, tx);
    });
  }

  sittingFor(tx: Tx, localAuthority: string, id: string) {
    return this.panels.sitting(localAuthority, id, tx);
  }

  /**
   * A sitting with its panel, attendance and agenda: each case with its papers and, once heard, its votes.
   * Only for those who may see its panel (access.ts); to anyone else it does not exist.
   */
  async sittingDetail(user: Principal, sittingId: string, tx: Tx = this.panels.db) {
    const s = await this.panels.sitting(user.localAuthority, sittingId, tx);
    if (!s || !maySeePanel(user, s.panel)) throw new NotFoundException(`no sitting ${sittingId}`);
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
    const name = nameOf(
      await this.people.names(
        s.localAuthority,
        [...evidence.map((e) => e.recordedBy), ...[...cases.values()].flatMap((c) => c.decisions.map((d) => d.decidedBy))],
        tx,
      ),
    );
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
          name,
        ),
        quorum: h.quorum,
        conflicts: h.conflicts,
        votes: h.votes,
        tally: h.tally,
        decision: decision
          ? {
              id: decision.id,
              outcome: decision.outcome,
              outcomeWords: words(OUTCOME_WORDS, decision.outcome),
              conditions: decision.conditions,
              reason: decision.reason,
              decidedBy: decision.decidedBy,
              decidedByName: name(decision.decidedBy),
              decidedAt: decision.decidedAt.toISOString(),
              counterfactual: decision.counterfactual ?? null,
              informationRequested: decision.informationRequested ?? null,
            }
          : null,
      });
    }
    const counts: Partial<Record<AgendaStatus, number>> = {};
    for (const a of agenda) counts[a.status] = (counts[a.status] ?? 0) + 1;
    return {
      ...sittingView(s, counts),
      panel: panelView(s.panel),
      attendance: s.panel.members
        .filter((m) => m.active || attended.has(m.id))
        .map((m) => ({ ...memberView(m), present: attended.get(m.id) ?? null })),
      agenda: items,
    };
  }
}
