import { Module, type DynamicModule } from '@nestjs/common';
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
import { RulesController } from './requests/rules.controller.js';
import { RulesService } from './rules/rules.service.js';
import { PolicyRepository } from './rules/policy.repository.js';
import { ExitsController } from './exits/exits.controller.js';
import { ExitsRepository } from './exits/exits.repository.js';
import { ExitsService } from './exits/exits.service.js';
import { RecordController } from './record/record.controller.js';
import { RecordRepository } from './record/record.repository.js';
import { RecordService } from './record/record.service.js';

@Module({})
export class AppModule {
  static forRoot(env: ReferralsEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ service: 'referrals', env, database: PrismaService })],
      controllers: [ChildrenController, RequestsController, RulesController, ExitsController, RecordController],
      providers: [
        ChildrenRepository,
        ChildrenService,
        RequestsRepository,
        RequestsService,
        RequestsHandlers,
        RulesService,
        PolicyRepository,
        ExitsRepository,
        ExitsService,
        RecordRepository,
        RecordService,
      ],
    };
  }
}
