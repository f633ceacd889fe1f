import 'reflect-metadata';
import type { Role, RoutedOutcomeV2 } from '@placewise/contracts';
import { addCalendarDays, endOfLondonDay, londonToday } from '@placewise/contracts/dates';
import { clearQueues, createTestIssuer, settledJob, type TestIssuer } from '@placewise/platform/testing';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ClockIndicatorsView } from '../src/clocks/clocks.views.js';
import { TIMERS_QUEUE } from '../src/timers/timers.service.js';
import { INBOX, REDIS, client, requestSubmitted, startPanels, testPrefix } from './support/harness.js';

const LA = 'fellside';
const OTHER = 'dalesend';
const PREFIX = testPrefix('clock-indicators');
type Deadline = RoutedOutcomeV2['deadlines'][number];
let issuer: TestIssuer;
let sql: pg.Client;
let app: INestApplication | undefined;
let base = '';
const call = client(() => base);
const tokens: Record<string, string> = {};

const due = (day: string) => endOfLondonDay(day);
const review = (day: string): Deadline => ({
  id: 'deadline.first_review',
  ruleId: 'r.review',
  purpose: 'REVIEW',
  due: due(day),
  text: 'First review',
});
const visit = (day: string): Deadline => ({
  id: 'deadline.first_visit',
  ruleId: 'r.visit',
  purpose: 'VISIT',
  due: due(day),
  text: 'First visit',
});

/** request.submitted for a new child, as referrals sends it; the id of its one clock. */
async function clockFor(deadline: Deadline, la = LA): Promise<string> {
  const inbox = new Queue(INBOX, { connection: REDIS, prefix: PREFIX });
  const event = requestSubmitted(la, { panel: null, approver: 'HOS', deadlines: [deadline] });
  await inbox.add(event.type, event, { jobId: event.id });
  expect((await settledJob(inbox, event.id)).returnvalue).toBe('applied');
  await inbox.close();
  const rows = (await sql.query('SELECT id::text FROM panels.statutory_clock WHERE request_id = $1', [event.payload.requestId])).rows;
  expect(rows).toHaveLength(1);
  return rows[0].id as string;
}

async function done(clockId: string, doneOn: string, who = 'tm') {
  const r = await call('POST', `/clocks/${clockId}/complete`, tokens[who]!, { doneOn, note: 'Held with the child and carers' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

beforeAll(async () => {
  issuer = await createTestIssuer();
  sql = new pg.Client({ connectionString: inject('databaseUrl') });
  await sql.connect();
  const people: [string, Role[], string][] = [
    ['sw', ['social-worker'], LA],
    ['tm', ['approver:TM'], LA],
    ['hos', ['approver:HOS'], LA],
    ['perf', ['performance'], LA],
    ['otherHos', ['approver:HOS'], OTHER],
  ];
  for (const [sub, roles, la] of people) tokens[sub] = await issuer.token({ sub: `${sub}.${la}`, roles, la });
  const s = await startPanels({ databaseUrl: inject('databaseUrl'), issuer, prefix: PREFIX });
  app = s.app;
  base = s.url;
});

afterAll(async () => {
  await app?.close();
  await sql?.end();
  await clearQueues(PREFIX, [INBOX, TIMERS_QUEUE]);
});

describe('statutory clocks on time', () => {
  it('counts a hand-made cohort by kind and month, for the council only and the roles that oversee', async () => {
    // January 2025: a review held the day before it was due (on time), one held five days late, a
    // visit made on its day. February: a review never held (open and late). March: outside the range.
    await done(await clockFor(review('2025-01-10')), '2025-01-09');
    await done(await clockFor(review('2025-01-20')), '2025-01-25');
    await done(await clockFor(visit('2025-01-15')), '2025-01-15', 'sw');
    await clockFor(review('2025-02-05'));
    await clockFor(review('2025-03-03'));
    // Another council's late review is not Fellside's.
    await clockFor(review('2025-01-12'), OTHER);

    const r = await call('GET', '/clocks/indicators?from=2025-01-01&to=2025-02-28', tokens.hos!);
    expect(r.status).toBe(200);
    const v = ClockIndicatorsView.parse(r.body);
    expect(v.from).toBe('2025-01-01');
    expect(v.to).toBe('2025-02-28');
    // Each review held starts the next (3 months on: April and May), outside the range.
    expect(v.kinds.map((k) => [k.purpose, k.what])).toEqual([
      ['REVIEW', "Children's looked-after reviews"],
      ['VISIT', "Social workers' first visits in the placement"],
    ]);
    const [reviews, visits] = v.kinds;
    expect(reviews!.months).toEqual([
      { month: '2025-01', label: 'January 2025', due: 2, onTime: 1, doneLate: 1, openLate: 0, open: 0, cancelled: 0, onTimePercent: 50 },
      { month: '2025-02', label: 'February 2025', due: 1, onTime: 0, doneLate: 0, openLate: 1, open: 0, cancelled: 0, onTimePercent: 0 },
    ]);
    // 1 on time of 3: 33.3%.
    expect(reviews!.total).toEqual({ due: 3, onTime: 1, doneLate: 1, openLate: 1, open: 0, cancelled: 0, onTimePercent: 33.3 });
    expect(visits!.months.map((m) => [m.month, m.due, m.onTime, m.onTimePercent])).toEqual([
      ['2025-01', 1, 1, 100],
      ['2025-02', 0, 0, null],
    ]);

    // The performance team reads the same; a social worker may not; another council sees only its own.
    expect((await call('GET', '/clocks/indicators?from=2025-01-01&to=2025-02-28', tokens.perf!)).body).toEqual({
      ...r.body,
      asOf: expect.any(String),
    });
    expect((await call('GET', '/clocks/indicators', tokens.sw!)).status).toBe(403);
    const other = ClockIndicatorsView.parse((await call('GET', '/clocks/indicators?from=2025-01-01&to=2025-01-31', tokens.otherHos!)).body);
    expect(other.kinds[0]!.total).toMatchObject({ due: 1, openLate: 1, onTimePercent: 0 });
  });

  it('counts a clock not yet due as open, and refuses a bad range', async () => {
    const soon = addCalendarDays(londonToday(), 20);
    await clockFor(visit(soon));
    const v = ClockIndicatorsView.parse((await call('GET', `/clocks/indicators?from=${soon}&to=${soon}`, tokens.hos!)).body);
    expect(v.kinds.find((k) => k.purpose === 'VISIT')!.total).toMatchObject({ due: 1, open: 1, onTimePercent: null });

    const back = await call('GET', '/clocks/indicators?from=2025-03-01&to=2025-02-01', tokens.hos!);
    expect(back.status).toBe(400);
    expect(back.body.errors).toEqual([{ field: 'from', reason: 'must be on or before 2025-02-01' }]);
    const hostile = await call('GET', '/clocks/indicators?from=0000-01-01', tokens.hos!);
    expect(hostile.status).toBe(400);
    expect(hostile.body.errors[0].field).toBe('from');
    // The default: the twelve months to this one.
    const d = ClockIndicatorsView.parse((await call('GET', '/clocks/indicators', tokens.hos!)).body);
    expect(d.kinds[0]!.months).toHaveLength(12);
    expect(d.kinds[0]!.months.at(-1)!.month).toBe(londonToday().slice(0, 7));
  });
});
