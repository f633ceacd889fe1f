import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, openApi, type Principal } from '@placewise/platform';
import { SufficiencyService } from './sufficiency.service.js';
import { SufficiencyView } from './sufficiency.views.js';

@ApiTags('sufficiency')
@ApiBearerAuth()
@Controller('sufficiency')
export class SufficiencyController {
  constructor(private readonly sufficiency: SufficiencyService) {}

  /** Occupancy of in-house homes and block beds, vacancies by type and area, searches with no offer, average time to place. */
  @ApiOkResponse({ schema: openApi(SufficiencyView) })
  @Get()
  @Roles('commissioner', 'finance', 'auditor')
  report(@CurrentUser() user: Principal) {
    return this.sufficiency.report(user);
  }
}
