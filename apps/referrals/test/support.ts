import 'reflect-metadata';
import {
  PlacementEndedV1,
  PlacementStartedV1,
  REFERRALS_INBOX,
  type EndReason,
  type EventDefinition,
  type LegalStatus,
  type PayloadOf,
  type PlacementType,
  type Provision,
} from '@placewise/contracts';
import { loadEnv } from '@placewise/platform';
import {
  clearQueues,
  TEST_REDIS_URL,
  createTestIssuer,
  eventEnvelope,
  settledJob,
  startTestApp,
  testEnv,
  type TestIssuer,
  httpCall,
} from '@placewise/platform/testing';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { ReferralsEnv } from '../src/env.js';
import { PrismaService } from '../src/prisma.service.js';

/*
 * The set-up the referrals integration tests share. A test file calls `useReferrals(...)` once at its top:
 * the service starts before the file's tests (against the test database, with a queue prefix of the file's
 * own) and closes after them, its queues cleared. What was started is exported below as live bindings: read
 * them in the file's hooks and tests, never at import time.
 */
export let app: INestApplication;
/** The service's address, e.g. http://127.0.0.1:41234. */
export let base: string;
export let issuer: TestIssuer;
/** Referrals' inbox: what other services' events arrive on. */
export let inbox: Queue;
export let prisma: PrismaService;
/** A social worker's and the performance team's tokens for the file's council (when it names one). */
export let sw: string;
export let perf: string;
let council: string | undefined;

/**
 * Starts referrals for this file. `name` tags the queue prefix and the tokens' subjects; `la` is the council
 * that `sw`, `perf` and `deliver` act for; `queues` are the other queues the file's work touches, cleared after.
 */
export function useReferrals(o: { name: string; la?: string; queues: string[] }): void {
  const prefix = `${process.env.QUEUE_PREFIX ?? 'test-referrals'}:${o.name}-${randomUUID().slice(0, 8)}`;
  council = o.la;
  beforeAll(async () => {
    issuer = await createTestIssuer();
    const env = loadEnv(ReferralsEnv, testEnv({ databaseUrl: inject('databaseUrl'), schema: 'referrals', issuer, prefix }));
    ({ app, url: base } = await startTestApp(AppModule.forRoot(env)));
    prisma = app.get(PrismaService);
    inbox = new Queue(REFERRALS_INBOX.name, { connection: { url: TEST_REDIS_URL }, prefix });
    if (o.la) {
      sw = await issuer.token({ sub: `sw.${o.name}`, roles: ['social-worker'], la: o.la });
      perf = await issuer.token({ sub: `perf.${o.name}`, roles: ['performance'], la: o.la });
    }
  });
  afterAll(async () => {
    await app?.close();
    await inbox?.close();
    await clearQueues(prefix, [REFERRALS_INBOX.name, ...o.queues]);
  });
}

/** One request to the service, as the social worker unless another token is given. */
export const call = (method: string, path: string, body?: unknown, token = sw) => httpCall(base, { method, path, body, token });

/** An event for the file's council on referrals' inbox, `times` times over (the same event id): applied once, then duplicates. */
export async function deliver<D extends EventDefinition>(def: D, payload: PayloadOf<D>, times = 1) {
  const event = eventEnvelope(def, payload, { localAuthority: council as string });
  for (let i = 0; i < times; i++) {
    const jobId = `${event.id}${i ? `-again-${i}` : ''}`;
    await inbox.add(event.type, event, { jobId });
    const job = await settledJob(inbox, jobId);
    expect(job.returnvalue, job.failedReason).toMatch(/applied|duplicate/);
  }
}

/** The children's home `place` places a child in unless told another setting. */
export const homeSetting = randomUUID();

/** A request placed from `from` in `setting` (commissioning's placement.started, delivered twice: one effect). */
export async function place(
  childId: string,
  o: {
    from: string;
    type?: PlacementType;
    provision?: Provision;
    legal?: LegalStatus;
    setting?: string;
    kind?: 'ENTRY_TO_CARE' | 'PLACEMENT' | 'STEP_DOWN';
  },
) {
  const r = await call('POST', '/requests', {
    childId,
    kind: o.kind ?? 'PLACEMENT',
    legalStatus: o.legal ?? 'S20',
    placementType: o.type ?? 'PRIVATE_CHILDRENS_HOME',
    provision: o.provision ?? 'EXTERNAL',
    weeklyCostPence: 400_000,
    location: 'IN_AREA',
    urgency: 'PLANNED',
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const placementId = randomUUID();
  await deliver(
    PlacementStartedV1,
    {
      placementId,
      requestId: r.body.id,
      childId,
      childAge: 14,
      providerId: randomUUID(),
      settingId: o.setting ?? homeSetting,
      placementType: o.type ?? 'PRIVATE_CHILDRENS_HOME',
      provision: o.provision ?? 'EXTERNAL',
      weeklyCostPence: 400_000,
      startDate: o.from,
      plannedEndDate: null,
    },
    2, // delivered twice: one effect
  );
  return { placementId, requestId: r.body.id as string };
}

/** The placement `place` made ends on a day, for a reason (commissioning's placement.ended). */
export async function end(childId: string, p: { placementId: string; requestId: string }, endDate: string, reason: EndReason) {
  await deliver(PlacementEndedV1, { placementId: p.placementId, requestId: p.requestId, childId, endDate, reason });
}

/** A planned in-house foster placement for this child (routed to a service manager): the tests' ordinary request. */
export const fosterRequest = (childId: string) => ({
  childId,
  kind: 'PLACEMENT',
  legalStatus: 'CO_S31',
  placementType: 'INHOUSE_FOSTER',
  provision: 'IN_HOUSE',
  weeklyCostPence: 40_000,
  location: 'IN_AREA',
  urgency: 'PLANNED',
});
