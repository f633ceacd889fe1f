import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { Principal } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import { PrismaService, type Tx } from '../prisma.service.js';
import { CommitmentsRepository } from '../commitments/commitments.repository.js';
import { CouncilRepository } from '../council/council.repository.js';
import { asDate, dayOf, londonToday } from '@placewise/contracts/dates';
import { financialYearOf, grossCost, pence } from '../money.js';
import { ForecastService } from '../forecast/forecast.service.js';
import { PaymentsRepository } from './payments.repository.js';
import { allocate, matchInvoice, schedulePeriods, uncovered, type Discrepancy, type Frequency } from './matching.js';
import type { InvoiceInput, InvoiceQuery, PaymentInput } from './payments.dto.js';
import type { InvoiceStatus } from '../../generated/client/index.js';

/** Where a schedule period stands. */
type PeriodStatus = 'PAID' | 'QUERIED' | 'INVOICED' | 'OVERDUE' | 'DUE' | 'UPCOMING';

type PlacementTerms = NonNullable<Awaited<ReturnType<CommitmentsRepository['placementTerms']>>>;

const agreementOf = (p: PlacementTerms, basis: '365/7' | '52') => ({
  start: dayOf(p.startDate)!,
  end: dayOf(p.endDate) ?? dayOf(p.noticeEndDate) ?? dayOf(p.plannedEndDate),
  prices: p.prices.map((x) => ({ from: dayOf(x.effectiveFrom)!, weeklyPence: x.weeklyCostPence })),
  basis,
});

@Injectable()
export class PaymentsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: PaymentsRepository,
    private readonly commitments: CommitmentsRepository,
    private readonly council: CouncilRepository,
    private readonly forecast: ForecastService,
  ) {}

  private async placementOr404(localAuthority: string, id: string, tx: Tx = this.prisma) {
    const p = await this.commitments.placementTerms(localAuthority, id, tx);
    if (!p) throw new NotFoundException(`no placement ${id} in finance`);
    return p;
  }

  async setSchedule(
    user: Principal,
    placementId: string,
    input: { frequency: Frequency; firstPeriodStart?: string; paymentTermsDays: number },
  ) {
    await this.prisma.$transaction(async (tx) => {
      const p = await this.placementOr404(user.localAuthority, placementId, tx);
      await this.repo.saveSchedule(
        {
          placementId,
          localAuthority: user.localAuthority,
          frequency: input.frequency,
          firstPeriodStart: input.firstPeriodStart ? asDate(input.firstPeriodStart) : p.startDate,
          paymentTermsDays: input.paymentTermsDays,
          setBy: user.sub,
        },
        tx,
      );
    });
    return this.schedule(user, placementId);
  }

  /**
   * The placement's payment schedule (four-weekly in arrears from the start unless set otherwise) to
   * the end of its commitment: each period's expected payment at the agreed prices and where it stands.
   */
  async schedule(user: Principal, placementId: string, asOf: string = londonToday()) {
    const p = await this.placementOr404(user.localAuthority, placementId);
    const [s, basis, invoices] = await Promise.all([
      this.repo.schedule(user.localAuthority, placementId),
      this.council.annualisation(user.localAuthority),
      this.repo.invoices(user.localAuthority, { placementId }),
    ]);
    const a = agreementOf(p, basis);
    const lines = await this.commitments.lines(user.localAuthority, placementId);
    const until = lines.filter((l) => !l.supersededAt).reduce((m, l) => (dayOf(l.toDate)! > m ? dayOf(l.toDate)! : m), a.start);
    const frequency: Frequency = s?.frequency ?? 'FOUR_WEEKLY';
    const first = s ? dayOf(s.firstPeriodStart)! : a.start;
    const terms = s?.paymentTermsDays ?? 0;
    const periods = schedulePeriods(first, until, frequency, terms).map((per) => {
      const over = invoices.filter((i) => dayOf(i.periodFrom)! <= per.to && dayOf(i.periodTo)! >= per.from);
      const status: PeriodStatus = over.some((i) => i.status === 'PAID')
        ? 'PAID'
        : over.some((i) => i.status === 'QUERIED')
          ? 'QUERIED'
          : over.length
            ? 'INVOICED'
            : per.dueOn < asOf
              ? 'OVERDUE'
              : per.to < asOf
                ? 'DUE'
                : 'UPCOMING';
      return { ...per, expectedPence: grossCost(a.prices, per.from, per.to, basis), status, invoices: over.map((i) => i.id) };
    });
    return { placementId, frequency, firstPeriodStart: first, paymentTermsDays: terms, inArrears: true, asOf, periods };
  }

  /** Records a provider's invoice and matches it against the agreement and the invoices before it. */
  async receive(user: Principal, placementId: string, input: InvoiceInput) {
    return this.prisma.$transaction(async (tx) => {
      const p = await this.placementOr404(user.localAuthority, placementId, tx);
      const earlier = await this.repo.invoicesForUpdate(user.localAuthority, placementId, tx);
      const basis = await this.council.annualisation(user.localAuthority, tx);
      const m = matchInvoice(
        input,
        agreementOf(p, basis),
        earlier.map((e) => ({
          id: e.id,
          reference: e.reference,
          periodFrom: dayOf(e.periodFrom)!,
          periodTo: dayOf(e.periodTo)!,
          amountPence: pence(e.amountPence),
          duplicate: e.discrepancies.some((d) => d.kind === 'DUPLICATE_INVOICE'),
        })),
      );
      const inv = await this.repo.createInvoice(
        {
          id: randomUUID(),
          localAuthority: user.localAuthority,
          placementId,
          providerId: p.providerId,
          reference: input.reference,
          periodFrom: asDate(input.periodFrom),
          periodTo: asDate(input.periodTo),
          daysClaimed: input.daysClaimed,
          weeklyRatePence: input.weeklyRatePence,
          amountPence: BigInt(input.amountPence),
          expectedPence: BigInt(m.expectedPence),
          status: m.discrepancies.length ? 'QUERIED' : 'MATCHED',
          discrepancies: m.discrepancies,
          receivedBy: user.sub,
        },
        tx,
      );
      return this.view({ ...inv, allocations: [] });
    });
  }

  /**
   * Pays an invoice: a matched one as invoiced; a queried one only with a resolution (and by default
   * what the agreement owes). The payment joins the year's actuals and replaces the commitment for
   * the days it covers; budget thresholds are judged again.
   */
  async pay(user: Principal, invoiceId: string, input: PaymentInput) {
    const la = user.localAuthority;
    return this.prisma.$transaction(async (tx) => {
      await this.council.lockCouncil(la, tx);
      if ((await this.repo.lockInvoice(la, invoiceId, tx)).length === 0) throw new NotFoundException(`no invoice ${invoiceId}`);
      const inv = (await this.repo.invoice(la, invoiceId, tx))!;
      if (inv.status === 'PAID')
        throw new ConflictException({
          statusCode: 409,
          message: `invoice ${inv.reference} is already paid`,
          errors: [{ field: 'invoiceId', reason: 'already paid' }],
        });
      if (inv.status === 'QUERIED' && !input.resolution) {
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: 'a queried invoice is paid only with a resolution',
          errors: [{ field: 'resolution', reason: 'is required to pay a queried invoice' }],
        });
      }
      const p = (await this.commitments.placementTerms(la, inv.placementId, tx))!;
      const basis = await this.council.annualisation(la, tx);
      const a = agreementOf(p, basis);
      const paidPence = input.amountPence ?? (inv.status === 'MATCHED' ? pence(inv.amountPence) : pence(inv.expectedPence));
      const from = dayOf(inv.periodFrom)! > a.start ? dayOf(inv.periodFrom)! : a.start;
      const to = a.end && a.end < dayOf(inv.periodTo)! ? a.end : dayOf(inv.periodTo)!;
      const before = (await this.repo.paidInvoices(la, inv.placementId, tx)).map((x) => ({
        from: dayOf(x.periodFrom)!,
        to: dayOf(x.periodTo)!,
      }));
      const billable = to < from ? [] : uncovered({ from, to }, before);
      const parts = billable.length
        ? allocate(paidPence, billable, a.prices, basis)
        : [{ financialYear: financialYearOf(dayOf(inv.periodFrom)!), paidPence, releasedPence: 0 }];
      await this.repo.markPaid(
        la,
        inv.id,
        { paidOn: asDate(input.paidOn), paidPence: BigInt(paidPence), paidBy: user.sub, resolution: input.resolution ?? null },
        tx,
      );
      await this.repo.allocate(
        parts.map((x) => ({
          id: randomUUID(),
          localAuthority: la,
          invoiceId: inv.id,
          financialYear: x.financialYear,
          category: p.category,
          paidPence: BigInt(x.paidPence),
          releasedPence: BigInt(x.releasedPence),
        })),
        tx,
      );
      for (const x of parts)
        await this.forecast.checkThresholds(tx, la, x.financialYear, [p.category], { localAuthority: la, correlationId: p.correlationId });
      return this.view((await this.repo.invoice(la, invoiceId, tx))!);
    });
  }

  async list(user: Principal, q: InvoiceQuery) {
    return (await this.repo.invoices(user.localAuthority, q)).map((i) => this.view({ ...i, allocations: [] }));
  }

  async get(user: Principal, id: string) {
    const inv = await this.repo.invoice(user.localAuthority, id);
    if (!inv) throw new NotFoundException(`no invoice ${id}`);
    return this.view(inv);
  }

  private view(i: {
    id: string;
    placementId: string;
    providerId: string | null;
    reference: string;
    periodFrom: Date;
    periodTo: Date;
    daysClaimed: number;
    weeklyRatePence: number;
    amountPence: bigint;
    expectedPence: bigint;
    status: InvoiceStatus;
    discrepancies: Discrepancy[];
    receivedBy: string;
    receivedAt: Date;
    paidOn: Date | null;
    paidPence: bigint | null;
    paidBy: string | null;
    resolution: string | null;
    allocations: { financialYear: number; category: string; paidPence: bigint; releasedPence: bigint }[];
  }) {
    return {
      id: i.id,
      placementId: i.placementId,
      providerId: i.providerId,
      reference: i.reference,
      periodFrom: dayOf(i.periodFrom),
      periodTo: dayOf(i.periodTo),
      daysClaimed: i.daysClaimed,
      weeklyRatePence: i.weeklyRatePence,
      amountPence: pence(i.amountPence),
      expectedPence: pence(i.expectedPence),
      status: i.status,
      discrepancies: i.discrepancies,
      receivedBy: i.receivedBy,
      receivedAt: i.receivedAt.toISOString(),
      paidOn: dayOf(i.paidOn),
      paidPence: i.paidPence === null ? null : pence(i.paidPence),
      paidBy: i.paidBy,
      resolution: i.resolution,
      allocations: i.allocations.map((x) => ({
        financialYear: x.financialYear,
        category: x.category,
        paidPence: pence(x.paidPence),
        releasedPence: pence(x.releasedPence),
      })),
    };
  }
}
