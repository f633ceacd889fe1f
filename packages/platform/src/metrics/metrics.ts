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
  readonly eventsReplayed: Counter<'type' | 'queue'>;
  readonly redisLossDetected: Counter;
  readonly outboxListening: Gauge;
  readonly outboxOldestSeconds: Gauge;
  readonly queueOldestWaitingSeconds: Gauge<'queue'>;
  readonly queueOverdueSeconds: Gauge<'queue'>;
  readonly dependencyUp: Gauge<'dependency'>;
  readonly eventDelivery: Histogram<'type' | 'queue'>;

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
      help: 'Jobs by queue and state: the service inbox, and its own queues such as panels-timers',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
    });
    this.eventsReplayed = new Counter({
      name: 'events_replayed_total',
      help: 'Published events sent again after Redis was found without the relay marker (lost its data)',
      labelNames: ['type', 'queue'],
      registers: [this.registry],
    });
    this.redisLossDetected = new Counter({
      name: 'outbox_redis_loss_detected_total',
      help: 'Times this process found Redis without its relay marker and sent the retained events again',
      registers: [this.registry],
    });
    this.outboxListening = new Gauge({
      name: 'outbox_listener_up',
      help: '1 while the outbox relay holds its LISTEN connection, 0 while it polls and makes it again',
      registers: [this.registry],
    });
    this.outboxOldestSeconds = new Gauge({
      name: 'outbox_oldest_pending_seconds',
      help: 'Age of the oldest outbox row not yet published (0 when none)',
      registers: [this.registry],
    });
    this.queueOldestWaitingSeconds = new Gauge({
      name: 'queue_oldest_waiting_seconds',
      help: 'Age of the oldest job waiting to be taken, by queue (0 when none)',
      labelNames: ['queue'],
      registers: [this.registry],
    });
    this.queueOverdueSeconds = new Gauge({
      name: 'queue_delayed_overdue_seconds',
      help: 'How long past its time the most overdue delayed job (a timer, a retry) is, by queue (0 when none)',
      labelNames: ['queue'],
      registers: [this.registry],
    });
    this.dependencyUp = new Gauge({
      name: 'dependency_up',
      help: '1 when the dependency answered the last probe (at scrape, within HEALTH_TIMEOUT_MS), else 0',
      labelNames: ['dependency'],
      registers: [this.registry],
    });
    this.eventDelivery = new Histogram({
      name: 'event_delivery_seconds',
      help: 'From an event being written (occurredAt) to its consumer having applied it: one hop of the journey',
      labelNames: ['type', 'queue'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [this.registry],
    });
  }
}
