import { hasRole, type Principal } from '@placewise/platform';
import type { Role } from '@placewise/contracts';
import type { Panel, PanelMember } from '../../generated/client/index.js';

/**
 * The managers the panels answer to: the assistant director and the director of children's services
 * (they sign off cost bands C and D, and a case referred up from a panel goes to them).
 */
export const ABOVE_PANELS: readonly Role[] = ['approver:AD', 'approver:DCS'];

type PanelWithMembers = Panel & { members: PanelMember[] };

/** Whether this person sits on the panel now: its chair or one of its active members. */
export function sitsOn(user: Principal, panel: PanelWithMembers): boolean {
  return panel.chairUserId === user.sub || panel.members.some((m) => m.userId === user.sub && m.active);
}

/**
 * Who may know a panel and read its sittings (agendas, papers, minutes): the panel administrator
 * (who convenes them), the auditor, the managers above the panels, and those who sit on it.
 */
export function maySeePanel(user: Principal, panel: PanelWithMembers): boolean {
  return hasRole(user, 'panel-admin', 'auditor', ...ABOVE_PANELS) || sitsOn(user, panel);
}

/** A sitting's audit trail: its chair, the auditor and the managers above the panels. */
export function maySeeSittingAudit(user: Principal, panel: Panel): boolean {
  return hasRole(user, 'auditor', ...ABOVE_PANELS) || panel.chairUserId === user.sub;
}
