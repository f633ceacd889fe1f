import { freePort, launchService, SERVICE_NAMES, type ServiceName, type ServiceProcess } from '@placewise/platform/launcher';
import { createTestIssuer, dropQueueKeys, eventually, TEST_REDIS_URL, type TestIssuer } from '@placewise/platform/testing';
import type { Role } from '@placewise/contracts';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Redis, type Cluster } from 'ioredis';
import { relayMarkerKey } from '@placewise/platform';
import { placementRequest } from './requests.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Platform {
  services: Record<ServiceName, ServiceProcess>;
  /** The environment each service was started with (to start another replica of it). */
  env: Record<ServiceName, Record<string, string>>;
  issuer: TestIssuer;
  prefix: string;
  sql: pg.Client;
  logs: string[];
  as(user: { sub?: string; roles: Role[]; la?: string }): Api;
  stop(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a response body is whatever JSON the service sent; the journeys read it loosely and assert its shape with expect
export interface Response<T = any> {
  status: number;
  body: T;
}

export type Api = (service: ServiceName, method: string, path: string, body?: unknown, raw?: string) => Promise<Response>;

/** Sets every service's relay marker under a prefix (see OutboxRelay.checkRedis), in the test Redis or the one given. */
export async function markRelays(prefix: string, client?: () => Redis | Cluster): Promise<void> {
  const redis = client ? client() : new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  if (!client) await redis.connect();
  try {
    for (const name of SERVICE_NAMES) await redis.set(relayMarkerKey(prefix, name), JSON.stringify({ since: 'test start' }));
  } finally {
    redis.disconnect();
  }
}

/** A Redis of the test's own in place of the shared one (a cluster, a Sentinel group), with the prefix to use there. */
export interface OwnRedisSetup {
  /** The services' Redis variables (REDIS_CLUSTER_NODES, or REDIS_SENTINELS and REDIS_SENTINEL_NAME). */
  env: Record<string, string>;
  prefix: string;
  client(): Redis | Cluster;
}

/**
 * The four services as separate processes on free ports, against the journeys' database and the
 * real Redis with a queue prefix of their own.
 */
export async function startPlatform(
  databaseUrl: string,
  extraEnv: Partial<Record<ServiceName, Record<string, string>>> = {},
  ownRedis?: OwnRedisSetup,
): Promise<Platform> {
  const issuer = await createTestIssuer();
  const prefix = ownRedis?.prefix ?? `journey-${randomUUID().slice(0, 8)}`;
  // The test's own Redis is thrown away with it; the shared one is cleared of this run's prefix.
  const dropKeys = async () => {
    if (!ownRedis) await dropQueueKeys(prefix);
  };
  const logs: string[] = [];
  const services = {} as Record<ServiceName, ServiceProcess>;
  const env = {} as Record<ServiceName, Record<string, string>>;
  const started: ServiceProcess[] = [];
  // This Redis prefix is new, but the journeys' database holds earlier files' events: mark it as
  // holding them (as a Redis that never lost anything would be), so no relay sends them again.
  await markRelays(prefix, ownRedis?.client);
  try {
    for (const name of SERVICE_NAMES) {
      env[name] = {
        DATABASE_URL: databaseUrl,
        // An empty REDIS_URL is unset: the services take the test's own Redis variables instead.
        ...(ownRedis ? { REDIS_URL: '', ...ownRedis.env } : { REDIS_URL: TEST_REDIS_URL }),
        QUEUE_PREFIX: prefix,
        OUTBOX_POLL_MS: '200',
        LOG_LEVEL: 'info',
        ...issuer.env,
        ...extraEnv[name],
      };
      services[name] = await launchService({
        root: ROOT,
        name,
        port: await freePort(),
        env: env[name],
        onLine: (n, line) => logs.push(`[${n}] ${line}`),
      });
      started.push(services[name]);
    }
  } catch (e) {
    // A service that would not start: stop the ones that did, and show what they said.
    await Promise.all(started.map((x) => x.stop('SIGTERM')));
    await dropKeys();
    throw new Error(`${(e as Error).message}\n${logs.slice(-20).join('\n')}`, { cause: e });
  }
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  const tokens = new Map<string, Promise<string>>();
  return {
    services,
    env,
    issuer,
    prefix,
    sql,
    logs,
    as(user) {
      const key = JSON.stringify(user);
      if (!tokens.has(key))
        tokens.set(key, issuer.token({ sub: user.sub ?? user.roles.join('+'), roles: user.roles, la: user.la ?? 'northshire' }));
      return async (service, method, path, body, raw) => {
        const res = await fetch(services[service].url + path, {
          method,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokens.get(key)}` },
          body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
        });
        const text = await res.text();
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON
        }
        return { status: res.status, body: parsed };
      };
    },
    async stop() {
      await Promise.all(Object.values(services).map((s) => s.stop('SIGTERM')));
      await sql.end();
      // Every key of this run's prefix: the inboxes, panels' timers, locks and schedulers.
      await dropKeys();
    },
  };
}

/** The people of a journey in the test council. */
export function people(p: Platform) {
  return {
    socialWorker: p.as({ sub: 'sw.e2e', roles: ['social-worker'] }),
    commissioner: p.as({ sub: 'com.e2e', roles: ['commissioner'] }),
    finance: p.as({ sub: 'fin.e2e', roles: ['finance'] }),
    ops: p.as({ sub: 'ops.e2e', roles: ['ops'] }),
    /** Someone entitled to decide a case that needs this tier (and chair its panel). */
    decider: (tier: string) => p.as({ sub: `decider.${tier}`, roles: [`approver:${tier}` as Role, 'panel-chair'] }),
    otherCouncil: p.as({
      sub: 'sw.south',
      roles: ['social-worker', 'commissioner', 'finance', 'approver:DCS', 'panel-chair'],
      la: 'southvale',
    }),
  };
}

export function expectOk<T>(r: Response<T>, status = [200, 201]): T {
  if (!status.includes(r.status)) throw new Error(`expected ${status.join('/')} but got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Runs a placement request through the journey up to an open search; returns the ids on the way. */
export async function approvedSearch(p: Platform, over: Record<string, unknown> = {}, ceiling = 650_000) {
  const { socialWorker, commissioner } = people(p);
  const child =
    typeof over.childId === 'string'
      ? { id: over.childId }
      : expectOk(
          await socialWorker('referrals', 'POST', '/children', { givenName: 'Journey', familyName: 'Test', dateOfBirth: '2012-05-01' }),
        );
  const request = expectOk(await socialWorker('referrals', 'POST', '/requests', placementRequest(child.id, over)));
  const anyDecider = people(p).decider('DCS');
  const kase = await eventually(async () => expectOk(await anyDecider('panels', 'GET', `/cases?requestId=${request.id}`))[0]);
  const decided = await people(p).decider(kase.approver)('panels', 'POST', `/cases/${kase.id}/decision`, {
    outcome: 'APPROVED_WITH_CONDITIONS',
    reason: 'Needs met only in residential care for now',
    conditions: { maxWeeklyCostPence: ceiling, notes: ['step-down plan in 6 months'] },
  });
  expectOk(decided);
  const search = await eventually(async () => expectOk(await commissioner('commissioning', 'GET', `/searches?requestId=${request.id}`))[0]);
  return { child, request, kase, search };
}

/** A request decided by whoever may decide it (in a council without panels set up, directly). */
export async function decided(p: Platform, requestId: string, body: Record<string, unknown>) {
  const kase = await eventually(async () => expectOk(await people(p).decider('DCS')('panels', 'GET', `/cases?requestId=${requestId}`))[0]);
  expectOk(await people(p).decider(kase.approver)('panels', 'POST', `/cases/${kase.id}/decision`, body));
  return kase;
}

/** A provider with one children's home with `vacancies` places. */
export async function providerWithHome(
  p: Platform,
  vacancies = 1,
  name = `Home ${randomUUID().slice(0, 6)}`,
  placementType = 'PRIVATE_CHILDRENS_HOME',
) {
  const { commissioner } = people(p);
  const provider = expectOk(await commissioner('commissioning', 'POST', '/providers', { name, sector: 'PRIVATE' }));
  return expectOk(
    await commissioner('commissioning', 'POST', `/providers/${provider.id}/settings`, {
      name: `${name} House`,
      placementType,
      ofstedUrn: 'SC999001',
      ofstedRating: 'GOOD',
      postcode: 'ST16 2LH',
      ageMin: 8,
      ageMax: 17,
      capacity: Math.max(vacancies, 1),
      vacancies,
      weeklyPricePence: 600_000,
      procurementRoute: 'FRAMEWORK_TIER_1',
    }),
  );
}
