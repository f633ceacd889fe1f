import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Day } from '@placewise/contracts';
import { ApiQueryFrom, CurrentUser, Roles, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { z } from 'zod';
import { IndicatorsView } from '../finance.views.js';
import { IndicatorsService } from './indicators.service.js';

export const IndicatorsQuery = z.object({
  /** The day the mix is counted on, and the end of this year's period (default today). */
  asOf: Day.optional(),
});

@ApiTags('indicators')
@ApiBearerAuth()
@Controller()
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  /**
   * The council's placement mix (open placements and their weekly cost by type on a day) and the
   * average weekly cost by type this financial year to date against the same days last year.
   */
  @Get('indicators')
  @Roles('finance', 'auditor', 'performance', 'approver:HOS', 'approver:AD', 'approver:DCS')
  @ApiOkResponse({ schema: openApi(IndicatorsView) })
  @ApiQueryFrom(IndicatorsQuery)
  get(
    @CurrentUser() user: Principal,
    @Query(new ZodPipe(IndicatorsQuery)) q: z.infer<typeof IndicatorsQuery>,
  ): Promise<z.infer<typeof IndicatorsView>> {
    return this.indicators.indicators(user, q.asOf);
  }
}
