import { z } from 'zod';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiQueryFrom, CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { CompleteClock, DueQuery } from './clocks.dto.js';
import { ClocksService } from './clocks.service.js';
import { ClockDetailView, DueListView } from './clocks.views.js';

/** The roles that own clocks, and auditors. */
const READERS = [
  'social-worker',
  'panel-chair',
  'approver:TM',
  'approver:SM',
  'approver:HOS',
  'approver:AD',
  'approver:DCS',
  'auditor',
] as const;

@ApiTags('clocks')
@ApiBearerAuth()
@Controller('clocks')
export class ClocksController {
  constructor(private readonly clocks: ClocksService) {}

  /**
   * What is due and what is late, for a role (by default the caller's own roles): the council's open
   * statutory clocks it owns or that have been escalated to it, soonest first.
   */
  @ApiOkResponse({ schema: openApi(DueListView) })
  @ApiQueryFrom(DueQuery)
  @Get('due')
  @Roles(...READERS)
  due(@CurrentUser() user: Principal, @Query(new ZodPipe(DueQuery)) q: z.infer<typeof DueQuery>) {
    return this.clocks.due(user, q);
  }

  /** A clock with its history: created, reminded, escalated, done (by whom and when). */
  @ApiOkResponse({ schema: openApi(ClockDetailView) })
  @Get(':id')
  @Roles(...READERS)
  get(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.clocks.get(user, id);
  }

  /** Records the thing done (a plan signed, a visit made, a review held): the clock stops; a review held starts the next. */
  @Post(':id/complete')
  @HttpCode(201)
  @ApiCreatedResponse({ schema: openApi(ClockDetailView) })
  @ApiBody({ schema: openApi(CompleteClock) })
  @Roles('social-worker', 'panel-chair', 'approver:TM', 'approver:SM', 'approver:HOS', 'approver:AD', 'approver:DCS')
  complete(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(CompleteClock)) body: z.infer<typeof CompleteClock>,
  ) {
    return this.clocks.complete(user, id, body);
  }
}
