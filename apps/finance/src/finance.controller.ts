import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { z } from 'zod';
import { CommitmentQuery, SetBudget, YearQuery } from './finance.dto.js';
import { FinanceService } from './finance.service.js';

@ApiTags('finance')
@ApiBearerAuth()
@Controller()
export class FinanceController {
  constructor(private readonly finance: FinanceService) {}

  @Post('budgets')
  @Roles('finance')
  @ApiBody({ schema: openApi(SetBudget) })
  setBudget(@CurrentUser() user: Principal, @Body(new ZodPipe(SetBudget)) body: z.infer<typeof SetBudget>) {
    return this.finance.setBudget(user, body);
  }

  @Get('budgets')
  @Roles('finance', 'auditor')
  budgets(@CurrentUser() user: Principal, @Query(new ZodPipe(YearQuery)) q: z.infer<typeof YearQuery>) {
    return this.finance.budgetsFor(user, q.financialYear);
  }

  @Get('commitments')
  @Roles('finance', 'auditor', 'commissioner')
  commitments(@CurrentUser() user: Principal, @Query(new ZodPipe(CommitmentQuery)) q: z.infer<typeof CommitmentQuery>) {
    return this.finance.list(user, q);
  }

  @Get('placements/:id')
  @Roles('finance', 'auditor', 'commissioner')
  placement(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.finance.placement(user, id);
  }

  /** The year's forecast against budget, by category and in total. */
  @Get('forecast')
  @Roles('finance', 'auditor', 'approver:AD', 'approver:DCS')
  forecast(@CurrentUser() user: Principal, @Query(new ZodPipe(YearQuery)) q: z.infer<typeof YearQuery>) {
    return this.finance.forecast(user, q.financialYear);
  }
}
