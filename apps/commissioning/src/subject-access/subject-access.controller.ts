import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, SubjectAccessPart, UuidParam, openApi, subjectAccessPart, type Principal } from '@placewise/platform';
import { SubjectAccessRepository } from './subject-access.repository.js';

@ApiTags('subject access')
@ApiBearerAuth()
@Controller('subject-access')
export class SubjectAccessController {
  constructor(private readonly repo: SubjectAccessRepository) {}

  /** Everything commissioning holds about one child: searches with their referrals to providers and offers, placements with their price changes. */
  @Get('children/:id')
  @Roles('auditor')
  @ApiOkResponse({ schema: openApi(SubjectAccessPart) })
  async child(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string): Promise<SubjectAccessPart> {
    const h = await this.repo.held(user.localAuthority, id);
    return subjectAccessPart('Commissioning', [
      ['Searches for a placement, with the referrals sent to providers and their offers', h.searches],
      ['Placements, with their price changes', h.placements],
    ]);
  }
}
