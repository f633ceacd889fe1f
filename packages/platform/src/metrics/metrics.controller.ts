import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/decorators.js';
import { Metrics } from './metrics.js';
import { MessagingLifecycle } from '../messaging/messaging.lifecycle.js';

@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly messaging: MessagingLifecycle,
  ) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4')
  async scrape(): Promise<string> {
    await this.messaging.refreshGauges().catch(() => undefined);
    return this.metrics.registry.metrics();
  }
}
