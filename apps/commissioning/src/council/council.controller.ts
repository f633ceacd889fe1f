import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { z } from 'zod';
import { PutCouncil, PutVariationLimits } from './council.dto.js';
import { CouncilService } from './council.service.js';
import { CouncilView } from './council.views.js';

@ApiTags('council')
@ApiBearerAuth()
@Controller('council')
export class CouncilController {
  constructor(private readonly council: CouncilService) {}

  /** The council's area, neighbours, region, ranking weights and price variation limits. */
  @ApiOkResponse({ schema: openApi(CouncilView) })
  @Get()
  @Roles('commissioner', 'finance', 'auditor', 'approver:HOS', 'approver:AD', 'approver:DCS')
  get(@CurrentUser() user: Principal) {
    return this.council.view(user);
  }

  @ApiOkResponse({ schema: openApi(CouncilView) })
  @Put()
  @Roles('commissioner')
  @ApiBody({ schema: openApi(PutCouncil) })
  put(@CurrentUser() user: Principal, @Body(new ZodPipe(PutCouncil)) body: z.infer<typeof PutCouncil>) {
    return this.council.put(user, body);
  }

  /** The limits above which a price variation goes back for approval: a senior manager's policy. */
  @ApiOkResponse({ schema: openApi(CouncilView) })
  @Put('variation-limits')
  @Roles('approver:AD', 'approver:DCS')
  @ApiBody({ schema: openApi(PutVariationLimits) })
  putLimits(@CurrentUser() user: Principal, @Body(new ZodPipe(PutVariationLimits)) body: z.infer<typeof PutVariationLimits>) {
    return this.council.putLimits(user, body);
  }
}
