import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@placewise/platform';
import { BudgetsRepository } from './budgets/budgets.repository.js';
import { CommitmentsRepository } from './commitments/commitments.repository.js';
import { financialYearLabel } from './commitments/money.js';
import type { CommitmentQuery, SetBudget } from './finance.dto.js';

const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;
/** Pence as a JSON number: safe well beyond any council's budget (2^53 pence is £90 trillion). */
const pence = (v: bigint | null | undefined) => Number(v ?? 0n);

@Injectable()
export class FinanceService {
  constructor(
    private readonly commitments: CommitmentsRepository,
    private readonly budgets: BudgetsRepository,
  ) {}

  async setBudget(user: Principal, input: SetBudget) {
    const b = await this.budgets.set(user.localAuthority, input.financialYear, input.category, BigInt(input.amountPence), user.sub);
    return { financialYear: b.financialYear, category: b.category, amountPence: pence(b.amountPence), setBy: b.setBy };
  }

  async budgetsFor(user: Principal, financialYear: number) {
    return (await this.budgets.list(user.localAuthority, financialYear)).map((b) => ({ financialYear: b.financialYear, category: b.category, amountPence: pence(b.amountPence) }));
  }

  async placement(user: Principal, id: string) {
    const p = await this.commitments.findPlacement(user.localAuthority, id);
    if (!p) throw new NotFoundException(`no placement ${id} in finance`);
    return {
      id: p.id,
      requestId: p.requestId,
      childId: p.childId,
      placementType: p.placementType,
      provision: p.provision,
      category: p.category,
      weeklyCostPence: p.weeklyCostPence,
      startDate: day(p.startDate),
      plannedEndDate: day(p.plannedEndDate),
      status: p.status,
      correlationId: p.correlationId,
      commitments: p.commitments.map((c) => this.commitmentView(c)),
    };
  }

  async list(user: Principal, q: CommitmentQuery) {
    const rows = await this.commitments.commitments(user.localAuthority, { ...(q.financialYear !== undefined ? { financialYear: q.financialYear } : {}), ...(q.placementId ? { placementId: q.placementId } : {}) }, q.take, q.skip);
    return rows.map((c) => this.commitmentView(c));
  }

  /** The year's position by category: budget, what is committed, the forecast, and the variance. */
  async forecast(user: Principal, financialYear: number) {
    const [committed, budgets] = await Promise.all([this.commitments.committedByCategory(user.localAuthority, financialYear), this.budgets.list(user.localAuthority, financialYear)]);
    const categories = new Set([...committed.map((c) => c.category), ...budgets.map((b) => b.category)]);
    const rows = [...categories].sort().map((category) => {
      const c = committed.find((x) => x.category === category);
      const budgetPence = pence(budgets.find((b) => b.category === category)?.amountPence);
      const committedPence = pence(c?._sum.amountPence);
      // Actuals paid and expected new starts join the forecast with the finance issue.
      const forecastPence = committedPence;
      return { category, budgetPence, committedPence, forecastPence, variancePence: forecastPence - budgetPence, placements: c?._count._all ?? 0 };
    });
    const sum = (k: 'budgetPence' | 'committedPence' | 'forecastPence' | 'variancePence') => rows.reduce((a, r) => a + r[k], 0);
    return {
      financialYear,
      label: financialYearLabel(financialYear),
      categories: rows,
      total: { budgetPence: sum('budgetPence'), committedPence: sum('committedPence'), forecastPence: sum('forecastPence'), variancePence: sum('variancePence') },
    };
  }

  private commitmentView(c: { id: string; placementId: string; financialYear: number; category: string; fromDate: Date; toDate: Date; days: number; weeklyCostPence: number; amountPence: bigint; basis: string }) {
    return {
      id: c.id,
      placementId: c.placementId,
      financialYear: c.financialYear,
      label: financialYearLabel(c.financialYear),
      category: c.category,
      from: day(c.fromDate),
      to: day(c.toDate),
      days: c.days,
      weeklyCostPence: c.weeklyCostPence,
      amountPence: pence(c.amountPence),
      basis: c.basis,
    };
  }
}
