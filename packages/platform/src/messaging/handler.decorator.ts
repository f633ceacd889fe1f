import { SetMetadata } from '@nestjs/common';
import type { EventDefinition, EventEnvelope } from '@placewise/contracts';

export const EVENT_HANDLER = 'placewise:event-handler';

/** Marks a provider method as the one handler of an event (type and version) in this service. */
export const HandlesEvent = (def: EventDefinition) => SetMetadata(EVENT_HANDLER, { type: def.type, version: def.version });

/** What a handler gets: the validated payload, its envelope, and the transaction its changes must use. */
export interface EventContext<Tx = unknown> {
  envelope: EventEnvelope;
  tx: Tx;
}

/**
 * A business-rule failure: retrying cannot help (e.g. the event refers to something this service
 * has refused). The job fails at once and is kept for ops to inspect or replay.
 */
export class TerminalEventError extends Error {
  override name = 'TerminalEventError';
}
