import { addMonths, addWorkingDays, isWorkingDay, subtractWorkingDays } from '@placewise/contracts/dates';

/**
 * When the child's case must next be reviewed, from the placement's start: the Care Planning,
 * Placement and Case Review (England) Regulations 2010 (SI 2010/959, "CPPCR"), reg 33:
 *
 * - (1) the first review within 20 working days of the date the child becomes looked after;
 * - (2) the second not more than three months after the first, then at intervals of not more than
 *   six months.
 *
 * And before a placement ends: the council may only end a placement following a review (reg 14(1),
 * save an immediate risk of significant harm, reg 14(3)), and a change of placement is a
 * significant change to the care plan, first considered at a review (reg 32(2)).
 *
 * Working days are the rules package's: Monday to Friday, not an England and Wales bank holiday.
 *
 * What this cannot know: commissioning does not record the reviews held (the IRO's record of the
 * child's case does). The schedule is the latest each review may be held by law if every earlier
 * one was held on its last permissible day, counted from this placement's start: exact for a child
 * who became looked after when the placement started; for a move, the child's existing cycle
 * (kept with the child's case) governs, and this placement's start is the best date commissioning has.
 */
export type ReviewKind = 'FIRST' | 'SECOND' | 'SUBSEQUENT' | 'BEFORE_END';

export interface ReviewDue {
  /** The last day the review may be held on (YYYY-MM-DD). */
  due: string;
  kind: ReviewKind;
  /** The review's number in the statutory cycle (1 = first); null for the review before the placement ends. */
  number: number | null;
  regulation: string;
}

export const REVIEW_REGULATIONS: Record<ReviewKind, string> = {
  FIRST: 'CPPCR 2010 reg 33(1): within 20 working days of becoming looked after',
  SECOND: 'CPPCR 2010 reg 33(2): not more than 3 months after the first review',
  SUBSEQUENT: 'CPPCR 2010 reg 33(2): not more than 6 months after the previous review',
  BEFORE_END: 'CPPCR 2010 reg 14(1) and reg 32(2): a placement ends, and a child moves, only after a review',
};

/** The n-th review's latest date (1 = first), counted from the placement's start. */
function reviewDate(startDate: string, n: number): string {
  let d = addWorkingDays(startDate, 20);
  if (n >= 2) d = addMonths(d, 3);
  for (let i = 3; i <= n; i++) d = addMonths(d, 6);
  return d;
}

/** The statutory review dates from the placement's start: the first `count` of them. */
export function reviewSchedule(startDate: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => reviewDate(startDate, i + 1));
}

/** The last working day on or before a date. */
export function lastWorkingDayBy(date: string): string {
  return isWorkingDay(date) ? date : subtractWorkingDays(date, 1);
}

export interface ReviewedPlacement {
  startDate: string;
  status: string;
  /** The notice's last day, when notice has been given. */
  noticeEndDate: string | null;
}

/**
 * The next review due on or after `today` (a London date), or null once the placement has ended.
 * Under notice, a review is due by the last working day of the placement, if none falls earlier.
 */
export function nextReview(p: ReviewedPlacement, today: string): ReviewDue | null {
  if (p.status === 'ENDED') return null;
  let n = 1;
  let due = reviewDate(p.startDate, 1);
  // Each review date is later than the last, so this ends; 6 months a step keeps it short.
  while (due < today) due = reviewDate(p.startDate, ++n);
  const scheduled: ReviewDue = {
    due,
    kind: n === 1 ? 'FIRST' : n === 2 ? 'SECOND' : 'SUBSEQUENT',
    number: n,
    regulation: REVIEW_REGULATIONS[n === 1 ? 'FIRST' : n === 2 ? 'SECOND' : 'SUBSEQUENT'],
  };
  if (p.status === 'NOTICE_GIVEN' && p.noticeEndDate) {
    const beforeEnd = lastWorkingDayBy(p.noticeEndDate);
    if (beforeEnd < scheduled.due) return { due: beforeEnd, kind: 'BEFORE_END', number: null, regulation: REVIEW_REGULATIONS.BEFORE_END };
  }
  return scheduled;
}
