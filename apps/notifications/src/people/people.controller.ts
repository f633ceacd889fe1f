import { Body, Controller, Get, NotFoundException, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { Text } from '@placewise/contracts';
import { z } from 'zod';
import { SetPerson } from '../notifications.dto.js';
import { PersonView } from '../notifications.views.js';
import { PrismaService } from '../prisma.service.js';
import { PeopleRepository, type PersonRow } from './people.repository.js';

const KNOWN_FROM = {
  SEEDED: 'the demo data',
  TOKEN: 'their sign-in',
  ADMIN: 'the council’s admin',
} as const;

const UserId = z.object({ userId: Text(200) });

/**
 * The council's directory, for its admin (the ops role): puts a person in it with their address
 * and, for a provider's staff, their provider, so they are told before they first sign in.
 */
@ApiTags('people')
@ApiBearerAuth()
@Controller('notifications/people')
export class PeopleController {
  constructor(
    private readonly db: PrismaService,
    private readonly people: PeopleRepository,
  ) {}

  /** A person in the directory as it holds them now (what a change through the PUT starts from). */
  @Get(':userId')
  @Roles('ops')
  @ApiParam({ name: 'userId', type: String, description: 'The person’s user id (their sign-in subject).' })
  @ApiOkResponse({ schema: openApi(PersonView) })
  async one(
    @CurrentUser() user: Principal,
    @Param(new ZodPipe(UserId)) params: z.infer<typeof UserId>,
  ): Promise<z.infer<typeof PersonView>> {
    const p = await this.db.$transaction((tx) => this.people.one(user.localAuthority, params.userId, tx));
    if (!p) throw new NotFoundException('This person is not in the council’s directory.');
    return viewOf(p);
  }

  @Put(':userId')
  @Roles('ops')
  @ApiParam({ name: 'userId', type: String, description: 'The person’s user id (their sign-in subject).' })
  @ApiBody({ schema: openApi(SetPerson) })
  @ApiOkResponse({ schema: openApi(PersonView) })
  async set(
    @CurrentUser() user: Principal,
    @Param(new ZodPipe(UserId)) params: z.infer<typeof UserId>,
    @Body(new ZodPipe(SetPerson)) body: z.infer<typeof SetPerson>,
  ): Promise<z.infer<typeof PersonView>> {
    const p = await this.db.$transaction((tx) =>
      this.people.set({ localAuthority: user.localAuthority, userId: params.userId, ...body, roles: [...new Set(body.roles)] }, tx),
    );
    return viewOf(p);
  }
}

function viewOf(p: PersonRow): z.infer<typeof PersonView> {
  return {
    userId: p.userId,
    name: p.name,
    email: p.email,
    roles: p.roles,
    providerId: p.providerId,
    knownFrom: KNOWN_FROM[p.source],
  };
}
