import type { Attendance, ConflictDeclaration, Vote } from '../../generated/client/index.js';
import type { PanelWithMembers, SittingWithPanel } from './panels.repository.js';

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

/** The quorum for a case at a sitting, the votes cast on it there and the conflicts declared. */
export function hearingOf(
  s: SittingWithPanel,
  caseId: string,
  attendance: Attendance[],
  allConflicts: ConflictDeclaration[],
  allVotes: Vote[],
) {
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
  for (const v of votes) tally[v.vote]++;
  const conflictRows = conflicts.map((d) => ({
    userId: byId.get(d.memberId)?.userId ?? d.memberId,
    name: byId.get(d.memberId)?.displayName ?? '',
    reason: d.reason,
    at: d.at.toISOString(),
  }));
  return { quorum, votes: voteRows, tally, conflicts: conflictRows };
}
