import { z } from 'zod';
import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { CreateProvider, CreateSetting, UpdateSetting } from './providers.dto.js';
import { ProvidersService } from './providers.service.js';
import { ProviderView, ProviderWithSettingsView, SettingView } from './providers.views.js';

@ApiTags('providers')
@ApiBearerAuth()
@Controller('providers')
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  /** A provider the council buys from (or its own in-house service); `id` only to keep one the council already uses. */
  @ApiCreatedResponse({ schema: openApi(ProviderView) })
  @Post()
  @Roles('commissioner')
  @ApiBody({ schema: openApi(CreateProvider) })
  create(@CurrentUser() user: Principal, @Body(new ZodPipe(CreateProvider)) body: z.infer<typeof CreateProvider>) {
    return this.providers.createProvider(user, body);
  }

  @ApiCreatedResponse({ schema: openApi(SettingView) })
  @Post(':id/settings')
  @Roles('commissioner')
  @ApiBody({ schema: openApi(CreateSetting) })
  addSetting(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(CreateSetting)) body: z.infer<typeof CreateSetting>,
  ) {
    return this.providers.createSetting(user, id, body);
  }

  @ApiOkResponse({ schema: openApi(SettingView) })
  @Patch(':id/settings/:settingId')
  @Roles('commissioner')
  @ApiBody({ schema: openApi(UpdateSetting) })
  updateSetting(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Param('settingId', UuidParam) settingId: string,
    @Body(new ZodPipe(UpdateSetting)) body: z.infer<typeof UpdateSetting>,
  ) {
    return this.providers.updateSetting(user, id, settingId, body);
  }

  /** The council's providers and those shared with its region, with their settings; a provider's staff: their own. */
  @ApiOkResponse({ schema: openApi(z.array(ProviderWithSettingsView)) })
  @Get()
  @Roles('commissioner', 'finance', 'auditor', 'provider')
  list(@CurrentUser() user: Principal) {
    return this.providers.list(user);
  }
}
