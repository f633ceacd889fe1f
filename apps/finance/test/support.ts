import 'reflect-metadata';
import { FINANCE_INBOX, type EventEnvelope } from '@placewise/contracts';
import { loadEnv } from '@placewise/platform';
import { clearQueues, createTestIssuer, settledJob, startTestApp, testEnv, type TestIssuer, httpCall } from '@placewise/platform/testing';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { expect, inject } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { FinanceEnv } from '../src/env.js';

/** A running finance service with its inbox queue, a SQL connection and a token issuer. */
export interface Harness {
  app: INestApplication;
  base: string;
  issuer: TestIssuer;
  sql: pg.Client;
  inbox: Queue;
  prefix: string;
}

export async function startHarness(): Promise<Harness> {
  const prefix = `test-finance-${randomUUID().slice(0, 8)}`;
  const issuer = await createTestIssuer();
  const env = loadEnv(FinanceEnv, testEnv({ databaseUrl: inject('databaseUrl'), schema: 'finance', issuer, prefix }));
  const { app, url: base } = await startTestApp(AppModule.forRoot(env));
  const sql = new pg.Client({ connectionString: inject('databaseUrl') });
  await sql.connect();
  const inbox = new Queue(FINANCE_INBOX.name, { connection: { url: 'redis://127.0.0.1:6379' }, prefix });
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

export function envelope<P>(
  type: string,
  payload: P,
  localAuthority: string,
  producer = 'commissioning',
  correlationId: string = randomUUID(),
): EventEnvelope<P> {
  return { id: randomUUID(), type, version: 1, occurredAt: new Date().toISOString(), localAuthority, correlationId, producer, payload };
}

/** Delivers an envelope to finance's inbox and waits for it to be applied. */
export async function deliver(h: Harness, event: EventEnvelope, expected: 'applied' | 'duplicate' = 'applied', jobId = event.id) {
  await h.inbox.add(event.type, event, { jobId });
  const job = await settledJob(h.inbox, jobId);
  expect(job.failedReason, event.type).toBeUndefined();
  expect(job.returnvalue).toBe(expected);
  return job;
}

export function started(localAuthority: string, over: Record<string, unknown> = {}) {
  return envelope(
    'placement.started',
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
    localAuthority,
  );
}

type StartedPayload = { placementId: string; requestId: string; childId: string };

export const priceChanged = (
  s: EventEnvelope<StartedPayload>,
  previousWeeklyCostPence: number,
  weeklyCostPence: number,
  effectiveFrom: string,
  reason = 'ANNUAL_UPLIFT',
) =>
  envelope(
    'placement.price-changed',
    {
      placementId: s.payload.placementId,
      requestId: s.payload.requestId,
      childId: s.payload.childId,
      previousWeeklyCostPence,
      weeklyCostPence,
      effectiveFrom,
      reason,
    },
    s.localAuthority,
    'commissioning',
    s.correlationId,
  );

export const noticeGiven = (s: EventEnvelope<StartedPayload>, endDate: string, givenOn = '2027-06-01') =>
  envelope(
    'placement.notice-given',
    {
      placementId: s.payload.placementId,
      requestId: s.payload.requestId,
      childId: s.payload.childId,
      givenBy: 'PROVIDER',
      givenOn,
      endDate,
      replacementSearchId: null,
    },
    s.localAuthority,
    'commissioning',
    s.correlationId,
  );

export const ended = (s: EventEnvelope<StartedPayload>, endDate: string, reason = 'BREAKDOWN') =>
  envelope(
    'placement.ended',
    { placementId: s.payload.placementId, requestId: s.payload.requestId, childId: s.payload.childId, endDate, reason },
    s.localAuthority,
    'commissioning',
    s.correlationId,
  );

export function decisionRecorded(localAuthority: string, requestId: string, over: Record<string, unknown> = {}) {
  return envelope(
    'decision.recorded',
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
    localAuthority,
    'panels',
  );
}
