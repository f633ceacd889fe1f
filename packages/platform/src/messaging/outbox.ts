import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EVENTS, eventKey, type EventDefinition, type EventEnvelope, type PayloadOf } from '@placewise/contracts';
import type { SqlClient } from '../db/database.js';
import { onCommit, type CommitHook } from '../db/after-commit.js';
import { inSpan, traceCarrier } from '../tracing/spans.js';

export interface EventOrigin {
  localAuthority: string;
  correlationId: string;
  /** The event that caused this one, when written by a consumer. */
  causationId?: string;
}

/** The channel a service's relay listens on; NOTIFY is delivered only when the transaction commits. */
export function outboxChannel(schema: string): string {
  return `outbox_${schema}`;
}

/** Publishes a transaction's events once it has committed (the service's relay, while it runs). */
export interface CommitPublisher {
  /** Whether it takes events now (it runs, and is not already holding too many unpublished). */
  readonly accepting: boolean;
  /** Starts publishing committed events; what it cannot publish stays in the outbox for the relay's poll. */
  publishCommitted(envelopes: EventEnvelope[]): void;
}

/** The events one transaction try wrote, handed to the publisher when it commits. */
class CommittedEvents implements CommitHook {
  readonly envelopes: EventEnvelope[] = [];
  constructor(private readonly publisher: CommitPublisher) {}
  run(): void {
    this.publisher.publishCommitted(this.envelopes);
  }
}

/**
 * Writes events into the service's outbox table inside the caller's transaction, so a state change
 * and the events it causes commit (or roll back) together. Inside a transaction of the service's
 * client (`retryContention`), while the relay runs, the relay publishes them as soon as the
 * transaction commits; otherwise the row's NOTIFY wakes a relay (this replica's or another's) to publish it.
 */
@Injectable()
export class OutboxWriter {
  /** Set by the messaging lifecycle once the relay runs. */
  publisher?: CommitPublisher;

  constructor(
    private readonly producer: string,
    private readonly schema: string,
  ) {}

  async append<D extends EventDefinition>(
    tx: SqlClient,
    def: D,
    payload: PayloadOf<D>,
    origin: EventOrigin,
  ): Promise<EventEnvelope<PayloadOf<D>>> {
    const known = EVENTS.get(eventKey(def.type, def.version));
    if (known !== def) throw new Error(`event ${def.type}@${def.version} is not in the contracts`);
    if (def.producer !== this.producer) throw new Error(`${this.producer} may not emit ${def.type} (producer is ${def.producer})`);
    // A payload that breaks its own contract is a bug here, not the consumer's problem.
    const parsed = def.schema.parse(payload) as PayloadOf<D>;
    const id = randomUUID();
    // The row's span: its trace context travels in the envelope (and so in the row), for the relay
    // and the consumers to continue. Only ids and the event's type are recorded, never its payload.
    return inSpan(
      `outbox append ${def.type}`,
      { attributes: { 'messaging.message.id': id, 'placewise.event.type': def.type, 'placewise.event.version': def.version } },
      async () => {
        const trace = traceCarrier();
        const envelope: EventEnvelope<PayloadOf<D>> = {
          id,
          type: def.type,
          version: def.version,
          occurredAt: new Date().toISOString(),
          localAuthority: origin.localAuthority,
          correlationId: origin.correlationId,
          ...(origin.causationId ? { causationId: origin.causationId } : {}),
          producer: this.producer,
          ...(trace ? { trace } : {}),
          payload: parsed,
        };
        const publisher = this.publisher;
        const committed = publisher?.accepting ? onCommit(this, () => new CommittedEvents(publisher)) : undefined;
        const row = [
          envelope.id,
          envelope.type,
          envelope.version,
          envelope.localAuthority,
          envelope.correlationId,
          JSON.stringify(envelope),
        ];
        if (committed) {
          // Published at the commit by this replica's relay: no NOTIFY (it would wake every relay to
          // race for the row). created_at is the row's own time, not its transaction's start, so
          // the relays' polls leave it alone for their grace period (OutboxRelay.publishBatch).
          await tx.$executeRawUnsafe(
            `INSERT INTO outbox_event (id, type, version, local_authority, correlation_id, envelope, created_at)
             VALUES ($1::uuid, $2::text, $3::int, $4::text, $5::uuid, $6::jsonb, clock_timestamp())`,
            ...row,
          );
          committed.envelopes.push(envelope);
        } else {
          // The row and the relay's wake-up in one statement: pg_notify in FROM runs once, and its
          // NOTIFY is sent when the transaction commits (several in one transaction are sent as one).
          await tx.$executeRawUnsafe(
            `INSERT INTO outbox_event (id, type, version, local_authority, correlation_id, envelope)
             SELECT $1::uuid, $2::text, $3::int, $4::text, $5::uuid, $6::jsonb FROM pg_notify($7::text, '')`,
            ...row,
            outboxChannel(this.schema),
          );
        }
        return envelope;
      },
    );
  }
}
