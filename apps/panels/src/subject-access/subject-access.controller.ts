import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, SubjectAccessPart, UuidParam, openApi, subjectAccessPart, type Principal } from '@placewise/platform';
import { SubjectAccessRepository } from './subject-access.repository.js';

@ApiTags('subject access')
@ApiBearerAuth()
@Controller('subject-access')
export class SubjectAccessController {
  constructor(private readonly repo: SubjectAccessRepository) {}

  /** Everything panels holds about one child: cases, decisions, agenda items, votes, evidence, escalations, audit, statutory clocks. */
  @Get('children/:id')
  @Roles('auditor')
  @ApiOkResponse({ schema: openApi(SubjectAccessPart) })
  async child(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string): Promise<SubjectAccessPart> {
    const h = await this.repo.held(user.localAuthority, id);
    return subjectAccessPart('Panels', [
      ['Cases heard or decided', h.cases],
      ['Places on a sitting’s agenda', h.agenda],
      ['Conflicts of interest declared', h.conflicts],
      ['Votes', h.votes],
      ['Evidence for the gates', h.evidence],
      ['Escalations', h.escalations],
      ['Audit trail', h.audit],
      ['Statutory clocks', h.clocks],
    ]);
  }
}
