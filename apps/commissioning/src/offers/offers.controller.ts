import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiQueryFrom, CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { z } from 'zod';
import { Paging, Reason, ReviseOffer, SubmitOffer } from '../searches/searches.dto.js';
import { ExemptionView, OfferChangedView, OfferCreatedView, OfferListItemView } from '../searches/searches.views.js';
import { OffersService } from './offers.service.js';

@ApiTags('searches')
@ApiBearerAuth()
@Controller()
export class OffersController {
  constructor(private readonly service: OffersService) {}

  @ApiCreatedResponse({ schema: openApi(OfferCreatedView) })
  @Post('searches/:id/offers')
  @Roles('commissioner')
  @ApiBody({ schema: openApi(SubmitOffer) })
  offer(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(SubmitOffer)) body: z.infer<typeof SubmitOffer>,
  ) {
    return this.service.submitOffer(user, id, body);
  }

  /** A head of service's (or above) exemption for an offer from a setting rated Inadequate, with the reason. */
  @ApiOkResponse({ schema: openApi(ExemptionView) })
  @Post('offers/:id/exemption')
  @HttpCode(200)
  @Roles('approver:HOS', 'approver:AD', 'approver:DCS')
  @ApiBody({ schema: openApi(Reason) })
  exempt(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Body(new ZodPipe(Reason)) body: z.infer<typeof Reason>) {
    return this.service.exempt(user, id, body.reason);
  }

  /** A provider revises its own offer (price, additional services, start, notes) while the council has not chosen it. */
  @ApiOkResponse({ schema: openApi(OfferChangedView) })
  @Post('offers/:id/revision')
  @HttpCode(200)
  @Roles('provider')
  @ApiBody({ schema: openApi(ReviseOffer) })
  revise(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(ReviseOffer)) body: z.infer<typeof ReviseOffer>,
  ) {
    return this.service.reviseOffer(user, id, body);
  }

  /** A provider withdraws its own offer, saying why, while the council has not chosen it. */
  @ApiOkResponse({ schema: openApi(OfferChangedView) })
  @Post('offers/:id/withdrawal')
  @HttpCode(200)
  @Roles('provider')
  @ApiBody({ schema: openApi(Reason) })
  withdraw(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Body(new ZodPipe(Reason)) body: z.infer<typeof Reason>) {
    return this.service.withdrawOffer(user, id, body.reason);
  }

  /** A provider's own offers; a commissioner's: the council's. */
  @ApiOkResponse({ schema: openApi(z.array(OfferListItemView)) })
  @ApiQueryFrom(Paging)
  @Get('offers')
  @Roles('provider', 'commissioner')
  offers(@CurrentUser() user: Principal, @Query(new ZodPipe(Paging)) q: z.infer<typeof Paging>) {
    return this.service.listOffers(user, q.take, q.skip);
  }
}
