import { Injectable } from '@nestjs/common';
import type { Sitting } from '../../generated/client/index.js';
import { CaseListedV1, PanelType } from '@placewise/contracts';
import { OutboxWriter } from '@placewise/platform';
import type { Tx } from '../prisma.service.js';
import type { AgendaStatus } from '../stored-enums.js';
import { CasesRepository, type StoredCase } from '../cases/cases.repository.js';
import { PanelsRepository, type Scoped } from './panels.repository.js';
import { SittingCalendarService } from './sitting-calendar.service.js';

/** Which sitting hears a panel case: listing, moving and carrying cases over. */
@Injectable()
export class RoutingService {
  constructor(
    private readonly panels: PanelsRepository,
    private readonly cases: CasesRepository,
    private readonly calendar: SittingCalendarService,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * Puts a panel case on the agenda of the next sitting of a panel of its type whose cut-off is
   * still ahead; a retrospective or emergency case goes onto the earliest sitting, cut-off or not.
   * Returns the sitting, or null when the council has no such panel or sitting (the case waits,
   * unlisted, and is listed when one is set up).
   */
  async route(tx: Tx, c: StoredCase, now = new Date()): Promise<Sitting | null> {
    if (!c.panel) return null;
    const panels = await this.panels.panelsOfType(c.localAuthority, c.panel, tx);
    if (!panels.length) return null;
    for (const p of panels) await this.calendar.ensureSittings(tx, p, now);
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

  /** Lists the case on the sitting (off any other), audited; the panel's members are told its papers are ready (case.listed). */
  async listOn(tx: Tx, c: StoredCase, s: Sitting, actor: string, why: string) {
    await this.panels.closeAgendaItems(tx, c, 'MOVED');
    await this.panels.addToAgenda(tx, s, c.id);
    await this.cases.update(tx, c, { sittingId: s.id });
    await this.cases.audit(tx, { localAuthority: c.localAuthority, caseId: c.id, sittingId: s.id }, 'case.listed', actor, {
      sittingId: s.id,
      startsAt: s.startsAt.toISOString(),
      why,
    });
    const panel = await this.panels.panel(c.localAuthority, s.panelId, tx);
    if (!panel) return;
    await this.outbox.append(
      tx,
      CaseListedV1,
      {
        caseId: c.id,
        requestId: c.requestId,
        sittingId: s.id,
        panelType: PanelType.parse(panel.type),
        startsAt: s.startsAt.toISOString(),
        memberIds: panel.members
          .filter((m) => m.active)
          .map((m) => m.userId)
          .sort(),
        listedAt: new Date().toISOString(),
      },
      { localAuthority: c.localAuthority, correlationId: c.correlationId },
    );
  }

  async listWaitingCases(tx: Tx, localAuthority: string, panelType: PanelType) {
    for (const c of await this.cases.unlisted(tx, localAuthority, panelType)) await this.route(tx, c);
  }

  closeAgenda(tx: Tx, c: Scoped, status: AgendaStatus) {
    return this.panels.closeAgendaItems(tx, c, status);
  }
}
