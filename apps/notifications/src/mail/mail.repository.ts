import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Tx } from '../prisma.service.js';

export interface DueDigest {
  localAuthority: string;
  userId: string;
  email: string;
  digestTime: string;
}

/** Email deliveries: the only code that touches the delivery table (and the digest's notifications). */
@Injectable()
export class MailRepository {
  /**
   * Takes up to `limit` deliveries not yet handed to the mail queue and marks them handed. Rows
   * another replica holds are skipped (FOR UPDATE SKIP LOCKED), so each is taken by one replica;
   * a second add of the same job id would be ignored by BullMQ anyway.
   */
  async claimNew(limit: number, tx: Tx): Promise<string[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM delivery WHERE status = 'PENDING' AND enqueued_at IS NULL
      ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    await tx.delivery.updateMany({ where: { id: { in: ids } }, data: { enqueuedAt: new Date() } });
    return ids;
  }

  one(id: string, tx: Tx) {
    return tx.delivery.findUnique({ where: { id } });
  }

  async sent(id: string, tx: Tx): Promise<void> {
    await tx.delivery.update({ where: { id }, data: { status: 'SENT', sentAt: new Date(), attempts: { increment: 1 }, lastError: null } });
  }

  async refused(id: string, reason: string, responseCode: number, tx: Tx): Promise<void> {
    await tx.delivery.update({ where: { id }, data: { status: 'REFUSED', attempts: { increment: 1 }, lastError: reason, responseCode } });
  }

  /** One more failed attempt; `final` records the delivery as failed (no more retries). */
  async attemptFailed(id: string, reason: string, final: boolean, tx: Tx): Promise<void> {
    await tx.delivery.update({
      where: { id },
      data: { attempts: { increment: 1 }, lastError: reason, ...(final ? { status: 'FAILED' as const } : {}) },
    });
  }

  failed(localAuthority: string, tx: Tx) {
    return tx.delivery.findMany({
      where: { localAuthority, status: { in: ['FAILED', 'REFUSED'] } },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take: 500,
    });
  }

  /** People of every council with notifications waiting for a digest, and an address to send it to. */
  async waitingForDigest(tx: Tx): Promise<DueDigest[]> {
    return tx.$queryRaw<DueDigest[]>`
      SELECT DISTINCT p.local_authority AS "localAuthority", p.user_id AS "userId", p.email, p.digest_time AS "digestTime"
      FROM notification n JOIN person p ON p.local_authority = n.local_authority AND p.user_id = n.user_id
      WHERE n.channel = 'DIGEST' AND n.digest_delivery_id IS NULL AND p.email IS NOT NULL`;
  }

  /**
   * Makes the person's digest of a day from every notification waiting for a digest made before
   * `cut`. The delivery's key (council, person, day) is unique: a second replica, or the same job
   * again, finds it made and makes nothing. Returns the notifications' titles and links, or null.
   */
  async makeDigest(
    d: { localAuthority: string; userId: string; email: string; day: Date; cut: Date },
    compose: (items: { title: string; link: string }[]) => { subject: string; text: string },
    tx: Tx,
  ): Promise<string | null> {
    const id = randomUUID();
    const made = await tx.$executeRaw`
      INSERT INTO delivery (id, local_authority, user_id, email, digest_day, subject, text, status, attempts, created_at)
      VALUES (${id}::uuid, ${d.localAuthority}, ${d.userId}, ${d.email}, ${d.day}::date, '', '', 'PENDING', 0, now())
      ON CONFLICT (local_authority, user_id, digest_day) DO NOTHING`;
    if (made === 0) return null;
    const items = await tx.notification.findMany({
      where: { localAuthority: d.localAuthority, userId: d.userId, channel: 'DIGEST', digestDeliveryId: null, createdAt: { lt: d.cut } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, title: true, link: true },
    });
    if (!items.length) {
      await tx.delivery.delete({ where: { id } });
      return null;
    }
    await tx.notification.updateMany({ where: { id: { in: items.map((i) => i.id) } }, data: { digestDeliveryId: id } });
    const mail = compose(items);
    await tx.delivery.update({ where: { id }, data: { subject: mail.subject, text: mail.text } });
    return id;
  }
}
