import { addMonths, londonDayOf } from '@placewise/contracts/dates';
import type { ClockStatus } from '../stored-enums.js';
import type { ClockPurpose } from './clock-rules.js';

/**
 * Statutory clocks on time, month by month: pure (clocks and "now" in, figures out). A clock counts in
 * the London month of its due day. Done on or before the due day is on time; done after it is late;
 * not done and past its deadline is still open and late; not yet due is open. A clock no longer
 * needed (cancelled) is counted apart and left out of the rate.
 */

/** The kinds the oversight figures always show, even with nothing due: the child's reviews and the first visit. */
export const HEADLINE_KINDS: readonly ClockPurpose[] = ['REVIEW', 'VISIT'];

export interface IndicatorClock {
  purpose: ClockPurpose;
  status: ClockStatus;
  dueAt: Date;
  completedOn: string | null;
}

export interface MonthFigures {
  /** The month, YYYY-MM. */
  month: string;
  /** Clocks due in the month (not counting those no longer needed). */
  due: number;
  onTime: number;
  doneLate: number;
  /** Not done, and past the deadline. */
  openLate: number;
  /** Not done, and not yet due. */
  open: number;
  /** No longer needed (a declined placement's clocks). */
  cancelled: number;
  /** On time out of those done or late (due - open), to one decimal place; null when none. */
  onTimePercent: number | null;
}

export interface KindFigures {
  purpose: ClockPurpose;
  months: MonthFigures[];
  total: Omit<MonthFigures, 'month'>;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** A month (YYYY-MM) in words: "November 2026". */
export const monthInWords = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** The months from `from`'s to `to`'s (days, YYYY-MM-DD), as YYYY-MM. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = `${from.slice(0, 7)}-01`; d.slice(0, 7) <= to.slice(0, 7); d = addMonths(d, 1)) out.push(d.slice(0, 7));
  return out;
}

const percent = (onTime: number, judged: number) => (judged === 0 ? null : Math.round((onTime * 1000) / judged) / 10);

function empty(): Omit<MonthFigures, 'month' | 'onTimePercent'> {
  return { due: 0, onTime: 0, doneLate: 0, openLate: 0, open: 0, cancelled: 0 };
}

/**
 * Figures per kind and month for the months from `from` to `to`. Every kind in `HEADLINE_KINDS` is
 * listed, and any other kind with a clock due in the months; headline kinds first, then by name.
 */
export function clockIndicators(clocks: readonly IndicatorClock[], from: string, to: string, now: Date): KindFigures[] {
  const months = monthsBetween(from, to);
  const inRange = new Set(months);
  const byKind = new Map<ClockPurpose, Map<string, ReturnType<typeof empty>>>();
  const kindMonths = (k: ClockPurpose) => {
    let m = byKind.get(k);
    if (!m) byKind.set(k, (m = new Map(months.map((x) => [x, empty()]))));
    return m;
  };
  for (const k of HEADLINE_KINDS) kindMonths(k);
  for (const c of clocks) {
    const dueDay = londonDayOf(c.dueAt);
    if (!inRange.has(dueDay.slice(0, 7))) continue;
    const cell = kindMonths(c.purpose).get(dueDay.slice(0, 7))!;
    if (c.status === 'CANCELLED') {
      cell.cancelled++;
      continue;
    }
    cell.due++;
    if (c.status === 'COMPLETED') {
      if (c.completedOn !== null && c.completedOn <= dueDay) cell.onTime++;
      else cell.doneLate++;
    } else if (now >= c.dueAt) cell.openLate++;
    else cell.open++;
  }
  const order = (k: ClockPurpose) => {
    const i = HEADLINE_KINDS.indexOf(k);
    return i === -1 ? HEADLINE_KINDS.length : i;
  };
  return [...byKind.entries()]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([purpose, m]) => {
      const total = empty();
      const rows = months.map((month) => {
        const f = m.get(month)!;
        for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += f[key];
        return { month, ...f, onTimePercent: percent(f.onTime, f.due - f.open) };
      });
      return { purpose, months: rows, total: { ...total, onTimePercent: percent(total.onTime, total.due - total.open) } };
    });
}

/** Each kind of clock as a heading for people (plural: the figures count many). */
export const KIND_WORDS: Record<ClockPurpose, string> = {
  REVIEW: "Children's looked-after reviews",
  VISIT: "Social workers' first visits in the placement",
  PLACEMENT_PLAN: 'Placement plans agreed and signed',
  RATIFICATION: 'Ratifications of emergency placements',
  FUNDING_REVIEW: 'Reviews of placement funding',
  NOTIFICATION: 'Notifications to the area authority',
  RESPONSE: "Managers' responses to the IRO's alerts",
  CARER_APPROVAL: 'Temporary approvals of connected persons',
  LEGAL_AUTHORITY: 'Legal authority for placements',
  COURT: 'Care proceedings within 26 weeks',
  TRANSFER: 'National Transfer Scheme transfers',
};
