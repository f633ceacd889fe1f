import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@placewise/platform';
import { CouncilController } from './council/council.controller.js';
import { CouncilRepository } from './council/council.repository.js';
import { CouncilService } from './council/council.service.js';
import { AwardsController } from './awards/awards.controller.js';
import { AwardsService } from './awards/awards.service.js';
import { DecisionsHandlers } from './decisions/decisions.handlers.js';
import { EmergenciesController } from './emergencies/emergencies.controller.js';
import { EmergenciesHandlers } from './emergencies/emergencies.handlers.js';
import { EmergenciesRepository } from './emergencies/emergencies.repository.js';
import { EmergenciesService } from './emergencies/emergencies.service.js';
import { ImportsHandlers } from './imports/imports.handlers.js';
import { ImportsRepository } from './imports/imports.repository.js';
import { ImportsService } from './imports/imports.service.js';
import { OffersController } from './offers/offers.controller.js';
import { OffersRepository } from './offers/offers.repository.js';
import { OffersService } from './offers/offers.service.js';
import { ReferralsController } from './referrals/referrals.controller.js';
import { ReferralsService } from './referrals/referrals.service.js';
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
import { SearchesRepository } from './searches/searches.repository.js';
import { SearchesService } from './searches/searches.service.js';
import { SearchViewsService } from './searches/search-views.service.js';
import { SufficiencyController } from './sufficiency/sufficiency.controller.js';
import { SufficiencyRepository } from './sufficiency/sufficiency.repository.js';
import { SufficiencyService } from './sufficiency/sufficiency.service.js';

import { SubjectAccessController } from './subject-access/subject-access.controller.js';
import { SubjectAccessRepository } from './subject-access/subject-access.repository.js';
import { RetentionHandlers } from './retention/retention.handlers.js';
import { RetentionRepository } from './retention/retention.repository.js';
@Module({})
export class AppModule {
  static forRoot(env: CommissioningEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ service: 'commissioning', env, database: PrismaService })],
      controllers: [
        SubjectAccessController,
        CouncilController,
        ProvidersController,
        SearchesController,
        OffersController,
        AwardsController,
        ReferralsController,
        PlacementsController,
        SufficiencyController,
        EmergenciesController,
      ],
      providers: [
        SubjectAccessRepository,
        CouncilRepository,
        CouncilService,
        ProvidersRepository,
        ProvidersService,
        SearchesRepository,
        SearchViewsService,
        SearchesService,
        OffersRepository,
        OffersService,
        ReferralsService,
        AwardsService,
        DecisionsHandlers,
        RetentionRepository,
        RetentionHandlers,
        ImportsRepository,
        ImportsService,
        ImportsHandlers,
        EmergenciesRepository,
        EmergenciesService,
        EmergenciesHandlers,
        PlacementsRepository,
        PlacementsService,
        PlacementEnding,
        SufficiencyRepository,
        SufficiencyService,
      ],
    };
  }
}
