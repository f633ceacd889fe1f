import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { Principal } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import { PrismaService } from '../prisma.service.js';
import { CouncilRepository } from '../council/council.repository.js';
import { pounds } from '@placewise/contracts';
import { financialYearLabel, pence } from '../money.js';
import { ForecastService } from '../forecast/forecast.service.js';
import { BudgetsRepository } from './budgets.repository.js';
import type { SetBudget, Virement } from './budgets.dto.js';

@Injectable()
export class BudgetsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: BudgetsRepository,
    private readonly council: CouncilRepository,
    private readonly forecast: ForecastService,
  ) {}

  /** Sets a category's budget for a year (logged as a change from what it was); thresholds are judged again. */
  async set(user: Principal, input: SetBudget) {
    const la = user.localAuthority;
    return this.prisma.$transaction(async (tx) => {
      await this.council.lockCouncil(la, tx);
      const before = await this.repo.find(la, input.financialYear, input.category, tx);
      const amount = BigInt(input.amountPence);
      const b = await this.repo.set(la, input.financialYear, input.category, amount, user.sub, tx);
      await this.repo.log(
        {
          localAuthority: la,
          financialYear: input.financialYear,
          category: input.category,
          kind: 'SET',
          deltaPence: amount - (before?.amountPence ?? 0n),
          balancePence: amount,
          reason: input.reason ?? null,
          virementId: null,
          by: user.sub,
        },
        tx,
      );
      await this.forecast.checkThresholds(tx, la, input.financialYear, [input.category], {
        localAuthority: la,
        correlationId: randomUUID(),
      });
      return { financialYear: b.financialYear, category: b.category, amountPence: pence(b.amountPence), setBy: b.setBy };
    });
  }

  /** A virement: one category's budget down, another's up, by the same amount, both logged; refused if it would leave a budget negative. */
  async vire(user: Principal, input: Virement) {
    const la = user.localAuthority;
    return this.prisma.$transaction(async (tx) => {
      await this.council.lockCouncil(la, tx);
      const from = await this.repo.find(la, input.financialYear, input.fromCategory, tx);
      const amount = BigInt(input.amountPence);
      const available = from?.amountPence ?? 0n;
      if (available < amount) {
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: `${categoryWords(input.fromCategory)} has ${pounds(available)} budgeted in ${financialYearLabel(input.financialYear)}: it cannot give ${pounds(amount)}`,
          errors: [{ field: 'amountPence', reason: `more than the ${pounds(available)} budgeted in ${categoryWords(input.fromCategory)}` }],
        });
      }
      const to = await this.repo.find(la, input.financialYear, input.toCategory, tx);
      const id = randomUUID();
      await this.repo.createVirement(
        {
          id,
          localAuthority: la,
          financialYear: input.financialYear,
          fromCategory: input.fromCategory,
          toCategory: input.toCategory,
          amountPence: amount,
          reason: input.reason,
          by: user.sub,
        },
        tx,
      );
      const fromBalance = available - amount;
      const toBalance = (to?.amountPence ?? 0n) + amount;
      await this.repo.set(la, input.financialYear, input.fromCategory, fromBalance, user.sub, tx);
      await this.repo.set(la, input.financialYear, input.toCategory, toBalance, user.sub, tx);
      await this.repo.log(
        {
          localAuthority: la,
          financialYear: input.financialYear,
          category: input.fromCategory,
          kind: 'VIREMENT_OUT',
          deltaPence: -amount,
          balancePence: fromBalance,
          reason: input.reason,
          virementId: id,
          by: user.sub,
        },
        tx,
      );
      await this.repo.log(
        {
          localAuthority: la,
          financialYear: input.financialYear,
          category: input.toCategory,
          kind: 'VIREMENT_IN',
          deltaPence: amount,
          balancePence: toBalance,
          reason: input.reason,
          virementId: id,
          by: user.sub,
        },
        tx,
      );
      await this.forecast.checkThresholds(tx, la, input.financialYear, [input.fromCategory, input.toCategory], {
        localAuthority: la,
        correlationId: randomUUID(),
      });
      return {
        id,
        financialYear: input.financialYear,
        fromCategory: input.fromCategory,
        toCategory: input.toCategory,
        amountPence: input.amountPence,
        reason: input.reason,
        by: user.sub,
        balances: { [input.fromCategory]: pence(fromBalance), [input.toCategory]: pence(toBalance) },
      };
    });
  }

  async list(user: Principal, financialYear: number) {
    return (await this.repo.list(user.localAuthority, financialYear)).map((b) => ({
      financialYear: b.financialYear,
      category: b.category,
      amountPence: pence(b.amountPence),
    }));
  }

  /** Every change to the year's budgets: sets and both sides of each virement, with who and why. */
  async history(user: Principal, financialYear: number) {
    const [entries, virements] = await Promise.all([
      this.repo.entries(user.localAuthority, financialYear),
      this.repo.virements(user.localAuthority, financialYear),
    ]);
    return {
      financialYear,
      entries: entries.map((e) => ({
        category: e.category,
        kind: e.kind,
        deltaPence: pence(e.deltaPence),
        balancePence: pence(e.balancePence),
        reason: e.reason,
        virementId: e.virementId,
        by: e.by,
        at: e.at.toISOString(),
      })),
      virements: virements.map((v) => ({
        id: v.id,
        fromCategory: v.fromCategory,
        toCategory: v.toCategory,
        amountPence: pence(v.amountPence),
        reason: v.reason,
        by: v.by,
        at: v.at.toISOString(),
      })),
    };
  }
}

/** A budget category in words: RESIDENTIAL_EXTERNAL is "Residential external". */
const categoryWords = (category: string) =>
  category
    .replace(/_/g, ' ')
    .toLowerCase()
    .replace(/^./, (c) => c.toUpperCase());
