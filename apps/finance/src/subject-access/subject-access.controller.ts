import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, SubjectAccessPart, UuidParam, openApi, subjectAccessPart, type Principal } from '@placewise/platform';
import { SubjectAccessRepository } from './subject-access.repository.js';

@ApiTags('subject access')
@ApiBearerAuth()
@Controller('subject-access')
export class SubjectAccessController {
  constructor(private readonly repo: SubjectAccessRepository) {}

  /** Everything finance holds about one child: placements with commitments, prices and contributions, cost avoidance, decisions, payments. */
  @Get('children/:id')
  @Roles('auditor')
  @ApiOkResponse({ schema: openApi(SubjectAccessPart) })
  async child(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string): Promise<SubjectAccessPart> {
    const h = await this.repo.held(user.localAuthority, id);
    return subjectAccessPart('Finance', [
      ['Placements, with their commitments, prices and contributions', h.placements],
      ['Cost avoidance', h.avoidance],
      ['Decisions on the requests', h.decisions],
      ['Payment schedules', h.schedules],
      ['Invoices, with what they were matched to', h.invoices],
    ]);
  }
}
