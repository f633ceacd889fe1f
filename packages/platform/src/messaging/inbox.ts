import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { EVENTS, EventEnvelope, eventKey, type InboxQueue } from '@placewise/contracts';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Database, SqlClient } from '../db/database.js';
import type { Metrics } from '../metrics/metrics.js';
import { contextFromCarrier, hasActiveSpan, inSpan } from '../tracing/spans.js';
import { context } from '@opentelemetry/api';
import { EVENT_HANDLER, TerminalEventError, type EventContext } from './handler.decorator.js';

type HandlerFn = (payload: unknown, ctx: EventContext<SqlClient>) => Promise<void>;

export type DispatchResult = 'applied' | 'duplicate';

/**
 * Applies the jobs of the service's inbox queue (taken by its InboxProcessor). Each event is applied in one transaction together with an
 * inbox row keyed by the event id, so a redelivered event has no second effect. Invalid envelopes
 * or payloads fail at once (terminal); other errors are retried with backoff; failed jobs are kept.
 */
export class InboxDispatcher {
  private readonly handlers = new Map<string, HandlerFn>();
  private inHand = 0;

  /** Events being applied right now (their transactions open): what a shutdown that timed out leaves behind. */
  get inFlight(): number {
    return this.inHand;
  }

  constructor(
    private readonly inbox: InboxQueue,
    private readonly db: Database,
    private readonly metrics: Metrics,
  ) {}

  /** Finds every @HandlesEvent method; fails unless each subscribed event has exactly one handler. */
  discover(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector): void {
    const found = new Map<string, string[]>();
    for (const wrapper of discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const method of scanner.getAllMethodNames(proto)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const meta = reflector.get<{ type: string; version: number } | undefined>(EVENT_HANDLER, fn);
        if (!meta) continue;
        const key = eventKey(meta.type, meta.version);
        found.set(key, [...(found.get(key) ?? []), `${wrapper.name}.${method}`]);
        this.handlers.set(key, (fn as HandlerFn).bind(instance));
      }
    }
    const problems: string[] = [];
    for (const s of this.inbox.subscribes) {
      const key = eventKey(s.type, s.version);
      const where = found.get(key) ?? [];
      if (where.length !== 1) problems.push(`${key} has ${where.length} handlers${where.length ? ` (${where.join(', ')})` : ''}`);
    }
    for (const key of found.keys()) {
      if (!this.inbox.subscribes.some((s) => eventKey(s.type, s.version) === key)) {
        problems.push(`${key} has a handler but ${this.inbox.name} does not subscribe to it`);
      }
    }
    if (problems.length) throw new Error(`${this.inbox.service}: event handlers do not match the contracts: ${problems.join('; ')}`);
  }

  async process(job: Pick<Job, 'data' | 'id' | 'name'>): Promise<DispatchResult> {
    const env = EventEnvelope.safeParse(job.data);
    if (!env.success) {
      this.metrics.eventsConsumed.inc({ type: String(job.name), result: 'invalid' });
      throw new UnrecoverableError(`invalid envelope: ${env.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    }
    const envelope = env.data;
    const key = eventKey(envelope.type, envelope.version);
    const handler = this.handlers.get(key);
    const def = EVENTS.get(key);
    if (!handler || !def) {
      this.metrics.eventsConsumed.inc({ type: envelope.type, result: 'invalid' });
      throw new UnrecoverableError(`${this.inbox.service} does not handle ${key}`);
    }
    const payload = def.schema.safeParse(envelope.payload);
    if (!payload.success) {
      this.metrics.eventsConsumed.inc({ type: envelope.type, result: 'invalid' });
      throw new UnrecoverableError(
        `invalid ${key} payload: ${payload.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      );
    }
    this.inHand++;
    try {
      // The handler's span: a child of the job's (BullMQ's telemetry), or, for a job added without
      // it, of the span that wrote the event (its envelope's trace context).
      const parent = hasActiveSpan() ? context.active() : contextFromCarrier(envelope.trace, context.active());
      const result = await inSpan(
        `inbox handle ${envelope.type}`,
        {
          parent,
          attributes: {
            'messaging.message.id': envelope.id,
            'messaging.destination.name': this.inbox.name,
            'placewise.event.type': envelope.type,
            'placewise.event.version': envelope.version,
            'placewise.event.producer': envelope.producer,
          },
        },
        async (span) => {
          const r = await this.db.$transaction(
            async (tx): Promise<DispatchResult> => {
              const inserted = await tx.$executeRawUnsafe(
                `INSERT INTO inbox_event (event_id, type, version, received_at) VALUES ($1::uuid, $2, $3, now())
             ON CONFLICT (event_id) DO NOTHING`,
                envelope.id,
                envelope.type,
                envelope.version,
              );
              if (inserted === 0) return 'duplicate';
              await handler(payload.data, { envelope, tx });
              return 'applied';
            },
            { timeout: 30_000, maxWait: 10_000 },
          );
          span.setAttribute('placewise.inbox.result', r);
          return r;
        },
      );
      this.metrics.eventsConsumed.inc({ type: envelope.type, result });
      if (result === 'applied') {
        const age = (Date.now() - Date.parse(envelope.occurredAt)) / 1000;
        if (Number.isFinite(age)) this.metrics.eventDelivery.observe({ type: envelope.type, queue: this.inbox.name }, Math.max(0, age));
      }
      return result;
    } catch (e) {
      this.metrics.eventsConsumed.inc({ type: envelope.type, result: 'error' });
      if (e instanceof TerminalEventError) throw new UnrecoverableError(e.message);
      throw e;
    } finally {
      this.inHand--;
    }
  }
}
