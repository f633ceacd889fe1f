import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { PlacementType, Prisma, Provider, Setting } from '../../generated/client/index.js';

/** Providers a council may use: its own, and those shared with its region. */
export function visibleTo(localAuthority: string, region: string | null): Prisma.ProviderWhereInput {
  return region ? { OR: [{ localAuthority }, { region }] } : { localAuthority };
}

@Injectable()
export class ProvidersRepository {
  constructor(private readonly prisma: PrismaService) {}

  createProvider(data: Prisma.ProviderUncheckedCreateInput): Promise<Provider> {
    return this.prisma.provider.create({ data });
  }

  /** A provider the council owns (only the owner edits it). */
  findProvider(localAuthority: string, id: string): Promise<Provider | null> {
    return this.prisma.provider.findFirst({ where: { id, localAuthority } });
  }

  /** Whether the council already has a provider with this id (another council's ids are theirs, and say nothing here). */
  async providerExists(localAuthority: string, id: string): Promise<boolean> {
    return (await this.prisma.provider.count({ where: { id, localAuthority } })) > 0;
  }

  /** The providers the council may use (only `providerId`, when given). */
  listProviders(localAuthority: string, region: string | null, providerId?: string) {
    return this.prisma.provider.findMany({
      where: { AND: [visibleTo(localAuthority, region), providerId ? { id: providerId } : {}] },
      include: { settings: { orderBy: { name: 'asc' } } },
      orderBy: { name: 'asc' },
    });
  }

  createSetting(data: Prisma.SettingUncheckedCreateInput): Promise<Setting> {
    return this.prisma.setting.create({ data });
  }

  updateSetting(localAuthority: string, providerId: string, id: string, data: Prisma.SettingUncheckedUpdateManyInput) {
    return this.prisma.$transaction(async (tx) => {
      const n = await tx.setting.updateMany({ where: { id, providerId, localAuthority }, data });
      if (n.count === 0) return null;
      const s = await tx.setting.findFirstOrThrow({ where: { id, localAuthority } });
      if (s.vacancies > s.capacity) throw new RangeError('vacancies exceed capacity');
      return s;
    });
  }

  /** A setting the council may use (its own or shared with its region), with its provider. */
  findSetting(localAuthority: string, region: string | null, id: string, tx: Tx = this.prisma) {
    return tx.setting.findFirst({ where: { id, provider: visibleTo(localAuthority, region) }, include: { provider: true } });
  }

  /** Settings of the council's own (in-house) providers with a vacancy of one of these types. */
  inHouseVacancies(localAuthority: string, placementTypes: PlacementType[], age: number, tx: Tx = this.prisma) {
    return tx.setting.findMany({
      where: {
        localAuthority,
        placementType: { in: placementTypes },
        vacancies: { gt: 0 },
        ageMin: { lte: age },
        ageMax: { gte: age },
        provider: { sector: 'IN_HOUSE', localAuthority },
      },
      include: { provider: true },
      orderBy: { weeklyPricePence: 'asc' },
    });
  }

  /** Settings the council can buy (not its own in-house ones) that could meet the search: by type and age. */
  externalCandidates(localAuthority: string, region: string | null, placementTypes: PlacementType[], age: number, tx: Tx = this.prisma) {
    return tx.setting.findMany({
      where: {
        placementType: { in: placementTypes },
        ageMin: { lte: age },
        ageMax: { gte: age },
        provider: { AND: [visibleTo(localAuthority, region), { NOT: { sector: 'IN_HOUSE', localAuthority } }] },
      },
      select: { id: true, providerId: true, procurementRoute: true },
    });
  }

  /** Every setting that could meet the search (any route), for ranking matches. */
  candidates(localAuthority: string, region: string | null, placementTypes: PlacementType[], age: number) {
    return this.prisma.setting.findMany({
      where: {
        placementType: { in: placementTypes },
        ageMin: { lte: age },
        ageMax: { gte: age },
        vacancies: { gt: 0 },
        provider: visibleTo(localAuthority, region),
      },
      include: { provider: true },
    });
  }

  /**
   * Takes one vacancy; false if none was left (checked and taken in one statement). Only in a
   * setting the council may use: its own providers' or those shared with its region.
   */
  async takeVacancy(tx: Tx, localAuthority: string, settingId: string): Promise<boolean> {
    const n = await tx.$executeRaw`
      UPDATE setting s SET vacancies = s.vacancies - 1
        FROM provider p
       WHERE s.id = ${settingId}::uuid AND p.id = s.provider_id AND p.local_authority = s.local_authority AND s.vacancies > 0
         AND (p.local_authority = ${localAuthority}
              OR p.region = (SELECT c.region FROM council c WHERE c.local_authority = ${localAuthority}))`;
    return n === 1;
  }

  /** Gives a vacancy back (never above the setting's capacity), in a setting the council may use. */
  async returnVacancy(tx: Tx, localAuthority: string, settingId: string): Promise<void> {
    await tx.$executeRaw`
      UPDATE setting s SET vacancies = s.vacancies + 1
        FROM provider p
       WHERE s.id = ${settingId}::uuid AND p.id = s.provider_id AND p.local_authority = s.local_authority AND s.vacancies < s.capacity
         AND (p.local_authority = ${localAuthority}
              OR p.region = (SELECT c.region FROM council c WHERE c.local_authority = ${localAuthority}))`;
  }
}
