import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiQueryFrom, CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { z } from 'zod';
import { EndPlacement, ListPlacements, Notice, PriceChange } from './placements.dto.js';
import { PlacementsService } from './placements.service.js';
import { NoticeGivenView, PlacementView, PriceChangeResultView } from '../searches/searches.views.js';

@ApiTags('placements')
@ApiBearerAuth()
@Controller('placements')
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  /** The council's placements (a provider: its own); `due=review|notice|any&within=28`: what is due soonest first. */
  @ApiOkResponse({ schema: openApi(z.array(PlacementView)) })
  @ApiQueryFrom(ListPlacements)
  @Get()
  @Roles('commissioner', 'finance', 'auditor', 'provider')
  list(@CurrentUser() user: Principal, @Query(new ZodPipe(ListPlacements)) q: z.infer<typeof ListPlacements>) {
    return this.placements.list(user, q);
  }

  /**
   * The placement with its agreement, notice and price changes (a provider: only its own; a social
   * worker: the council's, to see where the child on their request was placed).
   */
  @ApiOkResponse({ schema: openApi(PlacementView) })
  @Get(':id')
  @Roles('commissioner', 'finance', 'auditor', 'provider', 'social-worker')
  get(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.placements.get(user, id);
  }

  /** A new weekly price: 201 applied, or 202 held for re-approval when above the council's limits. */
  @ApiCreatedResponse({ description: 'Applied', schema: openApi(PriceChangeResultView) })
  @ApiAcceptedResponse({ description: 'Held for re-approval: the price stays until it is decided', schema: openApi(PriceChangeResultView) })
  @Post(':id/price-changes')
  @Roles('commissioner')
  @ApiBody({ schema: openApi(PriceChange) })
  async price(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(PriceChange)) body: z.infer<typeof PriceChange>,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ) {
    const r = await this.placements.changePrice(user, id, body);
    res.status(r.status);
    return r.body;
  }

  /** Notice given (by the provider through its own role, or recorded by a commissioner). */
  @ApiOkResponse({ schema: openApi(NoticeGivenView) })
  @Post(':id/notice')
  @HttpCode(200)
  @Roles('commissioner', 'provider')
  @ApiBody({ schema: openApi(Notice) })
  notice(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Body(new ZodPipe(Notice)) body: z.infer<typeof Notice>) {
    return this.placements.giveNotice(user, id, body);
  }

  /** Ends the placement with a reason (STEP_DOWN, PLANNED_END, BREAKDOWN...). */
  @ApiOkResponse({ schema: openApi(PlacementView) })
  @Post(':id/end')
  @HttpCode(200)
  @Roles('commissioner')
  @ApiBody({ schema: openApi(EndPlacement) })
  end(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(EndPlacement)) body: z.infer<typeof EndPlacement>,
  ) {
    return this.placements.end(user, id, body);
  }
}
