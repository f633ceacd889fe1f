import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RetentionRule } from '@placewise/contracts';
import { addCalendarDays, londonToday, startOfLondonDay } from '@placewise/contracts/dates';
import { ApiQueryFrom, CurrentUser, Roles, ZodPipe, openApi, type Principal } from '@placewise/platform';
import type { z } from 'zod';
import { CHILD_TABLES } from '../subject-access/subject-access.repository.js';
import { RemovalsQuery, SetRetentionPolicy } from './retention.dto.js';
import { RetentionRepository } from './retention.repository.js';
import { RULE_WORDS } from './retention.rule.js';
import { RetentionService } from './retention.service.js';
import { DueView, RemovalsView, RetentionPolicyView } from './retention.views.js';

/** Who sets the council's retention for children never looked after: its senior officers. */
const SETTERS = ['approver:AD', 'approver:DCS'] as const;

const tableWords = (table: string) => CHILD_TABLES[table as keyof typeof CHILD_TABLES] ?? 'Other records about the child';

@ApiTags('retention')
@ApiBearerAuth()
@Controller('retention')
export class RetentionController {
  constructor(
    private readonly retention: RetentionService,
    private readonly repo: RetentionRepository,
  ) {}

  /** What the retention job has erased: which rule, when, and how many rows of each kind; newest first. Days are Europe/London. */
  @Get('removals')
  @Roles('auditor')
  @ApiQueryFrom(RemovalsQuery)
  @ApiOkResponse({ schema: openApi(RemovalsView) })
  async removals(
    @CurrentUser() user: Principal,
    @Query(new ZodPipe(RemovalsQuery)) q: z.infer<typeof RemovalsQuery>,
  ): Promise<RemovalsView> {
    const { rows, total } = await this.repo.removals(user.localAuthority, {
      from: q.from ? new Date(startOfLondonDay(q.from)) : undefined,
      to: q.to ? new Date(startOfLondonDay(addCalendarDays(q.to, 1))) : undefined,
      take: q.take,
      skip: q.skip,
    });
    return {
      total,
      removals: rows.map((r) => {
        const rule = RetentionRule.parse(r.rule);
        return {
          at: r.erasedAt.toISOString(),
          childId: r.childId,
          rule,
          why: RULE_WORDS[rule],
          removed: Object.entries(r.removed as Record<string, number>).map(([table, rows]) => ({ what: tableWords(table), table, rows })),
        };
      }),
    };
  }

  /** A dry run: the children whose retention has ended today, which the next sweep will erase. Nothing is changed. */
  @Get('due')
  @Roles('auditor')
  @ApiOkResponse({ schema: openApi(DueView) })
  async due(@CurrentUser() user: Principal): Promise<DueView> {
    const today = londonToday();
    const due = await this.retention.due(user.localAuthority, today);
    return { today, total: due.length, children: due.map((d) => ({ childId: d.childId, rule: d.retention.rule, why: d.retention.why })) };
  }

  /** The retention rules, and the council's choice for children who were never looked after. */
  @Get('policy')
  @Roles('auditor', ...SETTERS)
  @ApiOkResponse({ schema: openApi(RetentionPolicyView) })
  async policy(@CurrentUser() user: Principal): Promise<RetentionPolicyView> {
    const p = await this.repo.policy(user.localAuthority);
    return {
      notLookedAfterYears: p?.notLookedAfterYears ?? null,
      setBy: p?.setByName ?? null,
      setAt: p?.setAt.toISOString() ?? null,
      rules: RetentionRule.options.map((rule) => ({ rule, words: RULE_WORDS[rule] })),
    };
  }

  /** Sets how many years after the last decision the record of a child who was never looked after is kept. */
  @Put('policy')
  @Roles(...SETTERS)
  @ApiBody({ schema: openApi(SetRetentionPolicy) })
  @ApiOkResponse({ schema: openApi(RetentionPolicyView) })
  async setPolicy(
    @CurrentUser() user: Principal,
    @Body(new ZodPipe(SetRetentionPolicy)) body: z.infer<typeof SetRetentionPolicy>,
  ): Promise<RetentionPolicyView> {
    await this.repo.setPolicy({
      localAuthority: user.localAuthority,
      notLookedAfterYears: body.notLookedAfterYears,
      setBy: user.sub,
      setByName: user.name,
    });
    return this.policy(user);
  }
}
