import { describe, expect, it } from 'vitest';
import type { MemberRole } from './panels.dto.js';
import { quorumFor } from './quorum.js';
import { timersFor } from '../timers/timers.service.js';

const member = (id: string, role: MemberRole, voting = true) => ({
  id,
  panelId: 'p',
  localAuthority: 'la',
  userId: `u.${id}`,
  displayName: id,
  role,
  voting,
  active: true,
});
const panel = {
  id: 'p',
  localAuthority: 'la',
  name: 'High cost',
  type: 'HIGH_COST' as const,
  chairUserId: 'u.chair',
  quorumVotingMembers: 2,
  financeRequired: true,
  weekday: 2,
  timeOfDay: '10:00',
  cutOffWorkingDays: 2,
  durationMinutes: 180,
  createdAt: new Date(),
  members: [
    member('chair', 'CHAIR'),
    member('sc', 'SOCIAL_CARE'),
    member('fin', 'FINANCE'),
    member('edu', 'EDUCATION'),
    member('iro', 'IRO', false),
  ],
};

describe('quorum', () => {
  it('needs the chair and two voting members besides, including finance on a high-cost panel', () => {
    expect(quorumFor(panel, new Set(['chair', 'sc', 'fin']), new Set()).met).toBe(true);
    expect(quorumFor(panel, new Set(['chair', 'sc', 'edu']), new Set()).reasons).toEqual(['no finance member is present and free to vote']);
    expect(quorumFor(panel, new Set(['sc', 'fin', 'edu']), new Set()).reasons).toEqual(['the chair is not present']);
    // An advising member does not count towards the quorum.
    expect(quorumFor(panel, new Set(['chair', 'fin', 'iro']), new Set()).reasons).toEqual([
      '1 voting members besides the chair are present and not conflicted; the quorum is 2',
    ]);
  });

  it('does not count a conflicted member, and a conflicted chair cannot decide', () => {
    const q = quorumFor(panel, new Set(['chair', 'sc', 'fin']), new Set(['fin']));
    expect(q.met).toBe(false);
    expect(q.conflicted).toEqual(['u.fin']);
    expect(quorumFor(panel, new Set(['chair', 'sc', 'fin', 'edu']), new Set(['chair'])).reasons).toEqual([
      'the chair declared a conflict of interest on this case',
    ]);
    expect(quorumFor(panel, new Set(['chair', 'sc', 'fin', 'edu']), new Set(['sc'])).met).toBe(true);
  });
});

describe('timers', () => {
  const opened = new Date('2026-11-20T10:00:00Z');
  it('sets a reminder before the deadline and the escalation at it; a retrospective case escalates as such', () => {
    const due = new Date('2026-11-27T17:00:00Z');
    expect(
      timersFor({ id: 'c', localAuthority: 'la', decisionDue: due, openedAt: opened, retrospective: false }, 86_400_000).map((t) => [
        t.kind,
        new Date(t.fireAt).toISOString(),
      ]),
    ).toEqual([
      ['REMINDER', '2026-11-26T17:00:00.000Z'],
      ['DECISION_OVERDUE', '2026-11-27T17:00:00.000Z'],
    ]);
    expect(
      timersFor({ id: 'c', localAuthority: 'la', decisionDue: due, openedAt: opened, retrospective: true }, 0).map((t) => t.kind),
    ).toEqual(['RETROSPECTIVE_OVERDUE']);
    // No reminder before the case existed; no timers without a deadline.
    expect(
      timersFor(
        { id: 'c', localAuthority: 'la', decisionDue: new Date('2026-11-20T12:00:00Z'), openedAt: opened, retrospective: false },
        86_400_000,
      ).map((t) => t.kind),
    ).toEqual(['DECISION_OVERDUE']);
    expect(timersFor({ id: 'c', localAuthority: 'la', decisionDue: null, openedAt: opened, retrospective: false }, 0)).toEqual([]);
  });
});
