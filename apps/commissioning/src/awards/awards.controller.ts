import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import type { z } from 'zod';
import { AwardOffer } from '../searches/searches.dto.js';
import { HeldForReapprovalView, PlacementView } from '../searches/searches.views.js';
import { AwardsService } from './awards.service.js';

@ApiTags('searches')
@ApiBearerAuth()
@Controller()
export class AwardsController {
  constructor(private readonly awards: AwardsService) {}

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
    const r = await this.awards.award(user, id, body);
    res.status(r.status);
    return r.body;
  }
}
