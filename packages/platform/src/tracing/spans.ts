import {
  context,
  createContextKey,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  INVALID_SPAN_CONTEXT,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';

/**
 * The platform's own spans (the outbox row, its publication, the inbox handler, each database
 * transaction) and the W3C trace context carried in event envelopes. Imports only the OpenTelemetry
 * API: until startTracing() has registered a provider, every function here is a no-op that costs
 * a flag check, and envelopes carry no trace context.
 */

export const TRACER_NAME = '@placewise/platform';

let enabled = false;

/** Set by startTracing once a tracer provider is registered (and cleared by its shutdown). */
export function setTracingEnabled(on: boolean): void {
  enabled = on;
}

/** Whether this process records and exports spans. */
export function tracingEnabled(): boolean {
  return enabled;
}

/** W3C trace context as carried in an event envelope's `trace` field and its outbox row. */
export interface TraceCarrier {
  traceparent: string;
  tracestate?: string;
}

/** The W3C trace context of `ctx` (the active one by default); undefined when not tracing. */
export function traceCarrier(ctx: Context = context.active()): TraceCarrier | undefined {
  if (!enabled) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  if (!carrier.traceparent) return undefined;
  // A tracestate longer than the envelope allows (an outside caller's) is left behind, not the trace.
  return carrier.tracestate && carrier.tracestate.length <= 512
    ? { traceparent: carrier.traceparent, tracestate: carrier.tracestate }
    : { traceparent: carrier.traceparent };
}

/** The context a carrier describes (on top of `base`, the root context by default). */
export function contextFromCarrier(carrier: TraceCarrier | undefined, base: Context = ROOT_CONTEXT): Context {
  if (!enabled || !carrier) return base;
  return propagation.extract(base, carrier);
}

/** Whether `ctx` holds a span that continues a trace (a real parent). */
export function hasActiveSpan(ctx: Context = context.active()): boolean {
  return trace.getSpanContext(ctx) !== undefined && trace.getSpan(ctx)?.spanContext().traceId !== INVALID_SPAN_CONTEXT.traceId;
}

/** The SDK's own suppression key (as @opentelemetry/core makes it, without loading the SDK here). */
const SUPPRESS_TRACING = createContextKey('OpenTelemetry SDK Context Key SUPPRESS_TRACING');

/** Runs `fn` with tracing suppressed: no span it (or a library under it) starts is recorded. */
export function untraced<T>(fn: () => T): T {
  if (!enabled) return fn();
  return context.with(context.active().setValue(SUPPRESS_TRACING, true), fn);
}

const NOOP_SPAN: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The parent; the active context by default. */
  parent?: Context;
}

/**
 * Runs `fn` inside a new active span, ended when `fn` settles; an error is recorded on the span
 * (its type and message) and thrown on. Without tracing it only calls `fn`.
 */
export async function inSpan<T>(name: string, opts: SpanOptions, fn: (span: Span) => Promise<T>): Promise<T> {
  if (!enabled) return fn(NOOP_SPAN);
  const tracer = trace.getTracer(TRACER_NAME);
  return tracer.startActiveSpan(
    name,
    { kind: opts.kind ?? SpanKind.INTERNAL, attributes: opts.attributes },
    opts.parent ?? context.active(),
    async (span) => {
      try {
        return await fn(span);
      } catch (e) {
        const err = e as Error;
        span.setStatus({ code: SpanStatusCode.ERROR, message: err?.name ?? 'Error' });
        span.setAttribute('error.type', err?.name ?? 'Error');
        throw e;
      } finally {
        span.end();
      }
    },
  );
}

/** Starts a span that the caller ends (for work that is not one callback). */
export function startSpan(name: string, opts: SpanOptions): Span {
  if (!enabled) return NOOP_SPAN;
  return trace
    .getTracer(TRACER_NAME)
    .startSpan(name, { kind: opts.kind ?? SpanKind.INTERNAL, attributes: opts.attributes }, opts.parent ?? context.active());
}

export { SpanKind };
