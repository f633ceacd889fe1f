import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiQueryFrom, CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import {
  CommitmentListView,
  ContributionView,
  HighCostView,
  MovementView,
  PlacementView,
  RecostView,
  SettingsView,
} from '../finance.views.js';
import { z } from 'zod';
import { YearQuery } from '../finance.dto.js';
import { AddContribution, AsOfQuery, CommitmentQuery, CouncilSettingsInput, ReviewDate } from './commitments.dto.js';
import { CommitmentsService } from './commitments.service.js';
import { CsvReport } from '@placewise/platform';
import { highCostTable } from '../reports/tables.js';

@ApiTags('commitments')
@ApiBearerAuth()
@Controller()
export class CommitmentsController {
  constructor(private readonly commitments: CommitmentsService) {}

  /**
   * Current commitment lines (one per placement and financial year), paged (`take`, `skip`), by year,
   * placement, category, provider or the child's reference; `order=newest` puts the latest first.
   */
  @Get('commitments')
  @Roles('finance', 'auditor', 'commissioner')
  @ApiOkResponse({ schema: openApi(CommitmentListView) })
  @ApiQueryFrom(CommitmentQuery)
  list(
    @CurrentUser() user: Principal,
    @Query(new ZodPipe(CommitmentQuery)) q: z.infer<typeof CommitmentQuery>,
  ): Promise<z.infer<typeof CommitmentListView>> {
    return this.commitments.list(user, q);
  }

  /** Costs every open placement again (after a settings change, or into a new financial year). */
  @Post('commitments/recost')
  @Roles('finance')
  @HttpCode(200)
  @ApiOkResponse({ schema: openApi(RecostView) })
  recost(@CurrentUser() user: Principal): Promise<z.infer<typeof RecostView>> {
    return this.commitments.recostAll(user);
  }

  /** Why the year's commitment moved: every version of every line, with its cause and change. */
  @Get('commitments/movement')
  @Roles('finance', 'auditor')
  @ApiOkResponse({ schema: openApi(MovementView) })
  movement(
    @CurrentUser() user: Principal,
    @Query(new ZodPipe(YearQuery)) q: z.infer<typeof YearQuery>,
  ): Promise<z.infer<typeof MovementView>> {
    return this.commitments.movement(user, q.financialYear);
  }

  /** The high-cost register: placements at or above the council's high-cost line, with their review dates. */
  @Get('high-cost')
  @Roles('finance', 'auditor', 'commissioner', 'approver:AD', 'approver:DCS')
  @CsvReport('high-cost', highCostTable)
  @ApiOkResponse({ description: 'JSON, or CSV with ?format=csv', schema: openApi(HighCostView) })
  @ApiQueryFrom(AsOfQuery.omit({ format: true }))
  highCost(
    @CurrentUser() user: Principal,
    @Query(new ZodPipe(AsOfQuery)) q: z.infer<typeof AsOfQuery>,
  ): Promise<z.infer<typeof HighCostView>> {
    return this.commitments.highCost(user, q.asOf);
  }

  /** A placement's terms (prices, contributions, end dates) and its commitment, current and past versions. */
  @Get('placements/:id')
  @Roles('finance', 'auditor', 'commissioner')
  @ApiOkResponse({ schema: openApi(PlacementView) })
  placement(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string): Promise<z.infer<typeof PlacementView>> {
    return this.commitments.placement(user, id);
  }

  /** Records a partner contribution (HEALTH, EDUCATION: weekly) or income (UASC_GRANT: per night); the commitment is costed again. */
  @Post('placements/:id/contributions')
  @Roles('finance')
  @ApiBody({ schema: openApi(AddContribution) })
  @ApiCreatedResponse({ schema: openApi(ContributionView) })
  addContribution(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(AddContribution)) body: z.infer<typeof AddContribution>,
  ): Promise<z.infer<typeof ContributionView>> {
    return this.commitments.addContribution(user, id, body);
  }

  /** Sets the date a placement is next reviewed (shown on the high-cost register). */
  @Put('placements/:id/review-date')
  @Roles('finance', 'commissioner')
  @ApiBody({ schema: openApi(ReviewDate) })
  @ApiOkResponse({ schema: openApi(PlacementView) })
  reviewDate(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(ReviewDate)) body: z.infer<typeof ReviewDate>,
  ): Promise<z.infer<typeof PlacementView>> {
    return this.commitments.setReviewDate(user, id, body.reviewDate);
  }

  /** The council's finance settings: annualisation, what an open-ended placement commits to, the high-cost line. */
  @Get('settings')
  @Roles('finance', 'auditor')
  @ApiOkResponse({ schema: openApi(SettingsView) })
  settings(@CurrentUser() user: Principal): Promise<z.infer<typeof SettingsView>> {
    return this.commitments.settings(user);
  }

  /** Changes apply to commitments costed from now on (each placement's next change). */
  @Put('settings')
  @Roles('finance')
  @ApiBody({ schema: openApi(CouncilSettingsInput) })
  @ApiOkResponse({ schema: openApi(SettingsView) })
  saveSettings(
    @CurrentUser() user: Principal,
    @Body(new ZodPipe(CouncilSettingsInput)) body: z.infer<typeof CouncilSettingsInput>,
  ): Promise<z.infer<typeof SettingsView>> {
    return this.commitments.saveSettings(user, body);
  }
}
