import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { EventEnvelope } from '@placewise/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFromCarrier, exporterFromEnv, inSpan, startTracing, traceCarrier, TracingConfigError, type Tracing } from './index.js';

describe('exporterFromEnv', () => {
  it('is off unless the standard environment asks for traces', () => {
    expect(exporterFromEnv({})).toBeUndefined();
    expect(exporterFromEnv({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toBeUndefined();
    expect(exporterFromEnv({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' })).toBeUndefined();
  });

  it('exports OTLP over HTTP, protobuf unless told json', () => {
    expect(exporterFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toBe('http/protobuf');
    expect(exporterFromEnv({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe('http/protobuf');
    expect(exporterFromEnv({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' })).toBe('http/json');
    expect(exporterFromEnv({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://x', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' })).toBe(
      'http/json',
    );
  });

  it('prints to the console when asked', () => {
    expect(exporterFromEnv({ OTEL_TRACES_EXPORTER: 'console' })).toBe('console');
  });

  it('names what it cannot honour', () => {
    expect(() => exporterFromEnv({ OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(TracingConfigError);
    expect(() => exporterFromEnv({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(
      /OTEL_EXPORTER_OTLP_PROTOCOL/,
    );
  });
});

describe('without tracing', () => {
  it('spans cost a call and envelopes carry no trace context', async () => {
    expect(await inSpan('x', {}, async (span) => span.isRecording())).toBe(false);
    expect(traceCarrier()).toBeUndefined();
  });
});

describe('with tracing (in-memory exporter)', () => {
  const spans = new InMemorySpanExporter();
  let tracing: Tracing;
  let url: string;
  const server = createServer((req, res) => res.end('ok'));

  beforeAll(async () => {
    tracing = (await startTracing({ service: 'unit', exporter: spans, immediate: true }))!;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await tracing.shutdown();
  });

  it('carries the trace through a W3C carrier that the envelope accepts', async () => {
    const carrier = await inSpan('writer', {}, async () => traceCarrier());
    expect(carrier?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const parsed = EventEnvelope.parse({
      id: '2f1f8a2e-3c1b-4f5e-9d1a-2b3c4d5e6f70',
      type: 't',
      version: 1,
      occurredAt: new Date().toISOString(),
      localAuthority: 'northshire',
      correlationId: '2f1f8a2e-3c1b-4f5e-9d1a-2b3c4d5e6f71',
      producer: 'p',
      trace: carrier,
      payload: {},
    });
    expect(parsed.trace).toEqual(carrier);
    await inSpan('consumer', { parent: contextFromCarrier(parsed.trace, context.active()) }, async () => undefined);
    const [writer, consumer] = ['writer', 'consumer'].map((n) => spans.getFinishedSpans().find((s) => s.name === n)!);
    expect(consumer!.spanContext().traceId).toBe(writer!.spanContext().traceId);
    expect(consumer!.parentSpanContext?.spanId).toBe(writer!.spanContext().spanId);
  });

  it('an envelope with a broken trace context is still an event (the context is dropped)', () => {
    const parsed = EventEnvelope.parse({
      id: '2f1f8a2e-3c1b-4f5e-9d1a-2b3c4d5e6f70',
      type: 't',
      version: 1,
      occurredAt: new Date().toISOString(),
      localAuthority: 'northshire',
      correlationId: '2f1f8a2e-3c1b-4f5e-9d1a-2b3c4d5e6f71',
      producer: 'p',
      trace: { traceparent: '00-00000000000000000000000000000000-0000000000000000-01' },
      payload: {},
    });
    expect(parsed.trace).toBeUndefined();
  });

  it('traces HTTP in without its query string, and not the probes', async () => {
    await fetch(`${url}/children/abc?q=Secret%20Name`);
    await fetch(`${url}/health/live`);
    await new Promise((r) => setTimeout(r, 50));
    const http = spans.getFinishedSpans().filter((s) => s.kind === 1 /* SERVER */);
    const text = JSON.stringify(http.map((s) => s.attributes));
    expect(text).toContain('/children/abc');
    expect(text).not.toContain('Secret');
    expect(text).not.toContain('/health');
  });

  it('an error is recorded by its type, not its message', async () => {
    await expect(
      inSpan('failing', {}, async () => {
        throw new TypeError('Secret Name was here');
      }),
    ).rejects.toThrow(TypeError);
    const span = spans.getFinishedSpans().find((s) => s.name === 'failing')!;
    expect(span.status.code).toBe(2);
    expect(JSON.stringify({ a: span.attributes, s: span.status, e: span.events })).not.toContain('Secret');
  });
});
