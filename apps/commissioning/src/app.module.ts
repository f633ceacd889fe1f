import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@placewise/platform';
import type { CommissioningEnv } from './env.js';
import { PrismaService } from './prisma.service.js';
import { ProvidersController } from './providers/providers.controller.js';
import { ProvidersRepository } from './providers/providers.repository.js';
import { ProvidersService } from './providers/providers.service.js';
import { SearchesController } from './searches/searches.controller.js';
import { SearchesHandlers } from './searches/searches.handlers.js';
import { SearchesRepository } from './searches/searches.repository.js';
import { SearchesService } from './searches/searches.service.js';

@Module({})
export class AppModule {
  static forRoot(env: CommissioningEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ service: 'commissioning', env, database: PrismaService })],
      controllers: [ProvidersController, SearchesController],
      providers: [ProvidersRepository, ProvidersService, SearchesRepository, SearchesService, SearchesHandlers],
    };
  }
}
