import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { z } from 'zod';
import { YearQuery } from '../finance.dto.js';
import { BudgetHistoryView, BudgetListView, BudgetSetView, VirementView } from '../finance.views.js';
import { SetBudget, Virement } from './budgets.dto.js';
import { BudgetsService } from './budgets.service.js';

@ApiTags('budgets')
@ApiBearerAuth()
@Controller('budgets')
export class BudgetsController {
  constructor(private readonly budgets: BudgetsService) {}

  @Post()
  @Roles('finance')
  @ApiBody({ schema: openApi(SetBudget) })
  @ApiCreatedResponse({ schema: openApi(BudgetSetView) })
  set(
    @CurrentUser() user: Principal,
    @Body(new ZodPipe(SetBudget)) body: z.infer<typeof SetBudget>,
  ): Promise<z.infer<typeof BudgetSetView>> {
    return this.budgets.set(user, body);
  }

  @Get()
  @Roles('finance', 'auditor')
  @ApiOkResponse({ schema: openApi(BudgetListView) })
  list(
    @CurrentUser() user: Principal,
    @Query(new ZodPipe(YearQuery)) q: z.infer<typeof YearQuery>,
  ): Promise<z.infer<typeof BudgetListView>> {
    return this.budgets.list(user, q.financialYear);
  }

  /** Moves budget between categories within a year, with a reason; both sides are logged. */
  @Post('virements')
  @Roles('finance')
  @ApiBody({ schema: openApi(Virement) })
  @ApiCreatedResponse({ schema: openApi(VirementView) })
  vire(@CurrentUser() user: Principal, @Body(new ZodPipe(Virement)) body: z.infer<typeof Virement>): Promise<z.infer<typeof VirementView>> {
    return this.budgets.vire(user, body);
  }

  /** Every change to the year's budgets, with who and why. */
  @Get('history')
  @Roles('finance', 'auditor')
  @ApiOkResponse({ schema: openApi(BudgetHistoryView) })
  history(
    @CurrentUser() user: Principal,
    @Query(new ZodPipe(YearQuery)) q: z.infer<typeof YearQuery>,
  ): Promise<z.infer<typeof BudgetHistoryView>> {
    return this.budgets.history(user, q.financialYear);
  }
}
