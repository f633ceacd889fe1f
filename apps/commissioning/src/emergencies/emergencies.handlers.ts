import { Injectable, Logger } from '@nestjs/common';
import { RequestSubmittedV2, type PayloadOf } from '@placewise/contracts';
import { HandlesEvent, type EventContext } from '@placewise/platform';
import type { Tx } from '../prisma.service.js';
import { EmergenciesService } from './emergencies.service.js';

@Injectable()
export class EmergenciesHandlers {
  private readonly log = new Logger('EmergenciesHandlers');

  constructor(private readonly emergencies: EmergenciesService) {}

  /** A submitted request: an emergency placement already made (retrospective approval) is recorded as a placement now. */
  @HandlesEvent(RequestSubmittedV2)
  async onRequestSubmitted(p: PayloadOf<typeof RequestSubmittedV2>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const result = await this.emergencies.onSubmitted(tx, envelope.localAuthority, p, {
      localAuthority: envelope.localAuthority,
      correlationId: envelope.correlationId,
      causationId: envelope.id,
    });
    if (result !== 'not-an-emergency') this.log.log({ msg: 'emergency placement', eventId: envelope.id, requestId: p.requestId, result });
  }
}
