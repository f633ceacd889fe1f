import { AGENDA_WORDS, momentWords, ROLE_WORDS, words } from '../words.js';
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { ValidationFailed, type Principal } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Sitting } from '../../generated/client/index.js';
import type { Tx } from '../prisma.service.js';
import { CasesRepository } from '../cases/cases.repository.js';
import { maySeePanel } from './access.js';
import { AttendanceBody, ConflictBody, VoteBody } from './panels.dto.js';
import { PanelsRepository, type SittingWithPanel } from './panels.repository.js';
import { hearingOf } from './quorum.js';
import { SittingsService } from './sittings.service.js';

/** At the sitting: attendance, declarations of conflict, votes, and the quorum for each case. */
@Injectable()
export class HearingService {
  constructor(
    private readonly panels: PanelsRepository,
    private readonly cases: CasesRepository,
    private readonly sittings: SittingsService,
  ) {}

  private started(s: Sitting) {
    if (s.status === 'CANCELLED') throw new ConflictException('the sitting was cancelled');
    if (s.startsAt.getTime() > Date.now())
      throw new ConflictException(`the sitting has not started: it starts at ${momentWords(s.startsAt)}`);
  }

  async recordAttendance(user: Principal, sittingId: string, input: z.infer<typeof AttendanceBody>) {
    return this.panels.db.$transaction(async (tx) => {
      await this.panels.lockSitting(tx, user.localAuthority, sittingId);
      const s = await this.panels.sitting(user.localAuthority, sittingId, tx);
      if (!s || !maySeePanel(user, s.panel)) throw new NotFoundException(`no sitting ${sittingId}`);
      if (!user.roles.includes('panel-admin') && s.panel.chairUserId !== user.sub)
        throw new ForbiddenException('attendance is recorded by the panel administrator or the chair');
      this.started(s);
      const rows = input.members.map((r, i) => {
        const m = s.panel.members.find((x) => x.userId === r.userId && x.active);
        if (!m)
          throw new ValidationFailed([{ field: `members.${i}.userId`, reason: `that person is not a member of the ${s.panel.name}` }]);
        return { memberId: m.id, present: r.present, userId: r.userId };
      });
      await this.panels.setAttendance(tx, s, rows, user.sub, new Date());
      await this.cases.audit(tx, { localAuthority: s.localAuthority, sittingId: s.id }, 'sitting.attendance', user.sub, {
        members: rows.map((r) => ({ userId: r.userId, present: r.present })),
      });
      return this.sittings.sittingDetail(user, sittingId, tx);
    });
  }

  private async memberAt(tx: Tx, user: Principal, sittingId: string, caseId: string) {
    const s = await this.panels.sitting(user.localAuthority, sittingId, tx);
    if (!s || !maySeePanel(user, s.panel)) throw new NotFoundException(`no sitting ${sittingId}`);
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
        throw new ConflictException(`the case has been dealt with at this sitting (${words(AGENDA_WORDS, item.status)})`);
      if (!m.voting) throw new ForbiddenException(`as ${words(ROLE_WORDS, m.role)} you advise the panel but do not vote`);
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
}
