import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, SubjectAccessPart, UuidParam, openApi, subjectAccessPart, type Principal } from '@placewise/platform';
import { ReadsPersonalData } from '../access-log/access-log.js';
import { CHILD_TABLES, SubjectAccessRepository } from './subject-access.repository.js';

@ApiTags('subject access')
@ApiBearerAuth()
@Controller('subject-access')
export class SubjectAccessController {
  constructor(private readonly repo: SubjectAccessRepository) {}

  /**
   * Everything referrals holds about one child: their details, requests, the looked-after record, the way
   * out of care, the record's audit and the access log. The workspace adds the other services' parts.
   */
  @Get('children/:id')
  @Roles('auditor')
  @ReadsPersonalData('SUBJECT_ACCESS')
  @ApiOkResponse({ schema: openApi(SubjectAccessPart) })
  @ApiNotFoundResponse()
  async child(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string): Promise<SubjectAccessPart> {
    const h = await this.repo.held(user.localAuthority, id);
    if (!h) throw new NotFoundException(`no child ${id}`);
    const { requests, carePlan, exitSteps, reunifications, legalStatuses, episodes, reviews, missing, socialWorkers, ...rest } = h.child;
    const { careLeaverOutcomes, healthOutcomes, adoption, previousPermanence, adoptionDecisions, libertyOrders, ...details } = rest;
    return subjectAccessPart('Referrals and the looked-after record', [
      [CHILD_TABLES.Child, [details]],
      [CHILD_TABLES.Request, requests],
      [CHILD_TABLES.CarePlan, carePlan ? [carePlan] : []],
      [CHILD_TABLES.ExitStep, exitSteps],
      [CHILD_TABLES.Reunification, reunifications],
      [CHILD_TABLES.EdgeOfCare, h.edgeOfCare],
      [CHILD_TABLES.ChildLegalStatus, legalStatuses],
      [CHILD_TABLES.LookedAfterEpisode, episodes],
      [CHILD_TABLES.ChildReview, reviews],
      [CHILD_TABLES.MissingEpisode, missing],
      [CHILD_TABLES.SocialWorkerEpisode, socialWorkers],
      [CHILD_TABLES.CareLeaverOutcome, careLeaverOutcomes],
      [CHILD_TABLES.HealthOutcome, healthOutcomes],
      [CHILD_TABLES.AdoptionDetail, adoption ? [adoption] : []],
      [CHILD_TABLES.PreviousPermanence, previousPermanence ? [previousPermanence] : []],
      [CHILD_TABLES.AdoptionDecision, adoptionDecisions],
      [CHILD_TABLES.LibertyOrder, libertyOrders],
      [CHILD_TABLES.RecordChange, h.changes],
      [CHILD_TABLES.ReturnExport, h.returns],
      [CHILD_TABLES.PersonalDataAccess, h.reads],
      [CHILD_TABLES.ChildAccessGrant, h.grants],
    ]);
  }
}
