import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiQueryFrom, CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { z } from 'zod';
import { AwardOffer, ListSearches, Paging, Reason, SearchProfile, SubmitOffer } from './searches.dto.js';
import { SearchesService } from './searches.service.js';
import {
  ExemptionView,
  HeldForReapprovalView,
  MatchesView,
  OfferCreatedView,
  OfferListItemView,
  PlacementView,
  ProviderOfferCreatedView,
  ReferralDeclinedView,
  ReferralDetailView,
  ReferralView,
  SearchDetailView,
  SearchSentView,
  SearchSummaryView,
} from './searches.views.js';

const ListReferrals = Paging.extend({ searchId: z.uuid().optional() });
const Take = z.object({ take: z.coerce.number().int().min(1).max(500).default(50) });

@ApiTags('searches')
@ApiBearerAuth()
@Controller()
export class SearchesController {
  constructor(private readonly searches: SearchesService) {}

  @ApiOkResponse({ schema: openApi(z.array(SearchSummaryView)) })
  @ApiQueryFrom(ListSearches)
  @Get('searches')
  @Roles('commissioner', 'finance', 'auditor')
  list(@CurrentUser() user: Principal, @Query(new ZodPipe(ListSearches)) q: z.infer<typeof ListSearches>) {
    return this.searches.list(user, q);
  }

  /**
   * The search: in-house matches first, referrals sent, offers ranked with gates and the score's
   * parts. A head of service or above reads it to decide an exemption for an Inadequate setting.
   */
  @ApiOkResponse({ schema: openApi(SearchDetailView) })
  @Get('searches/:id')
  @Roles('commissioner', 'auditor', 'approver:HOS', 'approver:AD', 'approver:DCS')
  get(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.searches.get(user, id);
  }

  /** Every setting that could meet the search, gated and ranked by the council's weights. */
  @ApiOkResponse({ schema: openApi(MatchesView) })
  @ApiQueryFrom(Take)
  @Get('searches/:id/matches')
  @Roles('commissioner')
  matches(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Query(new ZodPipe(Take)) q: z.infer<typeof Take>) {
    return this.searches.matches(user, id, q.take);
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

  @ApiCreatedResponse({ schema: openApi(OfferCreatedView) })
  @Post('searches/:id/offers')
  @Roles('commissioner')
  @ApiBody({ schema: openApi(SubmitOffer) })
  offer(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(SubmitOffer)) body: z.infer<typeof SubmitOffer>,
  ) {
    return this.searches.submitOffer(user, id, body);
  }

  /** Award an offer: 201 with the placement, or 202 when it must first go back for re-approval. */
  @ApiCreatedResponse({ description: 'Awarded: the placement has started', schema: openApi(PlacementView) })
  @ApiAcceptedResponse({ description: 'Held for re-approval: the bed is held until it is decided', schema: openApi(HeldForReapprovalView) })
  @Post('offers/:id/award')
  @Roles('commissioner')
  @ApiBody({ schema: openApi(AwardOffer) })
  async award(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(AwardOffer)) body: z.infer<typeof AwardOffer>,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ) {
    const r = await this.searches.award(user, id, body);
    res.status(r.status);
    return r.body;
  }

  /** A head of service's (or above) exemption for an offer from a setting rated Inadequate, with the reason. */
  @ApiOkResponse({ schema: openApi(ExemptionView) })
  @Post('offers/:id/exemption')
  @HttpCode(200)
  @Roles('approver:HOS', 'approver:AD', 'approver:DCS')
  @ApiBody({ schema: openApi(Reason) })
  exempt(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Body(new ZodPipe(Reason)) body: z.infer<typeof Reason>) {
    return this.searches.exempt(user, id, body.reason);
  }

  /** A provider's own offers; a commissioner's: the council's. */
  @ApiOkResponse({ schema: openApi(z.array(OfferListItemView)) })
  @ApiQueryFrom(Paging)
  @Get('offers')
  @Roles('provider', 'commissioner')
  offers(@CurrentUser() user: Principal, @Query(new ZodPipe(Paging)) q: z.infer<typeof Paging>) {
    return this.searches.listOffers(user, q.take, q.skip);
  }

  /** The referrals sent to the caller's provider (a commissioner: the council's). */
  @ApiOkResponse({ schema: openApi(z.array(ReferralView)) })
  @ApiQueryFrom(ListReferrals)
  @Get('referrals')
  @Roles('provider', 'commissioner')
  referrals(@CurrentUser() user: Principal, @Query(new ZodPipe(ListReferrals)) q: z.infer<typeof ListReferrals>) {
    return this.searches.listReferrals(user, q.take, q.skip, q.searchId);
  }

  /** A referral with the offers made against it. */
  @ApiOkResponse({ schema: openApi(ReferralDetailView) })
  @Get('referrals/:id')
  @Roles('provider', 'commissioner')
  referral(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.searches.getReferral(user, id);
  }

  /** A provider offers one of its settings against a referral. */
  @ApiCreatedResponse({ schema: openApi(ProviderOfferCreatedView) })
  @Post('referrals/:id/offers')
  @Roles('provider')
  @ApiBody({ schema: openApi(SubmitOffer) })
  providerOffer(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(SubmitOffer)) body: z.infer<typeof SubmitOffer>,
  ) {
    return this.searches.submitProviderOffer(user, id, body);
  }

  /** A provider declines a referral, saying why (when the whole round has declined, the search goes to the next). */
  @ApiOkResponse({ schema: openApi(ReferralDeclinedView) })
  @Post('referrals/:id/decline')
  @HttpCode(200)
  @Roles('provider')
  @ApiBody({ schema: openApi(Reason) })
  decline(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Body(new ZodPipe(Reason)) body: z.infer<typeof Reason>) {
    return this.searches.declineReferral(user, id, body.reason);
  }
}
