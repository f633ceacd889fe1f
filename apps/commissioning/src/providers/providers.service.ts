import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { Principal } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { asDate, dayOf } from '@placewise/contracts/dates';
import { Prisma, type Provider } from '../../generated/client/index.js';
import { providerOf } from './provider-of.js';
import { CouncilService } from '../council/council.service.js';
import { defaultRegistrationCategory } from '../matching/gates.js';
import { ProvidersRepository } from './providers.repository.js';
import type { CreateProvider, CreateSetting, UpdateSetting } from './providers.dto.js';

@Injectable()
export class ProvidersService {
  constructor(
    private readonly providers: ProvidersRepository,
    private readonly council: CouncilService,
  ) {}

  async createProvider(user: Principal, input: CreateProvider) {
    if (input.region) {
      const { region } = await this.council.settings(user.localAuthority);
      if (region !== input.region) {
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: "a provider can be shared only with the council's own region",
          errors: [
            {
              field: 'region',
              reason: region ? `your council's region is ${region}` : 'your council has no region recorded (PUT /council)',
            },
          ],
        });
      }
    }
    if (input.id && (await this.providers.providerExists(user.localAuthority, input.id))) {
      throw new ConflictException({
        statusCode: 409,
        message: `a provider with id ${input.id} already exists`,
        errors: [{ field: 'id', reason: 'already used' }],
      });
    }
    try {
      return providerView(
        await this.providers.createProvider({
          id: input.id ?? randomUUID(),
          localAuthority: user.localAuthority,
          name: input.name,
          sector: input.sector,
          region: input.region ?? null,
        }),
      );
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
        // The council's own id or name, taken meanwhile (the key is the council and the id).
        const byName = JSON.stringify(e.meta ?? {}).includes('name');
        throw new ConflictException({
          statusCode: 409,
          message: byName ? 'provider already exists' : `a provider with id ${input.id} already exists`,
          errors: [{ field: byName ? 'name' : 'id', reason: 'already used' }],
        });
      }
      throw e;
    }
  }

  async createSetting(user: Principal, providerId: string, input: CreateSetting) {
    const provider = await this.providers.findProvider(user.localAuthority, providerId);
    if (!provider) throw new NotFoundException(`no provider ${providerId}`);
    const s = await this.providers.createSetting({
      id: randomUUID(),
      localAuthority: user.localAuthority,
      providerId,
      ...input,
      ofstedUrn: input.ofstedUrn ?? null,
      registrationCategory: input.registrationCategory ?? defaultRegistrationCategory(input.placementType, !!input.ofstedUrn),
      inspectionDate: input.inspectionDate ? asDate(input.inspectionDate) : null,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      area: input.area ?? null,
    });
    return settingView(s);
  }

  async updateSetting(user: Principal, providerId: string, settingId: string, input: z.infer<typeof UpdateSetting>) {
    try {
      const s = await this.providers.updateSetting(user.localAuthority, providerId, settingId, {
        ...input,
        ...(input.inspectionDate ? { inspectionDate: asDate(input.inspectionDate) } : {}),
      });
      if (!s) throw new NotFoundException(`no setting ${settingId} of provider ${providerId}`);
      return settingView(s);
    } catch (e) {
      if (e instanceof RangeError)
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: e.message,
          errors: [{ field: 'vacancies', reason: 'must not exceed capacity' }],
        });
      throw e;
    }
  }

  /** The council's providers and those shared with its region; a provider's own staff: their provider only. */
  async list(user: Principal) {
    const { region } = await this.council.settings(user.localAuthority);
    const own = user.roles.some((r) => r === 'commissioner' || r === 'finance' || r === 'auditor') ? undefined : providerOf(user);
    const rows = await this.providers.listProviders(user.localAuthority, region, own);
    return rows.map((p) => ({
      id: p.id,
      localAuthority: p.localAuthority,
      name: p.name,
      sector: p.sector,
      region: p.region,
      /** Shared with this council through its region, not its own. */
      shared: p.localAuthority !== user.localAuthority,
      settings: p.settings.map(settingView),
    }));
  }
}

export function providerView(p: Provider) {
  return {
    id: p.id,
    localAuthority: p.localAuthority,
    name: p.name,
    sector: p.sector,
    region: p.region,
    createdAt: p.createdAt.toISOString(),
  };
}

export function settingView(s: Prisma.SettingGetPayload<object>) {
  return {
    id: s.id,
    localAuthority: s.localAuthority,
    providerId: s.providerId,
    name: s.name,
    placementType: s.placementType,
    ofstedUrn: s.ofstedUrn,
    registrationCategory: s.registrationCategory,
    ofstedRating: s.ofstedRating,
    inspectionDate: dayOf(s.inspectionDate),
    postcode: s.postcode,
    latitude: s.latitude,
    longitude: s.longitude,
    area: s.area,
    ageMin: s.ageMin,
    ageMax: s.ageMax,
    capacity: s.capacity,
    vacancies: s.vacancies,
    weeklyPricePence: s.weeklyPricePence,
    procurementRoute: s.procurementRoute,
    needsMet: s.needsMet,
    educationOnSite: s.educationOnSite,
    siblingPlaces: s.siblingPlaces,
  };
}
