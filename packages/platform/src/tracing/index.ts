import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Telemetry } from 'bullmq';
import { setTracingEnabled, tracingEnabled } from './spans.js';

export * from './spans.js';

/** A tracing environment that cannot be honoured (the service says so and does not start). */
export class TracingConfigError extends Error {}

type Env = Record<string, string | undefined>;

/** What the environment asks traces to be exported with. */
export type ExporterChoice = 'http/protobuf' | 'http/json' | 'console';

/**
 * What the standard OpenTelemetry environment asks for, or undefined when tracing is off:
 * - OTEL_SDK_DISABLED=true, or OTEL_TRACES_EXPORTER=none: off;
 * - OTEL_TRACES_EXPORTER=otlp (or unset while OTEL_EXPORTER_OTLP_ENDPOINT or
 *   OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set): OTLP over HTTP, protobuf unless
 *   OTEL_EXPORTER_OTLP(_TRACES)_PROTOCOL is http/json (the exporter reads the endpoint, headers
 *   and timeout from the same environment);
 * - OTEL_TRACES_EXPORTER=console: spans printed to stdout (for a developer);
 * - nothing set: off. No exporter, no provider, no instrumentation, and the SDK is not loaded.
 */
export function exporterFromEnv(env: Env = process.env): ExporterChoice | undefined {
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
  if (kind === 'console') return 'console';
  if (kind !== 'otlp') throw new TracingConfigError(`OTEL_TRACES_EXPORTER: "${kind}" is not supported (otlp, console or none)`);
  const protocol = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL || env.OTEL_EXPORTER_OTLP_PROTOCOL || 'http/protobuf').trim().toLowerCase();
  if (protocol === 'http/protobuf' || protocol === 'http/json') return protocol;
  throw new TracingConfigError(
    `OTEL_EXPORTER_OTLP_PROTOCOL: "${protocol}" is not supported (http/protobuf or http/json; a collector takes either on port 4318)`,
  );
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
let bullmqTelemetry: Telemetry | undefined;

/**
 * Starts tracing for this process when the environment asks for it (see exporterFromEnv), before
 * Nest and the HTTP server are loaded: registers a tracer provider (W3C trace context, the
 * AsyncLocalStorage context manager), the HTTP instrumentation for requests in and out, and turns
 * on the platform's own spans and BullMQ's telemetry. Returns undefined, having done nothing, when
 * tracing is not configured. Calling it twice returns the first.
 */
export async function startTracing(opts: TracingOptions): Promise<Tracing | undefined> {
  if (current) return current;
  const choice = opts.exporter ? undefined : exporterFromEnv(opts.env ?? process.env);
  if (!opts.exporter && !choice) return undefined;
  const sdk = await import('./sdk.js');
  const exporter = opts.exporter ?? sdk.makeExporter(choice!);
  const { provider, telemetry, disable } = sdk.registerSdk(opts.service, exporter, opts.immediate ?? false);
  bullmqTelemetry = telemetry;
  setTracingEnabled(true);
  const tracing: Tracing = {
    provider,
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      setTracingEnabled(false);
      bullmqTelemetry = undefined;
      await provider.shutdown();
      disable();
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
export async function startServiceTracing(service: string): Promise<Tracing | undefined> {
  try {
    return await startTracing({ service });
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
export function bullTelemetry(): Telemetry | undefined {
  return tracingEnabled() ? bullmqTelemetry : undefined;
}
