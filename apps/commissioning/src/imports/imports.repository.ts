import { Injectable } from '@nestjs/common';
import type { Tx } from '../prisma.service.js';
import type { Prisma, ProviderSector } from '../../generated/client/index.js';
import { visibleTo } from '../providers/providers.repository.js';

/** The rows an import reads and writes: providers, settings and placements, always in the event's transaction. */
@Injectable()
export class ImportsRepository {
  /** The placement a council's import key already made, if any. */
  placementByImportKey(tx: Tx, localAuthority: string, importKey: string) {
    return tx.placement.findUnique({ where: { localAuthority_importKey: { localAuthority, importKey } } });
  }

  /** Serialises imports of one council, so two events never create the same provider or setting twice. */
  async lockCouncil(tx: Tx, localAuthority: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`commissioning-import:${localAuthority}`}))`;
  }

  /** The setting with this Ofsted URN the council may use: its own first, then one shared with its region. */
  async settingByUrn(tx: Tx, localAuthority: string, region: string | null, urn: string) {
    const found = await tx.setting.findMany({
      where: { ofstedUrn: urn, provider: visibleTo(localAuthority, region) },
      include: { provider: true },
      orderBy: { createdAt: 'asc' },
    });
    return found.find((s) => s.localAuthority === localAuthority) ?? found[0] ?? null;
  }

  /** The council's own setting of this provider with this name (the shared settings an import makes for PLACE codes with no URN). */
  settingByName(tx: Tx, localAuthority: string, providerId: string, name: string) {
    return tx.setting.findFirst({ where: { localAuthority, providerId, name }, include: { provider: true } });
  }

  createSetting(tx: Tx, data: Prisma.SettingUncheckedCreateInput) {
    return tx.setting.create({ data, include: { provider: true } });
  }

  /** The council's own in-house provider (the first recorded, when it has several). */
  inHouseProvider(tx: Tx, localAuthority: string) {
    return tx.provider.findFirst({ where: { localAuthority, sector: 'IN_HOUSE' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  /** The council's provider of this name, made when missing (names are unique per council). */
  async providerNamed(tx: Tx, localAuthority: string, name: string, sector: ProviderSector, id: string) {
    return (
      (await tx.provider.findUnique({ where: { localAuthority_name: { localAuthority, name } } })) ??
      tx.provider.create({ data: { id, localAuthority, name, sector, region: null } })
    );
  }

  createPlacement(tx: Tx, data: Prisma.PlacementUncheckedCreateInput) {
    return tx.placement.create({ data });
  }
}
