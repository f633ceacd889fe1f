import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Invoice as InvoiceRow, InvoiceStatus, PaymentFrequency, Prisma } from '../../generated/client/index.js';
import { Discrepancy } from './matching.js';

const Discrepancies = z.array(Discrepancy);

/** An invoice with its discrepancies parsed (the column is JSON). */
export type Invoice = Omit<InvoiceRow, 'discrepancies'> & { discrepancies: Discrepancy[] };

const parsed = <R extends InvoiceRow>(row: R): Omit<R, 'discrepancies'> & { discrepancies: Discrepancy[] } => ({
  ...row,
  discrepancies: Discrepancies.parse(row.discrepancies),
});

@Injectable()
export class PaymentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  schedule(localAuthority: string, placementId: string, tx: Tx = this.prisma) {
    return tx.paymentSchedule.findUnique({ where: { placementId, localAuthority } });
  }

  /** Changes the council's schedule for the placement, else writes one (another council's is never matched; its key clashes). */
  async saveSchedule(
    data: {
      placementId: string;
      localAuthority: string;
      frequency: PaymentFrequency;
      firstPeriodStart: Date;
      paymentTermsDays: number;
      setBy: string;
    },
    tx: Tx,
  ): Promise<void> {
    const { placementId, localAuthority, ...rest } = data;
    const { count } = await tx.paymentSchedule.updateMany({ where: { placementId, localAuthority }, data: rest });
    if (count === 0) await tx.paymentSchedule.create({ data });
  }

  /** A placement's invoices, oldest first; locked, so two invoices for one placement are matched one after the other. */
  async invoicesForUpdate(localAuthority: string, placementId: string, tx: Tx) {
    await tx.$executeRawUnsafe(
      `SELECT 1 FROM placement WHERE id = $1::uuid AND local_authority = $2 FOR UPDATE`,
      placementId,
      localAuthority,
    );
    return (await tx.invoice.findMany({ where: { placementId, localAuthority }, orderBy: { receivedAt: 'asc' } })).map(parsed);
  }

  async invoices(localAuthority: string, where: { placementId?: string; status?: InvoiceStatus }, take = 500) {
    return (await this.prisma.invoice.findMany({ where: { localAuthority, ...where }, orderBy: [{ receivedAt: 'asc' }], take })).map(
      parsed,
    );
  }

  async createInvoice(data: Omit<Prisma.InvoiceUncheckedCreateInput, 'discrepancies'> & { discrepancies: Discrepancy[] }, tx: Tx) {
    const discrepancies = data.discrepancies.map((d) => ({ kind: d.kind, detail: d.detail }));
    return parsed(await tx.invoice.create({ data: { ...data, discrepancies } }));
  }

  lockInvoice(localAuthority: string, id: string, tx: Tx) {
    return tx.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id::text FROM invoice WHERE id = $1::uuid AND local_authority = $2 FOR UPDATE`,
      id,
      localAuthority,
    );
  }

  async invoice(localAuthority: string, id: string, tx: Tx = this.prisma) {
    const row = await tx.invoice.findFirst({
      where: { id, localAuthority },
      include: { allocations: { orderBy: { financialYear: 'asc' } } },
    });
    return row && parsed(row);
  }

  /** The invoices of a placement already paid (their periods are not paid twice). */
  async paidInvoices(localAuthority: string, placementId: string, tx: Tx) {
    return (await tx.invoice.findMany({ where: { placementId, localAuthority, status: 'PAID' } })).map(parsed);
  }

  /** Marks one invoice of the council paid; another council's id changes nothing and throws. */
  async markPaid(
    localAuthority: string,
    id: string,
    data: { paidOn: Date; paidPence: bigint; paidBy: string; resolution: string | null },
    tx: Tx,
  ): Promise<void> {
    const { count } = await tx.invoice.updateMany({ where: { id, localAuthority }, data: { ...data, status: 'PAID' } });
    if (count !== 1) throw new Error(`invoice ${id} is not in ${localAuthority}`);
  }

  allocate(data: Prisma.PaymentAllocationUncheckedCreateInput[], tx: Tx) {
    return tx.paymentAllocation.createMany({ data });
  }
}
