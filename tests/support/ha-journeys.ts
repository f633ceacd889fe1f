import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@placewise/platform/testing';
import { SERVICE_NAMES } from '@placewise/platform/launcher';
import { expect } from 'vitest';
import { expectOk, people, type Api, type Platform } from './platform.js';
import { placementRequest } from './requests.mjs';

/**
 * Placement journeys driven while Redis fails over (a cluster primary or a Sentinel primary killed
 * mid-run), and the count afterwards that nothing was lost and nothing applied twice.
 */

/** How long a step of a journey may wait for the event that moves it on, through a failover on a loaded machine. */
const STEP_MS = 90_000;
const START_DATE = '2027-01-04';
/** 4 Jan to 31 Mar 2027: the days of each placement's one commitment (all in financial year 2026). */
const DAYS = 87;

export interface Journey {
  requestId: string;
  placementId: string;
  weeklyCostPence: number;
}

/**
 * A caller that does what a client is told to by 503 with Retry-After (the database busy on a
 * loaded machine): waits that long and sends the request again, up to ten times.
 */
function patient(api: Api): Api {
  return async (...args) => {
    for (let attempt = 1; ; attempt++) {
      const r = await api(...args);
      const retryAfter = Number((r.body as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 1);
      if (r.status !== 503 || attempt >= 10) return r;
      await new Promise((res) => setTimeout(res, retryAfter * 1000));
    }
  };
}

/** One child's journey, from the request to its commitment in finance and the request PLACED in referrals. */
export async function placementJourney(p: Platform, settingId: string, i: number): Promise<Journey> {
  const who = people(p);
  const [socialWorker, commissioner, finance] = [patient(who.socialWorker), patient(who.commissioner), patient(who.finance)];
  const child = expectOk(
    await socialWorker('referrals', 'POST', '/children', { givenName: 'Failover', familyName: `Journey ${i}`, dateOfBirth: '2012-05-01' }),
  );
  const request = expectOk(await socialWorker('referrals', 'POST', '/requests', placementRequest(child.id)));
  const anyDecider = patient(who.decider('DCS'));
  const kase = await eventually(async () => expectOk(await anyDecider('panels', 'GET', `/cases?requestId=${request.id}`))[0], STEP_MS, 200);
  expectOk(
    await patient(who.decider(kase.approver))('panels', 'POST', `/cases/${kase.id}/decision`, {
      outcome: 'APPROVED_WITH_CONDITIONS',
      reason: 'Needs met only in residential care for now',
      conditions: { maxWeeklyCostPence: 650_000, notes: ['step-down plan in 6 months'] },
    }),
  );
  const search = await eventually(
    async () => expectOk(await commissioner('commissioning', 'GET', `/searches?requestId=${request.id}`))[0],
    STEP_MS,
    200,
  );
  const offer = expectOk(
    await commissioner('commissioning', 'POST', `/searches/${search.id}/offers`, {
      settingId,
      weeklyFeePence: 600_000 + i,
      startDate: START_DATE,
    }),
  );
  const placement = expectOk(await commissioner('commissioning', 'POST', `/offers/${offer.id}/award`, {}));
  await eventually(
    async () => {
      const r = await finance('finance', 'GET', `/placements/${placement.id}`);
      return r.status === 200 && r.body.commitments.length > 0 ? r.body : undefined;
    },
    STEP_MS,
    200,
  );
  await eventually(
    async () => expectOk(await socialWorker('referrals', 'GET', `/requests/${request.id}`)).status === 'PLACED' || undefined,
    STEP_MS,
    200,
  );
  return { requestId: request.id, placementId: placement.id, weeklyCostPence: placement.weeklyCostPence };
}

/**
 * Runs `n` journeys, `concurrency` at a time, and calls `fail` once `failAfter` of them have
 * finished (the others in flight at every stage). Returns the journeys and how many had finished
 * when `fail` was called.
 */
export async function journeysThroughFailure(
  p: Platform,
  opts: { n: number; concurrency: number; failAfter: number; fail: () => Promise<void> },
): Promise<{ journeys: Journey[]; finishedBeforeFailure: number }> {
  const { commissioner } = people(p);
  const provider = expectOk(
    await commissioner('commissioning', 'POST', '/providers', { name: `Failover Homes ${randomUUID().slice(0, 6)}`, sector: 'PRIVATE' }),
  );
  const setting = expectOk(
    await commissioner('commissioning', 'POST', `/providers/${provider.id}/settings`, {
      name: 'Failover House',
      placementType: 'PRIVATE_CHILDRENS_HOME',
      ofstedUrn: 'SC999002',
      ofstedRating: 'GOOD',
      postcode: 'ST16 2LH',
      ageMin: 8,
      ageMax: 17,
      capacity: opts.n,
      vacancies: opts.n,
      weeklyPricePence: 600_000,
      procurementRoute: 'FRAMEWORK_TIER_1',
    }),
  );
  const journeys: Journey[] = [];
  let next = 0;
  let finishedBeforeFailure = -1;
  let failure: Promise<void> | undefined;
  const worker = async () => {
    while (next < opts.n) {
      const i = next++;
      journeys.push(await placementJourney(p, setting.id, i));
      if (journeys.length >= opts.failAfter && !failure) {
        finishedBeforeFailure = journeys.length;
        failure = opts.fail();
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  await failure;
  return { journeys, finishedBeforeFailure };
}

/** Every journey's effects exist exactly once, in every service, with the right money; no event failed for good. */
export async function expectNothingLostOrDuplicated(p: Platform, journeys: Journey[]): Promise<void> {
  const requestIds = journeys.map((j) => j.requestId);
  const placementIds = journeys.map((j) => j.placementId);
  const perRequest = async (table: string) =>
    (
      await p.sql.query(`SELECT request_id::text AS id, count(*)::int AS n FROM ${table} WHERE request_id = ANY($1::uuid[]) GROUP BY 1`, [
        requestIds,
      ])
    ).rows as { id: string; n: number }[];
  for (const table of ['panels."case"', 'commissioning.search', 'commissioning.placement', 'finance.placement']) {
    const rows = await perRequest(table);
    expect(rows, table).toHaveLength(journeys.length);
    expect(
      rows.filter((r) => r.n !== 1),
      `${table}: more than one for a request`,
    ).toEqual([]);
  }
  const { rows: commitments } = await p.sql.query(
    `SELECT placement_id::text AS id, count(*)::int AS n, sum(amount_pence)::bigint AS pence FROM finance.commitment WHERE placement_id = ANY($1::uuid[]) GROUP BY 1`,
    [placementIds],
  );
  expect(commitments).toHaveLength(journeys.length);
  const byPlacement = new Map(journeys.map((j) => [j.placementId, j]));
  for (const c of commitments) {
    expect(c.n, `commitments of placement ${c.id}`).toBe(1);
    expect(Number(c.pence)).toBe(Math.round((byPlacement.get(c.id)!.weeklyCostPence * DAYS) / 7));
  }
  const { rows: placed } = await p.sql.query(
    `SELECT count(*)::int AS n FROM referrals.request WHERE id = ANY($1::uuid[]) AND status = 'PLACED'`,
    [requestIds],
  );
  expect(placed[0].n).toBe(journeys.length);
  // No event was given up on: every inbox's failed jobs, as ops sees them.
  const ops = p.as({ sub: 'ops.ha', roles: ['ops:deployment'] });
  for (const service of SERVICE_NAMES) {
    let last: unknown;
    const status = await eventually(async () => {
      const r = await ops(service, 'GET', '/ops/queue');
      last = r;
      return r.status === 200 && r.body.outbox.pending === 0 ? r.body : undefined;
    }, STEP_MS).catch((e: Error) => {
      throw new Error(`${service}'s queue and outbox: ${e.message}; its last answer: ${JSON.stringify(last)}`);
    });
    expect(status.counts.failed, `${service}'s failed jobs`).toBe(0);
  }
}

/** Runs `fn`; if it fails, the services' warnings and errors come with the failure (what the failover did to them). */
export async function withLogs<T>(p: Platform, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const said = p.logs.filter((l) => /"level":(40|50|60)|warn|error/i.test(l)).slice(-60);
    const ops = p.as({ sub: 'ops.ha', roles: ['ops:deployment'] });
    const queues: string[] = [];
    for (const service of SERVICE_NAMES) {
      const r = await Promise.race([
        ops(service, 'GET', '/ops/queue'),
        new Promise<undefined>((r) => setTimeout(() => r(undefined), 5000)),
      ]);
      queues.push(`${service}: ${r ? JSON.stringify(r.body) : 'no answer in 5 s'}`);
    }
    // Everything they said, for reading after the run.
    const file = join(tmpdir(), `placewise-${p.prefix.replace(/[^A-Za-z0-9-]/g, '')}.log`);
    writeFileSync(file, p.logs.join('\n'));
    throw new Error(
      `${(e as Error).message}\nqueues:\n${queues.join('\n')}\nevery log line: ${file}\nwhat the services said:\n${said.join('\n')}`,
      {
        cause: e,
      },
    );
  }
}
