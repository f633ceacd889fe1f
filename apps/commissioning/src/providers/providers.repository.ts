import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Prisma, Provider, Setting } from '../../generated/client/index.js';

@Injectable()
export class ProvidersRepository {
  constructor(private readonly prisma: PrismaService) {}

  createProvider(data: Prisma.ProviderUncheckedCreateInput): Promise<Provider> {
    return this.prisma.provider.create({ data });
  }

  findProvider(localAuthority: string, id: string): Promise<Provider | null> {
    return this.prisma.provider.findFirst({ where: { id, localAuthority } });
  }

  listProviders(localAuthority: string) {
    return this.prisma.provider.findMany({ where: { localAuthority }, include: { settings: true }, orderBy: { name: 'asc' } });
  }

  createSetting(data: Prisma.SettingUncheckedCreateInput): Promise<Setting> {
    return this.prisma.setting.create({ data });
  }

  findSetting(localAuthority: string, id: string, tx: Tx = this.prisma) {
    return tx.setting.findFirst({ where: { id, localAuthority }, include: { provider: true } });
  }

  /** Settings of the council's own (in-house) providers with a vacancy of one of these types. */
  inHouseVacancies(localAuthority: string, placementTypes: string[], age: number) {
    return this.prisma.setting.findMany({
      where: { localAuthority, placementType: { in: placementTypes }, vacancies: { gt: 0 }, ageMin: { lte: age }, ageMax: { gte: age }, provider: { sector: 'IN_HOUSE' } },
      include: { provider: true },
      orderBy: { weeklyPricePence: 'asc' },
    });
  }

  /** Takes one vacancy; false if none was left (checked and taken in one statement). */
  async takeVacancy(tx: Tx, settingId: string): Promise<boolean> {
    const n = await tx.setting.updateMany({ where: { id: settingId, vacancies: { gt: 0 } }, data: { vacancies: { decrement: 1 } } });
    return n.count === 1;
  }
}
