import { z } from 'zod';
import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiQueryFrom, CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { AuditQuery, ListCases, RecordDecision, RecordEvidence } from './cases.dto.js';
import { CasesService } from './cases.service.js';
import { AuditEntryView, CaseDetailView, CaseView, MARKDOWN, PapersView } from '../panels/panels.views.js';

const DECIDERS = ['panel-chair', 'approver:TM', 'approver:SM', 'approver:HOS', 'approver:AD', 'approver:DCS'] as const;

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  /** Cases of the caller's council; `mine=true` lists only those the caller may decide (an approver's queue). */
  @ApiOkResponse({ schema: openApi(z.array(CaseView)) })
  @ApiQueryFrom(ListCases)
  @Get()
  @Roles(...DECIDERS, 'panel-member', 'panel-admin', 'auditor', 'social-worker')
  list(@CurrentUser() user: Principal, @Query(new ZodPipe(ListCases)) q: z.infer<typeof ListCases>) {
    return this.cases.list(user, q);
  }

  /** A case with its papers (request, the rules' reasons, gates and evidence, deadlines), decisions and audit trail. */
  @ApiOkResponse({ schema: openApi(CaseDetailView) })
  @Get(':id')
  @Roles(...DECIDERS, 'panel-member', 'panel-admin', 'auditor')
  get(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.cases.get(user, id);
  }

  /** Record the decision: by the required approver or above; a panel's case by its chair, at a quorate sitting. */
  @Post(':id/decision')
  @HttpCode(201)
  @ApiCreatedResponse({ schema: openApi(CaseView) })
  @Roles(...DECIDERS)
  @ApiBody({ schema: openApi(RecordDecision) })
  decide(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(RecordDecision)) body: z.infer<typeof RecordDecision>,
  ) {
    return this.cases.decide(user, id, body);
  }

  /** Evidence for one of the gates the rules set on the case (an approval needs every gate evidenced). */
  @Post(':id/evidence')
  @HttpCode(201)
  @ApiCreatedResponse({ schema: openApi(PapersView) })
  @Roles('social-worker', 'panel-admin', 'panel-member', ...DECIDERS)
  @ApiBody({ schema: openApi(RecordEvidence) })
  evidence(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(RecordEvidence)) body: z.infer<typeof RecordEvidence>,
  ) {
    return this.cases.recordEvidence(user, id, body);
  }

  /** The decision letter for the case's latest decision, in Markdown. */
  @Get(':id/letter')
  @ApiOkResponse({ description: 'The decision letter in Markdown', ...MARKDOWN })
  @Header('content-type', 'text/markdown; charset=utf-8')
  @Roles(...DECIDERS, 'panel-admin', 'auditor', 'social-worker')
  letter(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.cases.letter(user, id);
  }

  @Get(':id/audit')
  @ApiOkResponse({ schema: openApi(z.array(AuditEntryView)) })
  @Roles('auditor', 'panel-admin', ...DECIDERS)
  audit(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Query(new ZodPipe(AuditQuery)) q: z.infer<typeof AuditQuery>) {
    return this.cases.audit(user, q, id);
  }
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly cases: CasesService) {}

  /** The council's whole audit trail, oldest first; page with `after`. */
  @ApiOkResponse({ schema: openApi(z.array(AuditEntryView)) })
  @Get()
  @Roles('auditor')
  list(@CurrentUser() user: Principal, @Query(new ZodPipe(AuditQuery)) q: z.infer<typeof AuditQuery>) {
    return this.cases.audit(user, q);
  }
}
