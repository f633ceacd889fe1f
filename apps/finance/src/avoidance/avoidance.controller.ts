import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, ZodPipe, type Principal } from '@placewise/platform';
import { z } from 'zod';
import { ForecastQuery } from '../finance.dto.js';
import { AvoidanceService } from './avoidance.service.js';
import { CsvReport } from '../reports/csv.js';
import { avoidanceTable } from '../reports/tables.js';

@ApiTags('cost avoidance')
@ApiBearerAuth()
@Controller()
export class AvoidanceController {
  constructor(private readonly avoidance: AvoidanceService) {}

  /** Cost avoided in the year against each approval's counterfactual: accrued to `asOf` and projected; not a saving. */
  @Get('cost-avoidance')
  @Roles('finance', 'auditor', 'approver:AD', 'approver:DCS')
  @CsvReport('cost-avoidance', avoidanceTable)
  report(@CurrentUser() user: Principal, @Query(new ZodPipe(ForecastQuery)) q: z.infer<typeof ForecastQuery>) {
    return this.avoidance.report(user, q.financialYear, q.asOf);
  }
}
