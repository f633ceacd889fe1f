import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
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
  carePlan(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.exits.getCarePlan(user, id);
  }

  /** Permanence plan, exit route and estimated exit date; each change is kept with its reason. */
  @Put('children/:id/care-plan')
  @Roles(...WRITERS)
  @ApiBody({ schema: openApi(SetCarePlan) })
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
  setCohort(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Body(new ZodPipe(Cohort)) body: z.infer<typeof Cohort>) {
    return this.exits.setCohort(user, id, body);
  }

  @Post('children/:id/exit-steps')
  @Roles(...WRITERS)
  @ApiBody({ schema: openApi(AddExitStep) })
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
  completeStep(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.exits.completeStep(user, id);
  }

  @Put('exits/targets/:month')
  @Roles('approver:HOS', 'approver:AD', 'approver:DCS')
  @ApiBody({ schema: openApi(SetTarget) })
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
  dischargePlanning(@CurrentUser() user: Principal, @Query(new ZodPipe(MonthQuery)) q: z.infer<typeof MonthQuery>) {
    return this.exits.dischargePlanning(user, q.month);
  }

  @Post('children/:id/reunifications')
  @Roles(...WRITERS)
  @ApiBody({ schema: openApi(StartReunification) })
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
  advance(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(AdvanceReunification)) body: z.infer<typeof AdvanceReunification>,
  ) {
    return this.exits.advanceReunification(user, id, body);
  }

  @Get('reunifications/:id')
  @Roles(...READERS)
  reunification(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.exits.reunificationView(user, id);
  }

  @Get('exits/reunifications')
  @Roles(...READERS)
  reunifications(@CurrentUser() user: Principal) {
    return this.exits.reunifications(user);
  }

  /** For a declined or diverted entry-to-care request: the alternative used instead of care. */
  @Post('requests/:id/edge-of-care')
  @Roles(...WRITERS)
  @ApiBody({ schema: openApi(RecordEdgeOfCare) })
  edge(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(RecordEdgeOfCare)) body: z.infer<typeof RecordEdgeOfCare>,
  ) {
    return this.exits.recordEdgeOfCare(user, id, body);
  }

  @Get('exits/edge-of-care')
  @Roles(...READERS)
  edgeOfCare(@CurrentUser() user: Principal) {
    return this.exits.edgeOfCare(user);
  }

  /** Exits due and overdue, slipping dates, children without plans, the step-down pipeline, entries and exits by month. */
  @Get('oversight')
  @Roles(...MANAGERS)
  oversight(@CurrentUser() user: Principal) {
    return this.exits.oversight(user);
  }
}
