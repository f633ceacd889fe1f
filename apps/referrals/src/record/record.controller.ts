import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { z } from 'zod';
import {
  CeaseAdoptionDecision,
  CorrectEpisode,
  EndLibertyOrder,
  EndMissing,
  RecordAdoptionDecision,
  RecordAdoptionDetail,
  RecordCareLeaverOutcome,
  RecordHealthOutcome,
  RecordLegalStatus,
  RecordLibertyOrder,
  RecordMissing,
  RecordPreviousPermanence,
  RecordReview,
  RecordSocialWorker,
  UpdateCharacteristics,
} from './record.dto.js';
import { RecordService } from './record.service.js';
import { ChildScopeGuard } from '../children/child-access.js';
import { ReadsPersonalData } from '../access-log/access-log.js';
import { RecordHistoryView, RecordView, ReviewsDueView } from './record.views.js';

/** Social workers record for their children; the performance team corrects what the return needs; auditors and managers read. */
const RECORDERS = ['social-worker'] as const;
const CORRECTORS = ['social-worker', 'performance'] as const;
const READERS = [
  'social-worker',
  'performance',
  'auditor',
  'approver:TM',
  'approver:SM',
  'approver:HOS',
  'approver:AD',
  'approver:DCS',
] as const;
const DayParam = new ZodPipe(z.iso.date({ error: 'must be a day, YYYY-MM-DD' }));

@ApiTags('looked-after record')
@ApiBearerAuth()
@Controller()
// Each child's record, read or written, only for those who may read the child (child-access.ts).
@UseGuards(ChildScopeGuard)
export class RecordController {
  constructor(private readonly record: RecordService) {}

  @Get('children/:id/record')
  @Roles(...READERS)
  @ReadsPersonalData('RECORD')
  @ApiOkResponse({ schema: openApi(RecordView) })
  get(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.record.view(user, id);
  }

  @Get('children/:id/record/history')
  @Roles(...READERS)
  @ReadsPersonalData('RECORD_HISTORY')
  @ApiOkResponse({ schema: openApi(RecordHistoryView) })
  history(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.record.history(user, id);
  }

  @Get('reviews/due')
  @Roles(...READERS)
  @ApiOkResponse({ schema: openApi(ReviewsDueView) })
  reviewsDue(@CurrentUser() user: Principal) {
    return this.record.reviewsDue(user);
  }

  @Put('children/:id/characteristics')
  @Roles(...CORRECTORS)
  @ApiBody({ schema: openApi(UpdateCharacteristics) })
  @ApiOkResponse({ schema: openApi(RecordView) })
  characteristics(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(UpdateCharacteristics)) body: UpdateCharacteristics,
  ) {
    return this.record.updateCharacteristics(user, id, body);
  }

  @Post('children/:id/legal-status')
  @HttpCode(200)
  @Roles(...RECORDERS)
  @ApiBody({ schema: openApi(RecordLegalStatus) })
  @ApiOkResponse({ schema: openApi(RecordView) })
  legalStatus(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(RecordLegalStatus)) body: RecordLegalStatus,
  ) {
    return this.record.recordLegalStatus(user, id, body);
  }

  @Patch('children/:id/episodes/:decom')
  @Roles(...CORRECTORS)
  @ApiBody({ schema: openApi(CorrectEpisode) })
  @ApiOkResponse({ schema: openApi(RecordView) })
  correctEpisode(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Param('decom', DayParam) decom: string,
    @Body(new ZodPipe(CorrectEpisode)) body: CorrectEpisode,
  ) {
    return this.record.correctEpisode(user, id, decom, body);
  }

  @Post('children/:id/reviews')
  @HttpCode(200)
  @Roles(...RECORDERS)
  @ApiBody({ schema: openApi(RecordReview) })
  @ApiOkResponse({ schema: openApi(RecordView) })
  review(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Body(new ZodPipe(RecordReview)) body: RecordReview) {
    return this.record.addReview(user, id, body);
  }

  @Post('children/:id/missing')
  @HttpCode(200)
  @Roles(...RECORDERS)
  @ApiBody({ schema: openApi(RecordMissing) })
  @ApiOkResponse({ schema: openApi(RecordView) })
  missing(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Body(new ZodPipe(RecordMissing)) body: RecordMissing) {
    return this.record.addMissing(user, id, body);
  }

  @Post('children/:id/missing/:missingId/end')
  @HttpCode(200)
  @Roles(...RECORDERS)
  @ApiBody({ schema: openApi(EndMissing) })
  @ApiOkResponse({ schema: openApi(RecordView) })
  endMissing(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Param('missingId', UuidParam) missingId: string,
    @Body(new ZodPipe(EndMissing)) body: z.infer<typeof EndMissing>,
  ) {
    return this.record.endMissing(user, id, missingId, body.end);
  }

  @Post('children/:id/social-workers')
  @HttpCode(200)
  @Roles(...RECORDERS)
  @ApiBody({ schema: openApi(RecordSocialWorker) })
  @ApiOkResponse({ schema: openApi(RecordView) })
  socialWorker(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(RecordSocialWorker)) body: RecordSocialWorker,
  ) {
    return this.record.addSocialWorker(user, id, body);
  }

  @Put('children/:id/care-leaver-outcomes')
  @Roles(...RECORDERS)
  @ApiBody({ schema: openApi(RecordCareLeaverOutcome) })
  @ApiOkResponse({ schema: openApi(RecordView) })
  careLeaver(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(RecordCareLeaverOutcome)) body: RecordCareLeaverOutcome,
  ) {
    return this.record.setCareLeaverOutcome(user, id, body);
  }

  @Put('children/:id/health-outcomes')
  @Roles(...RECORDERS)
  @ApiBody({ schema: openApi(RecordHealthOutcome) })
  @ApiOkResponse({ schema: openApi(RecordView) })
  healthOutcome(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(RecordHealthOutcome)) body: RecordHealthOutcome,
  ) {
    return this.record.setHealthOutcome(user, id, body);
  }

  @Put('children/:id/adoption-details')
  @Roles(...RECORDERS)
  @ApiBody({ schema: openApi(RecordAdoptionDetail) })
  @ApiOkResponse({ schema: openApi(RecordView) })
  adoptionDetail(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(RecordAdoptionDetail)) body: RecordAdoptionDetail,
  ) {
    return this.record.setAdoptionDetail(user, id, body);
  }

  @Put('children/:id/previous-permanence')
  @Roles(...RECORDERS)
  @ApiBody({ schema: openApi(RecordPreviousPermanence) })
  @ApiOkResponse({ schema: openApi(RecordView) })
  previousPermanence(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(RecordPreviousPermanence)) body: RecordPreviousPermanence,
  ) {
    return this.record.setPreviousPermanence(user, id, body);
  }

  @Post('children/:id/adoption-decisions')
  @HttpCode(200)
  @Roles(...RECORDERS)
  @ApiBody({ schema: openApi(RecordAdoptionDecision) })
  @ApiOkResponse({ schema: openApi(RecordView) })
  adoption(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(RecordAdoptionDecision)) body: z.infer<typeof RecordAdoptionDecision>,
  ) {
    return this.record.addAdoptionDecision(user, id, body.decidedOn);
  }

  @Post('children/:id/adoption-decisions/:decisionId/cease')
  @HttpCode(200)
  @Roles(...RECORDERS)
  @ApiBody({ schema: openApi(CeaseAdoptionDecision) })
  @ApiOkResponse({ schema: openApi(RecordView) })
  ceaseAdoption(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Param('decisionId', UuidParam) decisionId: string,
    @Body(new ZodPipe(CeaseAdoptionDecision)) body: z.infer<typeof CeaseAdoptionDecision>,
  ) {
    return this.record.ceaseAdoptionDecision(user, id, decisionId, body.ceasedOn, body.reason);
  }

  @Post('children/:id/liberty-orders')
  @HttpCode(200)
  @Roles(...RECORDERS)
  @ApiBody({ schema: openApi(RecordLibertyOrder) })
  @ApiOkResponse({ schema: openApi(RecordView) })
  libertyOrder(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(RecordLibertyOrder)) body: RecordLibertyOrder,
  ) {
    return this.record.addLibertyOrder(user, id, body);
  }

  @Post('children/:id/liberty-orders/:orderId/end')
  @HttpCode(200)
  @Roles(...RECORDERS)
  @ApiBody({ schema: openApi(EndLibertyOrder) })
  @ApiOkResponse({ schema: openApi(RecordView) })
  endLibertyOrder(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Param('orderId', UuidParam) orderId: string,
    @Body(new ZodPipe(EndLibertyOrder)) body: z.infer<typeof EndLibertyOrder>,
  ) {
    return this.record.endLibertyOrder(user, id, orderId, body.end);
  }
}
