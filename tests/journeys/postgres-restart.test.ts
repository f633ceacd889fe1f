import { SERVICE_NAMES } from '@placewise/platform/launcher';
import { eventually } from '@placewise/platform/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pgProxy, timedGet, type PgProxy } from '../support/outage.js';
import { approvedSearch, expectOk, people, providerWithHome, startPlatform, type Platform } from '../support/platform.js';
import { placementRequest } from '../support/requests.mjs';

/**
 * PostgreSQL goes away under the four services and comes back: the outbox relays' LISTEN
 * connections are made again (the relays poll only every 30 s here, so a journey that finishes in
 * seconds shows that NOTIFY reaches them again), readiness goes red then green, and journeys in
 * flight finish. The machine's PostgreSQL is shared, so it is never restarted: the services reach
 * it through a TCP proxy this test cuts, and the listeners' own backends (in this test's database
 * only) are terminated.
 */

let proxy: PgProxy;
let p: Platform;
let databaseName: string;

beforeAll(async () => {
  proxy = await pgProxy();
  const databaseUrl = inject('databaseUrl');
  databaseName = new URL(databaseUrl).pathname.slice(1);
  const env = { DATABASE_URL: proxy.url(databaseUrl), OUTBOX_POLL_MS: '30000', DATABASE_CONNECT_TIMEOUT_MS: '1000' };
  p = await startPlatform(databaseUrl, Object.fromEntries(SERVICE_NAMES.map((n) => [n, env])));
});

afterAll(async () => {
  await p?.stop();
  await proxy?.close();
});

const listeners = async () =>
  (
    await p.sql.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'placewise-outbox-listener' AND query LIKE 'LISTEN%'`,
      [databaseName],
    )
  ).rows[0].n as number;

/** An award's commitment in finance, and how long it took to get there. */
async function awardToCommitment(settingId: string, searchId: string) {
  const { commissioner } = people(p);
  const offer = expectOk(
    await commissioner('commissioning', 'POST', `/searches/${searchId}/offers`, {
      settingId,
      weeklyFeePence: 600_000,
      startDate: '2027-01-04',
    }),
  );
  const t = Date.now();
  const placement = expectOk(await commissioner('commissioning', 'POST', `/offers/${offer.id}/award`, {}));
  await eventually(async () => {
    const { rows } = await p.sql.query(`SELECT 1 FROM finance.commitment WHERE placement_id = $1::uuid`, [placement.id]);
    return rows.length === 1 || undefined;
  }, 20_000);
  return Date.now() - t;
}

describe('PostgreSQL restarts', () => {
  it('makes the relay listeners again after their backends are terminated', async () => {
    await eventually(async () => ((await listeners()) === SERVICE_NAMES.length ? true : undefined));
    const { rowCount } = await p.sql.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'placewise-outbox-listener'`,
      [databaseName],
    );
    expect(rowCount).toBe(SERVICE_NAMES.length);
    await eventually(async () => ((await listeners()) === SERVICE_NAMES.length ? true : undefined), 15_000, 100);
    // With a 30 s poll, only NOTIFY moves events this fast.
    const setting = await providerWithHome(p, 2);
    const { search } = await approvedSearch(p);
    expect(await awardToCommitment(setting.id, search.id)).toBeLessThan(10_000);
    expect(p.logs.some((l) => l.includes('outbox listener made again'))).toBe(true);
  });

  it('goes red then green, and the journeys in flight finish', async () => {
    const { socialWorker } = people(p);
    const setting = await providerWithHome(p, 3);
    // Requests recorded just before PostgreSQL goes: their events are in flight.
    const requests = [];
    for (let i = 0; i < 2; i++) {
      const child = expectOk(
        await socialWorker('referrals', 'POST', '/children', { givenName: 'Restart', familyName: 'Test', dateOfBirth: '2012-05-01' }),
      );
      requests.push(expectOk(await socialWorker('referrals', 'POST', '/requests', placementRequest(child.id))));
    }
    await proxy.cut();
    const down = await Promise.all(SERVICE_NAMES.map((n) => timedGet(`${p.services[n].url}/health/ready`, 2000)));
    expect(down.map((r) => r.status)).toEqual(SERVICE_NAMES.map(() => 503));
    await new Promise((r) => setTimeout(r, 3000));
    expect(await listeners()).toBe(0);
    // What the alerts read: PostgreSQL down, the listener gone.
    const during = await (await fetch(`${p.services.finance.url}/metrics`)).text();
    expect(during).toMatch(/^dependency_up\{dependency="postgresql",service="finance"\} 0$/m);
    expect(during).toMatch(/^dependency_up\{dependency="redis",service="finance"\} 1$/m);
    await proxy.restore();

    await eventually(
      async () => {
        const up = await Promise.all(SERVICE_NAMES.map((n) => timedGet(`${p.services[n].url}/health/ready`, 2000)));
        return up.every((r) => r.status === 200) || undefined;
      },
      15_000,
      200,
    );
    await eventually(async () => ((await listeners()) === SERVICE_NAMES.length ? true : undefined), 15_000, 100);
    for (const n of SERVICE_NAMES) {
      const after = await (await fetch(`${p.services[n].url}/metrics`)).text();
      expect(after, n).toMatch(/^outbox_listener_up\{service="[a-z]+"\} 1$/m);
      expect(after, n).toMatch(/^dependency_up\{dependency="postgresql",service="[a-z]+"\} 1$/m);
      // Each service reports the queues it consumes, not the ones it only publishes to.
      expect(after, n).toMatch(new RegExp(`^queue_oldest_waiting_seconds\\{queue="${n}-inbox",service="${n}"\\} `, 'm'));
      if (n === 'panels') expect(after).toMatch(/^queue_delayed_overdue_seconds\{queue="panels-timers",service="panels"\} /m);
      if (n === 'commissioning') expect(after).not.toMatch(/^queue_jobs\{queue="finance-inbox"/m);
    }

    // The requests in flight reach panels, are decided, searched for, awarded and committed.
    for (const request of requests) {
      const kase = await eventually(
        async () => expectOk(await people(p).decider('DCS')('panels', 'GET', `/cases?requestId=${request.id}`))[0],
        20_000,
      );
      expectOk(
        await people(p).decider(kase.approver)('panels', 'POST', `/cases/${kase.id}/decision`, {
          outcome: 'APPROVED_WITH_CONDITIONS',
          reason: 'Needs met only in residential care for now',
          conditions: { maxWeeklyCostPence: 650_000 },
        }),
      );
      const search = await eventually(
        async () => expectOk(await people(p).commissioner('commissioning', 'GET', `/searches?requestId=${request.id}`))[0],
      );
      expect(await awardToCommitment(setting.id, search.id)).toBeLessThan(10_000);
    }
  });
});
