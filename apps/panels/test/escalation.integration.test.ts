import 'reflect-metadata';
import type { RoutedOutcomeV2 } from '@placewise/contracts';
import { clearQueues, createTestIssuer, eventually, settledJob, type TestIssuer } from '@placewise/platform/testing';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TIMERS_QUEUE, TimersService, escalationTarget, timerJobId } from '../src/timers/timers.service.js';
import { INBOX, REDIS, client, inMs, requestSubmitted, startPanels, testPrefix } from './support/harness.js';

const LA = 'westfield';
const PREFIX = testPrefix('esc');
let issuer: TestIssuer;
let sql: pg.Client;
let redis: Redis;
let apps: INestApplication[] = [];
let base = '';
const call = client(() => base);
let auditor = '';

async function start(n: number, env: Record<string, string>) {
  for (let i = 0; i < n; i++) {
    const s = await startPanels({ databaseUrl: inject('databaseUrl'), issuer, prefix: PREFIX, env });
    apps.push(s.app);
    base = s.url;
  }
}
async function stopAll() {
  for (const a of apps) await a.close();
  apps = [];
}

/** Deletes every key of this test's prefix (never anything else on the shared Redis). */
async function flushPrefix(): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}

async function openCase(outcome: Partial<RoutedOutcomeV2>) {
  const inbox = new Queue(INBOX, { connection: REDIS, prefix: PREFIX });
  const event = requestSubmitted(LA, { panel: null, approver: 'HOS', ...outcome });
  await inbox.add(event.type, event, { jobId: event.id });
  expect((await settledJob(inbox, event.id)).returnvalue).toBe('applied');
  await inbox.close();
  const { rows } = await sql.query('SELECT id::text, decision_due FROM panels."case" WHERE request_id = $1', [event.payload.requestId]);
  return { event, id: rows[0].id as string, due: rows[0].decision_due as Date };
}

const escalations = async (caseId: string) =>
  (
    await sql.query(
      'SELECT kind, deadline, from_tier, to_tier, fired_at, fired_by FROM panels.escalation WHERE case_id = $1 ORDER BY fired_at',
      [caseId],
    )
  ).rows;
const escalatedEvents = async (caseId: string) =>
  (
    await sql.query(
      `SELECT envelope->'payload' AS p FROM panels.outbox_event WHERE type = 'case.escalated' AND envelope->'payload'->>'caseId' = $1 ORDER BY seq`,
      [caseId],
    )
  ).rows.map((r) => r.p);

beforeAll(async () => {
  issuer = await createTestIssuer();
  sql = new pg.Client({ connectionString: inject('databaseUrl') });
  await sql.connect();
  redis = new Redis(REDIS.url);
  auditor = await issuer.token({ sub: 'auditor.w', roles: ['auditor'], la: LA });
});

afterAll(async () => {
  await stopAll();
  await sql?.end();
  await clearQueues(PREFIX, [INBOX, TIMERS_QUEUE]);
  await flushPrefix();
  redis?.disconnect();
});

describe('escalation targets', () => {
  it('goes up one tier; a late retrospective approval goes to the assistant director', () => {
    expect(escalationTarget('DECISION_OVERDUE', 'HOS')).toBe('AD');
    expect(escalationTarget('DECISION_OVERDUE', 'DCS')).toBe('DCS');
    expect(escalationTarget('RETROSPECTIVE_OVERDUE', 'SM')).toBe('AD');
    expect(escalationTarget('RETROSPECTIVE_OVERDUE', 'AD')).toBe('DCS');
    expect(escalationTarget('REMINDER', 'HOS')).toBe('HOS');
  });
});

describe('deadlines', () => {
  it('escalates an overdue case at its deadline through its delayed job, to the next tier, once', async () => {
    // The sweep is slow here: only the delayed job can fire in time.
    await start(1, { TIMER_SWEEP_MS: '600000', REMINDER_LEAD_MS: '1500', ESCALATION_GRACE_MS: '3600000' });
    const c = await openCase({
      deadlines: [
        { id: 'placement-approval', ruleId: 'r.approval', purpose: 'DECISION', due: inMs(3000), text: 'decide within 5 working days' },
      ],
    });
    const timers = new Queue(TIMERS_QUEUE, { connection: REDIS, prefix: PREFIX });
    expect(await timers.getJob(timerJobId({ caseId: c.id, kind: 'DECISION_OVERDUE', deadline: c.due.getTime() }))).toBeTruthy();
    await timers.close();
    const rows = await eventually(async () => {
      const r = await escalations(c.id);
      return r.some((x) => x.kind === 'DECISION_OVERDUE') ? r : undefined;
    }, 15_000);
    expect(rows.map((r) => [r.kind, r.from_tier, r.to_tier, r.fired_by])).toEqual([
      ['REMINDER', 'HOS', 'HOS', 'JOB'],
      ['DECISION_OVERDUE', 'HOS', 'AD', 'JOB'],
    ]);
    expect(rows[1].fired_at.getTime()).toBeGreaterThanOrEqual(c.due.getTime());
    const kase = (await call('GET', `/cases/${c.id}`, auditor)).body;
    expect(kase.approver).toBe('AD');
    expect(Date.parse(kase.decisionDue)).toBeGreaterThan(Date.now() + 3_000_000);
    expect(kase.audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['case.reminded', 'case.escalated']));
    const events = await escalatedEvents(c.id);
    expect(events.map((e) => e.kind)).toEqual(['REMINDER', 'DECISION_OVERDUE']);
    expect(events[1]).toMatchObject({ fromTier: 'HOS', toTier: 'AD', deadline: c.due.toISOString(), notify: ['AD', 'HOS'] });

    // Fired again (a redelivered job, the sweep, another replica): no second effect.
    const svc = apps[0]!.get(TimersService);
    const again = await Promise.all(
      [1, 2, 3].map(() =>
        svc.fire(
          { caseId: c.id, localAuthority: LA, kind: 'DECISION_OVERDUE', deadline: c.due.getTime(), fireAt: c.due.getTime() },
          'SWEEP',
        ),
      ),
    );
    expect(again.every((r) => r === 'stale' || r === 'duplicate')).toBe(true);
    expect(await escalations(c.id)).toHaveLength(2);
    await stopAll();
  });

  it('escalates exactly once when Redis loses everything and the service restarts before the deadline', async () => {
    await start(1, { TIMER_SWEEP_MS: '400', REMINDER_LEAD_MS: '0' });
    const c = await openCase({
      deadlines: [
        { id: 'placement-approval', ruleId: 'r.approval', purpose: 'DECISION', due: inMs(12_000), text: 'decide within 5 working days' },
      ],
    });
    const retro = await openCase({
      approver: 'SM',
      retrospective: true,
      deadlines: [
        {
          id: 'deadline.retrospective_approval',
          ruleId: 'r.retro',
          purpose: 'RATIFICATION',
          due: inMs(12_000),
          text: 'ratify within 10 working days',
        },
      ],
    });
    await stopAll();
    // Redis loses every key of this deployment: queued events, delayed timers, the sweep's scheduler.
    expect(await flushPrefix()).toBeGreaterThan(0);
    const timers = new Queue(TIMERS_QUEUE, { connection: REDIS, prefix: PREFIX });
    expect(await timers.getJob(timerJobId({ caseId: c.id, kind: 'DECISION_OVERDUE', deadline: c.due.getTime() }))).toBeUndefined();
    await timers.close();
    // Restarted (twice, and as two replicas) before the deadline (12 s ahead: three starts fit in it on a loaded machine).
    await start(1, { TIMER_SWEEP_MS: '400', REMINDER_LEAD_MS: '0' });
    await stopAll();
    await start(2, { TIMER_SWEEP_MS: '400', REMINDER_LEAD_MS: '0' });
    expect(Date.now()).toBeLessThan(c.due.getTime());
    expect(await escalations(c.id)).toEqual([]);

    await eventually(async () => (await escalations(c.id)).length > 0 && (await escalations(retro.id)).length > 0, 15_000);
    // Several more sweeps on both replicas: still once.
    await new Promise((r) => setTimeout(r, 2000));
    const rows = await escalations(c.id);
    expect(rows.map((r) => [r.kind, r.from_tier, r.to_tier])).toEqual([['DECISION_OVERDUE', 'HOS', 'AD']]);
    expect(rows[0].deadline.getTime()).toBe(c.due.getTime());
    expect(rows[0].fired_at.getTime()).toBeGreaterThanOrEqual(c.due.getTime());
    expect((await escalatedEvents(c.id)).map((e) => e.kind)).toEqual(['DECISION_OVERDUE']);
    // The late retrospective approval went to the assistant director.
    expect((await escalations(retro.id)).map((r) => [r.kind, r.from_tier, r.to_tier])).toEqual([['RETROSPECTIVE_OVERDUE', 'SM', 'AD']]);
    expect((await call('GET', `/cases/${retro.id}`, auditor)).body.approver).toBe('AD');
    await stopAll();
  });

  it('does not escalate a case decided before its deadline', async () => {
    await start(1, { TIMER_SWEEP_MS: '400', REMINDER_LEAD_MS: '0' });
    const c = await openCase({
      deadlines: [{ id: 'placement-approval', ruleId: 'r.approval', purpose: 'DECISION', due: inMs(1500), text: 'decide' }],
    });
    const hos = await issuer.token({ sub: 'hos.w', roles: ['approver:HOS'], la: LA });
    expect((await call('POST', `/cases/${c.id}/decision`, hos, { outcome: 'APPROVED', reason: 'in time' })).status).toBe(201);
    await new Promise((r) => setTimeout(r, 2500));
    expect(await escalations(c.id)).toEqual([]);
    await stopAll();
  });
});
