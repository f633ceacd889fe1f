import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@placewise/platform';
import { dayOf } from '@placewise/contracts/dates';
import { randomUUID } from 'node:crypto';
import { CommitmentsRepository } from '../commitments/commitments.repository.js';
import { CommitmentsService } from '../commitments/commitments.service.js';
import { PrismaService } from '../prisma.service.js';
import { ImportsRepository } from './imports.repository.js';

@Injectable()
export class ImportsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly imports: ImportsRepository,
    private readonly repo: CommitmentsRepository,
    private readonly commitments: CommitmentsService,
  ) {}

  /** Imported placements still running that the council's cost file gave no price for: what finance must price. */
  async unpriced(user: Principal, take: number, skip: number) {
    const rows = await this.imports.unpriced(user.localAuthority, take, skip);
    return rows.map((p) => ({
      placementId: p.id,
      importKey: p.importKey ?? '',
      childId: p.childId,
      childAge: p.childAge,
      providerId: p.providerId,
      placementType: p.placementType,
      provision: p.provision,
      category: p.category,
      startDate: dayOf(p.startDate)!,
      status: p.status,
    }));
  }

  /** Prices an imported placement that had none: from its start, committed like any other (cause PRICE_CHANGED). */
  async price(user: Principal, placementId: string, weeklyCostPence: number) {
    await this.prisma.$transaction(async (tx) => {
      const p = await this.imports.lockImported(user.localAuthority, placementId, tx);
      if (!p) throw new NotFoundException(`no imported placement ${placementId} in finance`);
      if (!p.priceMissing)
        throw new ConflictException({
          statusCode: 409,
          message: 'this placement already has a price: a change of price comes from commissioning',
          errors: [{ field: 'weeklyCostPence', reason: 'already priced' }],
        });
      await this.repo.setPrice(user.localAuthority, placementId, p.startDate, weeklyCostPence, 'IMPORT', randomUUID(), tx);
      await this.repo.updatePlacement(user.localAuthority, placementId, { priceMissing: false, weeklyCostPence }, tx);
      await this.commitments.recompute(tx, user.localAuthority, placementId, 'PRICE_CHANGED', {
        localAuthority: user.localAuthority,
        correlationId: p.correlationId,
      });
    });
    return this.commitments.placement(user, placementId);
  }
}
