import 'reflect-metadata';
import {
  PlacementEndedV1,
  PlacementStartedV1,
  REFERRALS_INBOX,
  type EndReason,
  type EventDefinition,
  type PayloadOf,
  type PlacementType,
  type RequestKind,
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
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { ReferralsEnv } from '../src/env.js';
import {
  CarePlanView,
  DischargePlanningView,
  EdgeOfCareEntryView,
  EdgeOfCareView,
  ExitStepView,
  OversightView,
  ReunificationView,
  ReunificationsView,
  StepDoneView,
  TargetView,
} from '../src/exits/exits.views.js';
import type { z } from 'zod';
import { addMonths, dayInWords, londonToday } from '@placewise/contracts/dates';

/** Under the run's QUEUE_PREFIX (vitest.config.ts), so the global teardown removes every key this file makes. */
const PREFIX = `${process.env.QUEUE_PREFIX ?? 'test-referrals'}:exits-${randomUUID().slice(0, 8)}`;
const LA = `exits-${randomUUID().slice(0, 6)}`;
const today = londonToday();
let app: INestApplication;
let base: string;
let issuer: TestIssuer;
let inbox: Queue;
let sw: string;
let manager: string;

const call = (method: string, path: string, body?: unknown, token = sw) => httpCall(base, { method, path, body, token });

async function deliver<D extends EventDefinition>(def: D, payload: PayloadOf<D>) {
  const event = eventEnvelope(def, payload, { localAuthority: LA });
  await inbox.add(event.type, event, { jobId: event.id });
  const job = await settledJob(inbox, event.id);
  expect(job.returnvalue, job.failedReason).toBe('applied');
}

async function child(dob = '2011-05-05') {
  const r = await call('POST', '/children', { givenName: 'Exit', familyName: 'Test', dateOfBirth: dob });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

/** A request for the child, placed from `from` (and ended on `until` with `reason`, if given). */
async function placed(
  childId: string,
  o: { kind?: RequestKind; type?: PlacementType; weekly?: number; from: string; until?: string; reason?: EndReason },
) {
  const r = await call('POST', '/requests', {
    childId,
    kind: o.kind ?? 'PLACEMENT',
    legalStatus: o.kind === 'ENTRY_TO_CARE' ? 'S20' : 'CO_S31',
    placementType: o.type ?? 'PRIVATE_CHILDRENS_HOME',
    provision: 'EXTERNAL',
    weeklyCostPence: o.weekly ?? 610_000,
    location: 'IN_AREA',
    urgency: 'PLANNED',
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const placementId = randomUUID();
  await deliver(PlacementStartedV1, {
    placementId,
    requestId: r.body.id,
    childId,
    childAge: 15,
    providerId: randomUUID(),
    settingId: randomUUID(),
    placementType: o.type ?? 'PRIVATE_CHILDRENS_HOME',
    provision: 'EXTERNAL',
    weeklyCostPence: o.weekly ?? 610_000,
    startDate: o.from,
    plannedEndDate: null,
  });
  if (o.until)
    await deliver(PlacementEndedV1, {
      placementId,
      requestId: r.body.id,
      childId,
      endDate: o.until,
      reason: o.reason ?? 'EXIT_FROM_CARE',
    });
  return r.body.id as string;
}

beforeAll(async () => {
  issuer = await createTestIssuer();
  const env = loadEnv(ReferralsEnv, testEnv({ databaseUrl: inject('databaseUrl'), schema: 'referrals', issuer, prefix: PREFIX }));
  ({ app, url: base } = await startTestApp(AppModule.forRoot(env)));
  inbox = new Queue(REFERRALS_INBOX.name, { connection: { url: TEST_REDIS_URL }, prefix: PREFIX });
  sw = await issuer.token({ sub: 'sw.exits', roles: ['social-worker'], la: LA });
  manager = await issuer.token({ sub: 'hos.exits', roles: ['approver:HOS'], la: LA });
});

afterAll(async () => {
  await app?.close();
  await inbox?.close();
  await clearQueues(PREFIX, [REFERRALS_INBOX.name, 'panels-inbox']);
});

describe('care plan summaries', () => {
  it('keeps every move of the estimated exit date, and shows it slipping', async () => {
    const id = await child();
    await placed(id, { from: addMonths(today, -6) });
    expect((await call('PUT', `/children/${id}/care-plan`, { exitRoute: 'REUNIFICATION', reason: 'start' })).status).toBe(400);
    const set = await call('PUT', `/children/${id}/care-plan`, {
      permanencePlan: 'REUNIFICATION',
      exitRoute: 'REUNIFICATION',
      estimatedExitDate: '2027-01-31',
      reason: 'Initial plan at the LAC review',
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ estimatedExitDate: '2027-01-31', exitDateMoves: 0, slipping: false });
    await call('PUT', `/children/${id}/care-plan`, { estimatedExitDate: '2027-04-30', reason: 'Parenting assessment delayed' });
    const moved = await call('PUT', `/children/${id}/care-plan`, { estimatedExitDate: '2027-07-31', reason: 'Court hearing adjourned' });
    expect(moved.body).toMatchObject({ estimatedExitDate: '2027-07-31', exitDateMoves: 2, slipping: true });
    // What the OpenAPI document promises is what the service answers.
    expect(CarePlanView.strict().parse(moved.body)).toBeTruthy();
    expect(CarePlanView.strict().parse((await call('GET', `/children/${id}/care-plan`)).body)).toBeTruthy();
    expect(moved.body.changes.filter((c: { field: string }) => c.field === 'estimatedExitDate')).toEqual([
      expect.objectContaining({ from: null, to: '2027-01-31', reason: 'Initial plan at the LAC review', by: 'sw.exits' }),
      expect.objectContaining({ from: '2027-01-31', to: '2027-04-30', reason: 'Parenting assessment delayed' }),
      expect.objectContaining({ from: '2027-04-30', to: '2027-07-31', reason: 'Court hearing adjourned' }),
    ]);
    const o = await call('GET', '/oversight', undefined, manager);
    expect(OversightView.strict().parse(o.body)).toBeTruthy();
    expect(o.body.exitDatesMovedMoreThanOnce).toContain(id);
    expect(o.body.exitDatesSlipping).toContain(id);
    const other = await issuer.token({ roles: ['social-worker'], la: 'elsewhere' });
    expect((await call('GET', `/children/${id}/care-plan`, undefined, other)).status).toBe(404);
  });

  it('lists residential children without a step-down plan, and the pipeline with its weekly saving once planned', async () => {
    const id = await child();
    await placed(id, { from: addMonths(today, -3), weekly: 650_000 });
    await call('PUT', `/children/${id}/care-plan`, {
      permanencePlan: 'LONG_TERM_FOSTERING',
      exitRoute: 'STAYING_PUT_OR_LEAVING_CARE_AT_18',
      reason: 'plan',
    });
    expect((await call('GET', '/oversight', undefined, manager)).body.residentialWithoutStepDownPlan).toContain(id);
    const sd = await call('PUT', `/children/${id}/care-plan/step-down`, {
      to: 'IFA_FOSTER',
      readyFrom: today,
      weeklyCostPence: 110_000,
      reason: 'Settled; ready for a family',
    });
    expect(sd.body.stepDown).toEqual({ to: 'IFA_FOSTER', readyFrom: today, weeklyCostPence: 110_000 });
    expect(CarePlanView.strict().parse(sd.body)).toBeTruthy();
    const o = (await call('GET', '/oversight', undefined, manager)).body;
    expect(o.residentialWithoutStepDownPlan).not.toContain(id);
    expect(o.stepDownPipeline).toContainEqual(
      expect.objectContaining({ childId: id, stepDownTo: 'IFA_FOSTER', ready: true, weeklySavingPence: 540_000 }),
    );
    const noPlan = await child();
    await placed(noPlan, { from: addMonths(today, -1) });
    expect((await call('GET', '/oversight', undefined, manager)).body.childrenWithoutExitPlan).toContain(noPlan);
  });
});

describe('discharge planning', () => {
  it('tracks the cohort, its steps and the month against the target', async () => {
    const month = today.slice(0, 7);
    const target = await call('PUT', `/exits/targets/${month}`, { exits: 20 }, manager);
    expect(target.status).toBe(200);
    expect(TargetView.strict().parse(target.body)).toBeTruthy();
    expect((await call('PUT', '/exits/targets/2026-13', { exits: 20 }, manager)).status).toBe(400);
    expect((await call('PUT', `/exits/targets/${month}`, { exits: 20 })).status).toBe(403);
    const id = await child();
    await placed(id, { from: addMonths(today, -8) });
    await call('PUT', `/children/${id}/care-plan`, {
      permanencePlan: 'SPECIAL_GUARDIANSHIP',
      exitRoute: 'SPECIAL_GUARDIANSHIP_ORDER',
      estimatedExitDate: addMonths(today, 2),
      reason: 'SGO with grandmother',
    });
    const cohort = await call('PUT', `/children/${id}/care-plan/discharge-cohort`, {
      inCohort: true,
      reason: 'Identified at the discharge panel',
    });
    expect(CarePlanView.strict().parse(cohort.body)).toBeTruthy();
    const step = await call('POST', `/children/${id}/exit-steps`, {
      kind: 'SGO_APPLICATION',
      description: 'File the SGO application',
      owner: 'sw.exits',
      dueDate: addMonths(today, 1),
    });
    const late = await call('POST', `/children/${id}/exit-steps`, {
      kind: 'ASSESSMENT',
      description: 'Special guardian assessment',
      owner: 'sw.exits',
      dueDate: addMonths(today, -1),
    });
    expect(step.status).toBe(201);
    expect(ExitStepView.strict().parse(step.body)).toBeTruthy();
    const done = await call('POST', `/exit-steps/${late.body.id}/done`);
    expect(done.status).toBe(200);
    expect(StepDoneView.strict().parse(done.body)).toBeTruthy();
    expect((await call('POST', `/exit-steps/${late.body.id}/done`)).status).toBe(409);
    const exited = await child();
    await placed(exited, { from: addMonths(today, -10), until: today, reason: 'EXIT_FROM_CARE' });
    const plan = (await call('GET', `/exits/discharge-planning?month=${month}`)).body;
    expect(DischargePlanningView.strict().parse(plan)).toBeTruthy();
    expect(plan.target).toBe(20);
    expect(plan.exitsAchieved).toBeGreaterThanOrEqual(1);
    expect(plan.cohort).toContainEqual(
      expect.objectContaining({ childId: id, exitRoute: 'SPECIAL_GUARDIANSHIP_ORDER', stepsDone: 1, stepsOverdue: 0 }),
    );
  });
});

describe('reunification', () => {
  it('moves stage by stage to discharge, and counts a return to care within 12 months as a breakdown', async () => {
    const id = await child();
    await placed(id, { from: addMonths(today, -9), until: addMonths(today, -4), reason: 'EXIT_FROM_CARE' });
    const r = await call('POST', `/children/${id}/reunifications`, { withParentsUnderOrder: true });
    expect(r.body.stage).toBe('ASSESSMENT');
    expect(ReunificationView.strict().parse(r.body)).toBeTruthy();
    expect((await call('POST', `/reunifications/${r.body.id}/stages`, { stage: 'DISCHARGED', on: today })).status).toBe(409);
    // One reunification under way at a time for a child.
    const second = await call('POST', `/children/${id}/reunifications`, {});
    expect(second.status).toBe(409);
    expect(second.body.errors).toEqual([{ field: 'childId', reason: 'already has a reunification at the assessment stage' }]);
    const backwards = await call('POST', `/reunifications/${r.body.id}/stages`, { stage: 'PLAN', on: addMonths(today, -1) });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([{ field: 'on', reason: `is before the assessment stage began (${dayInWords(today)})` }]);
    await call('POST', `/reunifications/${r.body.id}/stages`, { stage: 'PLAN', on: today });
    await call('POST', `/reunifications/${r.body.id}/stages`, { stage: 'TRIAL_AT_HOME', on: today });
    const discharged = await call('POST', `/reunifications/${r.body.id}/stages`, {
      stage: 'DISCHARGED',
      on: today,
      note: 'Care order discharged by the court',
    });
    expect(discharged.body).toMatchObject({ stage: 'DISCHARGED', dischargedOn: today, breakdown: false });
    expect(ReunificationView.strict().parse(discharged.body)).toBeTruthy();
    expect(discharged.body.stages.map((s: { stage: string }) => s.stage)).toEqual(['ASSESSMENT', 'PLAN', 'TRIAL_AT_HOME', 'DISCHARGED']);
    let all = (await call('GET', '/exits/reunifications')).body;
    expect(all.breakdowns).toBe(0);
    expect(ReunificationsView.strict().parse(all)).toBeTruthy();
    expect(all.byStage.DISCHARGED).toBeGreaterThanOrEqual(1);

    // The child comes back into care three months later.
    await placed(id, { kind: 'ENTRY_TO_CARE', type: 'IFA_FOSTER', weekly: 95_000, from: addMonths(today, 3) });
    const after = (await call('GET', `/reunifications/${r.body.id}`)).body;
    expect(after).toMatchObject({ breakdown: true, returnedToCareOn: addMonths(today, 3) });
    expect(ReunificationView.strict().parse(after)).toBeTruthy();
    all = (await call('GET', '/exits/reunifications')).body;
    expect(all.breakdowns).toBe(1);
  });
});

type EdgeEntry = z.infer<typeof EdgeOfCareEntryView>;

describe('edge of care', () => {
  async function entryRequest(childId: string) {
    const r = await call('POST', '/requests', {
      childId,
      kind: 'ENTRY_TO_CARE',
      legalStatus: 'S20',
      placementType: 'IFA_FOSTER',
      provision: 'EXTERNAL',
      weeklyCostPence: 90_000,
      location: 'IN_AREA',
      urgency: 'PLANNED',
    });
    expect(r.status).toBe(201);
    return r.body.id as string;
  }
  const statuses = (e: { milestones: { months: number; status: string }[] }) => e.milestones.map((m) => `${m.months}:${m.status}`);
  const entryOf = (summary: { entries: EdgeEntry[] }, id: string) => summary.entries.find((e) => e.requestId === id)!;

  it('counts a diversion as kept out of care at 3, 6 and 12 months only once each has come, and only if the child stayed out', async () => {
    // Recorded today: nothing is known yet (it used to count as prevented on the day).
    const todayChild = await child('2015-02-02');
    const todayEntry = await entryRequest(todayChild);
    const recorded = await call('POST', `/requests/${todayEntry}/edge-of-care`, { alternative: 'FAMILY_GROUP_CONFERENCE' });
    expect(recorded.status).toBe(201);
    expect(EdgeOfCareEntryView.strict().parse(recorded.body)).toBeTruthy();
    expect(recorded.body.enteredCareOn).toBeNull();
    expect(statuses(recorded.body)).toEqual(['3:NOT_YET_KNOWN', '6:NOT_YET_KNOWN', '12:NOT_YET_KNOWN']);
    expect(recorded.body.milestones.map((m: { on: string }) => m.on)).toEqual([
      addMonths(today, 3),
      addMonths(today, 6),
      addMonths(today, 12),
    ]);
    const again = await call('POST', `/requests/${todayEntry}/edge-of-care`, { alternative: 'OTHER' });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('this request already has its diversion from care recorded');

    // A diversion is recorded once it has happened: next month is refused by the field, with today in words.
    const early = await entryRequest(await child('2014-01-01'));
    const nextMonth = await call('POST', `/requests/${early}/edge-of-care`, { alternative: 'OTHER', divertedOn: addMonths(today, 1) });
    expect(nextMonth.status).toBe(400);
    expect(nextMonth.body.errors).toEqual([{ field: 'divertedOn', reason: `is after today (${dayInWords(today)})` }]);

    // Diverted four months ago and still out: kept out at 3 months, 6 and 12 not yet known.
    const fourChild = await child('2013-03-03');
    const fourEntry = await entryRequest(fourChild);
    expect(
      (
        await call('POST', `/requests/${fourEntry}/edge-of-care`, {
          alternative: 'FAMILY_GROUP_CONFERENCE',
          divertedOn: addMonths(today, -4),
        })
      ).status,
    ).toBe(201);

    // Diverted fourteen months ago; entered care eight months after: kept out at 3 and 6 months, not at 12.
    const lateChild = await child('2012-04-04');
    const lateEntry = await entryRequest(lateChild);
    expect(
      (
        await call('POST', `/requests/${lateEntry}/edge-of-care`, {
          alternative: 'EDGE_OF_CARE_SUPPORT',
          divertedOn: addMonths(today, -14),
        })
      ).status,
    ).toBe(201);
    let summary = (await call('GET', '/exits/edge-of-care')).body;
    expect(statuses(entryOf(summary, lateEntry))).toEqual(['3:KEPT_OUT', '6:KEPT_OUT', '12:KEPT_OUT']);
    const entered = addMonths(addMonths(today, -14), 8);
    await placed(lateChild, { kind: 'ENTRY_TO_CARE', type: 'IFA_FOSTER', weekly: 95_000, from: entered });

    // A placement planned to start next month is not yet an entry to care.
    await placed(fourChild, { kind: 'ENTRY_TO_CARE', type: 'IFA_FOSTER', weekly: 95_000, from: addMonths(today, 1) });

    summary = (await call('GET', '/exits/edge-of-care')).body;
    expect(EdgeOfCareView.strict().parse(summary)).toBeTruthy();
    expect(summary.asOf).toBe(today);
    expect(entryOf(summary, lateEntry)).toMatchObject({ enteredCareOn: entered });
    expect(statuses(entryOf(summary, lateEntry))).toEqual(['3:KEPT_OUT', '6:KEPT_OUT', '12:ENTERED_CARE']);
    expect(entryOf(summary, fourEntry).enteredCareOn).toBeNull();
    expect(statuses(entryOf(summary, fourEntry))).toEqual(['3:KEPT_OUT', '6:NOT_YET_KNOWN', '12:NOT_YET_KNOWN']);
    expect(summary.diverted).toBe(3);
    expect(summary.milestones).toEqual([
      { months: 3, keptOut: 2, enteredCare: 0, notYetKnown: 1 },
      { months: 6, keptOut: 1, enteredCare: 0, notYetKnown: 2 },
      { months: 12, keptOut: 0, enteredCare: 1, notYetKnown: 2 },
    ]);
    expect(summary.byAlternative.FAMILY_GROUP_CONFERENCE).toEqual({
      diverted: 2,
      milestones: [
        { months: 3, keptOut: 1, enteredCare: 0, notYetKnown: 1 },
        { months: 6, keptOut: 0, enteredCare: 0, notYetKnown: 2 },
        { months: 12, keptOut: 0, enteredCare: 0, notYetKnown: 2 },
      ],
    });

    const notEntry = await placed(await child(), { from: today });
    const refused = await call('POST', `/requests/${notEntry}/edge-of-care`, { alternative: 'OTHER' });
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toEqual([{ field: 'requestId', reason: 'asks for placement (new or move), not entry to care' }]);
  });
});
