import { Injectable, Logger } from '@nestjs/common';
import { DecisionRecordedV1, type PayloadOf, type RequestKind } from '@placewise/contracts';
import { asDate, londonDate } from '@placewise/contracts/dates';
import { HandlesEvent, type EventContext } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import { AwardsService } from '../awards/awards.service.js';
import { EmergenciesService } from '../emergencies/emergencies.service.js';
import { PlacementsService } from '../placements/placements.service.js';
import { PlacementEnding } from '../placements/placement-ending.js';
import type { SearchKind } from '../../generated/client/index.js';
import type { Tx } from '../prisma.service.js';
import { SearchesService } from '../searches/searches.service.js';

/** Kinds of request whose approval means a placement must be found. */
const needsAPlacement = (kind: RequestKind): kind is SearchKind => kind === 'ENTRY_TO_CARE' || kind === 'PLACEMENT' || kind === 'STEP_DOWN';

@Injectable()
export class DecisionsHandlers {
  private readonly log = new Logger('DecisionsHandlers');

  constructor(
    private readonly searches: SearchesService,
    private readonly awards: AwardsService,
    private readonly placements: PlacementsService,
    private readonly ending: PlacementEnding,
    private readonly emergencies: EmergenciesService,
  ) {}

  /**
   * An approved placement opens a search, bounded by the approved weekly ceiling. A decision on a
   * re-approval this service asked for instead completes (or releases) the award or price change it held.
   */
  @HandlesEvent(DecisionRecordedV1)
  async onDecision(p: PayloadOf<typeof DecisionRecordedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    if (p.reapproval) {
      const result =
        p.reapproval.reason === 'PRICE_VARIATION'
          ? await this.placements.onVariationReapproval(tx, envelope.localAuthority, p, envelope.id)
          : await this.awards.onAwardReapproval(tx, envelope.localAuthority, p);
      this.log.log({
        msg: 're-approval decided',
        eventId: envelope.id,
        searchId: p.reapproval.searchId,
        reason: p.reapproval.reason,
        outcome: p.outcome,
        result,
      });
      return;
    }
    // A retrospective decision on an emergency placement settles it: approved, it carries on (no
    // search); declined, a replacement search is opened. Deferred or referred up, it waits.
    const emergency = await this.emergencies.onDecision(tx, envelope.localAuthority, p, {
      localAuthority: envelope.localAuthority,
      correlationId: envelope.correlationId,
      causationId: envelope.id,
    });
    if (emergency) {
      this.log.log({ msg: 'emergency placement decided', eventId: envelope.id, requestId: p.requestId, result: emergency });
      return;
    }
    if (p.outcome !== 'APPROVED' && p.outcome !== 'APPROVED_WITH_CONDITIONS') return;
    if (p.kind === 'EXIT') {
      // An approved exit from care ends the child's placement on the day it takes effect.
      const ended = await this.ending.endRunning(tx, envelope.localAuthority, p.childId, {
        // The London day of the decision when no effective date was given (not its UTC date).
        lastDay: p.effectiveDate ?? londonDate(p.decidedAt),
        reason: 'EXIT_FROM_CARE',
        causationId: envelope.id,
      });
      this.log.log({ msg: 'exit approved', eventId: envelope.id, placementsEnded: ended.length });
      return;
    }
    if (!needsAPlacement(p.kind)) return;
    await this.searches.openSearch(tx, {
      id: randomUUID(),
      localAuthority: envelope.localAuthority,
      requestId: p.requestId,
      decisionId: p.decisionId,
      childId: p.childId,
      childAge: p.childAge,
      legalStatus: p.legalStatus,
      kind: p.kind,
      placementType: p.placementType,
      provision: p.provision,
      location: p.location,
      urgency: p.urgency,
      ceilingPence: p.conditions.maxWeeklyCostPence ?? p.requestedWeeklyCostPence,
      fundingEndDate: p.conditions.fundingEndDate ? asDate(p.conditions.fundingEndDate) : null,
      correlationId: envelope.correlationId,
    });
  }
}
