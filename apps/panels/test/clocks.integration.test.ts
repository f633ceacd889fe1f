import 'reflect-metadata';
import type { Role, RoutedOutcomeV2 } from '@placewise/contracts';
import { addMonths, londonDayOf, londonToday, addCalendarDays } from '@placewise/contracts/dates';
import { clearQueues, createTestIssuer, eventually, settledJob, type TestIssuer } from '@placewise/platform/testing';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { evaluate } from '@placewise/rules';
import { OWNER, type ClockPurpose } from '../src/clocks/clock-rules.js';
import { CODE_PATTERNS } from '../src/words.js';
import { ClocksService, clockJobId } from '../src/clocks/clocks.service.js';
import { ClockDetailView, DueListView } from '../src/clocks/clocks.views.js';
import { TIMERS_QUEUE } from '../src/timers/timers.service.js';
import { INBOX, REDIS, client, inMs, requestSubmitted, startPanels, testPrefix, type SubmittedPayload } from './support/harness.js';

const LA = 'eastmoor';
const OTHER = 'westmoor';
const PREFIX = testPrefix('clocks');
let issuer: TestIssuer;
let sql: pg.Client;
let redis: Redis;
let apps: INestApplication[] = [];
let base = '';
const call = client(() => base);
const tokens: Record<string, string> = {};

type Deadline = RoutedOutcomeV2['deadlines'][number];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

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

/** Sends request.submitted to the panels inbox, as referrals would, and waits for it to be applied. */
async function submit(deadlines: Deadline[], payload: Partial<SubmittedPayload> = {}, outcome: Partial<RoutedOutcomeV2> = {}) {
  const inbox = new Queue(INBOX, { connection: REDIS, prefix: PREFIX });
  const event = requestSubmitted(LA, { panel: null, approver: 'HOS', deadlines, ...outcome }, payload);
  await inbox.add(event.type, event, { jobId: event.id });
  expect((await settledJob(inbox, event.id)).returnvalue).toBe('applied');
  await inbox.close();
  return event;
}

const clocksOf = async (requestId: string) =>
  (
    await sql.query(
      `SELECT id::text, purpose::text, deadline_id, series, sequence, owner_role, escalation_role, due_at, remind_at, escalate_at, status::text
       FROM panels.statutory_clock WHERE request_id = $1 ORDER BY due_at, deadline_id`,
      [requestId],
    )
  ).rows;
const reviewsOfChild = async (childId: string) =>
  (
    await sql.query(
      `SELECT id::text, request_id::text, sequence, due_at, status::text FROM panels.statutory_clock
       WHERE child_id = $1 AND series = 'REVIEW' ORDER BY sequence`,
      [childId],
    )
  ).rows;
const history = async (clockId: string) =>
  (await sql.query('SELECT kind::text, fired_by::text, actor FROM panels.clock_event WHERE clock_id = $1 ORDER BY at, kind', [clockId]))
    .rows;

/** The events a clock's timers wrote to panels' outbox (clock.reminded, clock.escalated), oldest first. */
const clockEvents = async (clockId: string) =>
  (
    await sql.query(
      `SELECT type, version, envelope->'payload' AS payload FROM panels.outbox_event
       WHERE type LIKE 'clock.%' AND envelope->'payload'->>'clockId' = $1 ORDER BY seq`,
      [clockId],
    )
  ).rows as { type: string; version: number; payload: Record<string, unknown> }[];

const dl = (id: string, purpose: Deadline['purpose'], due: string, text = `${id} text`): Deadline => ({
  id,
  ruleId: `r.${id}`,
  purpose,
  due,
  text,
});

beforeAll(async () => {
  issuer = await createTestIssuer();
  sql = new pg.Client({ connectionString: inject('databaseUrl') });
  await sql.connect();
  redis = new Redis(REDIS.url);
  const people: [string, Role[], string][] = [
    ['sw', ['social-worker'], LA],
    ['tm', ['approver:TM'], LA],
    ['sm', ['approver:SM'], LA],
    ['hos', ['approver:HOS'], LA],
    ['chair', ['panel-chair'], LA],
    ['member', ['panel-member'], LA],
    ['auditor', ['auditor'], LA],
    ['otherTm', ['approver:TM'], OTHER],
    ['otherSw', ['social-worker'], OTHER],
  ];
  for (const [sub, roles, la] of people) tokens[sub] = await issuer.token({ sub: `${sub}.${la}`, roles, la });
});

afterAll(async () => {
  await stopAll();
  await sql?.end();
  await clearQueues(PREFIX, [INBOX, TIMERS_QUEUE]);
  await flushPrefix();
  redis?.disconnect();
});

describe('statutory clocks from a submitted request', () => {
  it('makes a clock of each deadline but the decision, with its owner, and lists them by role, in the council only', async () => {
    await start(1, { TIMER_SWEEP_MS: '600000' });
    const child = randomUUID();
    const e = await submit(
      [
        dl('placement-approval', 'DECISION', inMs(2 * DAY)),
        dl('deadline.placement_plan', 'PLACEMENT_PLAN', inMs(5 * DAY), 'Placement plan agreed and signed by the carer or provider.'),
        dl('deadline.first_visit', 'VISIT', inMs(7 * DAY)),
        dl('deadline.first_review', 'REVIEW', inMs(28 * DAY)),
        dl('deadline.second_review', 'REVIEW', inMs(120 * DAY)),
        dl('deadline.third_review', 'REVIEW', inMs(300 * DAY)),
        dl('deadline.police_protection', 'LEGAL_AUTHORITY', inMs(3 * DAY)),
        dl('deadline.care_proceedings', 'COURT', inMs(180 * DAY)),
      ],
      { childId: child },
    );
    const rows = await clocksOf(e.payload.requestId);
    expect(rows.map((r) => [r.purpose, r.owner_role, r.escalation_role, r.series === 'REVIEW' ? 'child' : 'request', r.status])).toEqual([
      ['LEGAL_AUTHORITY', 'approver:SM', 'approver:HOS', 'request', 'ACTIVE'],
      ['PLACEMENT_PLAN', 'social-worker', 'approver:TM', 'request', 'ACTIVE'],
      ['VISIT', 'social-worker', 'approver:TM', 'request', 'ACTIVE'],
      ['REVIEW', 'approver:TM', 'approver:SM', 'child', 'ACTIVE'],
      ['COURT', 'approver:AD', 'approver:DCS', 'request', 'ACTIVE'],
    ]);
    // The child's review series starts with the first review; the later ones are not clocks of their own.
    expect((await reviewsOfChild(child)).map((r) => r.sequence)).toEqual([1]);
    // Each clock's timers are delayed jobs.
    const timers = new Queue(TIMERS_QUEUE, { connection: REDIS, prefix: PREFIX });
    const plan = rows.find((r) => r.purpose === 'PLACEMENT_PLAN')!;
    expect(await timers.getJob(clockJobId({ clockId: plan.id, kind: 'ESCALATED' }))).toBeTruthy();
    expect(await timers.getJob(clockJobId({ clockId: plan.id, kind: 'REMINDED' }))).toBeTruthy();
    await timers.close();

    // The social worker's list: the plan then the visit, soonest first, in words.
    const sw = await call('GET', '/clocks/due', tokens.sw!);
    expect(sw.status).toBe(200);
    const list = DueListView.parse(sw.body);
    const mine = list.clocks.filter((c) => c.requestId === e.payload.requestId);
    expect(mine.map((c) => c.purpose)).toEqual(['PLACEMENT_PLAN', 'VISIT']);
    expect(mine[0]).toMatchObject({
      what: 'Placement plan agreed and signed',
      text: 'Placement plan agreed and signed by the carer or provider.',
      owner: 'social-worker',
      ownerName: 'the social worker',
      escalatesToName: 'the team manager',
      state: 'UPCOMING',
      late: false,
      dueDate: londonDayOf(plan.due_at),
    });
    expect(mine[0]!.stateText).toMatch(/^Due \d{1,2} [A-Z][a-z]+ \d{4}$/);
    expect(list.rolesText).toBe('the social worker');
    const sorted = list.clocks.map((c) => c.dueAt);
    expect([...sorted].sort()).toEqual(sorted);
    // The team manager's: the child's first review; the service manager's: police protection.
    const tm = DueListView.parse((await call('GET', '/clocks/due', tokens.tm!)).body);
    expect(tm.clocks.filter((c) => c.childId === child).map((c) => [c.purpose, c.reviewNumber, c.what])).toEqual([
      ['REVIEW', 1, "Child's first looked-after review"],
    ]);
    const sm = DueListView.parse((await call('GET', '/clocks/due', tokens.sm!)).body);
    expect(sm.clocks.filter((c) => c.childId === child).map((c) => c.what)).toEqual(['Police protection ends (72 hours)']);
    // Within a window: the care proceedings clock (180 days) is left out of a 30-day list.
    const ad = await issuer.token({ sub: 'ad.e', roles: ['approver:AD'], la: LA });
    expect(DueListView.parse((await call('GET', '/clocks/due?within=30', ad)).body).clocks.filter((c) => c.childId === child)).toEqual([]);
    expect(
      DueListView.parse((await call('GET', '/clocks/due?within=200', ad)).body).clocks.filter((c) => c.childId === child),
    ).toHaveLength(1);

    // A manager may read another role's list; a social worker may not read a manager's.
    expect(DueListView.parse((await call('GET', '/clocks/due?role=social-worker', tokens.tm!)).body).roles).toEqual(['social-worker']);
    expect((await call('GET', '/clocks/due?role=approver:TM', tokens.sw!)).status).toBe(403);
    expect((await call('GET', '/clocks/due?role=nobody', tokens.tm!)).status).toBe(400);
    expect((await call('GET', '/clocks/due', tokens.member!)).status).toBe(403);

    // An auditor's list is every role's.
    const aud = DueListView.parse((await call('GET', '/clocks/due', tokens.auditor!)).body);
    expect(aud.clocks.filter((c) => c.childId === child)).toHaveLength(5);

    // A re-approval of the award (above the ceiling) is about the placement already approved: no new clocks.
    const reapproval = await submit([dl('deadline.placement_plan', 'PLACEMENT_PLAN', inMs(5 * DAY))], {
      childId: child,
      reapproval: {
        originalRequestId: e.payload.requestId,
        searchId: randomUUID(),
        offerId: randomUUID(),
        placementId: null,
        reason: 'ABOVE_CEILING',
      },
    });
    expect(await clocksOf(reapproval.payload.requestId)).toEqual([]);

    // The clock and its history.
    const got = await call('GET', `/clocks/${plan.id}`, tokens.auditor!);
    expect(got.status).toBe(200);
    const detail = ClockDetailView.parse(got.body);
    expect(detail.history.map((h) => [h.kind, h.by])).toEqual([['CREATED', 'sw.test']]);
    expect(detail.history[0]!.text).toMatch(/^Started: due \d{1,2} [A-Z][a-z]+ \d{4}, owned by the social worker$/);

    // Another council sees none of it: 404, and an empty list.
    expect((await call('GET', `/clocks/${plan.id}`, tokens.otherTm!)).status).toBe(404);
    expect((await call('POST', `/clocks/${plan.id}/complete`, tokens.otherSw!, { doneOn: londonToday(), note: 'signed' })).status).toBe(
      404,
    );
    const other = DueListView.parse((await call('GET', '/clocks/due', tokens.otherSw!)).body);
    expect(other.clocks.filter((c) => c.childId === child)).toEqual([]);
    expect((await clocksOf(e.payload.requestId)).find((r) => r.id === plan.id)!.status).toBe('ACTIVE');
    await stopAll();
  });

  it('records the thing done: refuses bad input and the wrong role, stops the clock, keeps the history', async () => {
    await start(1, { TIMER_SWEEP_MS: '400', CLOCK_REMINDER_LEAD_MS: '1000' });
    const e = await submit([
      // due far enough ahead that a loaded machine records it done before the reminder
      dl('deadline.first_visit', 'VISIT', inMs(8000)),
      dl('deadline.police_protection', 'LEGAL_AUTHORITY', inMs(5 * DAY)),
    ]);
    const [visit, police] = await clocksOf(e.payload.requestId);
    expect(visit.purpose).toBe('VISIT');

    const bad = await call('POST', `/clocks/${visit.id}/complete`, tokens.sw!, { doneOn: '2026-02-30', note: '', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((x: { field: string }) => x.field).sort()).toEqual(['(body)', 'doneOn', 'note'].sort());
    const future = await call('POST', `/clocks/${visit.id}/complete`, tokens.sw!, {
      doneOn: addCalendarDays(londonToday(), 1),
      note: 'visited',
    });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([{ field: 'doneOn', reason: expect.stringContaining('in the future') }]);
    expect(inWords(future.body.errors[0].reason)).toEqual([]);
    expect((await call('POST', `/clocks/${randomUUID()}/complete`, tokens.sw!, { doneOn: londonToday(), note: 'x' })).status).toBe(404);
    // Police protection is the service manager's: a social worker or team manager cannot close it.
    expect((await call('POST', `/clocks/${police.id}/complete`, tokens.sw!, { doneOn: londonToday(), note: 'x' })).status).toBe(403);
    expect((await call('POST', `/clocks/${police.id}/complete`, tokens.tm!, { doneOn: londonToday(), note: 'x' })).status).toBe(403);
    expect((await call('POST', `/clocks/${police.id}/complete`, tokens.auditor!, { doneOn: londonToday(), note: 'x' })).status).toBe(403);

    const done = await call('POST', `/clocks/${visit.id}/complete`, tokens.sw!, {
      doneOn: londonToday(),
      note: 'Visited the child at home',
    });
    expect(done.status).toBe(201);
    const v = ClockDetailView.parse(done.body);
    expect(v).toMatchObject({
      status: 'COMPLETED',
      state: 'COMPLETED',
      completedOn: londonToday(),
      completedBy: 'sw.eastmoor',
      next: null,
    });
    expect(v.history.map((h) => h.kind)).toEqual(['CREATED', 'COMPLETED']);
    expect(v.history[1]!.text).toMatch(/^Done on .*: Visited the child at home$/);
    // What a person reads of the clock is words: its state, what it is for, who owns it, each line of its history.
    for (const text of [v.stateText, v.what, v.ownerName, v.escalatesToName, ...v.history.map((h) => h.text)])
      expect(inWords(text), text).toEqual([]);
    // Twice: 409, and the first record stands.
    expect((await call('POST', `/clocks/${visit.id}/complete`, tokens.tm!, { doneOn: londonToday(), note: 'again' })).status).toBe(409);

    // Its reminder and escalation come and go (jobs and sweeps) and do nothing.
    await new Promise((r) => setTimeout(r, Math.max(0, visit.escalate_at.getTime() - Date.now()) + 1500));
    expect(await clockEvents(visit.id)).toEqual([]);
    expect((await history(visit.id)).map((h) => h.kind)).toEqual(['CREATED', 'COMPLETED']);
    const svc = apps[0]!.get(ClocksService);
    expect(await svc.fire({ clockId: visit.id, localAuthority: LA, kind: 'ESCALATED', fireAt: visit.escalate_at.getTime() }, 'JOB')).toBe(
      'closed',
    );
    expect(DueListView.parse((await call('GET', '/clocks/due', tokens.sw!)).body).clocks.map((c) => c.id)).not.toContain(visit.id);
    await stopAll();
  });
});

/** A code (UUID, enum code, user id, pence) or an ISO date in a text a person reads: what the clocks' words must never carry. */
function inWords(text: string): string[] {
  return [...CODE_PATTERNS, { what: 'an ISO date', re: /\b\d{4}-\d{2}-\d{2}\b/ }].filter(({ re }) => re.test(text)).map(({ what }) => what);
}

describe('clocks from the real rules', () => {
  it('gives every deadline the rule sets compute for an emergency entry to care its clock and owner', async () => {
    await start(1, { TIMER_SWEEP_MS: '600000' });
    const today = londonToday();
    const common = {
      kind: 'ENTRY_TO_CARE',
      childAge: 9,
      placementType: 'KINSHIP_FOSTER',
      provision: 'IN_HOUSE',
      weeklyCostPence: 30_000,
      location: 'IN_AREA',
      urgency: 'EMERGENCY',
      submittedAt: new Date().toISOString(),
      placedAt: today,
      connectedPersonTempApprovalWeeks: 16,
    } as const;
    const cases = [
      { ...common, legalStatus: 'PP_S46', protectionStartedAt: new Date(Date.now() - HOUR).toISOString() },
      { ...common, legalStatus: 'ICO_S38', proceedingsIssuedOn: today },
    ] as const;
    const seen = new Set<string>();
    const later = new Set(['deadline.second_review', 'deadline.third_review']);
    for (const facts of cases) {
      const o = await evaluate(facts);
      const deadlines = o.deadlines.map(({ id, ruleId, purpose, due, text }) => ({ id, ruleId, purpose, due, text }));
      const child = randomUUID();
      const e = await submit(
        deadlines,
        { childId: child, kind: 'ENTRY_TO_CARE', legalStatus: facts.legalStatus, placementType: 'KINSHIP_FOSTER', urgency: 'EMERGENCY' },
        { approver: o.approver, panel: null, retrospective: o.retrospective },
      );
      const rows = await clocksOf(e.payload.requestId);
      // One clock per deadline but the decision and the projected later reviews; each with its owner and exact due time.
      const expected = deadlines.filter((d) => d.purpose !== 'DECISION' && !later.has(d.id));
      expect(rows.map((r) => r.deadline_id).sort()).toEqual(expected.map((d) => d.id).sort());
      for (const d of expected) {
        const r = rows.find((x) => x.deadline_id === d.id)!;
        expect([d.id, r.owner_role, r.due_at.getTime()]).toEqual([d.id, OWNER[d.purpose as ClockPurpose], Date.parse(d.due)]);
        seen.add(d.purpose);
      }
      expect(rows.find((r) => r.deadline_id === 'deadline.first_review')!.series).toBe('REVIEW');
      expect(rows.find((r) => r.deadline_id === 'deadline.emergency_review')?.series).not.toBe('REVIEW');
      if (facts.legalStatus === 'PP_S46') {
        // Police protection is on the service manager's list, with its words.
        const sm = DueListView.parse((await call('GET', '/clocks/due', tokens.sm!)).body);
        expect(sm.clocks.filter((c) => c.childId === child).map((c) => c.what)).toContain('Police protection ends (72 hours)');
      }
    }
    expect([...seen].sort()).toEqual(
      expect.arrayContaining(['CARER_APPROVAL', 'COURT', 'LEGAL_AUTHORITY', 'PLACEMENT_PLAN', 'RATIFICATION', 'REVIEW', 'VISIT']),
    );
    await stopAll();
  });
});

describe('clock timers', () => {
  it('reminds before the deadline and escalates after it through the delayed jobs, each once', async () => {
    // The sweep is slow here: only the delayed jobs can fire in time.
    await start(1, {
      TIMER_SWEEP_MS: '600000',
      CLOCK_REMINDER_LEAD_MS: '{"PLACEMENT_PLAN": 1500, "*": 0}',
      CLOCK_ESCALATION_AFTER_MS: '500',
    });
    const e = await submit([dl('deadline.placement_plan', 'PLACEMENT_PLAN', inMs(3000))]);
    const [plan] = await clocksOf(e.payload.requestId);
    expect(plan.escalate_at.getTime() - plan.due_at.getTime()).toBe(500);
    expect(plan.due_at.getTime() - plan.remind_at.getTime()).toBe(1500);
    const rows = await eventually(async () => {
      const h = await history(plan.id);
      return h.some((x) => x.kind === 'ESCALATED') ? h : undefined;
    }, 15_000);
    expect(rows.map((r) => [r.kind, r.fired_by, r.actor])).toEqual([
      ['CREATED', null, 'sw.test'],
      ['REMINDED', 'JOB', 'panels'],
      ['ESCALATED', 'JOB', 'panels'],
    ]);
    const d = ClockDetailView.parse((await call('GET', `/clocks/${plan.id}`, tokens.auditor!)).body);
    expect(Date.parse(d.escalatedAt!)).toBeGreaterThanOrEqual(plan.escalate_at.getTime());
    expect(d).toMatchObject({ state: 'ESCALATED', late: true });
    expect(d.stateText).toMatch(/escalated to the team manager$/);
    expect(d.history[2]!.text).toMatch(/escalated from the social worker to the team manager$/);

    // Fired again (a redelivered job, the sweep, another replica): no second effect.
    const svc = apps[0]!.get(ClocksService);
    const again = await Promise.all([
      ...[1, 2, 3].map(() =>
        svc.fire({ clockId: plan.id, localAuthority: LA, kind: 'ESCALATED', fireAt: plan.escalate_at.getTime() }, 'SWEEP'),
      ),
      svc.fire({ clockId: plan.id, localAuthority: LA, kind: 'REMINDED', fireAt: plan.remind_at.getTime() }, 'SWEEP'),
    ]);
    expect(again.every((r) => r === 'duplicate' || r === 'stale')).toBe(true);
    expect((await svc.sweep()).fired).toBe(0);
    expect((await history(plan.id)).map((h) => h.kind)).toEqual(['CREATED', 'REMINDED', 'ESCALATED']);
    // Its owner and the next tier are told through notifications: one event each, with the roles and the due time.
    const events = await clockEvents(plan.id);
    expect(events.map((x) => `${x.type}@${x.version}`)).toEqual(['clock.reminded@1', 'clock.escalated@1']);
    expect(events[0]!.payload).toMatchObject({
      requestId: e.payload.requestId,
      childId: e.payload.childId,
      purpose: 'PLACEMENT_PLAN',
      reviewNumber: null,
      owner: 'social-worker',
      dueAt: plan.due_at.toISOString(),
    });
    expect(events[1]!.payload).toMatchObject({ purpose: 'PLACEMENT_PLAN', from: 'social-worker', to: 'approver:TM' });
    expect(JSON.stringify(events)).not.toMatch(/givenName|familyName|dateOfBirth/);
    // Late and escalated: on the team manager's list as well as the social worker's.
    const tm = DueListView.parse((await call('GET', '/clocks/due', tokens.tm!)).body);
    expect(tm.clocks.find((c) => c.id === plan.id)).toMatchObject({ state: 'ESCALATED', late: true });
    expect(tm.late).toBeGreaterThanOrEqual(1);
    // Now recorded as done (late): the escalation's manager may record it.
    const done = await call('POST', `/clocks/${plan.id}/complete`, tokens.tm!, { doneOn: londonToday(), note: 'Plan signed by the carer' });
    expect(done.status).toBe(201);
    expect(ClockDetailView.parse(done.body).history.map((h) => h.kind)).toEqual(['CREATED', 'REMINDED', 'ESCALATED', 'COMPLETED']);
    await stopAll();
  });

  it('reminds and escalates exactly once when Redis loses everything and the service restarts before the deadline', async () => {
    const env = { TIMER_SWEEP_MS: '400', CLOCK_REMINDER_LEAD_MS: '4000' };
    await start(1, env);
    const e = await submit([
      dl('deadline.first_visit', 'VISIT', inMs(14_000)),
      dl('deadline.police_protection', 'LEGAL_AUTHORITY', inMs(14_000)),
    ]);
    const clocks = await clocksOf(e.payload.requestId);
    expect(clocks).toHaveLength(2);
    await stopAll();
    // Redis loses every key of this deployment: queued events, delayed timers, the sweep's scheduler.
    expect(await flushPrefix()).toBeGreaterThan(0);
    const timers = new Queue(TIMERS_QUEUE, { connection: REDIS, prefix: PREFIX });
    expect(await timers.getJob(clockJobId({ clockId: clocks[0].id, kind: 'ESCALATED' }))).toBeUndefined();
    await timers.close();
    // Restarted (twice, and as two replicas) before the reminder.
    await start(1, env);
    await stopAll();
    await start(2, env);
    expect(Date.now()).toBeLessThan(clocks[0].remind_at.getTime());
    await eventually(async () => {
      for (const c of clocks) if (!(await history(c.id)).some((h) => h.kind === 'ESCALATED')) return false;
      return true;
    }, 25_000);
    // Several more sweeps on both replicas: still once each.
    await new Promise((r) => setTimeout(r, 2000));
    for (const c of clocks) {
      const h = await history(c.id);
      expect(h.map((x) => x.kind)).toEqual(['CREATED', 'REMINDED', 'ESCALATED']);
    }
    const { rows } = await sql.query(
      `SELECT count(*)::int AS n FROM panels.clock_event e JOIN panels.statutory_clock c ON c.id = e.clock_id
       WHERE c.request_id = $1 AND e.kind = 'ESCALATED' AND e.at >= c.escalate_at`,
      [e.payload.requestId],
    );
    expect(rows[0].n).toBe(2);
    // and each clock told its people once: one reminder event and one escalation event, to its own roles
    for (const c of clocks) {
      const events = await clockEvents(c.id);
      expect(events.map((x) => x.type)).toEqual(['clock.reminded', 'clock.escalated']);
      expect(events[1]!.payload).toMatchObject({ from: c.owner_role, to: c.escalation_role });
    }
    await stopAll();
  });
});

describe("the child's reviews", () => {
  it('are one series per child: a second request does not restart them; each review held starts the next', async () => {
    await start(1, { TIMER_SWEEP_MS: '600000' });
    const child = randomUUID();
    const firstDue = inMs(28 * DAY);
    const protectionEnds = inMs(2 * DAY);
    const first = await submit(
      [
        dl('deadline.first_review', 'REVIEW', firstDue),
        dl('deadline.second_review', 'REVIEW', inMs(120 * DAY)),
        dl('deadline.police_protection', 'LEGAL_AUTHORITY', protectionEnds),
      ],
      {
        childId: child,
      },
    );
    const [r1] = await reviewsOfChild(child);
    expect(r1).toMatchObject({ request_id: first.payload.requestId, sequence: 1 });
    expect(r1.due_at.getTime()).toBe(Date.parse(firstDue));

    // A move: a new request for the same child, whose rules count reviews from the new placement.
    const move = await submit(
      [
        dl('deadline.placement_plan', 'PLACEMENT_PLAN', inMs(5 * DAY)),
        dl('deadline.first_review', 'REVIEW', inMs(40 * DAY)),
        dl('deadline.police_protection', 'LEGAL_AUTHORITY', protectionEnds),
      ],
      { childId: child },
    );
    expect(await reviewsOfChild(child)).toEqual([r1]);
    // Its own placement plan; the police protection (the same, from the child's facts) stays one clock, the first request's.
    expect((await clocksOf(move.payload.requestId)).map((c) => c.purpose)).toEqual(['PLACEMENT_PLAN']);
    expect((await clocksOf(first.payload.requestId)).map((c) => c.purpose)).toEqual(['LEGAL_AUTHORITY', 'REVIEW']);

    // The first review is held: the second is due 3 months later.
    const heldOn = addCalendarDays(londonToday(), -2);
    const done = await call('POST', `/clocks/${r1.id}/complete`, tokens.tm!, { doneOn: heldOn, note: 'Review held, chaired by the IRO' });
    expect(done.status).toBe(201);
    const d = ClockDetailView.parse(done.body);
    expect(d.next).toMatchObject({ reviewNumber: 2, dueDate: addMonths(heldOn, 3), owner: 'approver:TM', state: 'UPCOMING' });
    expect(d.next!.what).toBe("Child's second looked-after review");
    expect(d.next!.text).toContain('no later than 3 months after the review held on');
    // Another request for the child still leaves the series alone.
    await submit([dl('deadline.first_review', 'REVIEW', inMs(20 * DAY))], { childId: child });
    const series = await reviewsOfChild(child);
    expect(series.map((r) => [r.sequence, r.status])).toEqual([
      [1, 'COMPLETED'],
      [2, 'ACTIVE'],
    ]);
    // The second review held: the third is due 6 months later.
    const third = ClockDetailView.parse(
      (await call('POST', `/clocks/${series[1].id}/complete`, tokens.tm!, { doneOn: londonToday(), note: 'Second review held' })).body,
    ).next!;
    expect(third).toMatchObject({ reviewNumber: 3, dueDate: addMonths(londonToday(), 6) });
    expect(ClockDetailView.parse((await call('GET', `/clocks/${r1.id}`, tokens.tm!)).body).next!.id).toBe(series[1].id);
    await stopAll();
  });
});

describe('decisions settle clocks', () => {
  it("an approval ratifies an emergency placement; a decline stops the request's clocks and releases the child's review series", async () => {
    await start(1, { TIMER_SWEEP_MS: '600000' });
    const emergency = await submit(
      [dl('deadline.retrospective_approval', 'RATIFICATION', inMs(10 * DAY))],
      {},
      { approver: 'SM', retrospective: true },
    );
    const [ratify] = await clocksOf(emergency.payload.requestId);
    expect(ratify).toMatchObject({ purpose: 'RATIFICATION', owner_role: 'panel-chair', escalation_role: 'approver:AD' });
    const caseId = (await sql.query('SELECT id::text FROM panels."case" WHERE request_id = $1', [emergency.payload.requestId])).rows[0].id;
    expect((await call('POST', `/cases/${caseId}/decision`, tokens.sm!, { outcome: 'APPROVED', reason: 'Right placement' })).status).toBe(
      201,
    );
    const r = ClockDetailView.parse((await call('GET', `/clocks/${ratify.id}`, tokens.chair!)).body);
    expect(r).toMatchObject({ status: 'COMPLETED', completedBy: 'sm.eastmoor', completedOn: londonToday() });

    const child = randomUUID();
    const declined = await submit(
      [
        dl('deadline.placement_plan', 'PLACEMENT_PLAN', inMs(5 * DAY)),
        dl('deadline.first_review', 'REVIEW', inMs(28 * DAY)),
        dl('deadline.care_proceedings', 'COURT', inMs(150 * DAY)),
      ],
      { childId: child },
    );
    const caseId2 = (await sql.query('SELECT id::text FROM panels."case" WHERE request_id = $1', [declined.payload.requestId])).rows[0].id;
    expect(
      (await call('POST', `/cases/${caseId2}/decision`, tokens.hos!, { outcome: 'DECLINED', reason: 'Needs can be met at home' })).status,
    ).toBe(201);
    // The placement's clocks stop; the care proceedings run on.
    expect((await clocksOf(declined.payload.requestId)).map((c) => [c.purpose, c.status])).toEqual([
      ['PLACEMENT_PLAN', 'CANCELLED'],
      ['REVIEW', 'CANCELLED'],
      ['COURT', 'ACTIVE'],
    ]);
    const plan = (await clocksOf(declined.payload.requestId))[0];
    const p = ClockDetailView.parse((await call('GET', `/clocks/${plan.id}`, tokens.sw!)).body);
    expect(p.history.map((h) => h.text).at(-1)).toBe('No longer needed: the request was declined');
    expect(DueListView.parse((await call('GET', '/clocks/due', tokens.sw!)).body).clocks.map((c) => c.id)).not.toContain(plan.id);
    // The child's first approved placement starts the series.
    const later = await submit([dl('deadline.first_review', 'REVIEW', inMs(30 * DAY))], { childId: child });
    expect((await reviewsOfChild(child)).map((x) => [x.request_id, x.sequence, x.status])).toEqual([
      [later.payload.requestId, 1, 'ACTIVE'],
    ]);
    await stopAll();
  });
});
