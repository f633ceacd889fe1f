import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Tx } from '../prisma.service.js';

/** The answer to a claim: the email to send, or why not (done already, or another sender holds it until a time). */
export type Claim =
  | { claimed: true; email: string; subject: string; text: string; tookOver: boolean }
  | { claimed: false; why: 'missing' | 'done' }
  | { claimed: false; why: 'held'; until: Date };

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
  /** Whether any delivery waits to be handed to the mail queue: one statement, outside a transaction. */
  async anyNew(db: Tx): Promise<boolean> {
    const rows = await db.$queryRaw<unknown[]>`SELECT 1 AS one FROM delivery WHERE status = 'PENDING' AND enqueued_at IS NULL LIMIT 1`;
    return rows.length > 0;
  }

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

  /**
   * Takes the sending claim on a pending delivery for `leaseMs`, in one statement: it succeeds only
   * when nobody holds a live claim, so two replicas running the same send job at once (a worker
   * thought dead that was only slow) never both hand the email to the SMTP server. A claim whose
   * lease ran out belonged to a sender that died mid-send: taking it over is counted (`taken_over`),
   * since that sender may have had the email accepted just before it died.
   */
  async claim(id: string, holder: string, leaseMs: number, tx: Tx): Promise<Claim> {
    const rows = await tx.$queryRaw<{ id: string; email: string; subject: string; text: string; taken_over: boolean }[]>`
      UPDATE delivery d SET claimed_by = ${holder}, claimed_until = now() + make_interval(secs => ${leaseMs / 1000}::double precision),
        taken_over = d.taken_over + CASE WHEN d.claimed_by IS NULL THEN 0 ELSE 1 END
      FROM (SELECT id, claimed_by IS NOT NULL AS was_held FROM delivery WHERE id = ${id}::uuid FOR UPDATE) old
      WHERE d.id = old.id AND d.status = 'PENDING' AND (d.claimed_until IS NULL OR d.claimed_until < now())
      RETURNING d.id, d.email, d.subject, d.text, old.was_held AS taken_over`;
    const got = rows[0];
    if (got) return { claimed: true, email: got.email, subject: got.subject, text: got.text, tookOver: got.taken_over };
    const d = await tx.delivery.findUnique({ where: { id }, select: { status: true, claimedUntil: true } });
    if (!d) return { claimed: false, why: 'missing' };
    if (d.status !== 'PENDING') return { claimed: false, why: 'done' };
    return { claimed: false, why: 'held', until: d.claimedUntil ?? new Date() };
  }

  /** Sent: recorded only while this holder's claim stands (a claim taken over is the new holder's to record). */
  async sent(id: string, holder: string, tx: Tx): Promise<boolean> {
    const n = await tx.delivery.updateMany({
      where: { id, claimedBy: holder, status: 'PENDING' },
      data: { status: 'SENT', sentAt: new Date(), attempts: { increment: 1 }, lastError: null, claimedBy: null, claimedUntil: null },
    });
    return n.count === 1;
  }

  async refused(id: string, holder: string, reason: string, responseCode: number, tx: Tx): Promise<void> {
    await tx.delivery.updateMany({
      where: { id, claimedBy: holder, status: 'PENDING' },
      data: { status: 'REFUSED', attempts: { increment: 1 }, lastError: reason, responseCode, claimedBy: null, claimedUntil: null },
    });
  }

  /** One more failed attempt, and the claim let go; `final` records the delivery as failed (no more retries). */
  async attemptFailed(id: string, holder: string, reason: string, final: boolean, tx: Tx): Promise<void> {
    await tx.delivery.updateMany({
      where: { id, claimedBy: holder, status: 'PENDING' },
      data: {
        attempts: { increment: 1 },
        lastError: reason,
        claimedBy: null,
        claimedUntil: null,
        ...(final ? { status: 'FAILED' as const } : {}),
      },
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
