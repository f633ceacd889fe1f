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
import type { ExporterChoice } from './index.js';

/**
 * The OpenTelemetry SDK, loaded by startTracing only when tracing is configured: a service that
 * does not trace never loads it.
 */

/** The exporter for a choice made from the environment (the exporter reads its endpoint, headers and timeout there too). */
export function makeExporter(choice: ExporterChoice): SpanExporter {
  if (choice === 'console') return new ConsoleSpanExporter();
  return choice === 'http/json' ? new OTLPJsonExporter() : new OTLPProtoExporter();
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

export interface Sdk {
  provider: NodeTracerProvider;
  telemetry: BullMQOtel;
  disable(): void;
}

/** Registers the provider (W3C propagation, AsyncLocalStorage context) and the HTTP instrumentation. */
export function registerSdk(service: string, exporter: SpanExporter, immediate: boolean): Sdk {
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': service, 'service.namespace': 'placewise' }))
    .merge(detectResources({ detectors: [envDetector] }));
  const provider = new NodeTracerProvider({
    resource,
    sampler: new PlacewiseSampler(),
    spanProcessors: [new RedactingProcessor(), immediate ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter)],
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
  return {
    provider,
    telemetry: new BullMQOtel({ tracerName: 'bullmq' }),
    disable: () => {
      http.disable();
      trace.disable();
      context.disable();
    },
  };
}
