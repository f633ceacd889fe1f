import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import type { z } from 'zod';
import { PlacementView } from '../searches/searches.views.js';
import { RecordSetting } from './emergencies.dto.js';
import { EmergenciesService } from './emergencies.service.js';

@ApiTags('placements')
@ApiBearerAuth()
@Controller('placements')
export class EmergenciesController {
  constructor(private readonly emergencies: EmergenciesService) {}

  /** Records where an emergency placement's child is (a setting the council may use), once the commissioner knows it. */
  @ApiOkResponse({ schema: openApi(PlacementView) })
  @Put(':id/setting')
  @HttpCode(200)
  @Roles('commissioner')
  @ApiBody({ schema: openApi(RecordSetting) })
  setting(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(RecordSetting)) body: z.infer<typeof RecordSetting>,
  ) {
    return this.emergencies.recordSetting(user, id, body.settingId);
  }
}
