import { z } from 'zod';
import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiQueryFrom, CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import {
  AgendaAdd,
  AttendanceBody,
  ConflictBody,
  CreatePanel,
  ExtraordinarySitting,
  MySittings,
  NewMember,
  SittingRange,
  VoteBody,
} from './panels.dto.js';
import { HearingService } from './hearing.service.js';
import { PanelAdminService } from './panel-admin.service.js';
import { SittingsService } from './sittings.service.js';
import {
  AuditEntryView,
  ConflictView,
  MARKDOWN,
  MinutesView,
  PanelView,
  SittingDetailView,
  SittingView,
  VoteView,
} from './panels.views.js';
import { MinutesService } from './minutes.service.js';

const DECIDERS = ['panel-chair', 'approver:TM', 'approver:SM', 'approver:HOS', 'approver:AD', 'approver:DCS'] as const;
const READERS = ['panel-admin', 'panel-member', 'auditor', ...DECIDERS] as const;

@ApiTags('panels')
@ApiBearerAuth()
@Controller('panels')
export class PanelsController {
  constructor(
    private readonly admin: PanelAdminService,
    private readonly sittingService: SittingsService,
  ) {}

  /** Set up a panel: type, chair, members and their roles, quorum, and its regular sittings. */
  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ schema: openApi(PanelView) })
  @Roles('panel-admin')
  @ApiBody({ schema: openApi(CreatePanel) })
  create(@CurrentUser() user: Principal, @Body(new ZodPipe(CreatePanel)) body: z.infer<typeof CreatePanel>) {
    return this.admin.create(user, body);
  }

  @ApiOkResponse({ schema: openApi(z.array(PanelView)) })
  @Get()
  @Roles(...READERS)
  list(@CurrentUser() user: Principal) {
    return this.admin.list(user);
  }

  @ApiOkResponse({ schema: openApi(PanelView) })
  @Get(':id')
  @Roles(...READERS)
  get(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.admin.get(user, id);
  }

  @Post(':id/members')
  @HttpCode(201)
  @ApiCreatedResponse({ schema: openApi(PanelView) })
  @Roles('panel-admin')
  @ApiBody({ schema: openApi(NewMember) })
  addMember(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(NewMember)) body: z.infer<typeof NewMember>,
  ) {
    return this.admin.addMember(user, id, body);
  }

  /** The member stops sitting on the panel (kept in past minutes). */
  @Delete(':id/members/:memberId')
  @ApiOkResponse({ schema: openApi(PanelView) })
  @Roles('panel-admin')
  removeMember(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Param('memberId', UuidParam) memberId: string) {
    return this.admin.removeMember(user, id, memberId);
  }

  /** The panel's sittings (regular ones are put in the calendar ahead), from a week ago unless `from` says otherwise. */
  @ApiOkResponse({ schema: openApi(z.array(SittingView)) })
  @ApiQueryFrom(SittingRange)
  @Get(':id/sittings')
  @Roles(...READERS)
  sittings(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Query(new ZodPipe(SittingRange)) q: z.infer<typeof SittingRange>,
  ) {
    return this.sittingService.sittings(user, id, q.from, q.to);
  }

  /** Convene an extraordinary sitting. */
  @Post(':id/sittings')
  @HttpCode(201)
  @ApiCreatedResponse({ schema: openApi(SittingView) })
  @Roles('panel-admin')
  @ApiBody({ schema: openApi(ExtraordinarySitting) })
  convene(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(ExtraordinarySitting)) body: z.infer<typeof ExtraordinarySitting>,
  ) {
    return this.sittingService.extraordinary(user, id, body);
  }
}

@ApiTags('sittings')
@ApiBearerAuth()
@Controller('sittings')
export class SittingsController {
  constructor(
    private readonly sittings: SittingsService,
    private readonly hearing: HearingService,
    private readonly minutes: MinutesService,
  ) {}

  /** `mine=true`: the sittings of the panels the caller sits on (a member's agenda). */
  @ApiOkResponse({ schema: openApi(z.array(SittingView)) })
  @ApiQueryFrom(MySittings)
  @Get()
  @Roles(...READERS)
  mine(@CurrentUser() user: Principal, @Query(new ZodPipe(MySittings)) _q: z.infer<typeof MySittings>) {
    return this.sittings.mySittings(user);
  }

  /** The agenda: each case with its papers (request, the rules' reasons, gates and their evidence, deadlines), quorum and votes. */
  @ApiOkResponse({ schema: openApi(SittingDetailView) })
  @Get(':id')
  @Roles(...READERS)
  get(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.sittings.sittingDetail(user, id);
  }

  @Post(':id/agenda')
  @HttpCode(201)
  @ApiCreatedResponse({ schema: openApi(SittingDetailView) })
  @Roles('panel-admin')
  @ApiBody({ schema: openApi(AgendaAdd) })
  list(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Body(new ZodPipe(AgendaAdd)) body: z.infer<typeof AgendaAdd>) {
    return this.sittings.addToAgenda(user, id, body.caseId);
  }

  /** Cancel a sitting that has not started: its cases go onto the next sitting. */
  @Post(':id/cancellation')
  @HttpCode(201)
  @ApiCreatedResponse({ schema: openApi(SittingDetailView) })
  @Roles('panel-admin')
  @ApiBody({ schema: openApi(ConflictBody) })
  cancel(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(ConflictBody)) body: z.infer<typeof ConflictBody>,
  ) {
    return this.sittings.cancel(user, id, body.reason);
  }

  @Post(':id/attendance')
  @HttpCode(201)
  @ApiCreatedResponse({ schema: openApi(SittingDetailView) })
  @Roles('panel-admin', 'panel-chair')
  @ApiBody({ schema: openApi(AttendanceBody) })
  attendance(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(AttendanceBody)) body: z.infer<typeof AttendanceBody>,
  ) {
    return this.hearing.recordAttendance(user, id, body);
  }

  @Post(':id/cases/:caseId/conflicts')
  @HttpCode(201)
  @ApiCreatedResponse({ schema: openApi(ConflictView) })
  @Roles('panel-member', 'panel-chair')
  @ApiBody({ schema: openApi(ConflictBody) })
  declare(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Param('caseId', UuidParam) caseId: string,
    @Body(new ZodPipe(ConflictBody)) body: z.infer<typeof ConflictBody>,
  ) {
    return this.hearing.declareConflict(user, id, caseId, body);
  }

  @Post(':id/cases/:caseId/votes')
  @HttpCode(201)
  @ApiCreatedResponse({ schema: openApi(VoteView) })
  @Roles('panel-member', 'panel-chair')
  @ApiBody({ schema: openApi(VoteBody) })
  vote(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Param('caseId', UuidParam) caseId: string,
    @Body(new ZodPipe(VoteBody)) body: z.infer<typeof VoteBody>,
  ) {
    return this.hearing.vote(user, id, caseId, body);
  }

  /** The minutes as a document (JSON). */
  @Get(':id/minutes')
  @ApiOkResponse({ schema: openApi(MinutesView) })
  @Roles('panel-admin', 'panel-chair', 'panel-member', 'auditor', 'approver:AD', 'approver:DCS')
  minutesJson(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.minutes.minutes(user, id);
  }

  /** The minutes as Markdown, ready to send. */
  @Get(':id/minutes.md')
  @ApiOkResponse({ description: 'The minutes in Markdown', ...MARKDOWN })
  @Header('content-type', 'text/markdown; charset=utf-8')
  @Roles('panel-admin', 'panel-chair', 'panel-member', 'auditor', 'approver:AD', 'approver:DCS')
  async minutesText(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.minutes.render(await this.minutes.minutes(user, id));
  }

  /** The sitting's audit trail: attendance, declarations, votes, decisions. For its chair, the auditor and the managers above the panels. */
  @Get(':id/audit')
  @ApiOkResponse({ schema: openApi(z.array(AuditEntryView)) })
  @Roles('auditor', 'panel-chair', 'approver:AD', 'approver:DCS')
  audit(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.minutes.sittingAudit(user, id);
  }
}
