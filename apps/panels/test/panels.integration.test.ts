import 'reflect-metadata';
import { COMMISSIONING_INBOX, PANELS_INBOX, REFERRALS_INBOX, type EventEnvelope, type RoutedOutcomeV2 } from '@placewise/contracts';
import { loadEnv } from '@placewise/platform';
import {
  clearQueues,
  createTestIssuer,
  eventually,
  settledJob,
  startTestApp,
  testEnv,
  type TestIssuer,
  httpCall,
} from '@placewise/platform/testing';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { PanelsEnv } from '../src/env.js';
import { TIMERS_QUEUE } from '../src/timers/timers.service.js';
import {
  REDIS,
  requestSubmitted as harnessSubmitted,
  requestSubmittedV1,
  testPrefix,
  type Submitted,
  type SubmittedPayload,
} from './support/harness.js';

const PREFIX = testPrefix('main');
let app: INestApplication;
let base: string;
let issuer: TestIssuer;
let sql: pg.Client;
let inbox: Queue;
let referralsInbox: Queue;
let commissioningInbox: Queue;
const tokens: Record<'tm' | 'hos' | 'ad' | 'chair' | 'auditor' | 'ops' | 'otherCouncil', string> = {} as never;

const call = (method: string, path: string, token: string, body?: unknown) => httpCall(base, { method, path, token, body });

async function counts() {
  const r =
    await sql.query(`SELECT (SELECT count(*) FROM panels."case")::int AS cases, (SELECT count(*) FROM panels.decision)::int AS decisions,
    (SELECT count(*) FROM panels.audit_entry)::int AS audit, (SELECT count(*) FROM panels.outbox_event)::int AS outbox`);
  return r.rows[0] as { cases: number; decisions: number; audit: number; outbox: number };
}

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

/** request.submitted (version 2) in northshire: a head of service's case with a review deadline before its decision deadline. */
function requestSubmitted(outcome: Partial<RoutedOutcomeV2> = {}, payload: Partial<SubmittedPayload> = {}): Submitted {
  return harnessSubmitted(
    'northshire',
    {
      approver: 'HOS',
      panel: null,
      costBand: 'A_EXTERNAL',
      // Only deadlines about the decision set decisionDue: the earlier review deadline must not.
      deadlines: [
        { id: 'review-visit', ruleId: 'r.review', purpose: 'VISIT', due: inDays(1), text: 'visit' },
        { id: 'placement-approval', ruleId: 'r.approval', purpose: 'DECISION', due: inDays(5), text: 'decide within 5 working days' },
      ],
      reasons: [{ ruleId: 'r.cost', text: 'an external placement in cost band A needs a head of service' }],
      ...outcome,
    },
    payload,
  );
}

/** One no producer could send (eventEnvelope refuses it): a valid event whose payload is spoiled after it is built. */
function invalidRequestSubmitted() {
  const valid = requestSubmitted();
  return { ...valid, payload: { ...valid.payload, weeklyCostPence: -1 } };
}

/** Delivers a request.submitted and returns the case it opened. */
async function openCase(outcome: Partial<RoutedOutcomeV2> = {}) {
  const event = requestSubmitted(outcome);
  await inbox.add(event.type, event, { jobId: event.id });
  expect((await settledJob(inbox, event.id)).returnvalue).toBe('applied');
  const r = await call('GET', `/cases?requestId=${event.payload.requestId}`, tokens.auditor);
  expect(r.body).toHaveLength(1);
  return { event, id: r.body[0].id as string, correlationId: r.body[0].correlationId as string };
}

beforeAll(async () => {
  issuer = await createTestIssuer();
  const env = loadEnv(PanelsEnv, testEnv({ databaseUrl: inject('databaseUrl'), schema: 'panels', issuer, prefix: PREFIX }));
  ({ app, url: base } = await startTestApp(AppModule.forRoot(env)));
  sql = new pg.Client({ connectionString: inject('databaseUrl') });
  await sql.connect();
  inbox = new Queue(PANELS_INBOX.name, { connection: REDIS, prefix: PREFIX });
  referralsInbox = new Queue(REFERRALS_INBOX.name, { connection: REDIS, prefix: PREFIX });
  commissioningInbox = new Queue(COMMISSIONING_INBOX.name, { connection: REDIS, prefix: PREFIX });
  tokens.tm = await issuer.token({ sub: 'tm.test', roles: ['approver:TM'] });
  tokens.hos = await issuer.token({ sub: 'hos.test', roles: ['approver:HOS'] });
  tokens.ad = await issuer.token({ sub: 'ad.test', roles: ['approver:AD'] });
  tokens.chair = await issuer.token({ sub: 'chair.test', roles: ['panel-chair', 'approver:HOS'] });
  tokens.auditor = await issuer.token({ sub: 'auditor.test', roles: ['auditor'] });
  tokens.ops = await issuer.token({ sub: 'ops.test', roles: ['ops'] });
  tokens.otherCouncil = await issuer.token({ sub: 'dcs.south', roles: ['approver:DCS', 'panel-chair'], la: 'southvale' });
});

afterAll(async () => {
  await app?.close();
  await Promise.all([inbox?.close(), referralsInbox?.close(), commissioningInbox?.close()]);
  await sql?.end();
  await clearQueues(PREFIX, [PANELS_INBOX.name, REFERRALS_INBOX.name, COMMISSIONING_INBOX.name, TIMERS_QUEUE]);
});

describe('request.submitted opens a case', () => {
  it('opens exactly one case for an approver or a panel, however often the event is delivered', async () => {
    for (const panel of [null, 'PLACEMENT_RESOURCES'] as const) {
      const event = requestSubmitted({ panel });
      const before = await counts();
      await inbox.add(event.type, event, { jobId: `${event.id}-a` });
      await inbox.add(event.type, event, { jobId: `${event.id}-b` });
      const jobs = await Promise.all([settledJob(inbox, `${event.id}-a`), settledJob(inbox, `${event.id}-b`)]);
      expect(jobs.map((j) => j.returnvalue).sort()).toEqual(['applied', 'duplicate']);
      expect((await counts()).cases).toBe(before.cases + 1);
      const { rows } = await sql.query(
        'SELECT approver, panel, status, correlation_id::text, decision_due FROM panels."case" WHERE request_id = $1',
        [event.payload.requestId],
      );
      expect(rows).toEqual([
        {
          approver: 'HOS',
          panel,
          status: 'OPEN',
          correlation_id: event.correlationId,
          decision_due: new Date(event.payload.outcome.deadlines[1]!.due),
        },
      ]);
    }
  });

  it('still takes version 1: a deadline gets its purpose from the rule sets by its id, never from the words in it', async () => {
    const event = requestSubmittedV1('northshire', {
      approver: 'SM',
      panel: null,
      retrospective: true,
      deadlines: [
        // An id no rule set has, however much it reads like a decision: no purpose, so not the decision deadline.
        { id: 'placement-approval', ruleId: 'r.approval', due: inDays(2), text: 'decide' },
        { id: 'deadline.first_visit', ruleId: 'stat.visit', due: inDays(3), text: 'visit' },
        { id: 'deadline.retrospective_approval', ruleId: 'local.retro', due: inDays(8), text: 'ratify' },
      ],
    });
    expect(event.version).toBe(1);
    await inbox.add(event.type, event, { jobId: event.id });
    expect((await settledJob(inbox, event.id)).returnvalue).toBe('applied');
    const { rows } = await sql.query('SELECT decision_due, outcome FROM panels."case" WHERE request_id = $1', [event.payload.requestId]);
    expect(rows[0].decision_due).toEqual(new Date(event.payload.outcome.deadlines[2]!.due));
    expect(rows[0].outcome.deadlines.map((d: { id: string; purpose?: string }) => [d.id, d.purpose ?? null])).toEqual([
      ['placement-approval', null],
      ['deadline.first_visit', 'VISIT'],
      ['deadline.retrospective_approval', 'RATIFICATION'],
    ]);
  });

  it('fails an invalid payload at once, keeps the job and writes nothing', async () => {
    const event = invalidRequestSubmitted();
    const before = await counts();
    await inbox.add(event.type, event, { jobId: event.id, attempts: 5 });
    const job = await settledJob(inbox, event.id);
    expect(await job.isFailed()).toBe(true);
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/weeklyCostPence/);
    expect(await counts()).toEqual(before);
    const { rows } = await sql.query('SELECT 1 FROM panels.inbox_event WHERE event_id = $1', [event.id]);
    expect(rows).toHaveLength(0);
  });
});

describe('reading cases', () => {
  it("lists in an approver's queue only the open cases they may decide", async () => {
    const hosCase = await openCase({ approver: 'HOS' });
    const panelCase = await openCase({ approver: 'HOS', panel: 'PLACEMENT_RESOURCES' });
    const adCase = await openCase({ approver: 'AD' });
    const decided = await openCase({ approver: 'TM' });
    expect((await call('POST', `/cases/${decided.id}/decision`, tokens.hos, { outcome: 'APPROVED', reason: 'ok' })).status).toBe(201);

    const ids = async (token: string) => {
      const r = await call('GET', '/cases?mine=true&take=200', token);
      expect(r.status).toBe(200);
      return r.body.map((c: { id: string }) => c.id) as string[];
    };
    const hos = await ids(tokens.hos);
    expect(hos).toContain(hosCase.id);
    expect(hos).not.toContain(panelCase.id);
    expect(hos).not.toContain(adCase.id);
    expect(hos).not.toContain(decided.id);
    const chair = await ids(tokens.chair);
    expect(chair).toEqual(expect.arrayContaining([hosCase.id, panelCase.id]));
    expect(chair).not.toContain(adCase.id);
    const ad = await ids(tokens.ad);
    expect(ad).toEqual(expect.arrayContaining([hosCase.id, adCase.id]));
    expect(ad).not.toContain(panelCase.id);
    expect(await ids(tokens.tm)).not.toContain(hosCase.id);
    // Without mine, an auditor sees them all.
    const all = (await call('GET', '/cases?take=200', tokens.auditor)).body.map((c: { id: string }) => c.id);
    expect(all).toEqual(expect.arrayContaining([hosCase.id, panelCase.id, adCase.id, decided.id]));
  });

  it('shows a case with its decisions and audit trail, only to its own council', async () => {
    const c = await openCase();
    await call('POST', `/cases/${c.id}/decision`, tokens.hos, { outcome: 'DEFERRED', reason: 'needs the education plan' });
    const r = await call('GET', `/cases/${c.id}`, tokens.auditor);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: c.id,
      requestId: c.event.payload.requestId,
      approver: 'HOS',
      status: 'OPEN',
      requestedWeeklyCostPence: 610_000,
    });
    expect(r.body.outcome.reasons).toEqual(c.event.payload.outcome.reasons);
    expect(r.body.decisions).toEqual([
      expect.objectContaining({ outcome: 'DEFERRED', decidedBy: 'hos.test', decidedByTier: 'HOS', reason: 'needs the education plan' }),
    ]);
    expect(r.body.audit.map((a: { action: string; actor: string }) => `${a.action}:${a.actor}`)).toEqual([
      'case.opened:panels',
      'decision.recorded:hos.test',
    ]);

    expect((await call('GET', `/cases/${c.id}`, tokens.otherCouncil)).status).toBe(404);
    expect((await call('POST', `/cases/${c.id}/decision`, tokens.otherCouncil, { outcome: 'APPROVED', reason: 'x' })).status).toBe(404);
    expect((await call('GET', '/cases?take=200', tokens.otherCouncil)).body.map((x: { id: string }) => x.id)).not.toContain(c.id);
  });
});

describe('recording a decision', () => {
  it('refuses a junior approver, and a non-chair on a panel case, with the reason', async () => {
    const c = await openCase();
    const before = await counts();
    const junior = await call('POST', `/cases/${c.id}/decision`, tokens.tm, { outcome: 'APPROVED', reason: 'ok' });
    expect(junior.status).toBe(403);
    expect(junior.body.message).toMatch(/needs the head of service or someone more senior/);
    const p = await openCase({ panel: 'PLACEMENT_RESOURCES' });
    const before2 = await counts();
    const notChair = await call('POST', `/cases/${p.id}/decision`, tokens.ad, { outcome: 'APPROVED', reason: 'ok' });
    expect(notChair.status).toBe(403);
    expect(notChair.body.message).toMatch(/heard by the placement and resources panel: its chair/);
    expect(before.decisions).toBe(before2.decisions);
    expect(await counts()).toEqual(before2);
  });

  it('refuses bad bodies with the field, and writes nothing', async () => {
    const c = await openCase();
    const before = await counts();
    const bad: [unknown, string][] = [
      [{ outcome: 'APPROVED_WITH_CONDITIONS', reason: 'ok' }, 'conditions'],
      [{ outcome: 'APPROVED_WITH_CONDITIONS', conditions: { notes: [] }, reason: 'ok' }, 'conditions'],
      [{ outcome: 'DECLINED', conditions: { maxWeeklyCostPence: 500_000 }, reason: 'no' }, 'conditions'],
      [{ outcome: 'MAYBE', reason: 'ok' }, 'outcome'],
      [{ outcome: 'APPROVED_WITH_CONDITIONS', conditions: { maxWeeklyCostPence: -1 }, reason: 'ok' }, 'conditions.maxWeeklyCostPence'],
      [{ outcome: 'APPROVED' }, 'reason'],
      [{ outcome: 'APPROVED', reason: '   ' }, 'reason'],
      [{ outcome: 'APPROVED', reason: 'ok', localAuthority: 'southvale' }, '(body)'],
    ];
    for (const [body, field] of bad) {
      const r = await call('POST', `/cases/${c.id}/decision`, tokens.hos, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(
        r.body.errors.map((e: { field: string }) => e.field),
        JSON.stringify(r.body),
      ).toContain(field);
    }
    expect(await counts()).toEqual(before);
    expect((await call('GET', `/cases/${c.id}`, tokens.auditor)).body.status).toBe('OPEN');
  });

  it('records an approval with conditions once and sends decision.recorded to referrals and commissioning', async () => {
    const c = await openCase({ panel: 'PLACEMENT_RESOURCES' });
    const conditions = { maxWeeklyCostPence: 600_000, reviewDate: '2027-01-15', notes: ['education to be kept at the current school'] };
    const r = await call('POST', `/cases/${c.id}/decision`, tokens.chair, {
      outcome: 'APPROVED_WITH_CONDITIONS',
      conditions,
      reason: 'meets needs',
    });
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('DECIDED');
    expect(r.body.closedAt).toEqual(expect.any(String));
    expect(r.body.decisions).toEqual([
      expect.objectContaining({ outcome: 'APPROVED_WITH_CONDITIONS', conditions, decidedByTier: 'PANEL' }),
    ]);

    const { rows } = await sql.query(`SELECT id::text FROM panels.outbox_event WHERE envelope->'payload'->>'caseId' = $1`, [c.id]);
    expect(rows).toHaveLength(1);
    for (const q of [referralsInbox, commissioningInbox]) {
      const job = await eventually(() => q.getJob(rows[0].id));
      const env = job.data as EventEnvelope<Record<string, unknown>>;
      expect(env).toMatchObject({
        type: 'decision.recorded',
        version: 1,
        producer: 'panels',
        localAuthority: 'northshire',
        correlationId: c.correlationId,
      });
      expect(env.correlationId).toBe(c.event.correlationId);
      expect(env.payload).toMatchObject({
        caseId: c.id,
        requestId: c.event.payload.requestId,
        outcome: 'APPROVED_WITH_CONDITIONS',
        conditions,
        decidedByTier: 'PANEL',
        childAge: 14,
      });
      const text = JSON.stringify(env);
      expect(text).not.toMatch(/"(givenName|familyName|name|dateOfBirth)"/);
    }

    const before = await counts();
    const again = await call('POST', `/cases/${c.id}/decision`, tokens.chair, { outcome: 'DECLINED', reason: 'changed my mind' });
    expect(again.status).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it('refers a case up one tier and leaves it open; a deferral leaves it open too', async () => {
    const c = await openCase({ approver: 'HOS' });
    const up = await call('POST', `/cases/${c.id}/decision`, tokens.hos, { outcome: 'REFERRED_UP', reason: 'beyond my authority' });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ approver: 'AD', status: 'OPEN', closedAt: null });
    // The head of service can no longer decide it; the assistant director can.
    expect((await call('POST', `/cases/${c.id}/decision`, tokens.hos, { outcome: 'APPROVED', reason: 'ok' })).status).toBe(403);
    const deferred = await call('POST', `/cases/${c.id}/decision`, tokens.ad, { outcome: 'DEFERRED', reason: 'more information' });
    expect(deferred.status).toBe(201);
    expect(deferred.body).toMatchObject({ approver: 'AD', status: 'OPEN' });
    expect(deferred.body.decisions.map((d: { outcome: string }) => d.outcome)).toEqual(['REFERRED_UP', 'DEFERRED']);
    const approved = await call('POST', `/cases/${c.id}/decision`, tokens.ad, { outcome: 'APPROVED', reason: 'ok' });
    expect(approved.body.status).toBe('DECIDED');
  });
});

describe('ops', () => {
  it('shows queue counts and replays a failed job; other roles are refused', async () => {
    const status = async () => {
      const r = await call('GET', '/ops/queue', tokens.ops);
      expect(r.status).toBe(200);
      expect(r.body.queue).toBe(PANELS_INBOX.name);
      return r.body.counts as Record<string, number>;
    };
    const before = await status();
    const event = invalidRequestSubmitted();
    await inbox.add(event.type, event, { jobId: event.id, attempts: 5 });
    expect((await settledJob(inbox, event.id)).attemptsMade).toBe(1);
    expect((await status()).failed).toBe(before.failed! + 1);
    const failed = await call('GET', '/ops/queue/failed?count=500', tokens.ops);
    expect(failed.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ jobId: event.id, attemptsMade: 1, failedReason: expect.stringMatching(/weeklyCostPence/) }),
      ]),
    );

    const retry = await call('POST', `/ops/queue/failed/${event.id}/retry`, tokens.ops);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual({ jobId: event.id, retried: true });
    // The payload is still invalid: it fails again, once more.
    const again = await eventually(async () => {
      if ((await inbox.getJobState(event.id)) !== 'failed') return undefined;
      const j = await inbox.getJob(event.id);
      return j?.attemptsMade === 2 ? j : undefined;
    });
    expect(again.failedReason).toMatch(/weeklyCostPence/);
    expect((await call('POST', `/ops/queue/failed/${randomUUID()}/retry`, tokens.ops)).status).toBe(404);

    for (const t of [tokens.hos, tokens.auditor]) {
      expect((await call('GET', '/ops/queue', t)).status).toBe(403);
      expect((await call('POST', `/ops/queue/failed/${event.id}/retry`, t)).status).toBe(403);
    }
  });
});
