import { Role } from '@placewise/contracts';
import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiQueryFrom, CurrentUser, UuidParam, ZodPipe, openApi, type Principal, Roles } from '@placewise/platform';
import type { z } from 'zod';
import { ListQuery } from '../notifications.dto.js';
import { MarkedRead, NotificationList, UnreadCount } from '../notifications.views.js';
import { PeopleService } from '../people/people.service.js';
import { PrismaService } from '../prisma.service.js';
import { TrayRepository } from './tray.repository.js';

/** The caller's own tray: anyone signed in has one. Each call also keeps the caller in the directory. */
@ApiTags('tray')
@ApiBearerAuth()
// Every role: each person reads and sets only their own (the role matrix checks it, from x-roles).
@Roles(...Role.options)
@Controller('notifications')
export class TrayController {
  constructor(
    private readonly db: PrismaService,
    private readonly tray: TrayRepository,
    private readonly people: PeopleService,
  ) {}

  /** My notifications: unread first, then newest. */
  @Get()
  @ApiOkResponse({ schema: openApi(NotificationList) })
  @ApiQueryFrom(ListQuery)
  async list(
    @CurrentUser() user: Principal,
    @Query(new ZodPipe(ListQuery)) q: z.infer<typeof ListQuery>,
  ): Promise<z.infer<typeof NotificationList>> {
    await this.people.learn(user);
    const [rows, unread] = await this.db.$transaction(
      async (tx) =>
        [
          await this.tray.list(user.localAuthority, user.sub, q.limit, tx),
          await this.tray.unread(user.localAuthority, user.sub, tx),
        ] as const,
    );
    return {
      unread,
      items: rows.map((n) => ({
        id: n.id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link,
        read: n.readAt !== null,
        createdAt: n.createdAt.toISOString(),
      })),
    };
  }

  /** How many of my notifications are unread (the header's count). */
  @Get('unread-count')
  @ApiOkResponse({ schema: openApi(UnreadCount) })
  async unreadCount(@CurrentUser() user: Principal): Promise<z.infer<typeof UnreadCount>> {
    await this.people.learn(user);
    return { unread: await this.db.$transaction((tx) => this.tray.unread(user.localAuthority, user.sub, tx)) };
  }

  /** Marks one of my notifications read (again: no change). Another person's is not found. */
  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ schema: openApi(MarkedRead) })
  async read(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string): Promise<z.infer<typeof MarkedRead>> {
    const r = await this.db.$transaction((tx) => this.tray.markRead(user.localAuthority, user.sub, id, tx));
    if (r === 'missing') throw new NotFoundException('no such notification of yours');
    return { marked: r === 'marked' ? 1 : 0 };
  }

  /** Marks every one of my notifications read. */
  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ schema: openApi(MarkedRead) })
  async readAll(@CurrentUser() user: Principal): Promise<z.infer<typeof MarkedRead>> {
    return { marked: await this.db.$transaction((tx) => this.tray.markAllRead(user.localAuthority, user.sub, tx)) };
  }
}
