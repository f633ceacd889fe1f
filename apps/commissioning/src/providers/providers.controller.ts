import { z } from 'zod';
import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { CreateProvider, CreateSetting, UpdateSetting } from './providers.dto.js';
import { ProvidersService } from './providers.service.js';

@ApiTags('providers')
@ApiBearerAuth()
@Controller('providers')
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  @Post()
  @Roles('commissioner')
  @ApiBody({ schema: openApi(CreateProvider) })
  create(@CurrentUser() user: Principal, @Body(new ZodPipe(CreateProvider)) body: z.infer<typeof CreateProvider>) {
    return this.providers.createProvider(user, body);
  }

  @Post(':id/settings')
  @Roles('commissioner')
  @ApiBody({ schema: openApi(CreateSetting) })
  addSetting(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Body(new ZodPipe(CreateSetting)) body: z.infer<typeof CreateSetting>) {
    return this.providers.createSetting(user, id, body);
  }

  @Patch(':id/settings/:settingId')
  @Roles('commissioner')
  @ApiBody({ schema: openApi(UpdateSetting) })
  updateSetting(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Param('settingId', UuidParam) settingId: string, @Body(new ZodPipe(UpdateSetting)) body: z.infer<typeof UpdateSetting>) {
    return this.providers.updateSetting(user, id, settingId, body);
  }

  /** The council's providers and those shared with its region, with their settings. */
  @Get()
  @Roles('commissioner', 'finance', 'auditor')
  list(@CurrentUser() user: Principal) {
    return this.providers.list(user);
  }
}
