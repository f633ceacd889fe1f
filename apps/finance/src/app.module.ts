import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@placewise/platform';
import type { FinanceEnv } from './env.js';
import { PrismaService } from './prisma.service.js';
import { ProjectionController } from './projection/projection.controller.js';
import { ProjectionRepository } from './projection/projection.repository.js';
import { ProjectionService } from './projection/projection.service.js';
import { PaymentsController } from './payments/payments.controller.js';
import { PaymentsRepository } from './payments/payments.repository.js';
import { PaymentsService } from './payments/payments.service.js';
import { AvoidanceController } from './avoidance/avoidance.controller.js';
import { AvoidanceHandlers } from './avoidance/avoidance.handlers.js';
import { AvoidanceRepository } from './avoidance/avoidance.repository.js';
import { AvoidanceService } from './avoidance/avoidance.service.js';
import { AvoidanceEntries } from './avoidance/entries.service.js';
import { BudgetsController } from './budgets/budgets.controller.js';
import { BudgetsRepository } from './budgets/budgets.repository.js';
import { BudgetsService } from './budgets/budgets.service.js';
import { CommitmentsController } from './commitments/commitments.controller.js';
import { CommitmentsHandlers } from './commitments/commitments.handlers.js';
import { CommitmentsRepository } from './commitments/commitments.repository.js';
import { CommitmentsService } from './commitments/commitments.service.js';
import { ForecastController } from './forecast/forecast.controller.js';
import { ForecastRepository } from './forecast/forecast.repository.js';
import { ForecastService } from './forecast/forecast.service.js';
import { CouncilRepository } from './council/council.repository.js';
import { EmergenciesHandlers } from './emergencies/emergencies.handlers.js';
import { ImportsController } from './imports/imports.controller.js';
import { ImportsHandlers } from './imports/imports.handlers.js';
import { ImportsRepository } from './imports/imports.repository.js';
import { ImportsService } from './imports/imports.service.js';
import { IndicatorsController } from './indicators/indicators.controller.js';
import { IndicatorsRepository } from './indicators/indicators.repository.js';
import { IndicatorsService } from './indicators/indicators.service.js';

import { SubjectAccessController } from './subject-access/subject-access.controller.js';
import { SubjectAccessRepository } from './subject-access/subject-access.repository.js';
import { RetentionHandlers } from './retention/retention.handlers.js';
import { RetentionRepository } from './retention/retention.repository.js';
@Module({})
export class AppModule {
  static forRoot(env: FinanceEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ service: 'finance', env, database: PrismaService })],
      controllers: [
        SubjectAccessController,
        CommitmentsController,
        BudgetsController,
        ForecastController,
        AvoidanceController,
        PaymentsController,
        ProjectionController,
        ImportsController,
        IndicatorsController,
      ],
      providers: [
        SubjectAccessRepository,
        CouncilRepository,
        CommitmentsRepository,
        CommitmentsService,
        CommitmentsHandlers,
        RetentionRepository,
        RetentionHandlers,
        BudgetsRepository,
        BudgetsService,
        ForecastRepository,
        ForecastService,
        AvoidanceRepository,
        AvoidanceService,
        AvoidanceHandlers,
        AvoidanceEntries,
        PaymentsRepository,
        PaymentsService,
        ProjectionRepository,
        ProjectionService,
        ImportsRepository,
        ImportsService,
        ImportsHandlers,
        EmergenciesHandlers,
        IndicatorsRepository,
        IndicatorsService,
      ],
    };
  }
}
