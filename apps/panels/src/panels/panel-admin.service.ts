import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { ValidationFailed, type Principal } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Tx } from '../prisma.service.js';
import { CasesRepository } from '../cases/cases.repository.js';
import { maySeePanel } from './access.js';
import { memberView, panelView } from './panel-views.js';
import { CreatePanel, NewMember, WEEKDAYS } from './panels.dto.js';
import { PanelsRepository } from './panels.repository.js';
import { quorumFor } from './quorum.js';
import { RoutingService } from './routing.service.js';
import { SittingCalendarService } from './sitting-calendar.service.js';

/** Panels and their members (the panel administrator's work). */
@Injectable()
export class PanelAdminService {
  constructor(
    private readonly panels: PanelsRepository,
    private readonly cases: CasesRepository,
    private readonly calendar: SittingCalendarService,
    private readonly routing: RoutingService,
  ) {}

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
      await this.calendar.ensureSittings(tx, p, new Date());
      await this.routing.listWaitingCases(tx, p.localAuthority, p.type);
      return panelView(p);
    });
  }

  /** The council's panels this person may know (access.ts): all of them for the administrator, the auditor and the managers above. */
  async list(user: Principal) {
    return (await this.panels.panels(user.localAuthority)).filter((p) => maySeePanel(user, p)).map(panelView);
  }

  async get(user: Principal, id: string) {
    const p = await this.panels.panel(user.localAuthority, id);
    if (!p || !maySeePanel(user, p)) throw new NotFoundException(`no panel ${id}`);
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
}
