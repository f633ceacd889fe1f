import { z } from 'zod';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { ListCases, RecordDecision } from './cases.dto.js';
import { CasesService } from './cases.service.js';

const DECIDERS = ['panel-chair', 'approver:TM', 'approver:SM', 'approver:HOS', 'approver:AD', 'approver:DCS'] as const;

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  /** Cases of the caller's council; `mine=true` lists only those the caller may decide (an approver's queue). */
  @Get()
  @Roles(...DECIDERS, 'panel-member', 'auditor', 'social-worker')
  list(@CurrentUser() user: Principal, @Query(new ZodPipe(ListCases)) q: z.infer<typeof ListCases>) {
    return this.cases.list(user, q);
  }

  @Get(':id')
  @Roles(...DECIDERS, 'panel-member', 'auditor')
  get(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.cases.get(user, id);
  }

  /** Record the decision: by the required approver or above; a panel's case by its chair. */
  @Post(':id/decision')
  @HttpCode(201)
  @Roles(...DECIDERS)
  @ApiBody({ schema: openApi(RecordDecision) })
  decide(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Body(new ZodPipe(RecordDecision)) body: z.infer<typeof RecordDecision>) {
    return this.cases.decide(user, id, body);
  }
}
