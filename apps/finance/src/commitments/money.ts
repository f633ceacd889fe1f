import type { PlacementType, Provision } from '@placewise/contracts';

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

const MS_PER_DAY = 86_400_000;
const toUtc = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** Days from `from` to `to`, both included. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / MS_PER_DAY) + 1;
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
