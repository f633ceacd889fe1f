import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { z } from 'zod';
import { YearQuery } from '../finance.dto.js';
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
  set(@CurrentUser() user: Principal, @Body(new ZodPipe(SetBudget)) body: z.infer<typeof SetBudget>) {
    return this.budgets.set(user, body);
  }

  @Get()
  @Roles('finance', 'auditor')
  list(@CurrentUser() user: Principal, @Query(new ZodPipe(YearQuery)) q: z.infer<typeof YearQuery>) {
    return this.budgets.list(user, q.financialYear);
  }

  /** Moves budget between categories within a year, with a reason; both sides are logged. */
  @Post('virements')
  @Roles('finance')
  @ApiBody({ schema: openApi(Virement) })
  vire(@CurrentUser() user: Principal, @Body(new ZodPipe(Virement)) body: z.infer<typeof Virement>) {
    return this.budgets.vire(user, body);
  }

  /** Every change to the year's budgets, with who and why. */
  @Get('history')
  @Roles('finance', 'auditor')
  history(@CurrentUser() user: Principal, @Query(new ZodPipe(YearQuery)) q: z.infer<typeof YearQuery>) {
    return this.budgets.history(user, q.financialYear);
  }
}
