import 'reflect-metadata';
import {
  CaseDeferredV1,
  CaseEscalatedV1,
  DecisionRecordedV1,
  NOTIFICATIONS_INBOX,
  RequestSubmittedV2,
  type EventEnvelope,
  type PayloadOf,
} from '@placewise/contracts';
import { loadEnv } from '@placewise/platform';
import {
  clearQueues,
  createTestIssuer,
  eventEnvelope,
  eventually,
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
import { startMailCatcher, type CaughtMail, type MailCatcher } from '../src/catcher/mail-catcher.js';
import { NotificationsEnv } from '../src/env.js';
import { MAIL_QUEUE, MailService } from '../src/mail/mail.service.js';
import { QUEUE_PREFIX } from './queue-prefix.js';

/** A running notifications service, a real SMTP server on loopback that keeps what arrives, SQL and tokens. */
export interface Harness {
  app: INestApplication;
  base: string;
  issuer: TestIssuer;
  sql: pg.Client;
  inbox: Queue;
  mail: MailCatcher;
  prefix: string;
  /** Starts another replica of the service on the same database, Redis prefix and SMTP server. */
  replica(): Promise<INestApplication>;
}

/** Addresses the test SMTP server refuses (550). */
export const REFUSED = /^refused\./;
/** Addresses it turns away with 451: `flaky.` ones for their first two tries, `down.` ones always. */
const tries = new Map<string, number>();
const deferred451 = (address: string) => {
  const n = (tries.get(address) ?? 0) + 1;
  tries.set(address, n);
  return address.startsWith('down.') || (address.startsWith('flaky.') && n <= 2);
};

export async function startHarness(over: Record<string, string> = {}): Promise<Harness> {
  const prefix = QUEUE_PREFIX;
  const issuer = await createTestIssuer();
  const mail = await startMailCatcher({ refuse: (a) => REFUSED.test(a), defer: deferred451 });
  const env = loadEnv(NotificationsEnv, {
    ...testEnv({ databaseUrl: inject('databaseUrl'), schema: 'notifications', issuer, prefix }),
    SMTP_PORT: String(mail.smtpPort),
    MAIL_POLL_MS: '50',
    MAIL_BACKOFF_MS: '50',
    MAIL_ATTEMPTS: '3',
    DIGEST_SWEEP_MS: '3600000',
    WEB_BASE_URL: 'https://placewise.test',
    SEED_DEMO_PEOPLE: 'true',
    ...over,
  });
  const { app, url: base } = await startTestApp(AppModule.forRoot(env));
  const sql = new pg.Client({ connectionString: inject('databaseUrl') });
  await sql.connect();
  const inbox = new Queue(NOTIFICATIONS_INBOX.name, { connection: { url: TEST_REDIS_URL }, prefix });
  const replica = async () => (await startTestApp(AppModule.forRoot(env))).app;
  return { app, base, issuer, sql, inbox, mail, prefix, replica };
}

export async function stopHarness(h: Harness | undefined): Promise<void> {
  await h?.app.close();
  await h?.inbox.close();
  await h?.sql.end();
  await h?.mail.close();
  if (h) await clearQueues(h.prefix, [NOTIFICATIONS_INBOX.name, MAIL_QUEUE]);
}

export const mailService = (h: Harness) => h.app.get(MailService);

export async function call(h: Harness, token: string, method: string, path: string, body?: unknown) {
  return httpCall(h.base, { method, path, token, body });
}

/** A council of its own per test, with these people in its directory. */
export async function council(
  h: Harness,
  people: { userId: string; roles: string[]; email?: string | null; providerId?: string }[],
): Promise<string> {
  const la = `la-${randomUUID().slice(0, 8)}`;
  for (const p of people) {
    await h.sql.query(
      `INSERT INTO notifications.person (local_authority, user_id, name, email, roles, provider_id, source, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'SEEDED', now())`,
      [la, p.userId, `Person ${p.userId}`, p.email === undefined ? `${p.userId}@${la}.test` : p.email, p.roles, p.providerId ?? null],
    );
  }
  return la;
}

/** Delivers an envelope to the inbox and waits for it to be applied (or found a duplicate). */
export async function deliver(h: Harness, event: EventEnvelope, expected: 'applied' | 'duplicate' = 'applied', jobId = event.id) {
  await h.inbox.add(event.type, event, { jobId });
  const job = await settledJob(h.inbox, jobId);
  expect(job.failedReason, event.type).toBeUndefined();
  expect(job.returnvalue).toBe(expected);
}

/** The emails that arrived for an address. */
export const mailTo = (h: Harness, address: string): CaughtMail[] => h.mail.messages.filter((m) => m.to.includes(address));

/** Waits until `n` emails have arrived for the address, then a little longer to see that no more come. */
export async function expectMail(h: Harness, address: string, n: number): Promise<CaughtMail[]> {
  await eventually(async () => mailTo(h, address).length >= n || undefined, 10_000);
  await new Promise((r) => setTimeout(r, 300));
  const got = mailTo(h, address);
  expect(got, address).toHaveLength(n);
  return got;
}

export function submitted(la: string, over: Partial<PayloadOf<typeof RequestSubmittedV2>> = {}) {
  return eventEnvelope(
    RequestSubmittedV2,
    {
      requestId: randomUUID(),
      childId: randomUUID(),
      childAge: 12,
      kind: 'PLACEMENT',
      legalStatus: 'CO_S31',
      placementType: 'PRIVATE_CHILDRENS_HOME',
      provision: 'EXTERNAL',
      weeklyCostPence: 520_000,
      location: 'IN_AREA',
      urgency: 'PLANNED',
      placedAt: null,
      effectiveDate: null,
      submittedAt: '2027-01-04T10:00:00Z',
      submittedBy: 'sw',
      outcome: {
        ruleSetVersion: 'test',
        policyHash: 'test',
        approver: 'AD',
        panel: null,
        costBand: null,
        retrospective: false,
        gates: [],
        deadlines: [{ id: 'decision', ruleId: 'r1', purpose: 'DECISION', due: '2027-01-11T17:00:00Z', text: 'Decide' }],
        reasons: [],
      },
      ...over,
    },
    { localAuthority: la },
  );
}

type Submitted = ReturnType<typeof submitted>;

export const decided = (s: Submitted, over: Partial<PayloadOf<typeof DecisionRecordedV1>> = {}) =>
  eventEnvelope(
    DecisionRecordedV1,
    {
      decisionId: randomUUID(),
      caseId: randomUUID(),
      requestId: s.payload.requestId,
      childId: s.payload.childId,
      childAge: s.payload.childAge,
      kind: s.payload.kind,
      legalStatus: s.payload.legalStatus,
      placementType: s.payload.placementType,
      provision: s.payload.provision,
      location: s.payload.location,
      urgency: s.payload.urgency,
      requestedWeeklyCostPence: s.payload.weeklyCostPence,
      outcome: 'APPROVED_WITH_CONDITIONS',
      conditions: { maxWeeklyCostPence: 500_000, reviewDate: '2027-04-01', notes: ['Tom Smith to stay at his school'] },
      decidedBy: 'ad',
      decidedByTier: 'AD',
      decidedAt: '2027-01-06T12:00:00Z',
      reason: 'Tom Smith needs a home near his school',
      ...over,
    },
    { localAuthority: s.localAuthority, correlationId: s.correlationId },
  );

export const deferred = (s: Submitted) =>
  eventEnvelope(
    CaseDeferredV1,
    {
      caseId: randomUUID(),
      requestId: s.payload.requestId,
      informationRequested: ['Tom Smith’s education plan'],
      deferredBy: 'hos',
      deferredAt: '2027-01-06T12:00:00Z',
      returnBy: '2027-01-20',
    },
    { localAuthority: s.localAuthority, correlationId: s.correlationId },
  );

export const escalated = (s: Submitted, over: Partial<PayloadOf<typeof CaseEscalatedV1>> = {}) =>
  eventEnvelope(
    CaseEscalatedV1,
    {
      caseId: randomUUID(),
      requestId: s.payload.requestId,
      kind: 'DECISION_OVERDUE',
      fromTier: 'AD',
      toTier: 'DCS',
      deadline: '2027-01-11T17:00:00Z',
      escalatedAt: '2027-01-11T17:00:01Z',
      notify: ['DCS'],
      ...over,
    },
    { localAuthority: s.localAuthority, correlationId: s.correlationId },
  );
