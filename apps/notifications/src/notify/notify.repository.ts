import { Injectable } from '@nestjs/common';
import type { Tx } from '../prisma.service.js';
import type { ChannelCode, Kind } from './kinds.js';

export interface RouteRow {
  requestId: string;
  localAuthority: string;
  submittedBy: string;
  approverTier: string;
  panel: string | null;
}

export interface NewNotification {
  id: string;
  localAuthority: string;
  userId: string;
  kind: Kind;
  eventId: string;
  title: string;
  body: string;
  link: string;
  channel: ChannelCode;
}

export interface NewDelivery {
  id: string;
  localAuthority: string;
  userId: string;
  email: string;
  notificationId: string;
  subject: string;
  text: string;
}

/** Requests' routes, notifications and their email deliveries as the inbox writes them. */
@Injectable()
export class NotifyRepository {
  async saveRoute(r: RouteRow, tx: Tx): Promise<void> {
    await tx.requestRoute.upsert({ where: { requestId: r.requestId }, create: r, update: r });
  }

  async route(localAuthority: string, requestId: string, tx: Tx): Promise<RouteRow | null> {
    return tx.requestRoute.findFirst({ where: { localAuthority, requestId } });
  }

  /** Each person's chosen channel for a kind (absent: at once). */
  async channels(localAuthority: string, userIds: string[], kind: Kind, tx: Tx): Promise<Map<string, ChannelCode>> {
    const rows = await tx.preference.findMany({ where: { localAuthority, userId: { in: userIds }, kind } });
    return new Map(rows.map((r) => [r.userId, r.channel]));
  }

  /**
   * Writes the notifications that do not exist yet: (event, person, kind) is unique, so an event
   * applied twice, by any replica, tells nobody twice. Returns the ones written now.
   */
  async insert(rows: NewNotification[], tx: Tx): Promise<NewNotification[]> {
    if (!rows.length) return [];
    const made = await tx.notification.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true } });
    const ids = new Set(made.map((m) => m.id));
    return rows.filter((r) => ids.has(r.id));
  }

  async insertDeliveries(rows: NewDelivery[], tx: Tx): Promise<void> {
    if (rows.length) await tx.delivery.createMany({ data: rows.map((r) => ({ ...r, status: 'PENDING' as const })) });
  }
}
