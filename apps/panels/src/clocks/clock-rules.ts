import { DeadlinePurpose } from '@placewise/contracts';
import { addMonths, endOfLondonDay, londonDayOf } from '@placewise/contracts/dates';
import { z } from 'zod';
import type { ClockStatus } from '../stored-enums.js';

/**
 * What a statutory clock is and who owns it: pure functions and tables, no database or clock.
 * A clock comes from each deadline the rules set on a request other than the decision itself
 * (DECISION deadlines are the case's own timers, src/timers).
 */

/** The purposes that become clocks: every deadline purpose but the decision on the request. */
export const ClockPurpose = DeadlinePurpose.exclude(['DECISION']);
export type ClockPurpose = z.infer<typeof ClockPurpose>;

/** The roles that own clocks (as they appear in tokens); a clock's owner and escalation are stored as these. */
export const ClockRole = z.enum([
  'social-worker',
  'panel-chair',
  'approver:TM',
  'approver:SM',
  'approver:HOS',
  'approver:AD',
  'approver:DCS',
]);
export type ClockRole = z.infer<typeof ClockRole>;

export { ClockEventKind, ClockStatus } from '../stored-enums.js';

/** The series of a child's statutory reviews (CPPCR 2010 reg 33): one per child, whatever requests follow. */
export const REVIEW_SERIES = 'REVIEW';
/** The rules' deadlines that belong to the child's review series (the first starts it; the later ones are projections). */
const CHILD_REVIEW_DEADLINES = new Set(['deadline.first_review', 'deadline.second_review', 'deadline.third_review']);
export const isChildReview = (d: { id: string; purpose: DeadlinePurpose }) => d.purpose === 'REVIEW' && CHILD_REVIEW_DEADLINES.has(d.id);

/**
 * Clocks that run on the child's legal position, not on a placement: police protection, emergency
 * protection, secure accommodation without an order, care proceedings. The same deadline (id and
 * due time) from several requests for the child is one clock, and a declined placement does not stop it.
 */
export const CHILD_LEVEL: ReadonlySet<ClockPurpose> = new Set<ClockPurpose>(['LEGAL_AUTHORITY', 'COURT']);

/** The series a clock belongs to: the child's reviews; a legal deadline of the child's (by id and due time); or the request's deadline. */
export function seriesOf(requestId: string, d: { id: string; purpose: ClockPurpose; due: string }): string {
  if (isChildReview(d)) return REVIEW_SERIES;
  if (CHILD_LEVEL.has(d.purpose)) return `${d.id}@${new Date(d.due).toISOString()}`;
  return `${requestId}:${d.id}`;
}

/** Who owns each kind of clock in the council. */
export const OWNER: Record<ClockPurpose, ClockRole> = {
  PLACEMENT_PLAN: 'social-worker',
  VISIT: 'social-worker',
  NOTIFICATION: 'social-worker',
  // The IRO chairs the review; the team manager sees that it is held.
  REVIEW: 'approver:TM',
  RESPONSE: 'approver:TM',
  // Police protection, emergency protection, secure accommodation without an order.
  LEGAL_AUTHORITY: 'approver:SM',
  // Temporary approval of a connected person (16 weeks, and the 8-week extension), the transfer scheme.
  CARER_APPROVAL: 'approver:HOS',
  TRANSFER: 'approver:HOS',
  COURT: 'approver:AD',
  RATIFICATION: 'panel-chair',
  FUNDING_REVIEW: 'panel-chair',
};

/** The next tier: where a late clock goes. A panel chair's late clock goes to the assistant director; the director is the top. */
export const NEXT_TIER: Record<ClockRole, ClockRole> = {
  'social-worker': 'approver:TM',
  'approver:TM': 'approver:SM',
  'approver:SM': 'approver:HOS',
  'approver:HOS': 'approver:AD',
  'approver:AD': 'approver:DCS',
  'approver:DCS': 'approver:DCS',
  'panel-chair': 'approver:AD',
};

const RANK: Record<ClockRole, number> = {
  'social-worker': 0,
  'approver:TM': 1,
  'approver:SM': 2,
  'approver:HOS': 3,
  'approver:AD': 4,
  'approver:DCS': 5,
  'panel-chair': -1,
};

/** Whether someone with these roles may record a clock as done: its owner, who it escalates to, or a manager at or above either. */
export function mayComplete(roles: readonly string[], clock: { ownerRole: ClockRole; escalationRole: ClockRole }): boolean {
  const floor = clock.ownerRole === 'panel-chair' ? RANK[clock.escalationRole] : RANK[clock.ownerRole];
  return roles.some(
    (r) =>
      r === clock.ownerRole ||
      r === clock.escalationRole ||
      (r.startsWith('approver:') && ClockRole.safeParse(r).success && RANK[r as ClockRole] >= Math.max(floor, 1)),
  );
}

/** Managers (and auditors) may read any role's due list; everyone else their own roles'. */
export const mayReadOthers = (roles: readonly string[]) => roles.some((r) => r.startsWith('approver:') || r === 'auditor');

export const ROLE_WORDS: Record<ClockRole, string> = {
  'social-worker': 'the social worker',
  'panel-chair': 'the panel chair',
  'approver:TM': 'the team manager',
  'approver:SM': 'the service manager',
  'approver:HOS': 'the head of service',
  'approver:AD': 'the assistant director',
  'approver:DCS': "the Director of Children's Services",
};

const PURPOSE_WORDS: Record<ClockPurpose, string> = {
  RATIFICATION: 'Ratification of the emergency placement',
  PLACEMENT_PLAN: 'Placement plan agreed and signed',
  VISIT: "Social worker's first visit in the placement",
  REVIEW: "Child's looked-after review",
  FUNDING_REVIEW: "Review of the placement's funding",
  NOTIFICATION: 'Notification to the area authority',
  RESPONSE: "Manager's response to the IRO's alert",
  CARER_APPROVAL: 'Temporary approval of a connected person as foster carer ends',
  LEGAL_AUTHORITY: 'Legal authority for the placement ends',
  COURT: 'Care proceedings to be completed within 26 weeks',
  TRANSFER: 'National Transfer Scheme transfer',
};

const DEADLINE_WORDS: Record<string, string> = {
  'deadline.police_protection': 'Police protection ends (72 hours)',
  'deadline.epo': 'Emergency protection order ends',
  'deadline.secure_without_order': 'Secure accommodation without a court order must end',
  'deadline.connected_person_temp': 'Temporary approval of a connected person ends (16 weeks)',
  'deadline.connected_person_final': 'Extended temporary approval of a connected person ends (24 weeks)',
  'deadline.emergency_review': 'Emergency placement planning meeting',
};

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const ordinal = (n: number) => ORDINALS[n - 1] ?? `${n}th`;

/** What the clock is for, in words. */
export function clockWhat(c: { purpose: ClockPurpose; deadlineId: string; series: string; sequence: number }): string {
  if (c.series === REVIEW_SERIES) return `Child's ${ordinal(c.sequence)} looked-after review`;
  return DEADLINE_WORDS[c.deadlineId] ?? PURPOSE_WORDS[c.purpose];
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** A London day in words: "18 December 2026". */
export function dayInWords(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

const H = 3_600_000;
const D = 24 * H;
const W = 7 * D;

/** How long before its deadline each kind of clock reminds its owner (configurable: CLOCK_REMINDER_LEAD_MS). */
export const DEFAULT_REMINDER_LEAD_MS: Record<ClockPurpose, number> = {
  RATIFICATION: D,
  PLACEMENT_PLAN: 2 * D,
  VISIT: 2 * D,
  REVIEW: 10 * D,
  FUNDING_REVIEW: 28 * D,
  NOTIFICATION: 2 * D,
  RESPONSE: 2 * D,
  // 16 weeks: at week 12, 24 weeks: at week 20.
  CARER_APPROVAL: 4 * W,
  // Police protection (72 hours): at 48 hours.
  LEGAL_AUTHORITY: 24 * H,
  // Care proceedings: the warning falls in week 20 of the 26 (6 weeks and 6 days before the end of week 26).
  COURT: 6 * W + 6 * D,
  TRANSFER: 3 * D,
};

/** A timing setting: one number of ms for every purpose, or JSON by purpose with "*" for the rest. */
const TimingMap = z.partialRecord(
  z.enum([...ClockPurpose.options, '*']),
  z
    .number()
    .int()
    .min(0)
    .max(366 * D),
);
export type TimingMap = z.infer<typeof TimingMap>;
export const ClockTimings = z.string().transform((text, ctx): TimingMap => {
  const t = text.trim();
  if (/^\d+$/.test(t)) return { '*': Number(t) };
  let json: unknown;
  try {
    json = JSON.parse(t);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'a number of ms, or JSON such as {"VISIT": 172800000, "*": 86400000}' });
    return z.NEVER;
  }
  const r = TimingMap.safeParse(json);
  if (!r.success) {
    ctx.addIssue({ code: 'custom', message: r.error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; ') });
    return z.NEVER;
  }
  return r.data;
});

export interface ClockTimingConfig {
  reminderLeadMs?: TimingMap | undefined;
  escalationAfterMs?: TimingMap | undefined;
}

const pick = (map: TimingMap | undefined, purpose: ClockPurpose, fallback: number) => map?.[purpose] ?? map?.['*'] ?? fallback;

/**
 * When a clock reminds and escalates. The reminder is lead before the deadline, if that is after the
 * clock was created (as for decision deadlines: a reminder already past is not sent); the escalation
 * is at the deadline plus the purpose's grace.
 */
export function clockTimes(
  purpose: ClockPurpose,
  dueAt: Date,
  createdAt: Date,
  cfg: ClockTimingConfig,
): { remindAt: Date | null; escalateAt: Date } {
  const lead = pick(cfg.reminderLeadMs, purpose, DEFAULT_REMINDER_LEAD_MS[purpose]);
  const after = pick(cfg.escalationAfterMs, purpose, 0);
  const remind = dueAt.getTime() - lead;
  return {
    remindAt: lead > 0 && remind > createdAt.getTime() ? new Date(remind) : null,
    escalateAt: new Date(dueAt.getTime() + after),
  };
}

/**
 * The next review of a child's series after one held on `heldOn` (CPPCR 2010 reg 33): the second no
 * later than 3 months after the first, each later one no later than 6 months after the one before.
 * Due at the end of that London day.
 */
export function nextReview(heldSequence: number, heldOn: string): { sequence: number; due: Date; text: string; months: number } {
  const months = heldSequence === 1 ? 3 : 6;
  const day = addMonths(heldOn, months);
  const regulation = heldSequence === 1 ? 'CPPCR 2010 reg 33(2)' : 'CPPCR 2010 reg 33(3)';
  return {
    sequence: heldSequence + 1,
    due: new Date(endOfLondonDay(day)),
    months,
    text: `${heldSequence === 1 ? 'Second review' : 'Next review'}, no later than ${months} months after the review held on ${dayInWords(heldOn)} (${regulation}).`,
  };
}

export type ClockState = 'UPCOMING' | 'DUE_SOON' | 'LATE' | 'ESCALATED' | 'COMPLETED' | 'CANCELLED';

/** Where a clock stands now, and the sentence that says so. */
export function clockState(
  c: {
    status: ClockStatus;
    dueAt: Date;
    remindAt: Date | null;
    escalatedAt: Date | null;
    escalationRole: ClockRole;
    completedOn: string | null;
  },
  now: Date,
): { state: ClockState; text: string } {
  const due = dayInWords(londonDayOf(c.dueAt));
  if (c.status === 'COMPLETED') return { state: 'COMPLETED', text: `Done on ${dayInWords(c.completedOn!)} (was due ${due})` };
  if (c.status === 'CANCELLED') return { state: 'CANCELLED', text: `No longer needed (was due ${due})` };
  if (c.escalatedAt) return { state: 'ESCALATED', text: `Late (was due ${due}): escalated to ${ROLE_WORDS[c.escalationRole]}` };
  if (now >= c.dueAt) return { state: 'LATE', text: `Late: was due ${due}` };
  if (c.remindAt && now >= c.remindAt) return { state: 'DUE_SOON', text: `Due soon: ${due}` };
  return { state: 'UPCOMING', text: `Due ${due}` };
}
