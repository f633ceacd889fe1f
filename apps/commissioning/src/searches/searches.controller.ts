import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, UuidParam, ZodPipe, correlationIdOf, openApi, type Principal } from '@placewise/platform';
import { z } from 'zod';
import { AwardOffer, ListSearches, SubmitOffer } from './searches.dto.js';
import { SearchesService } from './searches.service.js';

const Paging = z.object({ take: z.coerce.number().int().min(1).max(200).default(50), skip: z.coerce.number().int().min(0).default(0) });

@ApiTags('searches')
@ApiBearerAuth()
@Controller()
export class SearchesController {
  constructor(private readonly searches: SearchesService) {}

  @Get('searches')
  @Roles('commissioner', 'finance', 'auditor')
  list(@CurrentUser() user: Principal, @Query(new ZodPipe(ListSearches)) q: z.infer<typeof ListSearches>) {
    return this.searches.list(user, q);
  }

  @Get('searches/:id')
  @Roles('commissioner', 'auditor')
  get(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.searches.get(user, id);
  }

  @Post('searches/:id/offers')
  @Roles('commissioner')
  @ApiBody({ schema: openApi(SubmitOffer) })
  offer(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Body(new ZodPipe(SubmitOffer)) body: z.infer<typeof SubmitOffer>) {
    return this.searches.submitOffer(user, id, body);
  }

  /** Award an offer: records the placement agreement and starts the placement. */
  @Post('offers/:id/award')
  @HttpCode(201)
  @Roles('commissioner')
  @ApiBody({ schema: openApi(AwardOffer) })
  award(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Body(new ZodPipe(AwardOffer)) body: z.infer<typeof AwardOffer>, @Req() req: unknown) {
    return this.searches.award(user, id, body, correlationIdOf(req));
  }

  @Get('placements')
  @Roles('commissioner', 'finance', 'auditor')
  placements(@CurrentUser() user: Principal, @Query(new ZodPipe(Paging)) q: z.infer<typeof Paging>) {
    return this.searches.listPlacements(user, q.take, q.skip);
  }

  @Get('placements/:id')
  @Roles('commissioner', 'finance', 'auditor')
  placement(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.searches.getPlacement(user, id);
  }
}
