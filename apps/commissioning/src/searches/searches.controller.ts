import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiQueryFrom, CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { z } from 'zod';
import { SearchViewsService } from './search-views.service.js';
import { ListSearches, Reason, SearchProfile } from './searches.dto.js';
import { SearchesService } from './searches.service.js';
import { MatchesView, SearchDetailView, SearchSentView, SearchSummaryView } from './searches.views.js';

const Take = z.object({ take: z.coerce.number().int().min(1).max(500).default(50) });

@ApiTags('searches')
@ApiBearerAuth()
@Controller()
export class SearchesController {
  constructor(
    private readonly searches: SearchesService,
    private readonly views: SearchViewsService,
  ) {}

  @ApiOkResponse({ schema: openApi(z.array(SearchSummaryView)) })
  @ApiQueryFrom(ListSearches)
  @Get('searches')
  @Roles('commissioner', 'finance', 'auditor')
  list(@CurrentUser() user: Principal, @Query(new ZodPipe(ListSearches)) q: z.infer<typeof ListSearches>) {
    return this.views.list(user, q);
  }

  /**
   * The search: in-house matches first, referrals sent, offers ranked with gates and the score's
   * parts. A head of service or above reads it to decide an exemption for an Inadequate setting.
   */
  @ApiOkResponse({ schema: openApi(SearchDetailView) })
  @Get('searches/:id')
  @Roles('commissioner', 'auditor', 'approver:HOS', 'approver:AD', 'approver:DCS')
  get(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.views.get(user, id);
  }

  /** Every setting that could meet the search, gated and ranked by the council's weights. */
  @ApiOkResponse({ schema: openApi(MatchesView) })
  @ApiQueryFrom(Take)
  @Get('searches/:id/matches')
  @Roles('commissioner')
  matches(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Query(new ZodPipe(Take)) q: z.infer<typeof Take>) {
    return this.views.matches(user, id, q.take);
  }

  /** The matching profile: needs, where home and school are (points, not addresses), siblings. */
  @ApiOkResponse({ schema: openApi(SearchDetailView) })
  @Put('searches/:id/profile')
  @Roles('commissioner')
  @ApiBody({ schema: openApi(SearchProfile) })
  profile(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(SearchProfile)) body: z.infer<typeof SearchProfile>,
  ) {
    return this.searches.setProfile(user, id, body);
  }

  /** In-house first: releases the search to external providers (round 1), with the reason. */
  @ApiOkResponse({ schema: openApi(SearchSentView) })
  @Post('searches/:id/release')
  @HttpCode(200)
  @Roles('commissioner')
  @ApiBody({ schema: openApi(Reason) })
  release(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Body(new ZodPipe(Reason)) body: z.infer<typeof Reason>) {
    return this.searches.release(user, id, body.reason);
  }

  /** Sends the search to the next round: the next framework tier, the DPS, then spot (409 when none is left). */
  @ApiOkResponse({ schema: openApi(SearchSentView) })
  @Post('searches/:id/widen')
  @HttpCode(200)
  @Roles('commissioner')
  widen(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.searches.widen(user, id);
  }
}
