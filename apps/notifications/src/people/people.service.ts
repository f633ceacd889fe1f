import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DEMO_USERS, ENV, type Principal } from '@placewise/platform';
import type { NotificationsEnv } from '../env.js';
import { PrismaService } from '../prisma.service.js';
import { PeopleRepository } from './people.repository.js';

/** Keeps the directory: learns everyone who calls, and seeds the demo council's people when asked to. */
@Injectable()
export class PeopleService implements OnApplicationBootstrap {
  constructor(
    private readonly db: PrismaService,
    private readonly people: PeopleRepository,
    @Inject(ENV) private readonly env: NotificationsEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.SEED_DEMO_PEOPLE !== 'true') return;
    await this.db.$transaction(async (tx) => {
      for (const u of DEMO_USERS) {
        await this.people.seed(
          {
            localAuthority: u.la,
            userId: u.sub,
            name: u.name,
            roles: [...u.roles],
            providerId: u.provider ?? null,
            email: `${u.sub}@${u.la}.${this.env.DEMO_EMAIL_DOMAIN}`,
          },
          tx,
        );
      }
    });
  }

  /** Records the caller in their council's directory (name, roles and, for a provider's staff, their provider, from their token). */
  learn(user: Principal): Promise<void> {
    return this.db.$transaction((tx) =>
      this.people.learn(
        {
          localAuthority: user.localAuthority,
          userId: user.sub,
          name: user.name,
          roles: [...user.roles],
          providerId: user.roles.includes('provider') ? (user.providerId ?? null) : null,
        },
        tx,
      ),
    );
  }
}
