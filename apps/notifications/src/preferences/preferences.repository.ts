import { Injectable } from '@nestjs/common';
import type { Tx } from '../prisma.service.js';
import type { ChannelCode, Kind } from '../notify/kinds.js';

/** A person's choices of how each kind is emailed. */
@Injectable()
export class PreferencesRepository {
  async of(localAuthority: string, userId: string, tx: Tx): Promise<Map<Kind, ChannelCode>> {
    const rows = await tx.preference.findMany({ where: { localAuthority, userId } });
    return new Map(rows.map((r) => [r.kind, r.channel]));
  }

  async set(localAuthority: string, userId: string, kind: Kind, channel: ChannelCode, tx: Tx): Promise<void> {
    await tx.preference.upsert({
      where: { localAuthority_userId_kind: { localAuthority, userId, kind } },
      create: { localAuthority, userId, kind, channel },
      update: { channel },
    });
  }
}
