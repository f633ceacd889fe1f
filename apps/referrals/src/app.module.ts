import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { BullBoardModule } from '@bull-board/nestjs';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { PlatformModule } from '@placewise/platform';
import type { ReferralsEnv } from './env.js';
import { PrismaService } from './prisma.service.js';
import { ChildrenController } from './children/children.controller.js';
import { ChildrenRepository } from './children/children.repository.js';
import { ChildrenService } from './children/children.service.js';
import { RequestsController } from './requests/requests.controller.js';
import { RequestsRepository } from './requests/requests.repository.js';
import { RequestsService } from './requests/requests.service.js';
import { RequestsHandlers } from './requests/requests.handlers.js';
import { ChildrenHandlers } from './children/children.handlers.js';
import { ChildAccess } from './children/child-access.js';
import { RecordHandlers } from './record/record.handlers.js';
import { RulesController } from './requests/rules.controller.js';
import { RulesService } from './rules/rules.service.js';
import { PolicyRepository } from './rules/policy.repository.js';
import { ExitsController } from './exits/exits.controller.js';
import { ExitsRepository } from './exits/exits.repository.js';
import { ExitsService } from './exits/exits.service.js';
import { RecordController } from './record/record.controller.js';
import { RecordRepository } from './record/record.repository.js';
import { RecordService } from './record/record.service.js';
import { ReturnsController } from './returns/returns.controller.js';
import { returnsProcessor } from './returns/returns.processor.js';
import { RETURNS_QUEUE } from './returns/returns.queue.js';
import { ReturnsRepository } from './returns/returns.repository.js';
import { ReturnsService } from './returns/returns.service.js';
import { Ssda903Returns } from './returns/ssda903-returns.js';
import { AccessLogController } from './access-log/access-log.controller.js';
import { AccessLogInterceptor } from './access-log/access-log.interceptor.js';
import { AccessLogRepository } from './access-log/access-log.repository.js';
import { SubjectAccessController } from './subject-access/subject-access.controller.js';
import { SubjectAccessRepository } from './subject-access/subject-access.repository.js';
import { RetentionController } from './retention/retention.controller.js';
import { retentionProcessor } from './retention/retention.processor.js';
import { RETENTION_QUEUE } from './retention/retention.queue.js';
import { RetentionRepository } from './retention/retention.repository.js';
import { RetentionService } from './retention/retention.service.js';
import { IndicatorsController } from './indicators/indicators.controller.js';
import { IndicatorsRepository } from './indicators/indicators.repository.js';
import { IndicatorsService } from './indicators/indicators.service.js';

@Module({})
export class AppModule {
  static forRoot(env: ReferralsEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ service: 'referrals', env, database: PrismaService }),
        // Referrals' own queue for producing returns, on the ops queue board beside the inbox.
        BullModule.registerQueue({
          name: RETURNS_QUEUE,
          defaultJobOptions: { attempts: 1, removeOnComplete: { age: 7 * 24 * 3600 }, removeOnFail: false },
        }),
        BullBoardModule.forFeature({ name: RETURNS_QUEUE, adapter: BullMQAdapter }),
        // The retention job's queue: the scheduler's daily sweep (docs/retention.md).
        BullModule.registerQueue({
          name: RETENTION_QUEUE,
          defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: 100, removeOnFail: 100 },
        }),
        BullBoardModule.forFeature({ name: RETENTION_QUEUE, adapter: BullMQAdapter }),
      ],
      controllers: [
        SubjectAccessController,
        ChildrenController,
        RequestsController,
        RulesController,
        ExitsController,
        RecordController,
        ReturnsController,
        AccessLogController,
        IndicatorsController,
        RetentionController,
      ],
      providers: [
        AccessLogRepository,
        SubjectAccessRepository,
        // Every read of a child's personal data is logged before it is answered.
        { provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor },
        ChildrenRepository,
        ChildrenService,
        ChildrenHandlers,
        ChildAccess,
        RequestsRepository,
        RequestsService,
        RequestsHandlers,
        RulesService,
        PolicyRepository,
        ExitsRepository,
        ExitsService,
        RecordRepository,
        RecordService,
        RecordHandlers,
        ReturnsRepository,
        Ssda903Returns,
        ReturnsService,
        IndicatorsRepository,
        IndicatorsService,
        // One return at a time per process: it is heavy, and rare.
        returnsProcessor({ concurrency: 1, lockDuration: env.WORKER_LOCK_MS }),
        RetentionRepository,
        RetentionService,
        retentionProcessor({ concurrency: 1, lockDuration: env.WORKER_LOCK_MS }),
      ],
    };
  }
}
