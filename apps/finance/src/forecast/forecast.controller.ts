import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiQueryFrom, CurrentUser, Roles, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { AlertsView, ForecastView, ImpactView } from '../finance.views.js';
import { z } from 'zod';
import { ForecastQuery, ImpactQuery, YearQuery } from '../finance.dto.js';
import { ForecastService } from './forecast.service.js';
import { CsvReport } from '@placewise/platform';
import { positionTable } from '../reports/tables.js';

@ApiTags('forecast')
@ApiBearerAuth()
@Controller()
export class ForecastController {
  constructor(private readonly forecasts: ForecastService) {}

  /** The year's forecast against budget, by category and in total: actuals paid + commitments + expected new starts. */
  @Get('forecast')
  @Roles('finance', 'auditor', 'approver:AD', 'approver:DCS')
  @CsvReport('position', positionTable)
  @ApiOkResponse({ description: 'JSON, or CSV with ?format=csv', schema: openApi(ForecastView) })
  @ApiQueryFrom(ForecastQuery.omit({ format: true }))
  forecast(
    @CurrentUser() user: Principal,
    @Query(new ZodPipe(ForecastQuery)) q: z.infer<typeof ForecastQuery>,
  ): Promise<z.infer<typeof ForecastView>> {
    return this.forecasts.forecast(user.localAuthority, q.financialYear, q.asOf);
  }

  /**
   * What a proposed placement would mean for this year's budget in its category: for the panel's papers
   * and approvers, who see this figure and not the whole forecast.
   */
  @Get('forecast/impact')
  @Roles(
    'finance',
    'auditor',
    'panel-member',
    'panel-chair',
    'approver:TM',
    'approver:SM',
    'approver:HOS',
    'approver:AD',
    'approver:DCS',
    'commissioner',
  )
  @ApiOkResponse({ schema: openApi(ImpactView) })
  @ApiQueryFrom(ImpactQuery)
  impact(
    @CurrentUser() user: Principal,
    @Query(new ZodPipe(ImpactQuery)) q: z.infer<typeof ImpactQuery>,
  ): Promise<z.infer<typeof ImpactView>> {
    return this.forecasts.impact(user.localAuthority, q);
  }

  /** The thresholds (90%, 100% of budget) each category's forecast is at or above now. */
  @Get('forecast/alerts')
  @Roles('finance', 'auditor', 'approver:AD', 'approver:DCS')
  @ApiOkResponse({ schema: openApi(AlertsView) })
  @ApiQueryFrom(YearQuery)
  alerts(@CurrentUser() user: Principal, @Query(new ZodPipe(YearQuery)) q: z.infer<typeof YearQuery>): Promise<z.infer<typeof AlertsView>> {
    return this.forecasts.alerts(user.localAuthority, q.financialYear);
  }
}
