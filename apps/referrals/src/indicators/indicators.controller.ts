import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiQueryFrom, CurrentUser, Roles, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { z } from 'zod';
import { CsvReport } from '@placewise/platform';
import {
  ChildrenFields,
  ChildrenQuery,
  Month,
  PeriodFields,
  PeriodQuery,
  SetArea,
  SetComparators,
  SetEntryTarget,
  SetPopulation,
  Year,
} from './indicators.dto.js';
import { IndicatorsService, SEE_CHILDREN, indicatorsTable, type IndicatorsResult } from './indicators.service.js';
import { ChildrenView, IndicatorsView, SettingsView } from './indicators.views.js';
import { ErrorView } from '../requests/requests.views.js';

/** Heads of service, directors, finance, the performance team and auditors read the indicators. */
const READERS = ['approver:HOS', 'approver:AD', 'approver:DCS', 'finance', 'performance', 'auditor'] as const;
/** The performance team and the senior managers set what the council enters beside its record. */
const SETTERS = ['performance', 'approver:HOS', 'approver:AD', 'approver:DCS'] as const;

@ApiTags('indicators')
@ApiBearerAuth()
@Controller('indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  /**
   * Every indicator for a period (from and to, both included; by default the last 12 months) and
   * for each month in it: children in care and the rate per 10,000 beside the comparators, entries
   * and exits against the targets, exits by route, the projection, stability and distance.
   */
  @Get()
  @Roles(...READERS)
  @CsvReport('indicators', indicatorsTable)
  @ApiOkResponse({ description: 'JSON, or CSV with ?format=csv', schema: openApi(IndicatorsView) })
  @ApiQueryFrom(PeriodFields.omit({ format: true }))
  figures(@CurrentUser() user: Principal, @Query(new ZodPipe(PeriodQuery)) q: z.infer<typeof PeriodQuery>): Promise<IndicatorsResult> {
    return this.indicators.figures(user, q);
  }

  /** The children behind a figure, by the council's reference, for the roles that may see children. */
  @Get('children')
  @Roles(...SEE_CHILDREN)
  @CsvReport('indicator-children', (r: z.infer<typeof ChildrenView>) => ({
    columns: ['measure', 'from', 'to', 'month', 'reference'],
    rows: r.children.map((c) => [r.measure, r.from, r.to, r.month, c.reference]),
  }))
  @ApiOkResponse({ description: 'JSON, or CSV with ?format=csv', schema: openApi(ChildrenView) })
  @ApiForbiddenResponse({ schema: openApi(ErrorView) })
  @ApiQueryFrom(ChildrenFields.omit({ format: true }))
  children(@CurrentUser() user: Principal, @Query(new ZodPipe(ChildrenQuery)) q: z.infer<typeof ChildrenQuery>) {
    return this.indicators.children(user, q);
  }

  @Get('settings')
  @Roles(...READERS)
  @ApiOkResponse({ schema: openApi(SettingsView) })
  settings(@CurrentUser() user: Principal) {
    return this.indicators.settings(user);
  }

  /** The council's 0-17 population in a year (ONS mid-year estimate). */
  @Put('population/:year')
  @Roles(...SETTERS)
  @ApiBody({ schema: openApi(SetPopulation) })
  @ApiOkResponse({ schema: openApi(z.object({ year: z.number().int(), children: z.number().int() })) })
  setPopulation(
    @CurrentUser() user: Principal,
    @Param('year', new ZodPipe(Year)) year: number,
    @Body(new ZodPipe(SetPopulation)) body: z.infer<typeof SetPopulation>,
  ) {
    return this.indicators.setPopulation(user, year, body);
  }

  /** The comparators' rates per 10,000 for a year ending 31 March (replaces the year's list). */
  @Put('comparators/:year')
  @Roles(...SETTERS)
  @ApiBody({ schema: openApi(SetComparators) })
  @ApiOkResponse({
    schema: openApi(z.object({ year: z.number().int(), comparators: z.array(z.object({ name: z.string(), ratePer10k: z.number() })) })),
  })
  setComparators(
    @CurrentUser() user: Principal,
    @Param('year', new ZodPipe(Year)) year: number,
    @Body(new ZodPipe(SetComparators)) body: z.infer<typeof SetComparators>,
  ) {
    return this.indicators.setComparators(user, year, body);
  }

  /** The council's target of entries to care in a month (exits: PUT /exits/targets/{month}). */
  @Put('entry-targets/:month')
  @Roles(...SETTERS)
  @ApiBody({ schema: openApi(SetEntryTarget) })
  @ApiOkResponse({ schema: openApi(z.object({ month: z.string(), entries: z.number().int() })) })
  setEntryTarget(
    @CurrentUser() user: Principal,
    @Param('month', new ZodPipe(Month)) month: string,
    @Body(new ZodPipe(SetEntryTarget)) body: z.infer<typeof SetEntryTarget>,
  ) {
    return this.indicators.setEntryTarget(user, month, body);
  }

  /** The ONS local authority codes of the council's area (placed out of area is outside them). */
  @Put('area')
  @Roles(...SETTERS)
  @ApiBody({ schema: openApi(SetArea) })
  @ApiOkResponse({ schema: openApi(z.object({ laCodes: z.array(z.string()) })) })
  setArea(@CurrentUser() user: Principal, @Body(new ZodPipe(SetArea)) body: z.infer<typeof SetArea>) {
    return this.indicators.setArea(user, body);
  }
}
