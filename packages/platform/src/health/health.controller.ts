import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../auth/decorators.js';
import { DATABASE, type Database } from '../db/database.js';
import { Lifecycle } from '../lifecycle.js';
import { QueueRegistry } from '../messaging/queues.js';
import { inboxOf } from '@placewise/contracts';
import { SERVICE_NAME } from '../tokens.js';

@ApiTags('ops')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(DATABASE) private readonly db: Database,
    private readonly queues: QueueRegistry,
    private readonly lifecycle: Lifecycle,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  /** Liveness: the process is up and its event loop turns. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Readiness: the database and Redis answer, and the service is not shutting down. */
  @Get('ready')
  @HealthCheck()
  ready() {
    if (this.lifecycle.shuttingDown) throw new ServiceUnavailableException({ status: 'shutting-down' });
    return this.health.check([
      async () => {
        const i = this.indicator.check('database');
        try {
          await this.db.$queryRawUnsafe('SELECT 1');
          return i.up();
        } catch (e) {
          return i.down({ message: (e as Error).message });
        }
      },
      async () => {
        const i = this.indicator.check('redis');
        try {
          // A round trip through the queue's own connection.
          await this.queues.get(inboxOf(this.service).name).getJobCounts('waiting');
          return i.up();
        } catch (e) {
          return i.down({ message: (e as Error).message });
        }
      },
    ]);
  }
}
