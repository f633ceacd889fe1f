import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ROLE_WORDS, type Role } from '@placewise/contracts';
import { addCalendarDays, startOfLondonDay } from '@placewise/contracts/dates';
import { ApiQueryFrom, CurrentUser, Roles, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { z } from 'zod';
import { CHANNEL_WORDS } from './access-log.js';
import { AccessLogQuery } from './access-log.dto.js';
import { AccessLogRepository } from './access-log.repository.js';
import { AccessLogView } from './access-log.views.js';

const words = (role: string) => ROLE_WORDS[role as Role] ?? 'a role no longer in use';

@ApiTags('access log')
@ApiBearerAuth()
@Controller('access-log')
export class AccessLogController {
  constructor(private readonly log: AccessLogRepository) {}

  /** Who read which child's personal data, when and through what; newest first. Days are Europe/London. */
  @Get()
  @Roles('auditor')
  @ApiQueryFrom(AccessLogQuery)
  @ApiOkResponse({ schema: openApi(AccessLogView) })
  async list(
    @CurrentUser() user: Principal,
    @Query(new ZodPipe(AccessLogQuery)) q: z.infer<typeof AccessLogQuery>,
  ): Promise<AccessLogView> {
    const { rows, total, children } = await this.log.query(user.localAuthority, {
      childId: q.child,
      actor: q.actor,
      from: q.from ? new Date(startOfLondonDay(q.from)) : undefined,
      to: q.to ? new Date(startOfLondonDay(addCalendarDays(q.to, 1))) : undefined,
      take: q.take,
      skip: q.skip,
    });
    return {
      total,
      entries: rows.map((r) => {
        const c = children.get(r.childId);
        const name = c && (c.givenName || c.familyName) ? [c.givenName, c.familyName].filter(Boolean).join(' ') : null;
        return {
          at: r.at.toISOString(),
          who: r.actorName,
          roles: r.actorRoles.map(words),
          child: { id: r.childId, reference: c?.reference ?? null, name },
          through: CHANNEL_WORDS[r.through],
        };
      }),
    };
  }
}
