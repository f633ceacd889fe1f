import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The service's Prometheus registry and the platform's own series. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests: Histogram<'method' | 'route' | 'status'>;
  readonly eventsPublished: Counter<'type' | 'queue'>;
  readonly eventsConsumed: Counter<'type' | 'result'>;
  readonly outboxPending: Gauge;
  readonly queueJobs: Gauge<'queue' | 'state'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.httpRequests = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.eventsPublished = new Counter({
      name: 'events_published_total',
      help: 'Events relayed from the outbox, per subscriber queue',
      labelNames: ['type', 'queue'],
      registers: [this.registry],
    });
    this.eventsConsumed = new Counter({
      name: 'events_consumed_total',
      help: 'Events taken from the inbox queue, by result',
      labelNames: ['type', 'result'],
      registers: [this.registry],
    });
    this.outboxPending = new Gauge({ name: 'outbox_pending_events', help: 'Outbox rows not yet published', registers: [this.registry] });
    this.queueJobs = new Gauge({
      name: 'queue_jobs',
      help: 'Jobs in the inbox queue by state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
    });
  }
}
