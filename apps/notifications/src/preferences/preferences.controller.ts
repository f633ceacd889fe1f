import { Role } from '@placewise/contracts';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ValidationFailed, ZodPipe, openApi, type Principal, Roles } from '@placewise/platform';
import type { z } from 'zod';
import { SetDigestTime, SetPreference } from '../notifications.dto.js';
import { PreferencesView } from '../notifications.views.js';
import { CHANNEL_WORDS, KINDS, KIND_WORDS, MANDATORY } from '../notify/kinds.js';
import { PeopleRepository } from '../people/people.repository.js';
import { PeopleService } from '../people/people.service.js';
import { PrismaService, type Tx } from '../prisma.service.js';
import { PreferencesRepository } from './preferences.repository.js';

/** How I am told of each kind: email at once (the default), in a daily digest at my time, or the tray only. */
@ApiTags('preferences')
@ApiBearerAuth()
// Every role: each person reads and sets only their own (the role matrix checks it, from x-roles).
@Roles(...Role.options)
@Controller('notifications/preferences')
export class PreferencesController {
  constructor(
    private readonly db: PrismaService,
    private readonly prefs: PreferencesRepository,
    private readonly people: PeopleRepository,
    private readonly directory: PeopleService,
  ) {}

  @Get()
  @ApiOkResponse({ schema: openApi(PreferencesView) })
  async get(@CurrentUser() user: Principal): Promise<z.infer<typeof PreferencesView>> {
    await this.directory.learn(user);
    return this.db.$transaction((tx) => this.view(user, tx));
  }

  /** Sets how one kind is emailed. A kind that cannot be switched off refuses OFF (400). */
  @Put()
  @ApiBody({ schema: openApi(SetPreference) })
  @ApiOkResponse({ schema: openApi(PreferencesView) })
  async set(
    @CurrentUser() user: Principal,
    @Body(new ZodPipe(SetPreference)) body: z.infer<typeof SetPreference>,
  ): Promise<z.infer<typeof PreferencesView>> {
    if (body.channel === 'OFF' && MANDATORY.has(body.kind)) {
      throw new ValidationFailed([{ field: 'channel', reason: `${KIND_WORDS[body.kind].toLowerCase()} cannot be switched off` }]);
    }
    await this.directory.learn(user);
    return this.db.$transaction(async (tx) => {
      await this.prefs.set(user.localAuthority, user.sub, body.kind, body.channel, tx);
      return this.view(user, tx);
    });
  }

  /** Sets the London time of day my digest is sent. */
  @Put('digest-time')
  @ApiBody({ schema: openApi(SetDigestTime) })
  @ApiOkResponse({ schema: openApi(PreferencesView) })
  async digestTime(
    @CurrentUser() user: Principal,
    @Body(new ZodPipe(SetDigestTime)) body: z.infer<typeof SetDigestTime>,
  ): Promise<z.infer<typeof PreferencesView>> {
    await this.directory.learn(user);
    return this.db.$transaction(async (tx) => {
      await this.people.setDigestTime(user.localAuthority, user.sub, body.digestTime, tx);
      return this.view(user, tx);
    });
  }

  private async view(user: Principal, tx: Tx): Promise<z.infer<typeof PreferencesView>> {
    const [chosen, me] = [await this.prefs.of(user.localAuthority, user.sub, tx), await this.people.one(user.localAuthority, user.sub, tx)];
    return {
      digestTime: me?.digestTime ?? '08:00',
      email: me?.email ?? null,
      kinds: KINDS.map((kind) => {
        const channel = chosen.get(kind) ?? 'IMMEDIATE';
        return { kind, label: KIND_WORDS[kind], channel, channelLabel: CHANNEL_WORDS[channel], canSwitchOff: !MANDATORY.has(kind) };
      }),
    };
  }
}
