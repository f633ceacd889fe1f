import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { PlacementEndedV1, PlacementEndedV2, type EndReason } from '@placewise/contracts';
import { asDate, dayOf } from '@placewise/contracts/dates';
import { OutboxWriter } from '@placewise/platform';
import type { Tx } from '../prisma.service.js';
import { ProvidersRepository } from '../providers/providers.repository.js';
import type { Placement } from '../../generated/client/index.js';
import { PlacementsRepository } from './placements.repository.js';
import type { PlacementRow } from './placements.view.js';

/**
 * Ending placements, in the caller's transaction: the vacancy goes back to the setting and
 * placement.ended is emitted (finance stops the commitment, referrals closes the request).
 */
@Injectable()
export class PlacementEnding {
  constructor(
    private readonly placements: PlacementsRepository,
    private readonly providers: ProvidersRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async end(tx: Tx, p: Placement, endDate: string, reason: EndReason, causationId?: string): Promise<PlacementRow> {
    if (p.status === 'ENDED') throw new ConflictException(`placement ${p.id} has already ended`);
    const start = dayOf(p.startDate);
    if (endDate < start)
      throw new UnprocessableEntityException({
        statusCode: 422,
        message: 'a placement cannot end before it starts',
        errors: [{ field: 'endDate', reason: `must be on or after ${start}` }],
      });
    const updated = await this.placements.update(tx, p.localAuthority, p.id, {
      status: 'ENDED',
      endDate: asDate(endDate),
      endReason: reason,
    });
    if (p.settingId) await this.providers.returnVacancy(tx, p.localAuthority, p.settingId);
    const origin = { localAuthority: p.localAuthority, correlationId: p.correlationId, ...(causationId ? { causationId } : {}) };
    const ended = { placementId: p.id, childId: p.childId, endDate, reason };
    // Version 1 while there is a request (referrals follows it); version 2 for a placement without one (imported).
    if (p.requestId) await this.outbox.append(tx, PlacementEndedV1, { ...ended, requestId: p.requestId }, origin);
    else await this.outbox.append(tx, PlacementEndedV2, { ...ended, requestId: null }, origin);
    return updated;
  }

  /**
   * A child is in one placement at a time: when a new one starts (a move or a step-down), the one
   * running ends the day before; an exit from care ends it on the exit's day.
   */
  async endRunning(
    tx: Tx,
    localAuthority: string,
    childId: string,
    o: { lastDay: string; reason: EndReason; except?: string; causationId?: string },
  ): Promise<PlacementRow[]> {
    const running = (await this.placements.activeForChild(localAuthority, childId, tx)).filter((p) => p.id !== o.except);
    const ended: PlacementRow[] = [];
    for (const p of running) {
      const start = dayOf(p.startDate);
      ended.push(await this.end(tx, p, o.lastDay < start ? start : o.lastDay, o.reason, o.causationId));
    }
    return ended;
  }
}
