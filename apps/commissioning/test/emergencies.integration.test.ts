import 'reflect-metadata';
import { COMMISSIONING_INBOX, DecisionRecordedV1, RequestSubmittedV2, type EventEnvelope, type PayloadOf } from '@placewise/contracts';
import { addCalendarDays, londonToday } from '@placewise/contracts/dates';
import { loadEnv } from '@placewise/platform';
import {
  TEST_REDIS_URL,
  clearQueues,
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
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { CommissioningEnv } from '../src/env.js';
import { PlacementView } from '../src/searches/searches.views.js';
import { QUEUE_PREFIX } from './queue-prefix.js';

type Submitted = PayloadOf<typeof RequestSubmittedV2>;
type Decision = PayloadOf<typeof DecisionRecordedV1>;
type Res = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

const PREFIX = `${QUEUE_PREFIX}:emg-${randomUUID().slice(0, 8)}`;
let app: INestApplication;
let base: string;
let issuer: TestIssuer;
let sql: pg.Client;
let inbox: Queue;

const today = londonToday();
const placedAt = addCalendarDays(today, -3);

async function newCouncil() {
  const la = `la-${randomUUID().slice(0, 8)}`;
  const com = await issuer.token({ sub: `com.${la}`, roles: ['commissioner'], la });
  const call = (method: string, path: string, body?: unknown, token = com): Promise<Res> => httpCall(base, { method, path, body, token });
  return {
    la,
    call,
    async ok(method: string, path: string, body?: unknown, status?: number) {
      const r = await call(method, path, body);
      expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBe(status ?? (method === 'POST' ? 201 : 200));
      return r.body;
    },
  };
}

function submitted(la: string, over: Partial<Submitted> = {}): EventEnvelope<Submitted> {
  return eventEnvelope(
    RequestSubmittedV2,
    {
      requestId: randomUUID(),
      childId: randomUUID(),
      childAge: 14,
      kind: 'PLACEMENT',
      legalStatus: 'PP_S46',
      placementType: 'PRIVATE_CHILDRENS_HOME',
      provision: 'EXTERNAL',
      weeklyCostPence: 720_000,
      location: 'IN_AREA',
      urgency: 'EMERGENCY',
      placedAt,
      submittedAt: new Date().toISOString(),
      submittedBy: 'sw.amara',
      outcome: {
        ruleSetVersion: 'test',
        policyHash: 'hash',
        approver: 'HOS',
        panel: null,
        costBand: 'D',
        retrospective: true,
        gates: [],
        deadlines: [
          {
            id: 'deadline.ratification',
            ruleId: 'emergency.ratification',
            purpose: 'RATIFICATION',
            due: new Date(Date.now() + 3 * 86_400_000).toISOString(),
            text: 'Ratified at the next panel',
          },
        ],
        reasons: [{ ruleId: 'emergency', text: 'Placed in an emergency: approval is retrospective.' }],
      },
      ...over,
    },
    { localAuthority: la },
  );
}

function decided(s: EventEnvelope<Submitted>, outcome: Decision['outcome'], over: Partial<Decision> = {}): EventEnvelope<Decision> {
  const p = s.payload;
  return eventEnvelope(
    DecisionRecordedV1,
    {
      decisionId: randomUUID(),
      caseId: randomUUID(),
      requestId: p.requestId,
      childId: p.childId,
      childAge: p.childAge,
      kind: p.kind,
      legalStatus: p.legalStatus,
      placementType: p.placementType,
      provision: p.provision,
      location: p.location,
      urgency: p.urgency,
      requestedWeeklyCostPence: p.weeklyCostPence,
      outcome,
      conditions: { notes: [] },
      decidedBy: 'hos.test',
      decidedByTier: 'HOS',
      decidedAt: new Date().toISOString(),
      reason: 'decided',
      ...over,
    },
    { localAuthority: s.localAuthority, correlationId: s.correlationId },
  );
}

/** Delivers an event as its own job and returns what the inbox made of it ('applied' or 'duplicate'). */
async function apply(e: EventEnvelope, jobId = `${e.id}-${randomUUID().slice(0, 4)}`): Promise<string> {
  await inbox.add(e.type, e, { jobId });
  const job = await settledJob(inbox, jobId);
  expect(job.failedReason, job.failedReason).toBeUndefined();
  return job.returnvalue as string;
}

async function placementsFor(la: string, requestId: string) {
  const { rows } = await sql.query(
    `SELECT id FROM commissioning.placement WHERE local_authority = $1 AND request_id = $2 ORDER BY created_at`,
    [la, requestId],
  );
  return rows.map((r) => r.id as string);
}

async function events(la: string, type: string) {
  const { rows } = await sql.query(
    `SELECT envelope FROM commissioning.outbox_event WHERE local_authority = $1 AND type = $2 ORDER BY seq`,
    [la, type],
  );
  return rows.map((r) => r.envelope as EventEnvelope<Record<string, unknown>>);
}

/** A placement waiting for ratification, with a provider and a setting the council may use. */
async function emergency() {
  const c = await newCouncil();
  const providerId = (await c.ok('POST', '/providers', { name: 'Harbour Homes Ltd', sector: 'PRIVATE' })).id as string;
  const setting = await c.ok('POST', `/providers/${providerId}/settings`, {
    name: 'Harbour House',
    placementType: 'PRIVATE_CHILDRENS_HOME',
    ofstedUrn: 'SC555001',
    ofstedRating: 'GOOD',
    postcode: 'ST16 2LH',
    ageMin: 10,
    ageMax: 17,
    capacity: 3,
    vacancies: 2,
    weeklyPricePence: 700_000,
    procurementRoute: 'FRAMEWORK_TIER_1',
  });
  const s = submitted(c.la);
  expect(await apply(s)).toBe('applied');
  const [id] = await placementsFor(c.la, s.payload.requestId);
  return { c, s, id: id!, providerId, settingId: setting.id as string };
}

beforeAll(async () => {
  issuer = await createTestIssuer();
  const env = loadEnv(CommissioningEnv, testEnv({ databaseUrl: inject('databaseUrl'), schema: 'commissioning', issuer, prefix: PREFIX }));
  ({ app, url: base } = await startTestApp(AppModule.forRoot(env)));
  sql = new pg.Client({ connectionString: inject('databaseUrl') });
  await sql.connect();
  inbox = new Queue(COMMISSIONING_INBOX.name, { connection: { url: TEST_REDIS_URL }, prefix: PREFIX });
});

afterAll(async () => {
  await app?.close();
  await inbox?.close();
  await sql?.end();
  await clearQueues(PREFIX, [COMMISSIONING_INBOX.name]);
});

describe('emergency placements waiting for retrospective approval', () => {
  it('are placements from the day they start, awaiting ratification, once however often the request comes', async () => {
    const { c, s, id } = await emergency();
    const p = PlacementView.strict().parse(await c.ok('GET', `/placements/${id}`));
    expect(p).toMatchObject({
      origin: 'EMERGENCY',
      status: 'AWAITING_RATIFICATION',
      requestId: s.payload.requestId,
      searchId: null,
      offerId: null,
      settingId: null,
      setting: 'setting not recorded yet',
      providerId: null,
      placementType: 'PRIVATE_CHILDRENS_HOME',
      provision: 'EXTERNAL',
      weeklyCostPence: 720_000,
      startDate: placedAt,
    });
    const [started] = await events(c.la, 'placement.emergency-started');
    expect(started).toMatchObject({ causationId: s.id, correlationId: s.correlationId });
    expect(started!.payload).toEqual({
      placementId: id,
      requestId: s.payload.requestId,
      childId: s.payload.childId,
      childAge: 14,
      providerId: null,
      settingId: null,
      placementType: 'PRIVATE_CHILDRENS_HOME',
      provision: 'EXTERNAL',
      weeklyCostPence: 720_000,
      startDate: placedAt,
      awaitingRatification: true,
    });
    // Redelivered, and the same request again under a new event id: nothing more.
    expect(await apply(s)).toBe('duplicate');
    expect(await apply({ ...s, id: randomUUID() })).toBe('applied');
    expect(await placementsFor(c.la, s.payload.requestId)).toEqual([id]);
    expect(await events(c.la, 'placement.emergency-started')).toHaveLength(1);
    // Listed with the running placements (its review comes due), by its own status.
    expect((await c.ok('GET', '/placements?status=AWAITING_RATIFICATION')).map((x: { id: string }) => x.id)).toEqual([id]);
  });

  it('records nothing for a planned request, or an emergency not yet placed', async () => {
    const c = await newCouncil();
    const planned = submitted(c.la, { urgency: 'PLANNED', placedAt: null });
    const notPlaced = submitted(c.la, { placedAt: null });
    const noRatification = submitted(c.la);
    noRatification.payload.outcome.deadlines = [];
    for (const e of [planned, notPlaced, noRatification]) {
      expect(await apply(e)).toBe('applied');
      expect(await placementsFor(c.la, e.payload.requestId)).toEqual([]);
    }
  });

  it("lets the commissioner record the child's setting, taking a vacancy, and refuses what it cannot be", async () => {
    const { c, s, id, settingId, providerId } = await emergency();
    for (const [body, field] of [
      [{}, 'settingId'],
      [{ settingId: 'not-a-uuid' }, 'settingId'],
      [{ settingId, extra: true }, '(body)'],
    ] as const) {
      const r = await c.call('PUT', `/placements/${id}/setting`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await c.call('PUT', `/placements/${id}/setting`, { settingId: randomUUID() })).status).toBe(422);
    const other = await newCouncil();
    expect((await other.call('PUT', `/placements/${id}/setting`, { settingId })).status).toBe(404);

    const p = await c.ok('PUT', `/placements/${id}/setting`, { settingId });
    expect(p).toMatchObject({
      settingId,
      providerId,
      setting: 'Harbour House',
      provider: 'Harbour Homes Ltd',
      status: 'AWAITING_RATIFICATION',
    });
    const vacancies = async () =>
      (await sql.query('SELECT vacancies FROM commissioning.setting WHERE id = $1', [settingId])).rows[0].vacancies;
    expect(await vacancies()).toBe(1);
    await c.ok('PUT', `/placements/${id}/setting`, { settingId }); // the same again changes nothing
    expect(await vacancies()).toBe(1);
    // Finance and the child's record are told once, with the URN and postcode as the 903 return wants them.
    expect((await events(c.la, 'placement.setting-recorded')).map((e) => e.payload)).toEqual([
      {
        placementId: id,
        requestId: s.payload.requestId,
        childId: s.payload.childId,
        providerId,
        settingId,
        urn: 'SC555001',
        placePostcode: 'ST16 2LH',
        recordedOn: today,
      },
    ]);
  });

  it('writes nothing when the setting is refused', async () => {
    const { c, id } = await emergency();
    expect((await c.call('PUT', `/placements/${id}/setting`, { settingId: randomUUID() })).status).toBe(422);
    expect(await events(c.la, 'placement.setting-recorded')).toEqual([]);
  });

  it('carries on, active, when approved: no search is opened, and a redelivered decision does nothing more', async () => {
    const { c, s, id } = await emergency();
    const fundedTo = addCalendarDays(today, 60);
    const d = decided(s, 'APPROVED_WITH_CONDITIONS', { conditions: { maxWeeklyCostPence: 750_000, fundingEndDate: fundedTo, notes: [] } });
    expect(await apply(d)).toBe('applied');
    expect(await c.ok('GET', `/placements/${id}`)).toMatchObject({
      status: 'ACTIVE',
      approvedCeilingPence: 750_000,
      plannedEndDate: fundedTo,
      notice: null,
    });
    expect(await c.ok('GET', `/searches?requestId=${s.payload.requestId}`)).toEqual([]);
    const ratified = await events(c.la, 'placement.ratified');
    expect(ratified.map((e) => e.payload)).toEqual([
      {
        placementId: id,
        requestId: s.payload.requestId,
        childId: s.payload.childId,
        outcome: 'APPROVED',
        decidedOn: today,
        replacementSearchId: null,
        moveDate: null,
        plannedEndDate: fundedTo,
      },
    ]);
    expect(await apply(d)).toBe('duplicate');
    expect(await apply({ ...d, id: randomUUID() })).toBe('applied'); // the same decision again: the placement is no longer waiting
    expect(await events(c.la, 'placement.ratified')).toHaveLength(1);
    expect(await c.ok('GET', `/searches?requestId=${s.payload.requestId}`)).toEqual([]);
  });

  it('waits while the decision is deferred', async () => {
    const { c, s, id } = await emergency();
    expect(await apply(decided(s, 'DEFERRED'))).toBe('applied');
    expect((await c.ok('GET', `/placements/${id}`)).status).toBe('AWAITING_RATIFICATION');
    expect(await events(c.la, 'placement.ratified')).toEqual([]);
  });

  it('plans a move when declined with a move date: a replacement search due by then, and notice to that date', async () => {
    const { c, s, id } = await emergency();
    const moveDate = addCalendarDays(today, 14);
    expect(await apply(decided(s, 'DECLINED', { effectiveDate: moveDate }))).toBe('applied');
    const [search] = await c.ok('GET', `/searches?requestId=${s.payload.requestId}`);
    expect(search).toMatchObject({ replacesPlacementId: id, status: 'OPEN' });
    const p = await c.ok('GET', `/placements/${id}`);
    expect(p).toMatchObject({
      status: 'NOTICE_GIVEN',
      notice: { givenBy: 'COUNCIL', givenOn: today, endDate: moveDate, replacementSearchId: search.id },
    });
    expect((await events(c.la, 'placement.ratified')).map((e) => e.payload)).toEqual([
      expect.objectContaining({ outcome: 'DECLINED', replacementSearchId: search.id, moveDate }),
    ]);
    expect((await events(c.la, 'placement.notice-given')).map((e) => e.payload)).toEqual([
      expect.objectContaining({ placementId: id, givenBy: 'COUNCIL', endDate: moveDate, replacementSearchId: search.id }),
    ]);
  });

  it('without a move date, ends the emergency placement the day before its replacement starts', async () => {
    const { c, s, id, settingId } = await emergency();
    expect(await apply(decided(s, 'DECLINED'))).toBe('applied');
    const [search] = await c.ok('GET', `/searches?requestId=${s.payload.requestId}`);
    expect(await c.ok('GET', `/placements/${id}`)).toMatchObject({ status: 'ACTIVE', notice: null });
    expect((await events(c.la, 'placement.ratified'))[0]!.payload).toMatchObject({
      outcome: 'DECLINED',
      replacementSearchId: search.id,
      moveDate: null,
    });
    const start = addCalendarDays(today, 10);
    const offer = await c.ok('POST', `/searches/${search.id}/offers`, { settingId, weeklyFeePence: 690_000, startDate: start });
    const award = await c.call('POST', `/offers/${offer.id}/award`, {});
    expect(award.status, JSON.stringify(award.body)).toBe(201);
    expect(await c.ok('GET', `/placements/${id}`)).toMatchObject({
      status: 'ENDED',
      endDate: addCalendarDays(start, -1),
      endReason: 'MOVE',
    });
    expect((await events(c.la, 'placement.ended')).map((e) => [e.version, e.payload.placementId, e.payload.requestId])).toEqual([
      [1, id, s.payload.requestId],
    ]);
  });
});
