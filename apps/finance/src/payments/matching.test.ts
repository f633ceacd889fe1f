import { describe, expect, it } from 'vitest';
import { allocate, matchInvoice, schedulePeriods, uncovered, type EarlierInvoice, type InvoiceClaim } from './matching.js';

// £5,000 a week from Mon 4 Jan 2027, uplifted to £5,250 on 1 April, ending 30 June 2027.
const agreement = {
  start: '2027-01-04',
  end: '2027-06-30',
  prices: [
    { from: '2027-01-04', weeklyPence: 500_000 },
    { from: '2027-04-01', weeklyPence: 525_000 },
  ],
  basis: '365/7' as const,
};
const january: InvoiceClaim = {
  reference: 'BW-0001',
  periodFrom: '2027-01-04',
  periodTo: '2027-01-31',
  daysClaimed: 28,
  weeklyRatePence: 500_000,
  amountPence: 2_000_000,
};
const paid: EarlierInvoice[] = [
  { id: 'a', reference: 'BW-0001', periodFrom: '2027-01-04', periodTo: '2027-01-31', amountPence: 2_000_000, duplicate: false },
];
const kinds = (claim: InvoiceClaim, earlier: EarlierInvoice[] = paid) =>
  matchInvoice(claim, agreement, earlier).discrepancies.map((d) => d.kind);

describe('invoice matching', () => {
  it('matches an invoice that agrees: 28 days at 500000 = 2,000,000', () => {
    expect(matchInvoice(january, agreement, [])).toEqual({ discrepancies: [], expectedPence: 2_000_000, billableDays: 28 });
  });

  it('flags a wrong rate', () => {
    const r = matchInvoice(
      {
        reference: 'BW-0002',
        periodFrom: '2027-02-01',
        periodTo: '2027-02-28',
        daysClaimed: 28,
        weeklyRatePence: 520_000,
        amountPence: 2_080_000,
      },
      agreement,
      paid,
    );
    expect(r.discrepancies).toEqual([
      { kind: 'WRONG_RATE', detail: 'invoiced at £5,200.00 a week; agreed £5,000.00 a week for this period' },
    ]);
    expect(r.expectedPence).toBe(2_000_000);
  });

  it('flags the old rate charged after the uplift, and expects each rate for its days', () => {
    // 22-31 Mar: 10 days at 500000 = 714,285.71 -> 714,286; 1-18 Apr: 18 days at 525000 = 1,350,000
    const r = matchInvoice(
      {
        reference: 'BW-0003',
        periodFrom: '2027-03-22',
        periodTo: '2027-04-18',
        daysClaimed: 28,
        weeklyRatePence: 500_000,
        amountPence: 2_000_000,
      },
      agreement,
      paid,
    );
    expect(r.discrepancies.map((d) => d.kind)).toEqual(['WRONG_RATE']);
    expect(r.expectedPence).toBe(2_064_286);
  });

  it('flags a duplicate: the same reference, or the same period and amount', () => {
    expect(kinds(january)).toEqual(['DUPLICATE_INVOICE']);
    expect(kinds({ ...january, reference: 'BW-0001-COPY' })).toEqual(['DUPLICATE_INVOICE']);
  });

  it('flags days outside the placement', () => {
    // 15 Jun to 12 Jul: 16 days within the placement (to 30 Jun), 12 after; 16 days claimed at 525000 = 1,200,000
    const r = matchInvoice(
      {
        reference: 'BW-0009',
        periodFrom: '2027-06-15',
        periodTo: '2027-07-12',
        daysClaimed: 16,
        weeklyRatePence: 525_000,
        amountPence: 1_200_000,
      },
      agreement,
      paid,
    );
    expect(r.discrepancies).toEqual([
      { kind: 'DAYS_OUTSIDE_PLACEMENT', detail: '12 of 28 days fall outside the placement (2027-01-04 to 2027-06-30): 0 before, 12 after' },
    ]);
    expect(r.expectedPence).toBe(1_200_000);
    expect(
      kinds(
        {
          reference: 'BW-0000',
          periodFrom: '2026-12-28',
          periodTo: '2027-01-03',
          daysClaimed: 0,
          weeklyRatePence: 500_000,
          amountPence: 0,
        },
        [],
      ),
    ).toEqual(['DAYS_OUTSIDE_PLACEMENT']);
  });

  it('flags over-claimed days: more than the period holds, or days already invoiced', () => {
    // 30 days claimed in a 28-day period: 30 x 500000 / 7 = 2,142,857.14 -> 2,142,857 (the arithmetic itself is right)
    expect(
      kinds({
        reference: 'BW-0004',
        periodFrom: '2027-03-01',
        periodTo: '2027-03-28',
        daysClaimed: 30,
        weeklyRatePence: 500_000,
        amountPence: 2_142_857,
      }),
    ).toEqual(['OVER_CLAIMED_DAYS']);
    // 25 Jan to 21 Feb overlaps January's invoice by 7 days: 21 billable, 28 claimed
    const r = matchInvoice(
      {
        reference: 'BW-0005',
        periodFrom: '2027-01-25',
        periodTo: '2027-02-21',
        daysClaimed: 28,
        weeklyRatePence: 500_000,
        amountPence: 2_000_000,
      },
      agreement,
      paid,
    );
    expect(r.discrepancies).toEqual([
      { kind: 'OVER_CLAIMED_DAYS', detail: '28 days claimed; 21 billable (28 within the placement, 7 already invoiced)' },
    ]);
    expect(r.expectedPence).toBe(1_500_000); // 21 days x 500000 / 7
  });

  it('flags an amount that is not the days at the rate', () => {
    expect(
      kinds({
        reference: 'BW-0006',
        periodFrom: '2027-03-01',
        periodTo: '2027-03-28',
        daysClaimed: 28,
        weeklyRatePence: 500_000,
        amountPence: 2_100_000,
      }),
    ).toEqual(['AMOUNT_MISMATCH']);
    expect(
      matchInvoice({ ...january, reference: 'BW-0006', amountPence: 2_100_000 }, agreement, []).discrepancies.map((d) => d.detail),
    ).toEqual(['28 days at £5,000.00 a week is £20,000.00, not £21,000.00']);
  });
});

describe('payments', () => {
  it('split by financial year in proportion to days, with the commitment each part replaces', () => {
    // 2,064,286 over 22 Mar to 18 Apr: 10/28 in 2026-27 = 737,245; the rest, 1,327,041, in 2027-28
    expect(allocate(2_064_286, [{ from: '2027-03-22', to: '2027-04-18' }], agreement.prices, '365/7')).toEqual([
      { financialYear: 2026, paidPence: 737_245, releasedPence: 714_286 },
      { financialYear: 2027, paidPence: 1_327_041, releasedPence: 1_350_000 },
    ]);
  });

  it('leave out what is covered already', () => {
    expect(
      uncovered({ from: '2027-01-01', to: '2027-01-31' }, [
        { from: '2027-01-10', to: '2027-01-12' },
        { from: '2027-01-30', to: '2027-02-05' },
      ]),
    ).toEqual([
      { from: '2027-01-01', to: '2027-01-09' },
      { from: '2027-01-13', to: '2027-01-29' },
    ]);
  });

  it('are scheduled four-weekly or monthly in arrears', () => {
    expect(schedulePeriods('2027-01-04', '2027-03-31', 'FOUR_WEEKLY', 0)).toEqual([
      { from: '2027-01-04', to: '2027-01-31', dueOn: '2027-02-01' },
      { from: '2027-02-01', to: '2027-02-28', dueOn: '2027-03-01' },
      { from: '2027-03-01', to: '2027-03-28', dueOn: '2027-03-29' },
      { from: '2027-03-29', to: '2027-03-31', dueOn: '2027-04-01' },
    ]);
    expect(schedulePeriods('2027-01-31', '2027-04-29', 'MONTHLY', 14)).toEqual([
      { from: '2027-01-31', to: '2027-02-27', dueOn: '2027-03-14' },
      { from: '2027-02-28', to: '2027-03-30', dueOn: '2027-04-14' },
      { from: '2027-03-31', to: '2027-04-29', dueOn: '2027-05-14' },
    ]);
  });
});
