import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiQueryFrom, CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { z } from 'zod';
import { PlacementView, UnpricedImportsView } from '../finance.views.js';
import { ImportedPrice, UnpricedQuery } from './imports.dto.js';
import { ImportsService } from './imports.service.js';

@ApiTags('imported placements')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /** Placements from the council's 903 return that its cost file gave no price for: nothing is committed for them yet. */
  @Get('unpriced')
  @Roles('finance', 'auditor')
  @ApiQueryFrom(UnpricedQuery)
  @ApiOkResponse({ schema: openApi(UnpricedImportsView) })
  unpriced(
    @CurrentUser() user: Principal,
    @Query(new ZodPipe(UnpricedQuery)) q: z.infer<typeof UnpricedQuery>,
  ): Promise<z.infer<typeof UnpricedImportsView>> {
    return this.imports.unpriced(user, q.take, q.skip);
  }

  /** Gives an unpriced imported placement its weekly cost (from its start): it is committed at once. */
  @Put('unpriced/:id/price')
  @Roles('finance')
  @ApiBody({ schema: openApi(ImportedPrice) })
  @ApiOkResponse({ schema: openApi(PlacementView) })
  price(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(ImportedPrice)) body: z.infer<typeof ImportedPrice>,
  ): Promise<z.infer<typeof PlacementView>> {
    return this.imports.price(user, id, body.weeklyCostPence);
  }
}
