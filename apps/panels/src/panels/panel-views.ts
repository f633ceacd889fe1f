import type { PanelMember, Sitting } from '../../generated/client/index.js';
import type { AgendaStatus } from '../stored-enums.js';
import { WEEKDAYS } from './panels.dto.js';
import type { PanelWithMembers } from './panels.repository.js';

/** How panels, members and sittings are shown (the shapes are described in panels.views.ts). */
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

export const memberView = (m: PanelMember) => ({
  id: m.id,
  userId: m.userId,
  name: m.displayName,
  role: m.role,
  voting: m.voting,
  active: m.active,
});

/** Agenda states of cases the sitting heard (its decision, a deferral or a referral up). */
const HEARD = ['DECIDED', 'DEFERRED', 'REFERRED_UP'] as const;
/** Agenda states of cases that left the sitting unheard. */
const GONE = ['MOVED', 'CARRIED_OVER', 'ESCALATED'] as const;

/**
 * A sitting with its cases counted: those on it (waiting, or heard there) and those that left it
 * unheard; `held` once it has started and heard every case still on it.
 */
export function sittingView(s: Sitting, counts: Partial<Record<AgendaStatus, number>> = {}, now = Date.now()) {
  const n = (xs: readonly AgendaStatus[]) => xs.reduce((t, x) => t + (counts[x] ?? 0), 0);
  const waiting = counts.LISTED ?? 0;
  const heard = n(HEARD);
  return {
    id: s.id,
    panelId: s.panelId,
    startsAt: s.startsAt.toISOString(),
    cutOffAt: s.cutOffAt.toISOString(),
    kind: s.kind,
    status: s.status,
    reason: s.reason,
    cases: { total: waiting + heard, waiting, heard, movedAway: n(GONE) },
    held: s.status === 'SCHEDULED' && s.startsAt.getTime() <= now && heard > 0 && waiting === 0,
  };
}
