import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiQueryFrom, CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { z } from 'zod';
import { Paging, Reason, SubmitOffer } from '../searches/searches.dto.js';
import { ProviderOfferCreatedView, ReferralDeclinedView, ReferralDetailView, ReferralView } from '../searches/searches.views.js';
import { ReferralsService } from './referrals.service.js';

const ListReferrals = Paging.extend({ searchId: z.uuid().optional() });

@ApiTags('searches')
@ApiBearerAuth()
@Controller()
export class ReferralsController {
  constructor(private readonly service: ReferralsService) {}

  /** The referrals sent to the caller's provider (a commissioner: the council's). */
  @ApiOkResponse({ schema: openApi(z.array(ReferralView)) })
  @ApiQueryFrom(ListReferrals)
  @Get('referrals')
  @Roles('provider', 'commissioner')
  referrals(@CurrentUser() user: Principal, @Query(new ZodPipe(ListReferrals)) q: z.infer<typeof ListReferrals>) {
    return this.service.listReferrals(user, q.take, q.skip, q.searchId);
  }

  /** A referral with the offers made against it. */
  @ApiOkResponse({ schema: openApi(ReferralDetailView) })
  @Get('referrals/:id')
  @Roles('provider', 'commissioner')
  referral(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.service.getReferral(user, id);
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
    return this.service.submitProviderOffer(user, id, body);
  }

  /** A provider declines a referral, saying why (when the whole round has declined, the search goes to the next). */
  @ApiOkResponse({ schema: openApi(ReferralDeclinedView) })
  @Post('referrals/:id/decline')
  @HttpCode(200)
  @Roles('provider')
  @ApiBody({ schema: openApi(Reason) })
  decline(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Body(new ZodPipe(Reason)) body: z.infer<typeof Reason>) {
    return this.service.declineReferral(user, id, body.reason);
  }
}
