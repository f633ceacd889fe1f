import { spawn } from 'node:child_process';
import { eventually } from '@placewise/platform/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNothingLostOrDuplicated, journeysThroughFailure, withLogs } from '../support/ha-journeys.js';
import { ROOT, startPlatform, type Platform } from '../support/platform.js';
import { startCluster, type TestCluster } from '../support/redis-ha.js';

/**
 * The services on a Redis Cluster as it runs in production: six redis-servers on loopback (three
 * primaries, three replicas), every queue under one hash tag. Journeys run while the primary that
 * serves the queues' hash slot is killed (kill -9); its replica is promoted, and every journey
 * finishes with nothing lost and nothing applied twice.
 */

const N = 24;
const PORTS = [7101, 7102, 7103, 7104, 7105, 7106];
const TAG = `journey-${randomUUID().slice(0, 8)}`;
const PREFIX = `{${TAG}}`;
let cluster: TestCluster;
let p: Platform;

beforeAll(async () => {
  cluster = await startCluster(PORTS);
  p = await startPlatform(
    inject('databaseUrl'),
    // A short lock: a job whose completion the dead primary swallowed is taken back within seconds.
    Object.fromEntries(['referrals', 'panels', 'commissioning', 'finance', 'notifications'].map((s) => [s, { WORKER_LOCK_MS: '4000' }])),
    { env: { REDIS_CLUSTER_NODES: cluster.nodes }, prefix: PREFIX, client: () => cluster.client() },
  );
}, 400_000);

afterAll(async () => {
  await p?.stop();
  await cluster?.stop();
});

describe('on a Redis Cluster', () => {
  it('refuses to start with a queue prefix without a hash tag, saying why', async () => {
    const env: Record<string, string | undefined> = { ...process.env, ...p.env.referrals, PORT: '0', QUEUE_PREFIX: 'placewise' };
    const child = spawn(process.execPath, ['dist/main.js'], { cwd: `${ROOT}/apps/referrals`, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(err).toMatch(/QUEUE_PREFIX: must hold a hash tag in braces on a Redis Cluster, e\.g\. \{placewise\}/);
  });

  it('keeps every key of the services in the one hash slot of the prefix', async () => {
    const c = cluster.client();
    try {
      const primary = await cluster.primaryOf(PREFIX);
      const node = c.nodes('master').find((n) => n.options.port === primary)!;
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await node.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 1000);
        cursor = next;
        keys.push(...batch);
      } while (cursor !== '0');
      // The inboxes, the relays' markers, panels' timers: all there, on the one primary.
      expect(keys.some((k) => k.includes(':finance-inbox:'))).toBe(true);
      expect(keys.filter((k) => k.includes(':outbox-relay:') && k.endsWith(':marker')).length).toBeGreaterThan(0);
      const slots = new Set(await Promise.all(keys.slice(0, 50).map((k) => node.call('CLUSTER', 'KEYSLOT', k))));
      expect(slots.size).toBe(1);
    } finally {
      c.disconnect();
    }
  });

  it('loses and duplicates nothing when the primary of the queues is killed mid-run', async () => {
    const before = await cluster.primaryOf(PREFIX);
    let promoted = 0;
    const { journeys, finishedBeforeFailure } = await withLogs(p, () =>
      journeysThroughFailure(p, {
        n: N,
        concurrency: 4,
        failAfter: N / 3,
        fail: async () => {
          await cluster.kill(before);
          // Its replica takes over the slots once the others have taken it for dead.
          promoted = await eventually(
            async () => {
              const now = await cluster.primaryOf(PREFIX);
              return now !== before ? now : undefined;
            },
            60_000,
            200,
          );
          await cluster.healthy(60_000);
        },
      }),
    );
    expect(finishedBeforeFailure).toBeGreaterThan(0);
    expect(finishedBeforeFailure).toBeLessThan(N);
    expect(promoted).not.toBe(before);
    expect(journeys).toHaveLength(N);
    await withLogs(p, () => expectNothingLostOrDuplicated(p, journeys));
    // Every service is ready again on the promoted primary.
    for (const s of Object.values(p.services)) expect((await fetch(`${s.url}/health/ready`)).status).toBe(200);
    const errors = p.logs.filter((l) => /"statusCode":5\d\d|unhandled error/.test(l));
    expect(errors).toEqual([]);
  }, 600_000);
});
