import { z } from 'zod';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { SubmitRequest } from '../requests/requests.dto.js';
import { RequestsService } from '../requests/requests.service.js';

@ApiTags('rules')
@ApiBearerAuth()
@Controller('rules')
export class RulesController {
  constructor(private readonly requests: RequestsService) {}

  /** Dry run: what approval would this request need? Nothing is stored or sent. */
  @Post('evaluate')
  @HttpCode(200)
  @Roles('social-worker', 'panel-member', 'panel-chair', 'approver:TM', 'approver:SM', 'approver:HOS', 'approver:AD', 'approver:DCS', 'commissioner')
  @ApiBody({ schema: openApi(SubmitRequest) })
  evaluate(@CurrentUser() user: Principal, @Body(new ZodPipe(SubmitRequest)) body: z.infer<typeof SubmitRequest>) {
    return this.requests.dryRun(user, body);
  }
}
