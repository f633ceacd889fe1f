import { FINANCE_INBOX } from '@placewise/contracts';
import { dropQueueKeys, eventually, TEST_REDIS_URL } from '@placewise/platform/testing';
import { DelayedError, Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { approvedSearch, expectOk, people, providerWithHome, startPlatform, type Platform } from '../support/platform.js';

/**
 * Redis loses every key of the platform (as a Redis restarted without persistence, or flushed,
 * would) while finance is stopped and its inbox holds placement.started events waiting, one active
 * and one delayed. Nobody acts: each relay finds its marker gone and sends its retained events again;
 * every placement ends with exactly one commitment, and events applied before the loss have no
 * second effect.
 */

const N = 5;
let p: Platform;

beforeAll(async () => {
  p = await startPlatform(inject('databaseUrl'), { finance: { WORKER_CONCURRENCY: '1' } });
});

afterAll(async () => {
  await p?.stop();
});

async function award(p: Platform, settingId: string, fee: number) {
  const { commissioner } = people(p);
  const { request, search } = await approvedSearch(p);
  const offer = expectOk(
    await commissioner('commissioning', 'POST', `/searches/${search.id}/offers`, {
      settingId,
      weeklyFeePence: fee,
      startDate: '2027-01-04',
    }),
  );
  const placement = expectOk(await commissioner('commissioning', 'POST', `/offers/${offer.id}/award`, {}));
  return { request, placement };
}

describe('Redis that lost its data', () => {
  it('sends the retained events again: nothing lost, nothing applied twice, no one acting', async () => {
    const setting = await providerWithHome(p, N + 1);
    const commitments = async (ids: string[]) =>
      (
        await p.sql.query(
          `SELECT placement_id, count(*)::int AS n FROM finance.commitment WHERE placement_id = ANY($1::uuid[]) GROUP BY placement_id`,
          [ids],
        )
      ).rows as { placement_id: string; n: number }[];

    // One placement applied by finance before the loss: its event comes again and must do nothing.
    const before = await award(p, setting.id, 600_000);
    await eventually(async () => (await commitments([before.placement.id])).length === 1 || undefined);

    // Finance stops; N placements start, and their events wait in finance's inbox.
    expect(await p.services.finance.stop('SIGTERM')).toBe(0);
    const during = [];
    for (let i = 0; i < N; i++) during.push(await award(p, setting.id, 600_001 + i));
    const inbox = new Queue(FINANCE_INBOX.name, { connection: { url: TEST_REDIS_URL }, prefix: p.prefix });
    const ids = during.map((x) => x.placement.id);
    await eventually(async () => ((await inbox.getWaitingCount()) >= N ? true : undefined));

    // A stand-in consumer takes two of them: it puts the first back delayed an hour (as a retry would
    // be) and holds the second, active, when Redis loses its data.
    let calls = 0;
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    const standIn = new Worker(
      FINANCE_INBOX.name,
      async (job, token) => {
        calls++;
        if (calls === 1) {
          await job.moveToDelayed(Date.now() + 3_600_000, token);
          throw new DelayedError();
        }
        holding();
        await new Promise(() => undefined);
      },
      { connection: { url: TEST_REDIS_URL }, prefix: p.prefix, concurrency: 1, lockDuration: 60_000 },
    );
    await held;
    const counts = await inbox.getJobCounts('waiting', 'active', 'delayed');
    expect(counts.active).toBe(1);
    expect(counts.delayed).toBe(1);
    expect(counts.waiting).toBeGreaterThanOrEqual(1);
    expect(await commitments(ids)).toHaveLength(0);

    // Every key under the platform's prefix goes: queues, jobs, locks, timers, the relays' markers.
    await dropQueueKeys(p.prefix);
    await standIn.close(true);
    await p.services.finance.restart();

    // Every placement gets its commitment, exactly once, and the one applied before stays single.
    await eventually(async () => ((await commitments(ids)).length === N ? true : undefined), 45_000, 200);
    const all = await commitments([before.placement.id, ...ids]);
    expect(all).toHaveLength(N + 1);
    expect(all.every((r) => r.n === 1)).toBe(true);
    expect(p.logs.some((l) => l.includes('sending every retained event again') && l.startsWith('[commissioning]'))).toBe(true);
    // And its metrics say so, for the alert.
    const metrics = await (await fetch(`${p.services.commissioning.url}/metrics`)).text();
    expect(metrics).toMatch(/^outbox_redis_loss_detected_total\{service="commissioning"\} 1$/m);
    const replayed = metrics.match(
      /^events_replayed_total\{type="placement.started",queue="finance-inbox",service="commissioning"\} (\d+)$/m,
    );
    expect(Number(replayed?.[1])).toBeGreaterThanOrEqual(N + 1);

    // The replays of events already applied did nothing elsewhere either: one case per request,
    // and each request was marked placed once.
    const requestIds = [before, ...during].map((x) => x.request.id);
    const cases = await p.sql.query(
      `SELECT request_id, count(*)::int AS n FROM panels."case" WHERE request_id = ANY($1::uuid[]) GROUP BY request_id`,
      [requestIds],
    );
    expect(cases.rows.map((r) => r.n)).toEqual(requestIds.map(() => 1));
    const { socialWorker } = people(p);
    for (const id of requestIds) {
      const request = await eventually(async () => {
        const r = expectOk(await socialWorker('referrals', 'GET', `/requests/${id}`));
        return r.status === 'PLACED' ? r : undefined;
      });
      expect(request.history.filter((h: { toStatus: string }) => h.toStatus === 'PLACED')).toHaveLength(1);
    }
    // None of these events failed in finance's inbox after the loss.
    const failed = await inbox.getFailed(0, -1);
    const eventIds = new Set(
      (await p.sql.query(`SELECT id::text FROM commissioning.outbox_event WHERE type = 'placement.started'`)).rows.map((r) => r.id),
    );
    expect(failed.filter((j) => eventIds.has(String(j.id)))).toHaveLength(0);
    await inbox.close();
  });
});
