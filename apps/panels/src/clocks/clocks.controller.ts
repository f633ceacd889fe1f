import { z } from 'zod';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiQueryFrom, CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { CompleteClock, DueQuery, IndicatorsQuery } from './clocks.dto.js';
import { ClocksService } from './clocks.service.js';
import { ClockDetailView, ClockIndicatorsView, DueListView } from './clocks.views.js';

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

/** Who reads the council's on-time figures: heads of service, directors, the performance team, auditors. */
const INDICATOR_READERS = ['approver:HOS', 'approver:AD', 'approver:DCS', 'performance', 'auditor'] as const;

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

  /**
   * Statutory clocks on time, per kind (the child's reviews and first visits always) and London month
   * of the day due: due, done on time, done late, still open and late, not yet due.
   */
  @ApiOkResponse({ schema: openApi(ClockIndicatorsView) })
  @ApiQueryFrom(IndicatorsQuery)
  @Get('indicators')
  @Roles(...INDICATOR_READERS)
  indicators(@CurrentUser() user: Principal, @Query(new ZodPipe(IndicatorsQuery)) q: z.infer<typeof IndicatorsQuery>) {
    return this.clocks.indicators(user, q);
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
