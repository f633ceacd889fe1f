import type { PlacementType, Provision } from '@placewise/contracts';
import { addCalendarDays, asDate, dayOf, daysBetween } from '@placewise/contracts/dates';

/** How a weekly cost becomes a daily one: weekly x 365/7 a year (the default), or weekly x 52. */
export type Annualisation = '365/7' | '52';

/** The year a financial year starts in (1 April to 31 March): 2026-04-01 and 2027-03-31 are both 2026. */
export function financialYearOf(date: string): number {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}

export function financialYearLabel(fy: number): string {
  return `${fy}-${String((fy + 1) % 100).padStart(2, '0')}`;
}

export const fyStart = (fy: number) => `${fy}-04-01`;
export const fyEnd = (fy: number) => `${fy + 1}-03-31`;

/** Pence as a JSON number: safe well beyond any council's budget (2^53 pence is £90 trillion). */
export const pence = (v: bigint | number | null | undefined) => Number(v ?? 0);

/**
 * The same calendar day `years` later, 29 February becoming 1 March in a common year (as a birthday
 * does). Not in @placewise/contracts/dates: its addMonths clamps 29 February to the 28th instead,
 * which would move the last day before 18 a day earlier.
 */
export function addYears(date: string, years: number): string {
  const d = asDate(date);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return dayOf(d);
}

/**
 * The last day a child can be in care before 18, from the age at the start (finance never has the
 * date of birth). A child aged `age` on `start` has its 18th birthday at the latest on
 * start + (18 - age) years (when it turned `age` that very day), so the day before that is the
 * latest possible last day: committing to it never under-commits. Null at 18 or over (no bound).
 */
export function lastDayBefore18(start: string, childAge: number): string | null {
  return childAge >= 18 ? null : addCalendarDays(addYears(start, 18 - childAge), -1);
}

/** Days from `from` to `to`, both included. */
export function daysInclusive(from: string, to: string): number {
  return daysBetween(from, to) + 1;
}

/** The cost in pence of `days` days at a weekly cost, rounded to the nearest penny. */
export function costOfDays(weeklyPence: number, days: number, basis: Annualisation): number {
  // Integer arithmetic until the one rounding: weekly x days / 7, or weekly x 52 x days / 365.
  return basis === '365/7' ? Math.round((weeklyPence * days) / 7) : Math.round((weeklyPence * 52 * days) / 365);
}

export interface CommitmentLine {
  financialYear: number;
  from: string;
  to: string;
  days: number;
  amountPence: number;
}

/**
 * A placement's commitment split by financial year: from its start to its planned end, or, with no
 * planned end, to the end of the financial year it starts in.
 */
export function commitmentLines(weeklyPence: number, start: string, plannedEnd: string | null, basis: Annualisation): CommitmentLine[] {
  const end = plannedEnd ?? fyEnd(financialYearOf(start));
  if (end < start) return [];
  const lines: CommitmentLine[] = [];
  for (let fy = financialYearOf(start); fyStart(fy) <= end; fy++) {
    const from = start > fyStart(fy) ? start : fyStart(fy);
    const to = end < fyEnd(fy) ? end : fyEnd(fy);
    const days = daysInclusive(from, to);
    lines.push({ financialYear: fy, from, to, days, amountPence: costOfDays(weeklyPence, days, basis) });
  }
  return lines;
}

export interface PricePeriod {
  /** The first day the weekly price applies. */
  from: string;
  weeklyPence: number;
}

export type ContributionKind = 'HEALTH' | 'EDUCATION' | 'UASC_GRANT';

export interface ContributionTerm {
  kind: ContributionKind;
  from: string;
  to: string | null;
  /** Partner contributions (HEALTH, EDUCATION) are weekly amounts. */
  weeklyPence?: number | null;
  /** Income (UASC_GRANT) is per night; each committed day is one night of care. */
  nightlyPence?: number | null;
}

export interface CostedLine extends CommitmentLine {
  /** The weekly price on the line's last day. */
  weeklyPence: number;
  grossPence: number;
  contributionsPence: number;
  incomePence: number;
}

const overlapDays = (a: string, b: string, c: string, d: string) => {
  const from = a > c ? a : c;
  const to = b < d ? b : d;
  return to < from ? 0 : daysInclusive(from, to);
};

/** The gross cost of [from, to] under a price history (sorted or not), each price period rounded once. */
export function grossCost(prices: PricePeriod[], from: string, to: string, basis: Annualisation): number {
  const sorted = [...prices].sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0));
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i]!;
    const next = sorted[i + 1];
    const pTo = next ? addCalendarDays(next.from, -1) : '9999-12-31';
    const days = overlapDays(from, to, p.from, pTo);
    if (days > 0) total += costOfDays(p.weeklyPence, days, basis);
  }
  return total;
}

/** The weekly price in force on a day (the start price before any change). */
export function priceOn(prices: PricePeriod[], date: string): number {
  let best: PricePeriod | undefined;
  for (const p of prices) if (p.from <= date && (!best || p.from > best.from)) best = p;
  return (best ?? [...prices].sort((x, y) => (x.from < y.from ? -1 : 1))[0])?.weeklyPence ?? 0;
}

export interface PlacementTerms {
  start: string;
  plannedEnd: string | null;
  noticeEnd: string | null;
  actualEnd: string | null;
  childAge: number;
  openEndedTo: 'YEAR_END' | 'AGE_18';
}

/**
 * The last day a placement is committed to: the day it ended if it has; else the end of its notice;
 * else its planned end; else (open-ended) the end of the financial year (the later of the start's and
 * `asOf`'s) or the last day before 18, as the council chooses. Never past the last day before 18.
 */
export function commitmentEnd(t: PlacementTerms, asOf: string): string {
  const bound18 = lastDayBefore18(t.start, t.childAge);
  const cap = (d: string) => (bound18 && bound18 < d ? bound18 : d);
  if (t.actualEnd) return t.actualEnd;
  if (t.noticeEnd) return cap(t.plannedEnd && t.plannedEnd < t.noticeEnd ? t.plannedEnd : t.noticeEnd);
  if (t.plannedEnd) return cap(t.plannedEnd);
  if (t.openEndedTo === 'AGE_18' && bound18) return bound18;
  const fy = Math.max(financialYearOf(t.start), financialYearOf(asOf));
  return cap(fyEnd(fy));
}

/**
 * A placement's commitment by financial year: the gross cost under its price history, less partner
 * contributions (weekly, annualised like the cost) and income (per night), each rounded once per
 * period and year. The net (`amountPence`) can be negative when income exceeds the cost.
 */
export function costedLines(
  prices: PricePeriod[],
  start: string,
  end: string,
  contributions: ContributionTerm[],
  basis: Annualisation,
): CostedLine[] {
  return commitmentLines(0, start, end, basis).map((l) => {
    const grossPence = grossCost(prices, l.from, l.to, basis);
    let contributionsPence = 0;
    let incomePence = 0;
    for (const c of contributions) {
      const days = overlapDays(l.from, l.to, c.from, c.to ?? '9999-12-31');
      if (days === 0) continue;
      if (c.kind === 'UASC_GRANT') incomePence += (c.nightlyPence ?? 0) * days;
      else contributionsPence += costOfDays(c.weeklyPence ?? 0, days, basis);
    }
    return {
      ...l,
      weeklyPence: priceOn(prices, l.to),
      grossPence,
      contributionsPence,
      incomePence,
      amountPence: grossPence - contributionsPence - incomePence,
    };
  });
}

/** The budget category a placement's cost falls in: the kind of placement, in-house or bought in. */
export function categoryOf(type: PlacementType, provision: Provision): string {
  const group: Record<PlacementType, string> = {
    INHOUSE_FOSTER: 'FOSTERING',
    KINSHIP_FOSTER: 'FOSTERING',
    IFA_FOSTER: 'FOSTERING',
    IFA_ENHANCED: 'FOSTERING',
    PARENT_CHILD_FOSTER: 'FOSTERING',
    RESIDENTIAL_FAMILY_CENTRE: 'PARENT_AND_CHILD',
    LA_CHILDRENS_HOME: 'RESIDENTIAL',
    PRIVATE_CHILDRENS_HOME: 'RESIDENTIAL',
    VOL_CHILDRENS_HOME: 'RESIDENTIAL',
    UNREGISTERED_CHILDRENS_HOME: 'RESIDENTIAL',
    RESIDENTIAL_SCHOOL: 'RESIDENTIAL',
    SECURE_CHILDRENS_HOME: 'SECURE',
    SUPPORTED_ACCOM_REGISTERED: 'SUPPORTED_ACCOMMODATION',
    SUPPORTED_ACCOM_UNREGISTERED: 'SUPPORTED_ACCOMMODATION',
    SUPPORTED_LODGINGS: 'SUPPORTED_ACCOMMODATION',
    OTHER_ARRANGEMENTS_UNREGULATED: 'SUPPORTED_ACCOMMODATION',
    PLACED_WITH_PARENTS: 'OTHER',
    HOSPITAL: 'OTHER',
  };
  return `${group[type]}_${provision}`;
}
