import { FINANCE_INBOX } from '@placewise/contracts';
import { eventually, TEST_REDIS_URL } from '@placewise/platform/testing';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { approvedSearch, expectOk, people, providerWithHome, startPlatform, type Platform } from '../support/platform.js';

const N = 16;
let p: Platform;

beforeAll(async () => {
  // A short lock, so that a job held by the killed finance process is taken back within seconds.
  p = await startPlatform(inject('databaseUrl'), { finance: { WORKER_LOCK_MS: '2000', WORKER_CONCURRENCY: '1' } });
});

afterAll(async () => {
  await p?.stop();
});

describe('finance killed while placements are in flight', () => {
  it('ends with every commitment existing exactly once', async () => {
    const { commissioner, finance } = people(p);
    const setting = await providerWithHome(p, N);
    const offers: string[] = [];
    const requestIds: string[] = [];
    for (let i = 0; i < N; i++) {
      const { search, request } = await approvedSearch(p);
      requestIds.push(request.id);
      offers.push(
        expectOk(
          await commissioner('commissioning', 'POST', `/searches/${search.id}/offers`, {
            settingId: setting.id,
            weeklyFeePence: 600_000 + i,
            startDate: '2027-01-04',
          }),
        ).id,
      );
    }
    // This test's placements in finance (the journeys share one database).
    const applied = async () =>
      (await p.sql.query(`SELECT count(*)::int AS n FROM finance.placement WHERE request_id = ANY($1::uuid[])`, [requestIds])).rows[0]
        .n as number;

    // Award all at once and kill finance (SIGKILL: no draining) as soon as it has applied the first.
    const awarding = Promise.all(
      offers.map(async (id) => expectOk(await commissioner('commissioning', 'POST', `/offers/${id}/award`, {}))),
    );
    await eventually(async () => (await applied()) > 0 || undefined, 15_000, 2);
    expect(await p.services.finance.stop('SIGKILL')).toBeNull();
    const placements = await awarding;
    const appliedBeforeCrash = await applied();

    await p.services.finance.restart();
    await eventually(async () => {
      const { rows } = await p.sql.query(`SELECT count(*)::int AS n FROM finance.placement WHERE id = ANY($1::uuid[])`, [
        placements.map((x) => x.id),
      ]);
      return rows[0].n === N || undefined;
    }, 45_000);

    // Exactly one commitment per placement (all start on 4 Jan 2027, within one financial year)...
    const { rows } = await p.sql.query(
      `SELECT placement_id, count(*)::int AS n, sum(amount_pence)::bigint AS pence FROM finance.commitment WHERE placement_id = ANY($1::uuid[]) GROUP BY placement_id`,
      [placements.map((x) => x.id)],
    );
    expect(rows).toHaveLength(N);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    // ...with the right amount: 4 Jan to 31 Mar 2027 is 87 days.
    for (const x of placements) {
      const fin = expectOk(await finance('finance', 'GET', `/placements/${x.id}`));
      expect(fin.commitments).toHaveLength(1);
      expect(fin.commitments[0].amountPence).toBe(Math.round((x.weeklyCostPence * 87) / 7));
    }
    const q = new Queue(FINANCE_INBOX.name, { connection: { url: TEST_REDIS_URL }, prefix: p.prefix });
    expect(await q.getFailedCount()).toBe(0);
    await q.close();
    // The kill came while finance was working: at least one applied before it.
    expect(appliedBeforeCrash).toBeGreaterThan(0);
  });
});
