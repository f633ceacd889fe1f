import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PrismaService } from '../prisma.service.js';

@Injectable()
export class BudgetsRepository {
  constructor(private readonly prisma: PrismaService) {}

  set(localAuthority: string, financialYear: number, category: string, amountPence: bigint, setBy: string) {
    return this.prisma.budget.upsert({
      where: { localAuthority_financialYear_category: { localAuthority, financialYear, category } },
      create: { id: randomUUID(), localAuthority, financialYear, category, amountPence, setBy },
      update: { amountPence, setBy },
    });
  }

  list(localAuthority: string, financialYear: number) {
    return this.prisma.budget.findMany({ where: { localAuthority, financialYear }, orderBy: { category: 'asc' } });
  }
}
