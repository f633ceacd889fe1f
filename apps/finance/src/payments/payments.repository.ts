import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Prisma } from '../../generated/client/index.js';

@Injectable()
export class PaymentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  schedule(placementId: string, tx: Tx = this.prisma) {
    return tx.paymentSchedule.findUnique({ where: { placementId } });
  }

  saveSchedule(
    data: {
      placementId: string;
      localAuthority: string;
      frequency: string;
      firstPeriodStart: Date;
      paymentTermsDays: number;
      setBy: string;
    },
    tx: Tx,
  ) {
    const { placementId, ...rest } = data;
    return tx.paymentSchedule.upsert({ where: { placementId }, create: data, update: rest });
  }

  /** A placement's invoices, oldest first; locked, so two invoices for one placement are matched one after the other. */
  async invoicesForUpdate(placementId: string, tx: Tx) {
    await tx.$executeRawUnsafe(`SELECT 1 FROM placement WHERE id = $1::uuid FOR UPDATE`, placementId);
    return tx.invoice.findMany({ where: { placementId }, orderBy: { receivedAt: 'asc' } });
  }

  invoices(localAuthority: string, where: { placementId?: string; status?: string }, take = 500) {
    return this.prisma.invoice.findMany({ where: { localAuthority, ...where }, orderBy: [{ receivedAt: 'asc' }], take });
  }

  createInvoice(data: Prisma.InvoiceUncheckedCreateInput, tx: Tx) {
    return tx.invoice.create({ data });
  }

  lockInvoice(localAuthority: string, id: string, tx: Tx) {
    return tx.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id::text FROM invoice WHERE id = $1::uuid AND local_authority = $2 FOR UPDATE`,
      id,
      localAuthority,
    );
  }

  invoice(localAuthority: string, id: string, tx: Tx = this.prisma) {
    return tx.invoice.findFirst({ where: { id, localAuthority }, include: { allocations: { orderBy: { financialYear: 'asc' } } } });
  }

  /** The invoices of a placement already paid (their periods are not paid twice). */
  paidInvoices(placementId: string, tx: Tx) {
    return tx.invoice.findMany({ where: { placementId, status: 'PAID' } });
  }

  markPaid(id: string, data: { paidOn: Date; paidPence: bigint; paidBy: string; resolution: string | null }, tx: Tx) {
    return tx.invoice.update({ where: { id }, data: { ...data, status: 'PAID' } });
  }

  allocate(data: Prisma.PaymentAllocationUncheckedCreateInput[], tx: Tx) {
    return tx.paymentAllocation.createMany({ data });
  }
}
