import { DelayedError, type Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { council, expectMail, mailService, startHarness, stopHarness, type Harness } from './support.js';

/**
 * The sending claim: one email goes to the SMTP server once even when two workers run its send job
 * at once (BullMQ hands a job whose lock lapsed to another worker while the first still runs it),
 * and a claim left by a sender that died is taken over once its lease is out.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ MAIL_LEASE_MS: '5000' });
});
afterAll(() => stopHarness(h));

/** A pending delivery already handed to the queue (so the poller leaves it alone): only the test's jobs send it. */
async function pending(la: string, userId: string, claim?: { by: string; untilSql: string }) {
  const id = randomUUID();
  await h.sql.query(
    `INSERT INTO notifications.delivery (id, local_authority, user_id, email, subject, text, status, enqueued_at, claimed_by, claimed_until)
     VALUES ($1, $2, $3, $4, $5, 'The words.', 'PENDING', now(), $6, ${claim ? claim.untilSql : 'NULL'})`,
    [id, la, userId, `${userId}@${la}.test`, `Claim test ${id.slice(0, 8)}`, claim?.by ?? null],
  );
  return id;
}

/** A send job as a worker holds it: moving it to delayed is recorded, not done. */
function job(deliveryId: string) {
  const delayedTo: number[] = [];
  const j = {
    id: `send-${deliveryId}`,
    name: 'send',
    data: { deliveryId },
    attemptsMade: 0,
    opts: { attempts: 3 },
    moveToDelayed: async (ts: number) => {
      delayedTo.push(ts);
    },
  } as unknown as Job;
  return { j, delayedTo };
}

const row = async (id: string) =>
  (await h.sql.query(`SELECT status, claimed_by, claimed_until, taken_over, attempts FROM notifications.delivery WHERE id = $1`, [id]))
    .rows[0];

describe('the sending claim', () => {
  it('lets one of two workers running the same send job at once send it; the other waits for the lease', async () => {
    const la = await council(h, [{ userId: 'fin', roles: ['finance'] }]);
    const id = await pending(la, 'fin');
    const a = job(id);
    const b = job(id);
    const results = await Promise.allSettled([mailService(h).process(a.j, 'token-a'), mailService(h).process(b.j, 'token-b')]);
    const sent = results.filter((r) => r.status === 'fulfilled' && r.value === 'sent');
    expect(sent).toHaveLength(1);
    const other = results.find((r) => !(r.status === 'fulfilled' && r.value === 'sent'))!;
    // The other found the claim held (and put its job off until the lease is out), or found it sent.
    if (other.status === 'rejected') {
      expect(other.reason).toBeInstanceOf(DelayedError);
      expect([...a.delayedTo, ...b.delayedTo]).toHaveLength(1);
    } else expect(other.value).toBe('already done');
    await expectMail(h, `fin@${la}.test`, 1);
    expect(await row(id)).toMatchObject({ status: 'SENT', claimed_by: null, claimed_until: null, taken_over: 0, attempts: 1 });

    // The job run again later (a retry, a restart) finds it sent and sends nothing.
    expect(await mailService(h).process(job(id).j, 'token-c')).toBe('already done');
    await expectMail(h, `fin@${la}.test`, 1);
  });

  it('puts the job off until a live claim’s lease is out, without counting an attempt', async () => {
    const la = await council(h, [{ userId: 'fin', roles: ['finance'] }]);
    const id = await pending(la, 'fin', { by: 'another-replica:1:abc', untilSql: "now() + interval '30 seconds'" });
    const { j, delayedTo } = job(id);
    await expect(mailService(h).process(j, 'token')).rejects.toBeInstanceOf(DelayedError);
    const r = await row(id);
    expect(delayedTo).toHaveLength(1);
    expect(delayedTo[0]).toBeGreaterThanOrEqual(new Date(r.claimed_until).getTime());
    expect(r).toMatchObject({ status: 'PENDING', claimed_by: 'another-replica:1:abc', attempts: 0 });
    await new Promise((res) => setTimeout(res, 300));
    expect(h.mail.messages.filter((m) => m.to.includes(`fin@${la}.test`))).toHaveLength(0);
  });

  it('takes over the claim of a sender that died once its lease is out, sends once and counts the takeover', async () => {
    const la = await council(h, [{ userId: 'fin', roles: ['finance'] }]);
    const id = await pending(la, 'fin', { by: 'dead-replica:1:abc', untilSql: "now() - interval '1 second'" });
    expect(await mailService(h).process(job(id).j, 'token')).toBe('sent');
    await expectMail(h, `fin@${la}.test`, 1);
    expect(await row(id)).toMatchObject({ status: 'SENT', claimed_by: null, taken_over: 1 });
  });
});
