import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorView, OutcomeView } from './requests.views.js';
import { CurrentUser, Roles, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { hostileTextIn } from '@placewise/contracts';
import { z } from 'zod';
import { SubmitRequest } from './requests.dto.js';
import { RequestsService } from './requests.service.js';
import { RulesService } from '../rules/rules.service.js';
import { PolicySetView, PolicyView, WhatIfView } from '../rules/rules.views.js';

const PolicyBody = z
  .object({ policy: z.record(z.string(), z.unknown()) })
  .strict()
  .superRefine((b, ctx) => {
    const found = hostileTextIn(b.policy, ['policy']);
    if (found) ctx.addIssue({ code: 'custom', path: found.path, message: found.reason });
  });
const ANY_ROLE = [
  'social-worker',
  'panel-member',
  'panel-chair',
  'approver:TM',
  'approver:SM',
  'approver:HOS',
  'approver:AD',
  'approver:DCS',
  'commissioner',
  'finance',
  'auditor',
] as const;

// The rules' routes live with requests: a dry run and a what-if need requests' facts, and the
// rules feature (policy and evaluation) must not depend on requests, which depends on it.
@ApiTags('rules')
@ApiBearerAuth()
@Controller('rules')
export class RulesController {
  constructor(
    private readonly requests: RequestsService,
    private readonly rules: RulesService,
  ) {}

  /** Dry run: what approval would this request need? Nothing is stored or sent. */
  @Post('evaluate')
  @HttpCode(200)
  @Roles(
    'social-worker',
    'panel-member',
    'panel-chair',
    'approver:TM',
    'approver:SM',
    'approver:HOS',
    'approver:AD',
    'approver:DCS',
    'commissioner',
  )
  @ApiBody({ schema: openApi(SubmitRequest) })
  @ApiOkResponse({ schema: openApi(OutcomeView) })
  evaluate(@CurrentUser() user: Principal, @Body(new ZodPipe(SubmitRequest)) body: z.infer<typeof SubmitRequest>) {
    return this.requests.dryRun(user, body);
  }

  /** The council's policy in force (the defaults until one is set), with its hash and history. */
  @Get('policy')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ schema: openApi(PolicyView) })
  policy(@CurrentUser() user: Principal) {
    return this.rules.getPolicy(user);
  }

  /** Sets the council's policy: validated first; one that would weaken the law is refused with the reason. */
  @Put('policy')
  @Roles('approver:DCS')
  @ApiBody({ schema: openApi(PolicyBody) })
  @ApiOkResponse({ schema: openApi(PolicySetView) })
  @ApiBadRequestResponse({ description: 'the policy is not valid, or would weaken the law', schema: openApi(ErrorView) })
  setPolicy(@CurrentUser() user: Principal, @Body(new ZodPipe(PolicyBody)) body: z.infer<typeof PolicyBody>) {
    return this.rules.setPolicy(user, body.policy);
  }

  /** What-if: the open requests and active placements whose approver, panel, gates or blocks a proposed policy would change. */
  @Post('what-if')
  @HttpCode(200)
  @Roles('approver:AD', 'approver:DCS', 'auditor')
  @ApiBody({ schema: openApi(PolicyBody) })
  @ApiOkResponse({ schema: openApi(WhatIfView) })
  async whatIf(@CurrentUser() user: Principal, @Body(new ZodPipe(PolicyBody)) body: z.infer<typeof PolicyBody>) {
    return this.rules.whatIf(user, body.policy, await this.requests.openAndPlacedFacts(user));
  }
}
