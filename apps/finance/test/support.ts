import 'reflect-metadata';
import {
  DecisionRecordedV1,
  FINANCE_INBOX,
  PlacementEndedV1,
  PlacementEndedV2,
  PlacementImportedV1,
  PlacementNoticeGivenV1,
  PlacementPriceChangedV1,
  PlacementStartedV1,
  type EventEnvelope,
  type PayloadOf,
} from '@placewise/contracts';
import { loadEnv } from '@placewise/platform';
import {
  clearQueues,
  createTestIssuer,
  eventEnvelope,
  httpCall,
  settledJob,
  startTestApp,
  testEnv,
  TEST_REDIS_URL,
  type TestIssuer,
} from '@placewise/platform/testing';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { expect, inject } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { FinanceEnv } from '../src/env.js';
import { QUEUE_PREFIX } from './queue-prefix.js';

/** A running finance service with its inbox queue, a SQL connection and a token issuer. */
export interface Harness {
  app: INestApplication;
  base: string;
  issuer: TestIssuer;
  sql: pg.Client;
  inbox: Queue;
  prefix: string;
}

/** Test files run one at a time (fileParallelism: false), each on the run's queue prefix. */
export async function startHarness(): Promise<Harness> {
  const prefix = QUEUE_PREFIX;
  const issuer = await createTestIssuer();
  const env = loadEnv(FinanceEnv, testEnv({ databaseUrl: inject('databaseUrl'), schema: 'finance', issuer, prefix }));
  const { app, url: base } = await startTestApp(AppModule.forRoot(env));
  const sql = new pg.Client({ connectionString: inject('databaseUrl') });
  await sql.connect();
  const inbox = new Queue(FINANCE_INBOX.name, { connection: { url: TEST_REDIS_URL }, prefix });
  return { app, base, issuer, sql, inbox, prefix };
}

export async function stopHarness(h: Harness | undefined): Promise<void> {
  await h?.app.close();
  await h?.inbox.close();
  await h?.sql.end();
  if (h) await clearQueues(h.prefix, [FINANCE_INBOX.name]);
}

export async function call(h: Harness, token: string, method: string, path: string, body?: unknown, accept = 'application/json') {
  const r = await httpCall(h.base, { method, path, token, body, accept });
  const contentType = r.headers.get('content-type') ?? '';
  return { status: r.status, body: contentType.includes('json') ? r.body : r.text, contentType };
}

/** Delivers an envelope to finance's inbox and waits for it to be applied. */
export async function deliver(h: Harness, event: EventEnvelope, expected: 'applied' | 'duplicate' = 'applied', jobId = event.id) {
  await h.inbox.add(event.type, event, { jobId });
  const job = await settledJob(h.inbox, jobId);
  expect(job.failedReason, event.type).toBeUndefined();
  expect(job.returnvalue).toBe(expected);
  return job;
}

export type Started = EventEnvelope<PayloadOf<typeof PlacementStartedV1>>;

/** A placement.started as commissioning sends it (checked against the contract). */
export function started(localAuthority: string, over: Partial<PayloadOf<typeof PlacementStartedV1>> = {}): Started {
  return eventEnvelope(
    PlacementStartedV1,
    {
      placementId: randomUUID(),
      requestId: randomUUID(),
      childId: randomUUID(),
      childAge: 10,
      providerId: randomUUID(),
      settingId: randomUUID(),
      placementType: 'PRIVATE_CHILDRENS_HOME',
      provision: 'EXTERNAL',
      weeklyCostPence: 500_000,
      startDate: '2027-01-04',
      plannedEndDate: null,
      ...over,
    },
    { localAuthority },
  );
}

/** A later event about the same placement, in the same council and correlation. */
const sameFlow = (s: Started) => ({ localAuthority: s.localAuthority, correlationId: s.correlationId });

export const priceChanged = (
  s: Started,
  previousWeeklyCostPence: number,
  weeklyCostPence: number,
  effectiveFrom: string,
  reason: PayloadOf<typeof PlacementPriceChangedV1>['reason'] = 'ANNUAL_UPLIFT',
) =>
  eventEnvelope(
    PlacementPriceChangedV1,
    {
      placementId: s.payload.placementId,
      requestId: s.payload.requestId,
      childId: s.payload.childId,
      previousWeeklyCostPence,
      weeklyCostPence,
      effectiveFrom,
      reason,
    },
    sameFlow(s),
  );

export const noticeGiven = (s: Started, endDate: string, givenOn = '2027-06-01') =>
  eventEnvelope(
    PlacementNoticeGivenV1,
    {
      placementId: s.payload.placementId,
      requestId: s.payload.requestId,
      childId: s.payload.childId,
      givenBy: 'PROVIDER',
      givenOn,
      endDate,
      replacementSearchId: null,
    },
    sameFlow(s),
  );

export const ended = (s: Started, endDate: string, reason: PayloadOf<typeof PlacementEndedV1>['reason'] = 'BREAKDOWN') =>
  eventEnvelope(
    PlacementEndedV1,
    { placementId: s.payload.placementId, requestId: s.payload.requestId, childId: s.payload.childId, endDate, reason },
    sameFlow(s),
  );

export function decisionRecorded(localAuthority: string, requestId: string, over: Partial<PayloadOf<typeof DecisionRecordedV1>> = {}) {
  return eventEnvelope(
    DecisionRecordedV1,
    {
      decisionId: randomUUID(),
      caseId: randomUUID(),
      requestId,
      childId: randomUUID(),
      childAge: 12,
      kind: 'PLACEMENT',
      legalStatus: 'CO_S31',
      placementType: 'INHOUSE_FOSTER',
      provision: 'IN_HOUSE',
      location: 'IN_AREA',
      urgency: 'PLANNED',
      requestedWeeklyCostPence: 50_000,
      outcome: 'APPROVED',
      conditions: { notes: [] },
      decidedBy: 'ad.erin',
      decidedByTier: 'AD',
      decidedAt: new Date().toISOString(),
      reason: 'Step down to in-house foster care',
      ...over,
    },
    { localAuthority },
  );
}

export type Imported = EventEnvelope<PayloadOf<typeof PlacementImportedV1>>;

/** A placement.imported as commissioning sends it for a placement from the council's 903 return. */
export function imported(localAuthority: string, over: Partial<PayloadOf<typeof PlacementImportedV1>> = {}): Imported {
  return eventEnvelope(
    PlacementImportedV1,
    {
      placementId: randomUUID(),
      childId: randomUUID(),
      childAge: 12,
      providerId: randomUUID(),
      settingId: randomUUID(),
      placementType: 'PRIVATE_CHILDRENS_HOME',
      provision: 'EXTERNAL',
      weeklyCostPence: 550_000,
      startDate: '2025-11-03',
      importKey: `903:${randomUUID().slice(0, 8)}`,
      ...over,
    },
    { localAuthority },
  );
}

/** placement.ended version 2: the end of a placement with no request (an imported one). */
export const endedWithoutRequest = (i: Imported, endDate: string, reason: PayloadOf<typeof PlacementEndedV2>['reason'] = 'PLANNED_END') =>
  eventEnvelope(
    PlacementEndedV2,
    { placementId: i.payload.placementId, requestId: null, childId: i.payload.childId, endDate, reason },
    { localAuthority: i.localAuthority, correlationId: i.correlationId },
  );
