import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Annualisation } from '../money.js';
import type { OpenEndedTo } from '../../generated/client/index.js';

export interface CouncilFinanceSettings {
  annualisation: Annualisation;
  openEndedTo: OpenEndedTo;
  highCostWeeklyPence: number;
}

export const DEFAULT_HIGH_COST_WEEKLY_PENCE = 1_000_000;

/**
 * A council's finance settings and its change lock: what every feature (commitments, budgets, the
 * forecast, payments, avoidance) reads about the council as a whole. It imports no feature.
 */
@Injectable()
export class CouncilRepository {
  constructor(private readonly prisma: PrismaService) {}

  async settings(localAuthority: string, tx: Tx = this.prisma): Promise<CouncilFinanceSettings> {
    const s = await tx.councilSettings.findUnique({ where: { localAuthority } });
    return {
      annualisation: s?.annualisation === '52' ? '52' : '365/7',
      openEndedTo: s?.openEndedTo ?? 'YEAR_END',
      highCostWeeklyPence: s?.highCostWeeklyPence ?? DEFAULT_HIGH_COST_WEEKLY_PENCE,
    };
  }

  async annualisation(localAuthority: string, tx: Tx = this.prisma): Promise<Annualisation> {
    return (await this.settings(localAuthority, tx)).annualisation;
  }

  saveSettings(localAuthority: string, data: Partial<CouncilFinanceSettings>, tx: Tx) {
    return tx.councilSettings.upsert({ where: { localAuthority }, create: { localAuthority, ...data }, update: data });
  }

  /**
   * Serialises every change to one council's commitments and budgets (a transaction-scoped advisory
   * lock), so a threshold is judged on the forecast every earlier change has committed to.
   */
  async lockCouncil(localAuthority: string, tx: Tx): Promise<void> {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('finance:' || $1))`, localAuthority);
  }
}
