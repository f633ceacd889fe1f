import { z } from 'zod';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiQueryFrom, CurrentUser, Roles, UuidParam, ZodPipe, correlationIdOf, openApi, type Principal } from '@placewise/platform';
import { ListRequests, Resubmit, SubmitRequest } from './requests.dto.js';
import { ErrorView, OutcomeView, ReEvaluationView, RequestViewSchema } from './requests.views.js';
import { RequestsService } from './requests.service.js';

const CAN_SEE_REQUESTS = [
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

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  /** Submit a request: 201 with the rules' outcome, or 422 with the reasons the law refuses it. */
  @Post()
  @Roles('social-worker')
  @ApiBody({ schema: openApi(SubmitRequest) })
  @ApiCreatedResponse({ schema: openApi(RequestViewSchema) })
  @ApiBadRequestResponse({ schema: openApi(ErrorView) })
  @ApiUnprocessableEntityResponse({
    description: 'the law does not allow this request',
    schema: openApi(
      z.looseObject({ statusCode: z.number(), message: z.string(), blocks: OutcomeView.shape.blocks, reasons: OutcomeView.shape.reasons }),
    ),
  })
  submit(@CurrentUser() user: Principal, @Body(new ZodPipe(SubmitRequest)) body: z.infer<typeof SubmitRequest>, @Req() req: unknown) {
    return this.requests.submit(user, body, correlationIdOf(req));
  }

  @Get()
  @Roles(...CAN_SEE_REQUESTS)
  @ApiOkResponse({ schema: openApi(z.array(RequestViewSchema)) })
  @ApiQueryFrom(ListRequests)
  list(@CurrentUser() user: Principal, @Query(new ZodPipe(ListRequests)) q: z.infer<typeof ListRequests>) {
    return this.requests.list(user, q);
  }

  /** After a deferral: the information the panel asked for is provided and the case returns to the next sitting. */
  @Post(':id/resubmission')
  @HttpCode(200)
  @Roles('social-worker')
  @ApiBody({ schema: openApi(Resubmit) })
  @ApiOkResponse({ schema: openApi(RequestViewSchema) })
  resubmit(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(Resubmit)) body: z.infer<typeof Resubmit>,
  ) {
    return this.requests.resubmit(user, id, body);
  }

  /** Evaluates the stored request again with its pinned rule-set version and policy: the outcome must be identical. */
  @Post(':id/re-evaluation')
  @HttpCode(200)
  @Roles('approver:AD', 'approver:DCS', 'auditor')
  @ApiOkResponse({ schema: openApi(ReEvaluationView) })
  @ApiNotFoundResponse({ schema: openApi(ErrorView) })
  reEvaluate(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.requests.reEvaluate(user, id);
  }

  @Get(':id')
  @Roles(...CAN_SEE_REQUESTS)
  @ApiOkResponse({ schema: openApi(RequestViewSchema) })
  @ApiNotFoundResponse({ schema: openApi(ErrorView) })
  get(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.requests.get(user, id);
  }
}
