import { pounds } from '@placewise/contracts';
import { addCalendarDays, addMonths } from '@placewise/contracts/dates';
import { z } from 'zod';
import { costOfDays, daysInclusive, financialYearOf, fyEnd, grossCost, type Annualisation, type PricePeriod } from '../money.js';
import type { PaymentFrequency } from '../../generated/client/index.js';

/** What can be wrong with an invoice, as stored in its `discrepancies` (parsed by PaymentsRepository). */
export const Discrepancy = z.object({
  kind: z.enum(['WRONG_RATE', 'DAYS_OUTSIDE_PLACEMENT', 'DUPLICATE_INVOICE', 'OVER_CLAIMED_DAYS', 'AMOUNT_MISMATCH']),
  detail: z.string(),
});
export type Discrepancy = z.infer<typeof Discrepancy>;
export type DiscrepancyKind = Discrepancy['kind'];

export interface InvoiceClaim {
  reference: string;
  periodFrom: string;
  periodTo: string;
  daysClaimed: number;
  weeklyRatePence: number;
  amountPence: number;
}

export interface EarlierInvoice {
  id: string;
  reference: string;
  periodFrom: string;
  periodTo: string;
  amountPence: number;
  duplicate: boolean;
}

export interface Agreement {
  start: string;
  /** The last day of the placement (ended, notice or planned end), if known. */
  end: string | null;
  prices: PricePeriod[];
  basis: Annualisation;
}

export interface Range {
  from: string;
  to: string;
}

const maxD = (a: string, b: string) => (a > b ? a : b);
const minD = (a: string, b: string) => (a < b ? a : b);

/** Parts of `r` not covered by any of `cover`. */
export function uncovered(r: Range, cover: Range[]): Range[] {
  let parts: Range[] = [r];
  for (const c of cover) {
    const next: Range[] = [];
    for (const p of parts) {
      if (c.to < p.from || c.from > p.to) {
        next.push(p);
        continue;
      }
      if (c.from > p.from) next.push({ from: p.from, to: addCalendarDays(c.from, -1) });
      if (c.to < p.to) next.push({ from: addCalendarDays(c.to, 1), to: p.to });
    }
    parts = next;
  }
  return parts;
}

const days = (rs: Range[]) => rs.reduce((a, r) => a + daysInclusive(r.from, r.to), 0);

/**
 * Matches an invoice against the placement agreement and the invoices before it. Each discrepancy is
 * judged on its own, so one invoice can carry several:
 * - DUPLICATE_INVOICE: the reference was invoiced before, or an earlier invoice has the same period and amount;
 * - DAYS_OUTSIDE_PLACEMENT: the period has days before the start or after the end;
 * - OVER_CLAIMED_DAYS: more days claimed than the period has within the placement, or days already invoiced;
 * - WRONG_RATE: the weekly rate is not the agreed price for (part of) the period;
 * - AMOUNT_MISMATCH: the amount is not the claimed days at the claimed rate.
 * `expectedPence` is what the agreement owes: the agreed prices for the period's days within the
 * placement that no earlier (non-duplicate) invoice covers.
 */
export function matchInvoice(
  claim: InvoiceClaim,
  agreement: Agreement,
  earlier: EarlierInvoice[],
): { discrepancies: Discrepancy[]; expectedPence: number; billableDays: number } {
  const out: Discrepancy[] = [];
  const dup =
    earlier.find((e) => e.reference === claim.reference) ??
    earlier.find((e) => e.periodFrom === claim.periodFrom && e.periodTo === claim.periodTo && e.amountPence === claim.amountPence);
  if (dup)
    out.push({
      kind: 'DUPLICATE_INVOICE',
      detail:
        dup.reference === claim.reference
          ? `reference ${claim.reference} was invoiced before`
          : `same period and amount as invoice ${dup.reference}`,
    });

  const periodDays = daysInclusive(claim.periodFrom, claim.periodTo);
  const inFrom = maxD(claim.periodFrom, agreement.start);
  const inTo = agreement.end ? minD(claim.periodTo, agreement.end) : claim.periodTo;
  const inside = inTo < inFrom ? 0 : daysInclusive(inFrom, inTo);
  if (inside < periodDays) {
    const before =
      claim.periodFrom < agreement.start ? daysInclusive(claim.periodFrom, minD(addCalendarDays(agreement.start, -1), claim.periodTo)) : 0;
    const after = periodDays - inside - before;
    out.push({
      kind: 'DAYS_OUTSIDE_PLACEMENT',
      detail: `${periodDays - inside} of ${periodDays} days fall outside the placement (${agreement.start} to ${agreement.end ?? 'open'}): ${before} before, ${after} after`,
    });
  }

  const inRange = inside > 0 ? { from: inFrom, to: inTo } : null;
  const cover = earlier.filter((e) => !e.duplicate).map((e) => ({ from: e.periodFrom, to: e.periodTo }));
  const open = inRange ? uncovered(inRange, cover) : [];
  const billableDays = days(open);
  const already = inside - billableDays;
  if (!dup && (claim.daysClaimed > billableDays || claim.daysClaimed > periodDays)) {
    out.push({
      kind: 'OVER_CLAIMED_DAYS',
      detail: `${claim.daysClaimed} days claimed; ${billableDays} billable (${inside} within the placement, ${already} already invoiced)`,
    });
  }

  if (inRange) {
    const agreed = new Set<number>();
    const sorted = [...agreement.prices].sort((a, b) => (a.from < b.from ? -1 : 1));
    sorted.forEach((p, i) => {
      const pTo = sorted[i + 1] ? addCalendarDays(sorted[i + 1]!.from, -1) : '9999-12-31';
      if (p.from <= inRange.to && pTo >= inRange.from) agreed.add(p.weeklyPence);
    });
    const wrong = [...agreed].filter((r) => r !== claim.weeklyRatePence);
    if (wrong.length)
      out.push({
        kind: 'WRONG_RATE',
        detail: `invoiced at ${pounds(claim.weeklyRatePence)} a week; agreed ${[...agreed].map(pounds).join(', ')} a week for this period`,
      });
  }

  const own = costOfDays(claim.weeklyRatePence, claim.daysClaimed, agreement.basis);
  if (own !== claim.amountPence)
    out.push({
      kind: 'AMOUNT_MISMATCH',
      detail: `${claim.daysClaimed} days at ${pounds(claim.weeklyRatePence)} a week is ${pounds(own)}, not ${pounds(claim.amountPence)}`,
    });

  const expectedPence = open.reduce((a, r) => a + grossCost(agreement.prices, r.from, r.to, agreement.basis), 0);
  return { discrepancies: out, expectedPence, billableDays };
}

/**
 * Splits a payment by financial year in proportion to the billable days in each (the remainder to
 * the last year), with the commitment each part replaces (the agreed cost of those days).
 */
export function allocate(
  paidPence: number,
  billable: Range[],
  prices: PricePeriod[],
  basis: Annualisation,
): { financialYear: number; paidPence: number; releasedPence: number }[] {
  const byYear = new Map<number, Range[]>();
  for (const r of billable) {
    for (let from = r.from; from <= r.to;) {
      const fy = financialYearOf(from);
      const to = minD(r.to, fyEnd(fy));
      byYear.set(fy, [...(byYear.get(fy) ?? []), { from, to }]);
      from = addCalendarDays(to, 1);
    }
  }
  const total = days(billable);
  const years = [...byYear.keys()].sort();
  let left = paidPence;
  return years.map((fy, i) => {
    const rs = byYear.get(fy)!;
    const share = i === years.length - 1 ? left : Math.round((paidPence * days(rs)) / total);
    left -= share;
    return { financialYear: fy, paidPence: share, releasedPence: rs.reduce((a, r) => a + grossCost(prices, r.from, r.to, basis), 0) };
  });
}

export type Frequency = PaymentFrequency;

/** The schedule's periods from its first start to `until`, the last one cut at `until`; each is paid in arrears `termsDays` after it ends. */
export function schedulePeriods(
  first: string,
  until: string,
  frequency: Frequency,
  termsDays: number,
  limit = 1000,
): { from: string; to: string; dueOn: string }[] {
  const out: { from: string; to: string; dueOn: string }[] = [];
  for (let from = first, i = 1; from <= until && out.length < limit; i++) {
    const next =
      frequency === 'WEEKLY'
        ? addCalendarDays(first, 7 * i)
        : frequency === 'FOUR_WEEKLY'
          ? addCalendarDays(first, 28 * i)
          : addMonths(first, i);
    const to = minD(addCalendarDays(next, -1), until);
    out.push({ from, to, dueOn: addCalendarDays(to, termsDays + 1) });
    from = next;
  }
  return out;
}
