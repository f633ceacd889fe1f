import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiQueryFrom, CurrentUser, Roles, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { ProjectionView } from '../finance.views.js';
import { Day } from '@placewise/contracts';
import { z } from 'zod';
import { ProjectionService } from './projection.service.js';
import { CsvReport } from '@placewise/platform';
import { projectionTable } from '../reports/tables.js';

export const ProjectionQuery = z.object({
  asOf: Day.optional(),
  months: z.coerce.number().int().min(1).max(60).default(24),
  window: z.coerce.number().int().min(1).max(36).default(12),
  format: z.enum(['json', 'csv']).optional(),
});

@ApiTags('projection')
@ApiBearerAuth()
@Controller()
export class ProjectionController {
  constructor(private readonly projections: ProjectionService) {}

  /** Children in care by category projected month by month (default 24) with its cost, and the same-trajectory comparison. */
  @Get('projection')
  @Roles('finance', 'auditor', 'approver:AD', 'approver:DCS')
  @CsvReport('projection', projectionTable)
  @ApiOkResponse({ description: 'JSON, or CSV with ?format=csv', schema: openApi(ProjectionView) })
  @ApiQueryFrom(ProjectionQuery.omit({ format: true }))
  projection(
    @CurrentUser() user: Principal,
    @Query(new ZodPipe(ProjectionQuery)) q: z.infer<typeof ProjectionQuery>,
  ): Promise<z.infer<typeof ProjectionView>> {
    return this.projections.projection(user, q);
  }
}
