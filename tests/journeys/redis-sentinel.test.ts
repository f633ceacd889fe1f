import { eventually } from '@placewise/platform/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNothingLostOrDuplicated, journeysThroughFailure, withLogs } from '../support/ha-journeys.js';
import { startPlatform, type Platform } from '../support/platform.js';
import { startSentinels, type TestSentinels } from '../support/redis-ha.js';

/**
 * The services on a Sentinel group as a self-hosted deployment runs it: a primary and a replica,
 * watched by three sentinels (quorum two), all on loopback. Journeys run while the primary is
 * killed (kill -9); the sentinels promote the replica, every connection (queues, workers, the
 * relays, readiness) finds the new primary through them, and every journey finishes with nothing
 * lost and nothing applied twice.
 */

const N = 24;
const PRIMARY = 7201;
const REPLICA = 7202;
const SENTINELS = [27201, 27202, 27203];
const PREFIX = `journey-${randomUUID().slice(0, 8)}`;
let group: TestSentinels;
let p: Platform;

beforeAll(async () => {
  group = await startSentinels([PRIMARY, REPLICA], SENTINELS);
  p = await startPlatform(
    inject('databaseUrl'),
    // A short lock: a job whose completion the dead primary swallowed is taken back within seconds.
    Object.fromEntries(['referrals', 'panels', 'commissioning', 'finance', 'notifications'].map((s) => [s, { WORKER_LOCK_MS: '4000' }])),
    { env: group.env, prefix: PREFIX, client: () => group.client() },
  );
}, 400_000);

afterAll(async () => {
  await p?.stop();
  await group?.stop();
});

describe('on Redis with Sentinel', () => {
  it('loses and duplicates nothing when the primary is killed mid-run', async () => {
    expect(await group.primary()).toBe(PRIMARY);
    const { journeys, finishedBeforeFailure } = await withLogs(p, () =>
      journeysThroughFailure(p, {
        n: N,
        concurrency: 4,
        failAfter: N / 3,
        fail: async () => {
          await group.kill(PRIMARY);
          // The sentinels agree it is down and promote the replica.
          await eventually(async () => (await group.primary()) === REPLICA || undefined, 60_000, 200);
        },
      }),
    );
    expect(finishedBeforeFailure).toBeGreaterThan(0);
    expect(finishedBeforeFailure).toBeLessThan(N);
    expect(await group.primary()).toBe(REPLICA);
    expect(journeys).toHaveLength(N);
    await withLogs(p, () => expectNothingLostOrDuplicated(p, journeys));
    // Every service is ready again, on the promoted replica.
    for (const s of Object.values(p.services)) expect((await fetch(`${s.url}/health/ready`)).status).toBe(200);
    const errors = p.logs.filter((l) => /"statusCode":5\d\d|unhandled error/.test(l));
    expect(errors).toEqual([]);
  }, 600_000);
});
