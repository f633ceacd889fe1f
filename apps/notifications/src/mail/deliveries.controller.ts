import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, openApi, type Principal } from '@placewise/platform';
import type { z } from 'zod';
import { FailedDeliveries } from '../notifications.views.js';
import { PeopleRepository } from '../people/people.repository.js';
import { PrismaService } from '../prisma.service.js';
import { MailRepository } from './mail.repository.js';

const STATUS_WORDS = { REFUSED: 'refused by the mail server', FAILED: 'not delivered after every retry' } as const;

/** Emails that did not arrive, for the council's admin (the ops role): a refused address, or failure after every retry. */
@ApiTags('deliveries')
@ApiBearerAuth()
@Controller('notifications/deliveries')
export class DeliveriesController {
  constructor(
    private readonly db: PrismaService,
    private readonly mail: MailRepository,
    private readonly people: PeopleRepository,
  ) {}

  @Get('failed')
  @Roles('ops')
  @ApiOkResponse({ schema: openApi(FailedDeliveries) })
  async failed(@CurrentUser() user: Principal): Promise<z.infer<typeof FailedDeliveries>> {
    return this.db.$transaction(async (tx) => {
      const rows = await this.mail.failed(user.localAuthority, tx);
      const people = new Map(
        (await this.people.byIds(user.localAuthority, [...new Set(rows.map((r) => r.userId))], tx)).map((p) => [p.userId, p]),
      );
      return {
        items: rows.map((r) => {
          const status = r.status as 'FAILED' | 'REFUSED';
          return {
            id: r.id,
            person: r.userId,
            name: people.get(r.userId)?.name ?? null,
            email: r.email,
            currentEmail: people.get(r.userId)?.email ?? null,
            subject: r.subject,
            status,
            statusLabel: STATUS_WORDS[status],
            reason: r.lastError,
            responseCode: r.responseCode,
            attempts: r.attempts,
            createdAt: r.createdAt.toISOString(),
          };
        }),
      };
    });
  }
}
