import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@placewise/platform';
import { CouncilController } from './council/council.controller.js';
import { CouncilRepository } from './council/council.repository.js';
import { CouncilService } from './council/council.service.js';
import type { CommissioningEnv } from './env.js';
import { PlacementsController } from './placements/placements.controller.js';
import { PlacementsRepository } from './placements/placements.repository.js';
import { PlacementsService } from './placements/placements.service.js';
import { PlacementEnding } from './placements/placement-ending.js';
import { PrismaService } from './prisma.service.js';
import { ProvidersController } from './providers/providers.controller.js';
import { ProvidersRepository } from './providers/providers.repository.js';
import { ProvidersService } from './providers/providers.service.js';
import { SearchesController } from './searches/searches.controller.js';
import { SearchesHandlers } from './searches/searches.handlers.js';
import { SearchesRepository } from './searches/searches.repository.js';
import { SearchesService } from './searches/searches.service.js';
import { SufficiencyController } from './sufficiency/sufficiency.controller.js';
import { SufficiencyRepository } from './sufficiency/sufficiency.repository.js';
import { SufficiencyService } from './sufficiency/sufficiency.service.js';

@Module({})
export class AppModule {
  static forRoot(env: CommissioningEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ service: 'commissioning', env, database: PrismaService })],
      controllers: [CouncilController, ProvidersController, SearchesController, PlacementsController, SufficiencyController],
      providers: [
        CouncilRepository,
        CouncilService,
        ProvidersRepository,
        ProvidersService,
        SearchesRepository,
        SearchesService,
        SearchesHandlers,
        PlacementsRepository,
        PlacementsService,
        PlacementEnding,
        SufficiencyRepository,
        SufficiencyService,
      ],
    };
  }
}
