import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { BudgetEntryKind } from '../../generated/client/index.js';

@Injectable()
export class BudgetsRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(localAuthority: string, financialYear: number, category: string, tx: Tx) {
    return tx.budget.findUnique({ where: { localAuthority_financialYear_category: { localAuthority, financialYear, category } } });
  }

  set(localAuthority: string, financialYear: number, category: string, amountPence: bigint, setBy: string, tx: Tx) {
    return tx.budget.upsert({
      where: { localAuthority_financialYear_category: { localAuthority, financialYear, category } },
      create: { id: randomUUID(), localAuthority, financialYear, category, amountPence, setBy },
      update: { amountPence, setBy },
    });
  }

  log(
    data: {
      localAuthority: string;
      financialYear: number;
      category: string;
      kind: BudgetEntryKind;
      deltaPence: bigint;
      balancePence: bigint;
      reason: string | null;
      virementId: string | null;
      by: string;
    },
    tx: Tx,
  ) {
    return tx.budgetEntry.create({ data: { id: randomUUID(), ...data } });
  }

  createVirement(
    data: {
      id: string;
      localAuthority: string;
      financialYear: number;
      fromCategory: string;
      toCategory: string;
      amountPence: bigint;
      reason: string;
      by: string;
    },
    tx: Tx,
  ) {
    return tx.virement.create({ data });
  }

  list(localAuthority: string, financialYear: number) {
    return this.prisma.budget.findMany({ where: { localAuthority, financialYear }, orderBy: { category: 'asc' } });
  }

  entries(localAuthority: string, financialYear: number) {
    return this.prisma.budgetEntry.findMany({ where: { localAuthority, financialYear }, orderBy: [{ at: 'asc' }, { kind: 'desc' }] }); // a virement's two sides share a time: OUT, then IN
  }

  virements(localAuthority: string, financialYear: number) {
    return this.prisma.virement.findMany({ where: { localAuthority, financialYear }, orderBy: { at: 'asc' } });
  }
}
