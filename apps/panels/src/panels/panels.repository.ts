import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { PanelType } from '@placewise/contracts';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { AgendaStatus, SittingStatus } from '../stored-enums.js';
import type {
  AgendaItem,
  Attendance,
  ConflictDeclaration,
  Panel,
  PanelMember,
  Prisma,
  Sitting,
  Vote,
} from '../../generated/client/index.js';

/** A row and the council it belongs to: every write names both. */
export type Scoped = { id: string; localAuthority: string };
export type PanelWithMembers = Panel & { members: PanelMember[] };
export type SittingWithPanel = Sitting & { panel: PanelWithMembers };

/** The only code that touches panels, members, sittings, agendas, attendance, conflicts and votes. Scoped to a local authority. */
@Injectable()
export class PanelsRepository {
  constructor(private readonly prisma: PrismaService) {}

  get db(): PrismaService {
    return this.prisma;
  }

  createPanel(
    tx: Tx,
    data: Prisma.PanelUncheckedCreateInput,
    members: Omit<Prisma.PanelMemberUncheckedCreateInput, 'panelId' | 'localAuthority'>[],
  ): Promise<PanelWithMembers> {
    return tx.panel.create({
      data: { ...data, members: { create: members.map((m) => ({ ...m, localAuthority: data.localAuthority })) } },
      include: { members: true },
    });
  }

  panels(localAuthority: string, tx: Tx = this.prisma): Promise<PanelWithMembers[]> {
    return tx.panel.findMany({
      where: { localAuthority },
      include: { members: { orderBy: { displayName: 'asc' } } },
      orderBy: { createdAt: 'asc' },
    });
  }

  panel(localAuthority: string, id: string, tx: Tx = this.prisma): Promise<PanelWithMembers | null> {
    return tx.panel.findFirst({ where: { id, localAuthority }, include: { members: { orderBy: { displayName: 'asc' } } } });
  }

  panelsOfType(localAuthority: string, type: PanelType, tx: Tx): Promise<Panel[]> {
    return tx.panel.findMany({ where: { localAuthority, type } });
  }

  async hasPanels(localAuthority: string, tx: Tx): Promise<boolean> {
    return (await tx.panel.count({ where: { localAuthority } })) > 0;
  }

  addMember(tx: Tx, panel: Panel, m: Omit<Prisma.PanelMemberUncheckedCreateInput, 'panelId' | 'localAuthority'>): Promise<PanelMember> {
    return tx.panelMember.upsert({
      where: { panelId_userId: { panelId: panel.id, userId: m.userId }, localAuthority: panel.localAuthority },
      create: { ...m, panelId: panel.id, localAuthority: panel.localAuthority },
      update: { ...m, active: true },
    });
  }

  /** Scoped to the member's council: another council's member id matches nothing (and throws). */
  setMemberActive(tx: Tx, member: Scoped, active: boolean): Promise<PanelMember> {
    return tx.panelMember.update({ where: { id: member.id, localAuthority: member.localAuthority }, data: { active } });
  }

  /** Creates sittings that do not exist yet (regular ones are keyed by panel and start). */
  async ensureSittings(tx: Tx, rows: Prisma.SittingCreateManyInput[]): Promise<void> {
    if (rows.length) await tx.sitting.createMany({ data: rows, skipDuplicates: true });
  }

  createSitting(tx: Tx, data: Prisma.SittingUncheckedCreateInput): Promise<Sitting> {
    return tx.sitting.create({ data });
  }

  sittings(localAuthority: string, where: Prisma.SittingWhereInput, tx: Tx = this.prisma): Promise<Sitting[]> {
    return tx.sitting.findMany({ where: { ...where, localAuthority }, orderBy: { startsAt: 'asc' }, take: 200 });
  }

  sitting(localAuthority: string, id: string, tx: Tx = this.prisma): Promise<SittingWithPanel | null> {
    return tx.sitting.findFirst({
      where: { id, localAuthority },
      include: { panel: { include: { members: { orderBy: { displayName: 'asc' } } } } },
    });
  }

  /** The earliest scheduled sitting of these panels that starts after `now` (and, unless `ignoreCutOff`, whose cut-off is still ahead). */
  nextSitting(tx: Tx, panelIds: string[], now: Date, ignoreCutOff: boolean): Promise<Sitting | null> {
    return tx.sitting.findFirst({
      where: { panelId: { in: panelIds }, status: 'SCHEDULED', startsAt: { gt: now }, ...(ignoreCutOff ? {} : { cutOffAt: { gt: now } }) },
      orderBy: { startsAt: 'asc' },
    });
  }

  setSittingStatus(tx: Tx, sitting: Scoped, status: SittingStatus, reason?: string): Promise<Sitting> {
    return tx.sitting.update({
      where: { id: sitting.id, localAuthority: sitting.localAuthority },
      data: { status, ...(reason ? { reason } : {}) },
    });
  }

  addToAgenda(tx: Tx, sitting: Sitting, caseId: string): Promise<AgendaItem> {
    return tx.agendaItem.upsert({
      where: { sittingId_caseId: { sittingId: sitting.id, caseId }, localAuthority: sitting.localAuthority },
      create: { id: randomUUID(), sittingId: sitting.id, caseId, localAuthority: sitting.localAuthority, status: 'LISTED' },
      update: { status: 'LISTED' },
    });
  }

  /** Marks the case's listed agenda items (on any sitting) with an outcome; returns how many. Scoped to the case's council. */
  async closeAgendaItems(tx: Tx, c: Scoped, status: AgendaStatus): Promise<number> {
    const r = await tx.agendaItem.updateMany({
      where: { caseId: c.id, localAuthority: c.localAuthority, status: 'LISTED' },
      data: { status },
    });
    return r.count;
  }

  /** How many of each sitting's agenda items are in each state: one query for a list of sittings. */
  async agendaCounts(sittingIds: string[], tx: Tx = this.prisma): Promise<Map<string, Partial<Record<AgendaStatus, number>>>> {
    const counts = new Map<string, Partial<Record<AgendaStatus, number>>>();
    if (!sittingIds.length) return counts;
    const rows = await tx.agendaItem.groupBy({
      by: ['sittingId', 'status'],
      where: { sittingId: { in: sittingIds } },
      _count: { _all: true },
    });
    for (const r of rows) counts.set(r.sittingId, { ...counts.get(r.sittingId), [r.status]: r._count._all });
    return counts;
  }

  agenda(tx: Tx, sittingId: string): Promise<AgendaItem[]> {
    return tx.agendaItem.findMany({ where: { sittingId }, orderBy: { addedAt: 'asc' } });
  }

  /** Agenda items still LISTED on sittings that ended before `endedBefore`, for cases still open. */
  async unheard(tx: Tx, endedBefore: Date): Promise<{ caseId: string; sittingId: string; localAuthority: string }[]> {
    return tx.$queryRaw`SELECT a.case_id::text AS "caseId", a.sitting_id::text AS "sittingId", a.local_authority AS "localAuthority"
      FROM agenda_item a JOIN sitting s ON s.id = a.sitting_id JOIN panel p ON p.id = s.panel_id JOIN "case" c ON c.id = a.case_id
      WHERE a.status = 'LISTED' AND c.status = 'OPEN' AND s.starts_at + make_interval(mins => p.duration_minutes) < ${endedBefore}
      LIMIT 500`;
  }

  async setAttendance(tx: Tx, sitting: Sitting, rows: { memberId: string; present: boolean }[], by: string, at: Date): Promise<void> {
    for (const r of rows) {
      await tx.attendance.upsert({
        where: { sittingId_memberId: { sittingId: sitting.id, memberId: r.memberId }, localAuthority: sitting.localAuthority },
        create: {
          sittingId: sitting.id,
          memberId: r.memberId,
          localAuthority: sitting.localAuthority,
          present: r.present,
          recordedBy: by,
          at,
        },
        update: { present: r.present, recordedBy: by, at },
      });
    }
  }

  attendance(tx: Tx, sittingId: string): Promise<Attendance[]> {
    return tx.attendance.findMany({ where: { sittingId } });
  }

  /** A declaration; false if the member already declared on this case at this sitting. */
  async declare(tx: Tx, data: Prisma.ConflictDeclarationUncheckedCreateInput): Promise<boolean> {
    const r = await tx.conflictDeclaration.createMany({ data: [data], skipDuplicates: true });
    return r.count === 1;
  }

  conflicts(tx: Tx, sittingId: string, caseId?: string): Promise<ConflictDeclaration[]> {
    return tx.conflictDeclaration.findMany({ where: { sittingId, ...(caseId ? { caseId } : {}) }, orderBy: { at: 'asc' } });
  }

  async vote(tx: Tx, data: Prisma.VoteUncheckedCreateInput): Promise<boolean> {
    const r = await tx.vote.createMany({ data: [data], skipDuplicates: true });
    return r.count === 1;
  }

  votes(tx: Tx, sittingId: string, caseId?: string): Promise<Vote[]> {
    return tx.vote.findMany({ where: { sittingId, ...(caseId ? { caseId } : {}) }, orderBy: { at: 'asc' } });
  }

  /** Locks a sitting's row, so attendance and decisions at it are serialised. */
  async lockSitting(tx: Tx, localAuthority: string, id: string): Promise<void> {
    await tx.$executeRaw`SELECT 1 FROM sitting WHERE id = ${id}::uuid AND local_authority = ${localAuthority} FOR UPDATE`;
  }

  /** Sittings of panels this person sits on, from `from`. */
  memberSittings(localAuthority: string, userId: string, from: Date): Promise<Sitting[]> {
    return this.prisma.sitting.findMany({
      where: { localAuthority, startsAt: { gte: from }, panel: { members: { some: { userId, active: true } } } },
      orderBy: { startsAt: 'asc' },
      take: 50,
    });
  }

  /** The cases ever listed at a sitting of a panel this person sits on (its chair or an active member). */
  async casesListedFor(localAuthority: string, userId: string): Promise<string[]> {
    const rows = await this.prisma.agendaItem.findMany({
      where: {
        localAuthority,
        sitting: { panel: { OR: [{ chairUserId: userId }, { members: { some: { userId, active: true } } }] } },
      },
      select: { caseId: true },
      distinct: ['caseId'],
    });
    return rows.map((r) => r.caseId);
  }
}
