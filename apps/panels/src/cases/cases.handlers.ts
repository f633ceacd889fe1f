import { Injectable } from '@nestjs/common';
import { RequestResubmittedV1, RequestSubmittedV1, RequestSubmittedV2, type PayloadOf } from '@placewise/contracts';
import { asDate } from '@placewise/contracts/dates';
import { HandlesEvent, type EventContext } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import { RoutingService } from '../panels/routing.service.js';
import type { Tx } from '../prisma.service.js';
import { ClocksService } from '../clocks/clocks.service.js';
import { TimersService } from '../timers/timers.service.js';
import { decisionDue, type CaseOutcome, outcomeFromV1, outcomeFromV2 } from './case-outcome.js';
import { CasesRepository } from './cases.repository.js';

@Injectable()
export class CasesHandlers {
  constructor(
    private readonly cases: CasesRepository,
    private readonly routing: RoutingService,
    private readonly timers: TimersService,
    private readonly clocks: ClocksService,
  ) {}

  /**
   * Every routed request becomes a case: in a named approver's queue, or on the agenda of the next
   * sitting of the panel the rules named. Its decision deadline starts its timers, and every other
   * deadline a statutory clock (a re-approval's deadlines belong to the placement already approved: none).
   */
  @HandlesEvent(RequestSubmittedV2)
  async onRequestSubmitted(p: PayloadOf<typeof RequestSubmittedV2>, ctx: EventContext<Tx>): Promise<void> {
    await this.open(p, outcomeFromV2(p.outcome), ctx);
  }

  /** Version 1 (events in flight from before version 2): each deadline's purpose comes from the rule sets, by its id. */
  @HandlesEvent(RequestSubmittedV1)
  async onRequestSubmittedV1(p: PayloadOf<typeof RequestSubmittedV1>, ctx: EventContext<Tx>): Promise<void> {
    await this.open(p, outcomeFromV1(p.outcome), ctx);
  }

  private async open(
    p: Omit<PayloadOf<typeof RequestSubmittedV1>, 'outcome'>,
    o: CaseOutcome,
    { envelope, tx }: EventContext<Tx>,
  ): Promise<void> {
    const c = await this.cases.open(
      {
        id: randomUUID(),
        localAuthority: envelope.localAuthority,
        requestId: p.requestId,
        childId: p.childId,
        childAge: p.childAge,
        kind: p.kind,
        legalStatus: p.legalStatus,
        placementType: p.placementType,
        provision: p.provision,
        location: p.location,
        urgency: p.urgency,
        requestedWeeklyCostPence: p.weeklyCostPence,
        approver: o.approver,
        panel: o.panel,
        retrospective: o.retrospective,
        costBand: o.costBand,
        outcome: o,
        decisionDue: decisionDue(o),
        status: 'OPEN',
        correlationId: envelope.correlationId,
        submittedBy: p.submittedBy,
        ...(p.reapproval ? { reapproval: p.reapproval } : {}),
        effectiveDate: p.effectiveDate ? asDate(p.effectiveDate) : null,
      },
      tx,
    );
    await this.routing.route(tx, c);
    await this.timers.scheduleCase(c);
    if (!p.reapproval)
      await this.clocks.startFromRequest(
        tx,
        {
          localAuthority: envelope.localAuthority,
          requestId: p.requestId,
          childId: p.childId,
          correlationId: envelope.correlationId,
          submittedBy: p.submittedBy,
        },
        o.deadlines,
      );
  }

  /** The social worker provided what a deferral asked for: the case returns to the next sitting (or its approver's queue). */
  @HandlesEvent(RequestResubmittedV1)
  async onRequestResubmitted(p: PayloadOf<typeof RequestResubmittedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const found = await this.cases.byRequest(envelope.localAuthority, p.requestId, tx);
    // Not here yet (request.submitted still on its way): retried with backoff.
    if (!found) throw new Error(`no case for request ${p.requestId} yet`);
    const c = (await this.cases.lock(envelope.localAuthority, found.id, tx))!;
    if (c.status !== 'OPEN' || !c.awaitingInformation) {
      await this.cases.audit(tx, c, 'request.resubmitted', p.resubmittedBy, {
        itemsProvided: p.itemsProvided,
        note: 'the case was not waiting for information: nothing changed',
      });
      return;
    }
    const back = await this.cases.update(tx, c, { awaitingInformation: false });
    await this.cases.audit(tx, c, 'request.resubmitted', p.resubmittedBy, {
      itemsProvided: p.itemsProvided,
      informationRequested: c.informationRequested,
    });
    await this.routing.route(tx, back);
  }
}
