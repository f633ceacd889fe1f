import { Injectable, Logger } from '@nestjs/common';
import { LookedAfterPlacementImportedV1, type PayloadOf } from '@placewise/contracts';
import { HandlesEvent, type EventContext } from '@placewise/platform';
import type { Tx } from '../prisma.service.js';
import { ImportsService } from './imports.service.js';

@Injectable()
export class ImportsHandlers {
  private readonly log = new Logger('ImportsHandlers');

  constructor(private readonly imports: ImportsService) {}

  /** A placement open at the end of a council's loaded SSDA903 return: recorded once per import key. */
  @HandlesEvent(LookedAfterPlacementImportedV1)
  async onPlacementImported(p: PayloadOf<typeof LookedAfterPlacementImportedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const result = await this.imports.record(tx, envelope.localAuthority, p, {
      localAuthority: envelope.localAuthority,
      correlationId: envelope.correlationId,
      causationId: envelope.id,
    });
    // Codes and ids only: never the child's reference.
    this.log.log({ msg: 'placement imported', eventId: envelope.id, importId: p.importId, place: p.place, result });
  }
}
