import type { PanelMember, Sitting } from '../../generated/client/index.js';
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
