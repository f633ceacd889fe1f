import 'reflect-metadata';
import {
  CaseDeferredV1,
  CaseEscalatedV1,
  DecisionRecordedV1,
  PANELS_INBOX,
  PlacementEndedV1,
  PlacementNoticeGivenV1,
  PlacementStartedV1,
  REFERRALS_INBOX,
  ReapprovalRequestedV1,
  type DecisionOutcome,
  type EventDefinition,
  type EventEnvelope,
  type PayloadOf,
  type ReapprovalLink,
} from '@placewise/contracts';
import { MessagingLifecycle, loadEnv } from '@placewise/platform';
import {
  clearQueues,
  TEST_REDIS_URL,
  createTestIssuer,
  eventEnvelope,
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
import { addMonths, londonDate, londonToday } from '@placewise/contracts/dates';
import { ageOn } from '@placewise/rules';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { ReferralsEnv } from '../src/env.js';
import { ChildViewSchema } from '../src/children/children.views.js';
import { OutcomeView, ReEvaluationView, RequestViewSchema } from '../src/requests/requests.views.js';
import { PolicySetView, PolicyView, WhatIfView } from '../src/rules/rules.views.js';

/** Under the run's QUEUE_PREFIX (vitest.config.ts), so the global teardown removes every key this file makes. */
const PREFIX = `${process.env.QUEUE_PREFIX ?? 'test-referrals'}:refer-${randomUUID().slice(0, 8)}`;
let app: INestApplication;
let base: string;
let issuer: TestIssuer;
let sql: pg.Client;
let sw: string;
let panelsInbox: Queue;
let referralsInbox: Queue;

const call = (method: string, path: string, body?: unknown, token = sw, raw?: string) => httpCall(base, { method, path, body, token, raw });

async function counts() {
  const r = await sql.query(`SELECT (SELECT count(*) FROM referrals.request)::int AS requests,
    (SELECT count(*) FROM referrals.outbox_event)::int AS outbox, (SELECT count(*) FROM referrals.child)::int AS children`);
  return r.rows[0] as { requests: number; outbox: number; children: number };
}

async function newChild(dateOfBirth = '2012-03-04', token = sw) {
  const r = await call('POST', '/children', { givenName: 'Test', familyName: 'Child', dateOfBirth }, token);
  expect(r.status).toBe(201);
  return r.body.id as string;
}

const placement = (childId: string, over: Record<string, unknown> = {}) => ({
  childId,
  kind: 'PLACEMENT',
  legalStatus: 'CO_S31',
  placementType: 'PRIVATE_CHILDRENS_HOME',
  provision: 'EXTERNAL',
  weeklyCostPence: 610_000,
  location: 'IN_AREA',
  urgency: 'PLANNED',
  ...over,
});

beforeAll(async () => {
  issuer = await createTestIssuer();
  const env = loadEnv(ReferralsEnv, testEnv({ databaseUrl: inject('databaseUrl'), schema: 'referrals', issuer, prefix: PREFIX }));
  ({ app, url: base } = await startTestApp(AppModule.forRoot(env)));
  sql = new pg.Client({ connectionString: inject('databaseUrl') });
  await sql.connect();
  sw = await issuer.token({ sub: 'sw.test', roles: ['social-worker'], la: 'northshire' });
  panelsInbox = new Queue(PANELS_INBOX.name, { connection: { url: TEST_REDIS_URL }, prefix: PREFIX });
  referralsInbox = new Queue(REFERRALS_INBOX.name, { connection: { url: TEST_REDIS_URL }, prefix: PREFIX });
});

afterAll(async () => {
  await app?.close();
  await panelsInbox?.close();
  await referralsInbox?.close();
  await sql?.end();
  await clearQueues(PREFIX, [PANELS_INBOX.name, REFERRALS_INBOX.name]);
});

describe('submitting a request', () => {
  it('stores it with the rules outcome and publishes request.submitted to the panels inbox', async () => {
    const childId = await newChild();
    const r = await call('POST', '/requests', placement(childId));
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('SUBMITTED');
    expect(r.body.childAge).toBeGreaterThanOrEqual(13);
    expect(r.body.outcome.ruleSetVersion).toEqual(expect.any(String));
    expect(r.body.approver).toBe(r.body.outcome.approver);
    expect(r.body.outcome.reasons.length).toBeGreaterThan(0);
    expect(r.headers.get('x-correlation-id')).toBe(r.body.correlationId);

    const { rows } = await sql.query(
      `SELECT id::text, published_at FROM referrals.outbox_event WHERE envelope->'payload'->>'requestId' = $1`,
      [r.body.id],
    );
    expect(rows).toHaveLength(1);
    const job = await eventually(() => panelsInbox.getJob(rows[0].id));
    const envelope = job.data as EventEnvelope<Record<string, unknown>>;
    expect(envelope.type).toBe('request.submitted');
    expect(envelope.localAuthority).toBe('northshire');
    expect(envelope.correlationId).toBe(r.body.correlationId);
    // Events carry ids and age, never the child's name or date of birth.
    const text = JSON.stringify(envelope);
    expect(text).not.toMatch(/Test|Child|2012-03-04/);
    expect(envelope.payload.childAge).toBe(r.body.childAge);
  });

  it('shows it through GET with its history, only to the same council', async () => {
    const childId = await newChild();
    const created = await call('POST', '/requests', placement(childId));
    const got = await call('GET', `/requests/${created.body.id}`);
    expect(got.status).toBe(200);
    // What the OpenAPI document promises is what the service answers.
    expect(RequestViewSchema.strict().parse(got.body)).toBeTruthy();
    expect(RequestViewSchema.strict().parse(created.body)).toBeTruthy();
    expect(ChildViewSchema.strict().parse((await call('GET', `/children/${childId}`)).body)).toBeTruthy();
    expect(OutcomeView.parse((await call('POST', '/rules/evaluate', placement(childId))).body)).toBeTruthy();
    expect(got.body.history).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'SUBMITTED', actor: 'sw.test' })]);
    const other = await issuer.token({ sub: 'sw.other', roles: ['social-worker'], la: 'southvale' });
    expect((await call('GET', `/requests/${created.body.id}`, undefined, other)).status).toBe(404);
    expect((await call('GET', `/children/${childId}`, undefined, other)).status).toBe(404);
  });

  it("documents a response schema for every one of the service's routes", async () => {
    const doc = (await call('GET', '/docs/openapi.json', undefined, '')).body as {
      paths: Record<
        string,
        Record<string, { tags?: string[]; responses: Record<string, { content?: Record<string, { schema?: object }> }> }>
      >;
    };
    const ours = new Set(['children', 'requests', 'rules', 'way out of care']);
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.tags?.some((t) => ours.has(t)))
        .map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(routes.length).toBeGreaterThanOrEqual(27);
    const undocumented = routes
      .filter(
        ({ op }) => !Object.entries(op.responses).some(([code, r]) => code.startsWith('2') && r.content?.['application/json']?.schema),
      )
      .map(({ route }) => route);
    expect(undocumented).toEqual([]);
  });

  it('refuses a blocked request with the regulation, and writes and sends nothing', async () => {
    const childId = await newChild(addMonths(londonToday(), -15 * 12));
    const before = await counts();
    const r = await call(
      'POST',
      '/requests',
      placement(childId, { placementType: 'OTHER_ARRANGEMENTS_UNREGULATED', weeklyCostPence: 250_000 }),
    );
    expect(r.status).toBe(422);
    expect(r.body.blocks.map((b: { regulation: string }) => b.regulation).join(' ')).toMatch(/27A/);
    expect(await counts()).toEqual(before);
  });

  it('needs the day an exit takes effect, and sends it on', async () => {
    const childId = await newChild();
    const exit = { ...placement(childId), kind: 'EXIT', placementType: 'PLACED_WITH_PARENTS', weeklyCostPence: 0 };
    const missing = await call('POST', '/requests', exit);
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('effectiveDate');
    const r = await call('POST', '/requests', { ...exit, effectiveDate: '2027-01-15' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.effectiveDate).toBe('2027-01-15');
    const { rows } = await sql.query(`SELECT envelope FROM referrals.outbox_event WHERE envelope->'payload'->>'requestId' = $1`, [
      r.body.id,
    ]);
    expect(rows[0].envelope.payload.effectiveDate).toBe('2027-01-15');
  });

  it('takes every fact the rules define (no "Unrecognized keys"), and derives the age from the date of birth', async () => {
    const childId = await newChild(addMonths(londonToday(), -12 * 12));
    const r = await call(
      'POST',
      '/rules/evaluate',
      placement(childId, {
        kind: 'ENTRY_TO_CARE',
        legalStatus: 'ICO_S38',
        placementType: 'KINSHIP_FOSTER',
        provision: 'IN_HOUSE',
        weeklyCostPence: 25_000,
        proceedingsIssuedOn: '2026-11-02',
        connectedPersonTempApprovalWeeks: 16,
        partnerContributionRequested: true,
      }),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const deadlines = OutcomeView.parse(r.body).deadlines.map((d) => d.id);
    expect(deadlines).toEqual(expect.arrayContaining(['deadline.care_proceedings', 'deadline.connected_person_temp']));
    expect(r.body.firedRules).toContain('local.joint_funding');
    // a derived fact is not typed
    const typedAge = await call('POST', '/rules/evaluate', placement(childId, { childAge: 15 }));
    expect(typedAge.status).toBe(400);
    expect(typedAge.body.errors.map((e: { field: string }) => e.field).join(' ')).toMatch(/childAge|\(body\)/);
  });

  it('a reg 25 extension is a request of its own, routed to the nominated officer with no cost band', async () => {
    const childId = await newChild();
    const body = placement(childId, {
      kind: 'CARER_APPROVAL_EXTENSION',
      placementType: 'KINSHIP_FOSTER',
      provision: 'IN_HOUSE',
      weeklyCostPence: 25_000,
      connectedPersonTempApprovedOn: '2026-09-07',
      connectedPersonTempApprovalWeeks: 24,
    });
    const r = await call('POST', '/requests', body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.kind).toBe('CARER_APPROVAL_EXTENSION');
    // the age is the London day's, from the date of birth
    expect(r.body.childAge).toBe(ageOn('2012-03-04', londonToday()));
    expect(r.body.approver).toBe('AD');
    expect(r.body.outcome.costBand).toBeNull();
    expect(r.body.outcome.reasons.map((x: { text: string }) => x.text).join(' ')).not.toMatch(/variation/i);
    const missing = await call('POST', '/requests', { ...body, connectedPersonTempApprovedOn: undefined });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('connectedPersonTempApprovedOn');
  });

  it('answers a dry run without storing anything', async () => {
    const childId = await newChild();
    const before = await counts();
    const r = await call('POST', '/rules/evaluate', placement(childId, { weeklyCostPence: 1_200_000 }));
    expect(r.status).toBe(200);
    expect(r.body.approver).toBe('DCS');
    expect(await counts()).toEqual(before);
  });
});

describe('bad and hostile input', () => {
  it('gets a 4xx naming the field, never a 5xx, and writes nothing', async () => {
    const childId = await newChild();
    const before = await counts();
    const cases: [unknown, number, string][] = [
      [{}, 400, 'childId'],
      [placement(childId, { weeklyCostPence: -5 }), 400, 'weeklyCostPence'],
      [placement(childId, { weeklyCostPence: '610000' }), 400, 'weeklyCostPence'],
      [placement(childId, { weeklyCostPence: 12.5 }), 400, 'weeklyCostPence'],
      [placement(childId, { placementType: 'CASTLE' }), 400, 'placementType'],
      [placement(childId, { kind: null }), 400, 'kind'],
      [placement(childId, { localAuthority: 'southvale' }), 400, '(body)'],
      [placement(childId, { placedAt: '2020-01-01' }), 400, 'placedAt'],
      [placement('not-a-uuid'), 400, 'childId'],
      [placement(randomUUID()), 404, 'childId'],
      [[1, 2, 3], 400, '(body)'],
    ];
    for (const [body, status, field] of cases) {
      const r = await call('POST', '/requests', body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(
        r.body.errors.map((e: { field: string }) => e.field),
        JSON.stringify(r.body),
      ).toContain(field);
    }
    expect((await call('POST', '/requests', undefined, sw, '{"childId": ')).status).toBe(400);
    expect(
      (await call('POST', '/requests', undefined, sw, JSON.stringify({ ...placement(childId), summary: 'x'.repeat(400_000) }))).status,
    ).toBe(413);
    expect((await call('GET', '/requests/not-a-uuid')).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("refuses another council's child", async () => {
    const childId = await newChild();
    const other = await issuer.token({ sub: 'sw.other', roles: ['social-worker'], la: 'southvale' });
    const before = await counts();
    const r = await call('POST', '/requests', placement(childId), other);
    expect(r.status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('needs a valid token and the right role', async () => {
    expect((await call('GET', '/requests', undefined, '')).status).toBe(401);
    expect((await call('GET', '/requests', undefined, 'garbage')).status).toBe(401);
    const finance = await issuer.token({ roles: ['finance'] });
    expect((await call('POST', '/children', { givenName: 'a', familyName: 'b', dateOfBirth: '2010-01-01' }, finance)).status).toBe(403);
    expect((await call('GET', '/children', undefined, finance)).status).toBe(403);
    expect((await call('GET', '/health/live', undefined, '')).status).toBe(200);
  });
});

describe('consuming events', () => {
  function decisionEvent(requestId: string, childId: string, outcome: DecisionOutcome = 'APPROVED_WITH_CONDITIONS') {
    return eventEnvelope(DecisionRecordedV1, {
      decisionId: randomUUID(),
      caseId: randomUUID(),
      requestId,
      childId,
      childAge: 14,
      kind: 'PLACEMENT',
      legalStatus: 'CO_S31',
      placementType: 'PRIVATE_CHILDRENS_HOME',
      provision: 'EXTERNAL',
      location: 'IN_AREA',
      urgency: 'PLANNED',
      requestedWeeklyCostPence: 610_000,
      outcome,
      conditions: { maxWeeklyCostPence: 600_000, notes: [] },
      decidedBy: 'ad.test',
      decidedByTier: 'PANEL',
      decidedAt: new Date().toISOString(),
      reason: 'meets needs',
    });
  }

  it('applies a decision once, however often it is delivered', async () => {
    const childId = await newChild();
    const created = await call('POST', '/requests', placement(childId));
    const event = decisionEvent(created.body.id, childId);
    // Delivered twice as separate jobs (as after a relay crash with the first job already removed).
    await referralsInbox.add(event.type, event, { jobId: `${event.id}-a` });
    await referralsInbox.add(event.type, event, { jobId: `${event.id}-b` });
    const done = await Promise.all([settledJob(referralsInbox, `${event.id}-a`), settledJob(referralsInbox, `${event.id}-b`)]);
    expect(done.map((j) => j.returnvalue).sort()).toEqual(['applied', 'duplicate']);
    const got = await call('GET', `/requests/${created.body.id}`);
    expect(got.body.status).toBe('APPROVED');
    expect(got.body.decision.conditions.maxWeeklyCostPence).toBe(600_000);
    expect(got.body.history.filter((h: { toStatus: string }) => h.toStatus === 'APPROVED')).toHaveLength(1);
  });

  it('a reg 25 extension without the day counts from the temporary approval on record', async () => {
    const childId = await newChild();
    const kinship = { placementType: 'KINSHIP_FOSTER', provision: 'IN_HOUSE', weeklyCostPence: 25_000 };
    const extension = placement(childId, { ...kinship, kind: 'CARER_APPROVAL_EXTENSION', connectedPersonTempApprovalWeeks: 24 });
    // nothing on record yet: the service says which fact is missing
    const none = await call('POST', '/requests', extension);
    expect(none.status).toBe(400);
    expect(none.body.errors.map((e: { field: string }) => e.field)).toContain('connectedPersonTempApprovedOn');
    const first = await call('POST', '/requests', placement(childId, { ...kinship, connectedPersonTempApprovalWeeks: 16 }));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const event = decisionEvent(first.body.id, childId, 'APPROVED');
    await referralsInbox.add(event.type, event, { jobId: event.id });
    await settledJob(referralsInbox, event.id);
    const r = await call('POST', '/requests', extension);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const final = r.body.outcome.deadlines.find((d: { id: string }) => d.id === 'deadline.connected_person_final');
    expect(final.basis).toContain(`beginning with the day of the start of temporary approval (${londonDate(event.payload.decidedAt)})`);
  });

  it('fails an invalid payload at once and keeps the job', async () => {
    const event = decisionEvent(randomUUID(), randomUUID());
    (event.payload as Record<string, unknown>).requestedWeeklyCostPence = -1;
    await referralsInbox.add(event.type, event, { jobId: event.id, attempts: 5 });
    const job = await settledJob(referralsInbox, event.id);
    expect(await job.isFailed()).toBe(true);
    expect(job!.attemptsMade).toBe(1);
    expect(job!.failedReason).toMatch(/requestedWeeklyCostPence/);
  });

  it('deletes published outbox rows and inbox rows past their retention, and nothing newer', async () => {
    const old = randomUUID();
    const recent = randomUUID();
    const unpublished = randomUUID();
    const row = (id: string, published: string | null, created: string) =>
      sql.query(
        `INSERT INTO referrals.outbox_event (id, type, version, local_authority, correlation_id, envelope, created_at, published_at)
         VALUES ($1, 'request.submitted', 1, 'northshire', $1, '{}'::jsonb, now() - $3::interval, now() - $2::interval)`,
        [id, published ?? '0 days', created],
      );
    await row(old, '8 days', '8 days');
    await row(recent, '6 days', '6 days');
    await row(unpublished, '0 days', '9 days');
    await sql.query(`UPDATE referrals.outbox_event SET published_at = NULL WHERE id = $1`, [unpublished]);
    await sql.query(
      `INSERT INTO referrals.inbox_event (event_id, type, version, received_at) VALUES ($1, 'x', 1, now() - interval '31 days'), ($2, 'x', 1, now() - interval '29 days')`,
      [old, recent],
    );
    const removed = await app.get(MessagingLifecycle).cleanup();
    expect(removed.outbox).toBeGreaterThanOrEqual(1);
    const left = async (table: string, col: string) =>
      (
        await sql.query(`SELECT ${col}::text AS id FROM referrals.${table} WHERE ${col} = ANY($1::uuid[])`, [[old, recent, unpublished]])
      ).rows
        .map((r) => r.id)
        .sort();
    expect(await left('outbox_event', 'id')).toEqual([recent, unpublished].sort());
    expect(await left('inbox_event', 'event_id')).toEqual([recent]);
  });

  it('fails terminally a decision about a request it does not know', async () => {
    const event = decisionEvent(randomUUID(), randomUUID());
    await referralsInbox.add(event.type, event, { jobId: event.id, attempts: 5 });
    const job = await settledJob(referralsInbox, event.id);
    expect(await job.isFailed()).toBe(true);
    expect(job!.attemptsMade).toBe(1);
    const { rows } = await sql.query('SELECT 1 FROM referrals.inbox_event WHERE event_id = $1', [event.id]);
    expect(rows).toHaveLength(0);
  });
});

describe("a council's policy", () => {
  it('refuses a policy that would weaken the law, naming each setting, and stores nothing', async () => {
    const dcs = await issuer.token({ sub: 'dcs.test', roles: ['approver:DCS'], la: 'policy-la-1' });
    const r = await call(
      'PUT',
      '/rules/policy',
      { policy: { name: 'weak', disabledRules: ['stat.block.u16_other_arrangements'], nominatedOfficer: 'TM' } },
      dcs,
    );
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/weaken the law/);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['policy.disabledRules.0', 'policy.nominatedOfficer']),
    );
    expect(
      (await sql.query(`SELECT count(*)::int AS n FROM referrals.council_policy WHERE local_authority = 'policy-la-1'`)).rows[0].n,
    ).toBe(0);
    expect((await call('PUT', '/rules/policy', { policy: { costBands: { aMaxWeeklyPence: 'lots' } } }, dcs)).status).toBe(400);
    const sw2 = await issuer.token({ roles: ['social-worker'], la: 'policy-la-1' });
    expect((await call('PUT', '/rules/policy', { policy: { name: 'x' } }, sw2)).status).toBe(403);
  });

  it('routes by the policy in force, shows what a change would do, and re-evaluates under the pinned policy', async () => {
    const la = 'policy-la-2';
    const sw2 = await issuer.token({ sub: 'sw.p2', roles: ['social-worker'], la });
    const dcs = await issuer.token({ sub: 'dcs.p2', roles: ['approver:DCS'], la });
    const child = (await call('POST', '/children', { givenName: 'P', familyName: 'Q', dateOfBirth: '2012-03-04' }, sw2)).body.id;
    // £4,800 a week: band B under the defaults (panel, head of service).
    const before = await call('POST', '/requests', placement(child, { weeklyCostPence: 480_000 }), sw2);
    expect(before.status).toBe(201);
    expect(before.body.outcome.costBand).toBe('B');
    const defaultHash = before.body.outcome.policyHash;

    // A stricter policy: band B ends at £4,500, so £4,800 becomes band C (assistant director).
    const proposed = { name: 'Stricter', costBands: { bMaxWeeklyPence: 450_000 } };
    const whatIf = await call('POST', '/rules/what-if', { policy: proposed }, dcs);
    expect(whatIf.status).toBe(200);
    expect(WhatIfView.strict().parse(whatIf.body)).toBeTruthy();
    expect(whatIf.body.evaluated).toBe(1);
    expect(whatIf.body.changes).toEqual([
      expect.objectContaining({ id: before.body.id, changes: expect.arrayContaining(['cost band B -> C']) }),
    ]);

    const set = await call('PUT', '/rules/policy', { policy: proposed }, dcs);
    expect(set.status).toBe(200);
    expect(PolicySetView.strict().parse(set.body)).toBeTruthy();
    expect(set.body.hash).not.toBe(defaultHash);
    const after = await call('POST', '/requests', placement(child, { weeklyCostPence: 480_000 }), sw2);
    expect(after.body.outcome.costBand).toBe('C');
    expect(after.body.approver).toBe('AD');
    expect(after.body.outcome.policyHash).toBe(set.body.hash);
    const got = await call('GET', '/rules/policy', undefined, sw2);
    expect(got.body).toMatchObject({ hash: set.body.hash, isDefault: false });
    expect(PolicyView.strict().parse(got.body)).toBeTruthy();

    // Each stored outcome re-evaluates identically under its own pinned version and policy.
    for (const r of [before.body, after.body]) {
      const again = await call('POST', `/requests/${r.id}/re-evaluation`, undefined, dcs);
      expect(again.status).toBe(200);
      expect(ReEvaluationView.strict().parse(again.body)).toBeTruthy();
      expect(again.body).toMatchObject({ identical: true, policyHash: r.outcome.policyHash, ruleSetVersion: r.outcome.ruleSetVersion });
    }
  });
});

describe('following the journey after submission', () => {
  async function deliver<D extends EventDefinition>(def: D, payload: PayloadOf<D>, correlationId: string = randomUUID()) {
    const event = eventEnvelope(def, payload, { correlationId });
    await referralsInbox.add(event.type, event, { jobId: event.id });
    const job = await settledJob(referralsInbox, event.id);
    expect(job.returnvalue, job.failedReason).toBe('applied');
    return event;
  }

  async function submitted() {
    const childId = await newChild();
    const r = await call('POST', '/requests', placement(childId));
    expect(r.status).toBe(201);
    return r.body as { id: string; childId: string; correlationId: string };
  }

  it('keeps what a deferring panel asked for, and resubmits it to panels once provided', async () => {
    const req = await submitted();
    await deliver(CaseDeferredV1, {
      caseId: randomUUID(),
      requestId: req.id,
      informationRequested: ['Updated risk assessment', 'Education plan'],
      deferredBy: 'ad.test',
      deferredAt: new Date().toISOString(),
      returnBy: null,
    });
    const got = await call('GET', `/requests/${req.id}`);
    expect(got.body.status).toBe('DEFERRED');
    expect(got.body.informationRequested).toEqual(['Updated risk assessment', 'Education plan']);

    expect((await call('POST', `/requests/${req.id}/resubmission`, { itemsProvided: [] })).status).toBe(400);
    const r = await call('POST', `/requests/${req.id}/resubmission`, { itemsProvided: ['Updated risk assessment', 'Education plan'] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'SUBMITTED', informationRequested: null });
    const { rows } = await sql.query(
      `SELECT id::text, envelope FROM referrals.outbox_event WHERE type = 'request.resubmitted' AND envelope->'payload'->>'requestId' = $1`,
      [req.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].envelope.correlationId).toBe(req.correlationId);
    expect(rows[0].envelope.payload).toMatchObject({
      requestId: req.id,
      itemsProvided: ['Updated risk assessment', 'Education plan'],
      resubmittedBy: 'sw.test',
    });
    await eventually(
      async () => (await sql.query('SELECT published_at FROM referrals.outbox_event WHERE id = $1', [rows[0].id])).rows[0].published_at,
    );
    expect((await call('POST', `/requests/${req.id}/resubmission`, { itemsProvided: ['again'] })).status).toBe(409);
  });

  it('turns a re-approval request into a linked request routed by the rules again', async () => {
    const req = await submitted();
    const link: ReapprovalLink = {
      originalRequestId: req.id,
      searchId: randomUUID(),
      offerId: randomUUID(),
      placementId: null,
      reason: 'ABOVE_CEILING',
    };
    await deliver(
      ReapprovalRequestedV1,
      {
        link,
        childId: req.childId,
        childAge: 14,
        placementType: 'PRIVATE_CHILDRENS_HOME',
        provision: 'EXTERNAL',
        location: 'IN_AREA',
        weeklyCostPence: 1_050_000,
        previousWeeklyCostPence: null,
        requestedBy: 'com.test',
      },
      req.correlationId,
    );
    const list = await call('GET', `/requests?childId=${req.childId}`);
    const again = list.body.find((r: { id: string }) => r.id !== req.id);
    expect(again).toMatchObject({
      status: 'SUBMITTED',
      approver: 'DCS',
      weeklyCostPence: 1_050_000,
      reapproval: link,
      correlationId: req.correlationId,
      submittedBy: 'com.test',
    });
    const { rows } = await sql.query(`SELECT id::text FROM referrals.outbox_event WHERE envelope->'payload'->>'requestId' = $1`, [
      again.id,
    ]);
    const job = await eventually(() => panelsInbox.getJob(rows[0].id));
    expect(job.data.payload.reapproval).toEqual(link);
    const original = await call('GET', `/requests/${req.id}`);
    expect(original.body.history.at(-1).note).toMatch(new RegExp(`re-approval requested \\(ABOVE_CEILING\\): request ${again.id}`));
  });

  it('records a re-approval the law forbids as refused, and sends nothing', async () => {
    const req = await submitted();
    const before = await counts();
    const link: ReapprovalLink = {
      originalRequestId: req.id,
      searchId: randomUUID(),
      offerId: randomUUID(),
      placementId: null,
      reason: 'CHANGED_TYPE',
    };
    await deliver(ReapprovalRequestedV1, {
      link,
      childId: req.childId,
      childAge: 14,
      placementType: 'OTHER_ARRANGEMENTS_UNREGULATED',
      provision: 'EXTERNAL',
      location: 'IN_AREA',
      weeklyCostPence: 200_000,
      previousWeeklyCostPence: null,
      requestedBy: 'com.test',
    });
    const after = await counts();
    expect(after.requests).toBe(before.requests + 1);
    expect(after.outbox).toBe(before.outbox);
    const list = await call('GET', `/requests?childId=${req.childId}&status=REFUSED`);
    expect(list.body).toHaveLength(1);
    expect(list.body[0].outcome.blocks[0].regulation).toMatch(/27A/);
  });

  it('notes escalations and notices, and ends the request with its placement', async () => {
    const req = await submitted();
    await deliver(CaseEscalatedV1, {
      caseId: randomUUID(),
      requestId: req.id,
      kind: 'DECISION_OVERDUE',
      fromTier: 'HOS',
      toTier: 'AD',
      deadline: '2026-12-01T17:00:00.000Z',
      escalatedAt: new Date().toISOString(),
      notify: ['AD', 'HOS'],
    });
    const placementId = randomUUID();
    await deliver(PlacementStartedV1, {
      placementId,
      requestId: req.id,
      childId: req.childId,
      childAge: 14,
      providerId: randomUUID(),
      settingId: randomUUID(),
      placementType: 'PRIVATE_CHILDRENS_HOME',
      provision: 'EXTERNAL',
      weeklyCostPence: 600_000,
      startDate: '2026-12-01',
      plannedEndDate: null,
    });
    await deliver(PlacementNoticeGivenV1, {
      placementId,
      requestId: req.id,
      childId: req.childId,
      givenBy: 'PROVIDER',
      givenOn: '2027-01-04',
      endDate: '2027-02-01',
      replacementSearchId: randomUUID(),
    });
    await deliver(PlacementEndedV1, {
      placementId,
      requestId: req.id,
      childId: req.childId,
      endDate: '2027-02-01',
      reason: 'PROVIDER_NOTICE',
    });
    const got = await call('GET', `/requests/${req.id}`);
    expect(got.body.status).toBe('ENDED');
    expect(got.body.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['SUBMITTED', 'SUBMITTED', 'PLACED', 'PLACED', 'ENDED']);
    expect(got.body.history[1].note).toMatch(/decision overdue since 2026-12-01T17:00:00.000Z; now needs AD \(told AD, HOS\)/);
    expect(got.body.history[3].note).toMatch(
      /notice given by the provider on 2027-01-04: the placement ends 2027-02-01; a new search is open/,
    );
  });
});
