import { z } from 'zod';

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
