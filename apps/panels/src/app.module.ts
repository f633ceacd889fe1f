import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@placewise/platform';
import type { PanelsEnv } from './env.js';
import { PrismaService } from './prisma.service.js';
import { CasesController } from './cases/cases.controller.js';
import { CasesHandlers } from './cases/cases.handlers.js';
import { CasesRepository } from './cases/cases.repository.js';
import { CasesService } from './cases/cases.service.js';

@Module({})
export class AppModule {
  static forRoot(env: PanelsEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ service: 'panels', env, database: PrismaService })],
      controllers: [CasesController],
      providers: [CasesRepository, CasesService, CasesHandlers],
    };
  }
}
