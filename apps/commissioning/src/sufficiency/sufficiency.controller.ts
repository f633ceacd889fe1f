import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@placewise/platform';
import { SufficiencyService } from './sufficiency.service.js';

@ApiTags('sufficiency')
@ApiBearerAuth()
@Controller('sufficiency')
export class SufficiencyController {
  constructor(private readonly sufficiency: SufficiencyService) {}

  /** Occupancy of in-house homes and block beds, vacancies by type and area, searches with no offer, average time to place. */
  @Get()
  @Roles('commissioner', 'finance', 'auditor')
  report(@CurrentUser() user: Principal) {
    return this.sufficiency.report(user);
  }
}
