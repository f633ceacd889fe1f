import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiQueryFrom, CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { z } from 'zod';
import {
  AddExitStep,
  AdvanceReunification,
  Cohort,
  Month,
  MonthQuery,
  RecordEdgeOfCare,
  SetCarePlan,
  SetStepDown,
  SetTarget,
  StartReunification,
} from './exits.dto.js';
import { ExitsService } from './exits.service.js';
import {
  CarePlanView,
  DischargePlanningView,
  EdgeOfCareEntryView,
  EdgeOfCareView,
  ExitStepView,
  OversightView,
  ReunificationView,
  ReunificationsView,
  StepDoneView,
  TargetView,
} from './exits.views.js';
import { ErrorView } from '../requests/requests.views.js';

const WRITERS = ['social-worker', 'approver:TM', 'approver:SM', 'approver:HOS', 'approver:AD', 'approver:DCS'] as const;
const READERS = [...WRITERS, 'panel-member', 'panel-chair', 'auditor'] as const;
const MANAGERS = ['approver:TM', 'approver:SM', 'approver:HOS', 'approver:AD', 'approver:DCS', 'auditor'] as const;
const MonthParam = new ZodPipe(Month);

@ApiTags('way out of care')
@ApiBearerAuth()
@Controller()
export class ExitsController {
  constructor(private readonly exits: ExitsService) {}

  @Get('children/:id/care-plan')
  @Roles(...READERS)
  @ApiOkResponse({ schema: openApi(CarePlanView) })
  @ApiNotFoundResponse({ schema: openApi(ErrorView) })
  carePlan(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.exits.getCarePlan(user, id);
  }

  /** Permanence plan, exit route and estimated exit date; each change is kept with its reason. */
  @Put('children/:id/care-plan')
  @Roles(...WRITERS)
  @ApiBody({ schema: openApi(SetCarePlan) })
  @ApiOkResponse({ schema: openApi(CarePlanView) })
  setCarePlan(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(SetCarePlan)) body: z.infer<typeof SetCarePlan>,
  ) {
    return this.exits.setCarePlan(user, id, body);
  }

  @Put('children/:id/care-plan/step-down')
  @Roles(...WRITERS)
  @ApiBody({ schema: openApi(SetStepDown) })
  @ApiOkResponse({ schema: openApi(CarePlanView) })
  setStepDown(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(SetStepDown)) body: z.infer<typeof SetStepDown>,
  ) {
    return this.exits.setStepDown(user, id, body);
  }

  @Put('children/:id/care-plan/discharge-cohort')
  @Roles(...WRITERS)
  @ApiBody({ schema: openApi(Cohort) })
  @ApiOkResponse({ schema: openApi(CarePlanView) })
  setCohort(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Body(new ZodPipe(Cohort)) body: z.infer<typeof Cohort>) {
    return this.exits.setCohort(user, id, body);
  }

  @Post('children/:id/exit-steps')
  @Roles(...WRITERS)
  @ApiBody({ schema: openApi(AddExitStep) })
  @ApiCreatedResponse({ schema: openApi(ExitStepView) })
  addStep(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(AddExitStep)) body: z.infer<typeof AddExitStep>,
  ) {
    return this.exits.addStep(user, id, body);
  }

  @Post('exit-steps/:id/done')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOkResponse({ schema: openApi(StepDoneView) })
  @ApiNotFoundResponse({ schema: openApi(ErrorView) })
  completeStep(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.exits.completeStep(user, id);
  }

  @Put('exits/targets/:month')
  @Roles('approver:HOS', 'approver:AD', 'approver:DCS')
  @ApiBody({ schema: openApi(SetTarget) })
  @ApiOkResponse({ schema: openApi(TargetView) })
  setTarget(
    @CurrentUser() user: Principal,
    @Param('month', MonthParam) month: string,
    @Body(new ZodPipe(SetTarget)) body: z.infer<typeof SetTarget>,
  ) {
    return this.exits.setTarget(user, month, body.exits);
  }

  /** The discharge cohort, each child's steps to exit, and the month's exits against the target. */
  @Get('exits/discharge-planning')
  @Roles(...READERS)
  @ApiOkResponse({ schema: openApi(DischargePlanningView) })
  @ApiQueryFrom(MonthQuery)
  dischargePlanning(@CurrentUser() user: Principal, @Query(new ZodPipe(MonthQuery)) q: z.infer<typeof MonthQuery>) {
    return this.exits.dischargePlanning(user, q.month);
  }

  @Post('children/:id/reunifications')
  @Roles(...WRITERS)
  @ApiBody({ schema: openApi(StartReunification) })
  @ApiCreatedResponse({ schema: openApi(ReunificationView) })
  startReunification(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(StartReunification)) body: z.infer<typeof StartReunification>,
  ) {
    return this.exits.startReunification(user, id, body);
  }

  @Post('reunifications/:id/stages')
  @Roles(...WRITERS)
  @ApiBody({ schema: openApi(AdvanceReunification) })
  @ApiCreatedResponse({ schema: openApi(ReunificationView) })
  advance(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(AdvanceReunification)) body: z.infer<typeof AdvanceReunification>,
  ) {
    return this.exits.advanceReunification(user, id, body);
  }

  @Get('reunifications/:id')
  @Roles(...READERS)
  @ApiOkResponse({ schema: openApi(ReunificationView) })
  @ApiNotFoundResponse({ schema: openApi(ErrorView) })
  reunification(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.exits.reunificationView(user, id);
  }

  @Get('exits/reunifications')
  @Roles(...READERS)
  @ApiOkResponse({ schema: openApi(ReunificationsView) })
  reunifications(@CurrentUser() user: Principal) {
    return this.exits.reunifications(user);
  }

  /** For a declined or diverted entry-to-care request: the alternative used instead of care. */
  @Post('requests/:id/edge-of-care')
  @Roles(...WRITERS)
  @ApiBody({ schema: openApi(RecordEdgeOfCare) })
  @ApiCreatedResponse({ schema: openApi(EdgeOfCareEntryView) })
  edge(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(RecordEdgeOfCare)) body: z.infer<typeof RecordEdgeOfCare>,
  ) {
    return this.exits.recordEdgeOfCare(user, id, body);
  }

  @Get('exits/edge-of-care')
  @Roles(...READERS)
  @ApiOkResponse({ schema: openApi(EdgeOfCareView) })
  edgeOfCare(@CurrentUser() user: Principal) {
    return this.exits.edgeOfCare(user);
  }

  /** Exits due and overdue, slipping dates, children without plans, the step-down pipeline, entries and exits by month. */
  @Get('oversight')
  @Roles(...MANAGERS)
  @ApiOkResponse({ schema: openApi(OversightView) })
  oversight(@CurrentUser() user: Principal) {
    return this.exits.oversight(user);
  }
}
