import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/decorators.js';
import { Metrics } from './metrics.js';
import { MessagingLifecycle } from '../messaging/messaging.lifecycle.js';
import { DependencyProbes } from '../health/probes.js';

@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly messaging: MessagingLifecycle,
    private readonly probes: DependencyProbes,
  ) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4')
  async scrape(): Promise<string> {
    // The readiness probes' own connections, each bounded by HEALTH_TIMEOUT_MS: a scrape while
    // PostgreSQL or Redis is away still answers, with dependency_up 0 for it.
    const [db, redis] = await Promise.allSettled([this.probes.database(), this.probes.queue()]);
    this.metrics.dependencyUp.set({ dependency: 'postgresql' }, db.status === 'fulfilled' ? 1 : 0);
    this.metrics.dependencyUp.set({ dependency: 'redis' }, redis.status === 'fulfilled' ? 1 : 0);
    if (db.status === 'fulfilled' && redis.status === 'fulfilled') await this.messaging.refreshGauges().catch(() => undefined);
    return this.metrics.registry.metrics();
  }
}
