import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiQueryFrom, CurrentUser, Roles, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { CostAvoidanceView } from '../finance.views.js';
import { z } from 'zod';
import { ForecastQuery } from '../finance.dto.js';
import { AvoidanceService } from './avoidance.service.js';
import { CsvReport } from '@placewise/platform';
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
  @ApiOkResponse({ description: 'JSON, or CSV with ?format=csv', schema: openApi(CostAvoidanceView) })
  @ApiQueryFrom(ForecastQuery.omit({ format: true }))
  report(
    @CurrentUser() user: Principal,
    @Query(new ZodPipe(ForecastQuery)) q: z.infer<typeof ForecastQuery>,
  ): Promise<z.infer<typeof CostAvoidanceView>> {
    return this.avoidance.report(user, q.financialYear, q.asOf);
  }
}
