import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { PlatformModule, workerOptions } from '@placewise/platform';
import type { PanelsEnv } from './env.js';
import { RetentionHandlers } from './retention/retention.handlers.js';
import { RetentionRepository } from './retention/retention.repository.js';
import { PrismaService } from './prisma.service.js';
import { AuditController, CasesController } from './cases/cases.controller.js';
import { CasesHandlers } from './cases/cases.handlers.js';
import { CasesRepository } from './cases/cases.repository.js';
import { CasesService } from './cases/cases.service.js';
import { PanelsController, SittingsController } from './panels/panels.controller.js';
import { PanelsRepository } from './panels/panels.repository.js';
import { HearingService } from './panels/hearing.service.js';
import { PanelAdminService } from './panels/panel-admin.service.js';
import { RoutingService } from './panels/routing.service.js';
import { SittingCalendarService } from './panels/sitting-calendar.service.js';
import { SittingsService } from './panels/sittings.service.js';
import { MinutesService } from './panels/minutes.service.js';
import { ClocksController } from './clocks/clocks.controller.js';
import { ClocksRepository } from './clocks/clocks.repository.js';
import { ClocksService } from './clocks/clocks.service.js';
import { TimersRepository } from './timers/timers.repository.js';
import { timersProcessor } from './timers/timers.processor.js';
import { TIMERS_QUEUE } from './timers/timers.queue.js';
import { TimersService } from './timers/timers.service.js';
import { PeopleInterceptor } from './people/people.interceptor.js';
import { PeopleRepository } from './people/people.repository.js';

import { SubjectAccessController } from './subject-access/subject-access.controller.js';
import { SubjectAccessRepository } from './subject-access/subject-access.repository.js';
@Module({})
export class AppModule {
  static forRoot(env: PanelsEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ service: 'panels', env, database: PrismaService }),
        BullModule.registerQueue({ name: TIMERS_QUEUE }),
      ],
      controllers: [CasesController, AuditController, PanelsController, SittingsController, ClocksController, SubjectAccessController],
      providers: [
        SubjectAccessRepository,
        CasesRepository,
        PeopleRepository,
        { provide: APP_INTERCEPTOR, useClass: PeopleInterceptor },
        CasesService,
        CasesHandlers,
        RetentionRepository,
        RetentionHandlers,
        PanelsRepository,
        SittingCalendarService,
        RoutingService,
        SittingsService,
        HearingService,
        PanelAdminService,
        MinutesService,
        TimersRepository,
        TimersService,
        ClocksRepository,
        ClocksService,
        timersProcessor(workerOptions(env)),
      ],
    };
  }
}
