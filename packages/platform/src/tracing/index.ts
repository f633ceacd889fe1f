import { createRequire } from 'node:module';
import type { IncomingMessage } from 'node:http';
import { context, trace, type Attributes, type Context, type Link, type SpanKind } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { OTLPTraceExporter as OTLPProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { OTLPTraceExporter as OTLPJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOnSampler,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  SamplingDecision,
  SimpleSpanProcessor,
  type ReadableSpan,
  type Sampler,
  type SamplingResult,
  type Span,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { BullMQOtel } from 'bullmq-otel';
import { setTracingEnabled, tracingEnabled } from './spans.js';

export * from './spans.js';

/** A tracing environment that cannot be honoured (the service says so and does not start). */
export class TracingConfigError extends Error {}

type Env = Record<string, string | undefined>;

/**
 * The exporter the standard OpenTelemetry environment asks for, or undefined when tracing is off:
 * - OTEL_SDK_DISABLED=true, or OTEL_TRACES_EXPORTER=none: off;
 * - OTEL_TRACES_EXPORTER=otlp (or unset while OTEL_EXPORTER_OTLP_ENDPOINT or
 *   OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set): OTLP over HTTP, protobuf unless
 *   OTEL_EXPORTER_OTLP(_TRACES)_PROTOCOL is http/json (the exporter reads the endpoint, headers
 *   and timeout from the same environment);
 * - OTEL_TRACES_EXPORTER=console: spans printed to stdout (for a developer);
 * - nothing set: off. No exporter, no provider, no instrumentation.
 */
export function exporterFromEnv(env: Env = process.env): SpanExporter | undefined {
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return undefined;
  const named = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const wanted = named.length ? named : endpoint ? ['otlp'] : [];
  if (wanted.length === 0 || wanted.includes('none')) return undefined;
  if (wanted.length > 1) throw new TracingConfigError(`OTEL_TRACES_EXPORTER: one exporter at a time (got "${wanted.join(',')}")`);
  const [kind] = wanted;
  if (kind === 'console') return new ConsoleSpanExporter();
  if (kind !== 'otlp') throw new TracingConfigError(`OTEL_TRACES_EXPORTER: "${kind}" is not supported (otlp, console or none)`);
  const protocol = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL || env.OTEL_EXPORTER_OTLP_PROTOCOL || 'http/protobuf').trim().toLowerCase();
  if (protocol === 'http/protobuf') return new OTLPProtoExporter();
  if (protocol === 'http/json') return new OTLPJsonExporter();
  throw new TracingConfigError(
    `OTEL_EXPORTER_OTLP_PROTOCOL: "${protocol}" is not supported (http/protobuf or http/json; a collector takes either on port 4318)`,
  );
}

/**
 * BullMQ's own operations that a worker runs by itself (waiting for a job, checking for stalled
 * jobs): never the start of a trace worth keeping. As children of a traced job they are kept.
 */
const WORKER_HOUSEKEEPING = new Set([
  'getNextJob',
  'startStalledCheckTimer',
  'moveStalledJobsToWait',
  'rateLimit',
  'pause',
  'resume',
  'close',
]);

/** Follows the parent's decision; drops root spans of BullMQ's housekeeping; keeps the rest. */
export class PlacewiseSampler implements Sampler {
  private readonly inner = new ParentBasedSampler({ root: new AlwaysOnSampler() });

  shouldSample(ctx: Context, traceId: string, name: string, kind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
    if (!trace.getSpanContext(ctx) && WORKER_HOUSEKEEPING.has(name.split(' ')[0]!)) return { decision: SamplingDecision.NOT_RECORD };
    return this.inner.shouldSample(ctx, traceId, name, kind, attributes, links);
  }

  toString(): string {
    return 'PlacewiseSampler';
  }
}

/** Attributes that carry a URL: a query string can hold what a person typed (a name), so it goes. */
const URL_ATTRIBUTES = ['http.target', 'http.url', 'url.full', 'url.path'];
const DROPPED_ATTRIBUTES = ['url.query'];

/**
 * Removes query strings from every span's URL attributes before the span is finished, whoever made
 * it (the HTTP instrumentation, a library). Request and response bodies and headers are never
 * recorded in the first place.
 */
export class RedactingProcessor implements SpanProcessor {
  onStart(): void {}

  onEnding(span: Span): void {
    const attrs = span.attributes as Record<string, unknown>;
    for (const key of URL_ATTRIBUTES) {
      const v = attrs[key];
      if (typeof v === 'string' && v.includes('?')) attrs[key] = v.slice(0, v.indexOf('?'));
    }
    for (const key of DROPPED_ATTRIBUTES) delete attrs[key];
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Paths not worth a trace: probes and scrapes. */
function quietPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0] ?? '';
  return path.startsWith('/health/') || path === '/metrics';
}

export interface TracingOptions {
  /** The service's name (service.name unless OTEL_SERVICE_NAME says otherwise). */
  service: string;
  env?: Env;
  /** An exporter to use instead of the environment's (tests: an in-memory exporter). */
  exporter?: SpanExporter;
  /** Export each span as it ends rather than in batches (tests). */
  immediate?: boolean;
}

export interface Tracing {
  provider: NodeTracerProvider;
  /** Exports what is buffered. */
  flush(): Promise<void>;
  /** Exports what is buffered and stops tracing. */
  shutdown(): Promise<void>;
}

let current: Tracing | undefined;

/**
 * Starts tracing for this process when the environment asks for it (see exporterFromEnv), before
 * Nest and the HTTP server are loaded: registers a tracer provider (W3C trace context, the
 * AsyncLocalStorage context manager), the HTTP instrumentation for requests in and out, and turns
 * on the platform's own spans and BullMQ's telemetry. Returns undefined, having done nothing, when
 * tracing is not configured. Calling it twice returns the first.
 */
export function startTracing(opts: TracingOptions): Tracing | undefined {
  if (current) return current;
  const env = opts.env ?? process.env;
  const exporter = opts.exporter ?? exporterFromEnv(env);
  if (!exporter) return undefined;
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': opts.service, 'service.namespace': 'placewise' }))
    .merge(detectResources({ detectors: [envDetector] }));
  const provider = new NodeTracerProvider({
    resource,
    sampler: new PlacewiseSampler(),
    spanProcessors: [new RedactingProcessor(), opts.immediate ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter)],
  });
  provider.register();
  const http = new HttpInstrumentation({
    ignoreIncomingRequestHook: (req: IncomingMessage) => quietPath(req.url),
    // Express sets the matched route on the request: the span is named by it, not by the URL.
    applyCustomAttributesOnSpan: (span, request) => {
      const req = request as IncomingMessage & { route?: { path?: string }; baseUrl?: string };
      const route = req.route?.path;
      if (typeof route === 'string' && req.method) {
        span.setAttribute('http.route', `${req.baseUrl ?? ''}${route}`);
        span.updateName(`${req.method} ${req.baseUrl ?? ''}${route}`);
      }
    },
  });
  registerInstrumentations({ tracerProvider: provider, instrumentations: [http] });
  // The instrumentation patches node:http when it is next required: do so now, before the server exists.
  createRequire(import.meta.url)('node:http');
  setTracingEnabled(true);
  const tracing: Tracing = {
    provider,
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      setTracingEnabled(false);
      http.disable();
      await provider.shutdown();
      trace.disable();
      context.disable();
      current = undefined;
    },
  };
  current = tracing;
  return tracing;
}

/**
 * A service main's first step: starts tracing if configured; a tracing environment that cannot be
 * honoured is named on stderr and the process exits 1 before anything starts.
 */
export function startServiceTracing(service: string): Tracing | undefined {
  try {
    return startTracing({ service });
  } catch (e) {
    if (e instanceof TracingConfigError) {
      process.stderr.write(`${service}: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

/** Exports what is buffered and stops tracing (a service's shutdown); nothing when tracing is off. */
export async function shutdownTracing(): Promise<void> {
  await current?.shutdown().catch(() => undefined);
}

/** BullMQ's `telemetry` option: OpenTelemetry through bullmq-otel while tracing, otherwise none. */
export function bullTelemetry(): BullMQOtel | undefined {
  return tracingEnabled() ? new BullMQOtel({ tracerName: 'bullmq' }) : undefined;
}
