import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../auth/decorators.js';
import { Lifecycle } from '../lifecycle.js';
import { DependencyProbes } from './probes.js';

@ApiTags('ops')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(DependencyProbes) private readonly probes: DependencyProbes,
    private readonly lifecycle: Lifecycle,
  ) {}

  /** Liveness: the process is up and its event loop turns. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /**
   * Readiness: the database and Redis answer, and the service is not shutting down. Each is asked
   * on a connection of the probe's own, at once, and given HEALTH_TIMEOUT_MS (500 ms): a dependency
   * that does not answer in time is down, so the answer (503 then) comes within about that time.
   */
  @Get('ready')
  @HealthCheck()
  ready() {
    if (this.lifecycle.shuttingDown) throw new ServiceUnavailableException({ status: 'shutting-down' });
    return this.health.check([
      async () => {
        const i = this.indicator.check('database');
        try {
          await this.probes.database();
          return i.up();
        } catch (e) {
          return i.down({ message: (e as Error).message });
        }
      },
      async () => {
        const i = this.indicator.check('redis');
        try {
          await this.probes.queue();
          return i.up();
        } catch (e) {
          return i.down({ message: (e as Error).message });
        }
      },
    ]);
  }
}
