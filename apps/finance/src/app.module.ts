import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@placewise/platform';
import type { FinanceEnv } from './env.js';
import { PrismaService } from './prisma.service.js';
import { BudgetsRepository } from './budgets/budgets.repository.js';
import { CommitmentsHandlers } from './commitments/commitments.handlers.js';
import { CommitmentsRepository } from './commitments/commitments.repository.js';
import { FinanceController } from './finance.controller.js';
import { FinanceService } from './finance.service.js';

@Module({})
export class AppModule {
  static forRoot(env: FinanceEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ service: 'finance', env, database: PrismaService })],
      controllers: [FinanceController],
      providers: [BudgetsRepository, CommitmentsRepository, CommitmentsHandlers, FinanceService],
    };
  }
}
