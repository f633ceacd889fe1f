import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../auth/decorators.js';
import { DATABASE, type Database } from '../db/database.js';
import { Lifecycle } from '../lifecycle.js';
import type { Queue } from 'bullmq';
import { INBOX_QUEUE } from '../messaging/queues.js';

@ApiTags('ops')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(INBOX_QUEUE) private readonly inbox: Queue,
    private readonly lifecycle: Lifecycle,
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
          await this.inbox.getJobCounts('waiting');
          return i.up();
        } catch (e) {
          return i.down({ message: (e as Error).message });
        }
      },
    ]);
  }
}
