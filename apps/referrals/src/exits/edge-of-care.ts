import { addMonths } from '@placewise/contracts/dates';

/** The months after a diversion at which a child is counted as kept out of care (or not). */
export const MILESTONES = [3, 6, 12] as const;

/** At a milestone: still out of care, entered care by then, or the milestone has not come yet. */
export type OutOfCareStatus = 'KEPT_OUT' | 'ENTERED_CARE' | 'NOT_YET_KNOWN';

/** A time in care, from the record's episodes or from an entry request's placement: its first day and last (null while open). */
export interface CarePeriod {
  from: string;
  until: string | null;
}

export interface Milestone {
  months: (typeof MILESTONES)[number];
  /** The London day the milestone falls on. */
  on: string;
  status: OutOfCareStatus;
}

/**
 * Whether a child diverted from care on `divertedOn` was kept out of care at 3, 6 and 12 months, as
 * known on `today`. A child is in care on any day inside one of `periods`; the first such day on or
 * after the diversion (and not after today) is when they entered care. At a milestone the child was
 * kept out only if they had not entered care by that day; a milestone still to come is not yet
 * known, unless the child has already entered care before it. Days are ISO London days.
 */
export function keptOutOfCare(
  divertedOn: string,
  periods: CarePeriod[],
  today: string,
): { enteredCareOn: string | null; milestones: Milestone[] } {
  const enteredCareOn =
    periods
      .filter((p) => p.until === null || p.until >= divertedOn)
      .map((p) => (p.from > divertedOn ? p.from : divertedOn))
      .filter((d) => d <= today)
      .sort()[0] ?? null;
  const milestones = MILESTONES.map((months) => {
    const on = addMonths(divertedOn, months);
    const status: OutOfCareStatus =
      enteredCareOn !== null && enteredCareOn <= on ? 'ENTERED_CARE' : on <= today ? 'KEPT_OUT' : 'NOT_YET_KNOWN';
    return { months, on, status };
  });
  return { enteredCareOn, milestones };
}

/** Counts by milestone: how many were kept out, entered care, or are not yet known. */
export function milestoneCounts(entries: { milestones: Milestone[] }[]) {
  return MILESTONES.map((months) => {
    const at = entries.map((e) => e.milestones.find((m) => m.months === months)!.status);
    return {
      months,
      keptOut: at.filter((s) => s === 'KEPT_OUT').length,
      enteredCare: at.filter((s) => s === 'ENTERED_CARE').length,
      notYetKnown: at.filter((s) => s === 'NOT_YET_KNOWN').length,
    };
  });
}
