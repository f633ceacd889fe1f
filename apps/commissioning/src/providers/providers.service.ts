import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import { Prisma } from '../../generated/client/index.js';
import { ProvidersRepository } from './providers.repository.js';
import type { CreateProvider, CreateSetting } from './providers.dto.js';

@Injectable()
export class ProvidersService {
  constructor(private readonly providers: ProvidersRepository) {}

  async createProvider(user: Principal, input: CreateProvider) {
    try {
      return await this.providers.createProvider({ id: randomUUID(), localAuthority: user.localAuthority, ...input });
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
        throw new ConflictException({ statusCode: 409, message: 'provider already exists', errors: [{ field: 'name', reason: 'already used' }] });
      }
      throw e;
    }
  }

  async createSetting(user: Principal, providerId: string, input: CreateSetting) {
    const provider = await this.providers.findProvider(user.localAuthority, providerId);
    if (!provider) throw new NotFoundException(`no provider ${providerId}`);
    return this.providers.createSetting({ id: randomUUID(), localAuthority: user.localAuthority, providerId, ...input, ofstedUrn: input.ofstedUrn ?? null });
  }

  list(user: Principal) {
    return this.providers.listProviders(user.localAuthority);
  }
}
