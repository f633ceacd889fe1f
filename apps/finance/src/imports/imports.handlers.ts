import { Injectable, Logger } from '@nestjs/common';
import { PlacementImportedV1, type PayloadOf } from '@placewise/contracts';
import { asDate, londonToday } from '@placewise/contracts/dates';
import { HandlesEvent, type EventContext } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import { CommitmentsRepository } from '../commitments/commitments.repository.js';
import { CommitmentsService } from '../commitments/commitments.service.js';
import { categoryOf, financialYearOf, fyStart } from '../money.js';
import type { Tx } from '../prisma.service.js';
import { ImportsRepository } from './imports.repository.js';

@Injectable()
export class ImportsHandlers {
  private readonly log = new Logger('ImportsHandlers');

  constructor(
    private readonly imports: ImportsRepository,
    private readonly repo: CommitmentsRepository,
    private readonly commitments: CommitmentsService,
  ) {}

  /**
   * A placement from the council's 903 return: recorded, and its weekly cost committed for the
   * financial year it is loaded in, from the later of 1 April and its start, by the same costing as
   * an awarded placement. With no price it is recorded with no commitment and listed at GET
   * /imports/unpriced. Once per placement and import key.
   */
  @HandlesEvent(PlacementImportedV1)
  async onPlacementImported(p: PayloadOf<typeof PlacementImportedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const la = envelope.localAuthority;
    if (await this.imports.known(la, p.placementId, p.importKey, tx)) return;
    const yearStart = fyStart(financialYearOf(londonToday()));
    await this.repo.createPlacement(
      {
        id: p.placementId,
        localAuthority: la,
        origin: 'IMPORT',
        requestId: null,
        importKey: p.importKey,
        commitFrom: yearStart > p.startDate ? asDate(yearStart) : null,
        priceMissing: p.weeklyCostPence === null,
        childId: p.childId,
        childAge: p.childAge,
        providerId: p.providerId,
        placementType: p.placementType,
        provision: p.provision,
        category: categoryOf(p.placementType, p.provision),
        weeklyCostPence: p.weeklyCostPence ?? 0,
        startDate: asDate(p.startDate),
        plannedEndDate: null,
        reviewDate: null,
        status: 'ACTIVE',
        correlationId: envelope.correlationId,
      },
      tx,
    );
    if (p.weeklyCostPence !== null) {
      await this.repo.setPrice(la, p.placementId, asDate(p.startDate), p.weeklyCostPence, 'IMPORT', randomUUID(), tx);
      await this.commitments.recompute(tx, la, p.placementId, 'IMPORTED', {
        localAuthority: la,
        correlationId: envelope.correlationId,
        causationId: envelope.id,
      });
    }
    this.log.log({
      msg: 'imported placement recorded',
      eventId: envelope.id,
      placementId: p.placementId,
      priced: p.weeklyCostPence !== null,
    });
  }
}
