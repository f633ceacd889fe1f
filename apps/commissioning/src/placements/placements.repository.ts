import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Prisma } from '../../generated/client/index.js';
import { expectOne } from '../scoped.js';
import type { AdditionalService } from '../searches/searches.dto.js';
import { StoredServices } from '../searches/stored-json.js';
import type { PlacementRow, SettingNames } from './placements.view.js';

type Row = Prisma.PlacementGetPayload<object>;

/** An emergency placement's setting before the commissioner records it. */
const NOT_RECORDED: SettingNames = { name: 'setting not recorded yet', provider: { name: 'provider not recorded yet' } };

@Injectable()
export class PlacementsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The rows with their settings' and providers' names (read in one query). */
  private async named<R extends Row>(
    tx: Tx,
    rows: R[],
  ): Promise<(Omit<R, 'additionalServices'> & { additionalServices: AdditionalService[]; setting: SettingNames })[]> {
    const ids = [...new Set(rows.map((r) => r.settingId).filter((id): id is string => id !== null))];
    const settings = await tx.setting.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true, provider: { select: { name: true } } },
    });
    const byId = new Map(settings.map((s) => [s.id, { name: s.name, provider: s.provider }]));
    return rows.map((r) => ({
      ...r,
      additionalServices: StoredServices.parse(r.additionalServices),
      setting: (r.settingId ? byId.get(r.settingId) : NOT_RECORDED) ?? { name: 'unknown setting', provider: { name: 'unknown provider' } },
    }));
  }

  async create(data: Prisma.PlacementUncheckedCreateInput, tx: Tx): Promise<PlacementRow> {
    return (await this.named(tx, [await tx.placement.create({ data })]))[0]!;
  }

  async find(localAuthority: string, id: string, tx: Tx = this.prisma): Promise<PlacementRow | null> {
    const p = await tx.placement.findFirst({
      where: { id, localAuthority },
      include: { priceChanges: { orderBy: { requestedAt: 'asc' } } },
    });
    return p ? (await this.named(tx, [p]))[0]! : null;
  }

  /** The placement row, locked for the rest of the transaction. */
  async lock(localAuthority: string, id: string, tx: Tx) {
    await tx.$executeRaw`SELECT 1 FROM placement WHERE id = ${id}::uuid AND local_authority = ${localAuthority} FOR UPDATE`;
    return tx.placement.findFirst({ where: { id, localAuthority } });
  }

  /** The child's placements still running, locked for the rest of the transaction. */
  async activeForChild(localAuthority: string, childId: string, tx: Tx) {
    await tx.$executeRaw`SELECT 1 FROM placement WHERE local_authority = ${localAuthority} AND child_id = ${childId}::uuid AND status = 'ACTIVE' FOR UPDATE`;
    return tx.placement.findMany({ where: { localAuthority, childId, status: 'ACTIVE' } });
  }

  /** Changes one of the council's placements and reads it back (404 when the council has no such placement). */
  async update(tx: Tx, localAuthority: string, id: string, data: Prisma.PlacementUncheckedUpdateManyInput): Promise<PlacementRow> {
    expectOne((await tx.placement.updateMany({ where: { id, localAuthority }, data })).count, `placement ${id}`);
    return (await this.named(tx, [await tx.placement.findFirstOrThrow({ where: { id, localAuthority } })]))[0]!;
  }

  async list(localAuthority: string, where: Prisma.PlacementWhereInput, take: number, skip: number): Promise<PlacementRow[]> {
    return this.named(
      this.prisma,
      await this.prisma.placement.findMany({
        where: { ...where, localAuthority },
        orderBy: [{ startDate: 'desc' }, { createdAt: 'desc' }],
        take,
        skip,
      }),
    );
  }

  /**
   * Every placement still running (active or under notice) that matches: what is due is worked out
   * from each (a council has hundreds of running placements, not millions).
   */
  async running(localAuthority: string, where: Prisma.PlacementWhereInput): Promise<PlacementRow[]> {
    return this.named(
      this.prisma,
      await this.prisma.placement.findMany({
        where: { AND: [where, { localAuthority, status: { in: ['ACTIVE', 'NOTICE_GIVEN', 'AWAITING_RATIFICATION'] } }] },
        orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
      }),
    );
  }

  createPriceChange(tx: Tx, data: Prisma.PriceChangeUncheckedCreateInput) {
    return tx.priceChange.create({ data });
  }

  findPriceChanges(tx: Tx, localAuthority: string, placementId: string, where: Prisma.PriceChangeWhereInput) {
    return tx.priceChange.findMany({ where: { ...where, placementId, localAuthority } });
  }

  /** Changes one of the council's price changes (404 when the council has no such change). */
  async updatePriceChange(tx: Tx, localAuthority: string, id: string, data: Prisma.PriceChangeUncheckedUpdateManyInput): Promise<void> {
    expectOne((await tx.priceChange.updateMany({ where: { id, localAuthority }, data })).count, `price change ${id}`);
  }
}
