import { z } from 'zod';

/** A W3C traceparent (version 00: trace id, parent span id, flags; all-zero ids are invalid). */
export const TRACEPARENT = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;

/** W3C trace context: the traceparent and, when a vendor added one, the tracestate (at most 512 characters). */
export const TraceContext = z.object({
  traceparent: z.string().regex(TRACEPARENT, 'not a W3C traceparent'),
  // Printable ASCII only, as the W3C list-members are.
  tracestate: z
    .string()
    .max(512)
    .regex(/^[\x20-\x7e]*$/, 'not a W3C tracestate')
    .optional(),
});
export type TraceContext = z.infer<typeof TraceContext>;

/**
 * Every event travels in this envelope. It carries ids and the facts a consumer needs,
 * never a child's name or date of birth.
 */
export const EventEnvelope = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  localAuthority: z.string().min(1),
  correlationId: z.uuid(),
  causationId: z.uuid().optional(),
  producer: z.string().min(1),
  /**
   * W3C trace context (https://www.w3.org/TR/trace-context/) of the span that wrote the event, when
   * its producer was tracing: the relay and the consumer continue that trace. Optional, so events
   * written before it existed (or by a producer not tracing) are read as they always were; a trace
   * context that is not well formed is dropped, never a reason to refuse the event.
   */
  trace: TraceContext.optional().catch(undefined),
  payload: z.unknown(),
});
export type EventEnvelope<P = unknown> = Omit<z.infer<typeof EventEnvelope>, 'payload'> & { payload: P };

export interface EventDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  /** Wire name. Never changes once used. */
  readonly type: T;
  /** Payload schema version. A breaking change is a new version, kept beside the old. */
  readonly version: number;
  readonly producer: string;
  readonly schema: S;
}

export function defineEvent<T extends string, S extends z.ZodType>(def: EventDefinition<T, S>): EventDefinition<T, S> {
  return Object.freeze(def);
}

export type PayloadOf<D> = D extends EventDefinition<string, infer S> ? z.infer<S> : never;
