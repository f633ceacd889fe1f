import 'reflect-metadata';
import {
  COMMISSIONING_INBOX,
  DecisionRecordedV1,
  FINANCE_INBOX,
  REFERRALS_INBOX,
  type EventEnvelope,
  type PayloadOf,
} from '@placewise/contracts';
import { FailedJobView, QueueStatusView, loadEnv } from '@placewise/platform';
import {
  TEST_REDIS_URL,
  clearQueues,
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
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { AppModule } from '../src/app.module.js';
import { OffersRepository } from '../src/offers/offers.repository.js';
import { PlacementsRepository } from '../src/placements/placements.repository.js';
import { PrismaService } from '../src/prisma.service.js';
import { ProvidersRepository } from '../src/providers/providers.repository.js';
import { SearchesRepository } from '../src/searches/searches.repository.js';
import { CommissioningEnv } from '../src/env.js';
import {
  MatchesView,
  OfferCreatedView,
  OfferView,
  PlacementView,
  SearchDetailView,
  SearchSentView,
  SearchSummaryView,
} from '../src/searches/searches.views.js';
import { QUEUE_PREFIX } from './queue-prefix.js';

type Decision = EventEnvelope<PayloadOf<typeof DecisionRecordedV1>>;

const PREFIX = `${QUEUE_PREFIX}:${randomUUID().slice(0, 8)}`;
const REDIS = { url: TEST_REDIS_URL };
let app: INestApplication;
let base: string;
let issuer: TestIssuer;
let sql: pg.Client;
let inbox: Queue;
let financeInbox: Queue;
let referralsInbox: Queue;
let commissioner: string;
let otherCouncil: string;

const call = (method: string, path: string, body?: unknown, token = commissioner) => httpCall(base, { method, path, body, token });

async function counts() {
  const r =
    await sql.query(`SELECT (SELECT count(*) FROM commissioning.search)::int AS searches, (SELECT count(*) FROM commissioning.offer)::int AS offers,
    (SELECT count(*) FROM commissioning.setting)::int AS settings, (SELECT count(*) FROM commissioning.placement)::int AS placements,
    (SELECT count(*) FROM commissioning.outbox_event)::int AS outbox, (SELECT sum(vacancies) FROM commissioning.setting)::int AS vacancies,
    (SELECT count(*) FROM commissioning.offer WHERE status <> 'SUBMITTED')::int AS "decidedOffers", (SELECT count(*) FROM commissioning.search WHERE status <> 'OPEN')::int AS "closedSearches"`);
  return r.rows[0] as {
    searches: number;
    offers: number;
    settings: number;
    placements: number;
    outbox: number;
    vacancies: number;
    decidedOffers: number;
    closedSearches: number;
  };
}

function decisionRecorded(
  outcome: Decision['payload']['outcome'] = 'APPROVED_WITH_CONDITIONS',
  conditions: Decision['payload']['conditions'] = { maxWeeklyCostPence: 600_000, notes: [] },
): Decision {
  return eventEnvelope(DecisionRecordedV1, {
    decisionId: randomUUID(),
    caseId: randomUUID(),
    requestId: randomUUID(),
    childId: randomUUID(),
    childAge: 14,
    kind: 'PLACEMENT',
    legalStatus: 'CO_S31',
    placementType: 'PRIVATE_CHILDRENS_HOME',
    provision: 'EXTERNAL',
    location: 'IN_AREA',
    urgency: 'PLANNED',
    requestedWeeklyCostPence: 650_000,
    outcome,
    conditions,
    decidedBy: 'chair.test',
    decidedByTier: 'PANEL',
    decidedAt: new Date().toISOString(),
    reason: 'meets needs',
  });
}

async function searchesFor(requestId: string, token = commissioner): Promise<{ id: string; ceilingPence: number }[]> {
  return (await call('GET', `/searches?requestId=${requestId}`, undefined, token)).body;
}

/** Delivers an approval and returns the search it opened. */
async function openSearch() {
  const event = decisionRecorded();
  await inbox.add(event.type, event, { jobId: event.id });
  expect((await settledJob(inbox, event.id)).returnvalue).toBe('applied');
  const [s] = await searchesFor(event.payload.requestId);
  return { event, id: s!.id };
}

async function newProvider(sector: string, token = commissioner): Promise<string> {
  const r = await call('POST', '/providers', { name: `${sector} provider ${randomUUID().slice(0, 6)}`, sector }, token);
  expect(r.status).toBe(201);
  return r.body.id;
}

const setting = (over: Record<string, unknown> = {}) => ({
  name: 'Oak House',
  placementType: 'PRIVATE_CHILDRENS_HOME',
  ofstedUrn: 'SC123456',
  ofstedRating: 'GOOD',
  postcode: 'ne1 4st',
  ageMin: 10,
  ageMax: 17,
  capacity: 4,
  vacancies: 2,
  weeklyPricePence: 580_000,
  procurementRoute: 'FRAMEWORK_TIER_1',
  ...over,
});

async function newSetting(providerId: string, over: Record<string, unknown> = {}): Promise<string> {
  const r = await call('POST', `/providers/${providerId}/settings`, setting(over));
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

async function offer(searchId: string, settingId: string, weeklyFeePence: number) {
  const r = await call('POST', `/searches/${searchId}/offers`, { settingId, weeklyFeePence, startDate: '2026-12-01' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return OfferCreatedView.strict().parse(r.body);
}

beforeAll(async () => {
  issuer = await createTestIssuer();
  const env = loadEnv(CommissioningEnv, testEnv({ databaseUrl: inject('databaseUrl'), schema: 'commissioning', issuer, prefix: PREFIX }));
  ({ app, url: base } = await startTestApp(AppModule.forRoot(env)));
  sql = new pg.Client({ connectionString: inject('databaseUrl') });
  await sql.connect();
  inbox = new Queue(COMMISSIONING_INBOX.name, { connection: REDIS, prefix: PREFIX });
  financeInbox = new Queue(FINANCE_INBOX.name, { connection: REDIS, prefix: PREFIX });
  referralsInbox = new Queue(REFERRALS_INBOX.name, { connection: REDIS, prefix: PREFIX });
  commissioner = await issuer.token({ sub: 'comm.test', roles: ['commissioner'] });
  otherCouncil = await issuer.token({ sub: 'comm.south', roles: ['commissioner'], la: 'southvale' });
});

afterAll(async () => {
  await app?.close();
  await Promise.all([inbox?.close(), financeInbox?.close(), referralsInbox?.close()]);
  await sql?.end();
  await clearQueues(PREFIX, [COMMISSIONING_INBOX.name, FINANCE_INBOX.name, REFERRALS_INBOX.name]);
});

describe('providers and settings', () => {
  it('creates them for a commissioner, and refuses bad settings with the field', async () => {
    const providerId = await newProvider('PRIVATE');
    const ok = await call('POST', `/providers/${providerId}/settings`, setting());
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ providerId, postcode: 'NE1 4ST', vacancies: 2, localAuthority: 'northshire' });

    const before = await counts();
    const bad: [Record<string, unknown>, string][] = [
      [{ ageMin: 16, ageMax: 12 }, 'ageMax'],
      [{ capacity: 2, vacancies: 3 }, 'vacancies'],
      [{ postcode: 'not a postcode' }, 'postcode'],
      [{ weeklyPricePence: -1 }, 'weeklyPricePence'],
      [{ weeklyPricePence: 3_000_000_000 }, 'weeklyPricePence'], // more than the column holds: a 400, not a 500
      [{ procurementRoute: 'MATES_RATES' }, 'procurementRoute'],
      [{ localAuthority: 'southvale' }, '(body)'],
    ];
    for (const [over, field] of bad) {
      const r = await call('POST', `/providers/${providerId}/settings`, setting(over));
      expect(r.status, JSON.stringify(over)).toBe(400);
      expect(
        r.body.errors.map((e: { field: string }) => e.field),
        JSON.stringify(r.body),
      ).toContain(field);
    }
    expect((await call('POST', `/providers/${providerId}/settings`, setting(), otherCouncil)).status).toBe(404);
    const finance = await issuer.token({ roles: ['finance'] });
    expect((await call('POST', `/providers/${providerId}/settings`, setting(), finance)).status).toBe(403);
    expect((await call('POST', '/providers', { name: 'x', sector: 'PRIVATE' }, finance)).status).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

describe('decision.recorded', () => {
  it('opens one search, bounded by the approved ceiling, however often it is delivered', async () => {
    const event = decisionRecorded();
    const before = await counts();
    await inbox.add(event.type, event, { jobId: `${event.id}-a` });
    await inbox.add(event.type, event, { jobId: `${event.id}-b` });
    const jobs = await Promise.all([settledJob(inbox, `${event.id}-a`), settledJob(inbox, `${event.id}-b`)]);
    expect(jobs.map((j) => j.returnvalue).sort()).toEqual(['applied', 'duplicate']);
    expect((await counts()).searches).toBe(before.searches + 1);
    const found = await searchesFor(event.payload.requestId);
    expect(found).toEqual([expect.objectContaining({ ceilingPence: 600_000, status: 'OPEN', placementType: 'PRIVATE_CHILDRENS_HOME' })]);
  });

  it('opens none for a declined request', async () => {
    const event = decisionRecorded('DECLINED', { notes: [] });
    const before = await counts();
    await inbox.add(event.type, event, { jobId: event.id });
    expect((await settledJob(inbox, event.id)).returnvalue).toBe('applied');
    expect(await searchesFor(event.payload.requestId)).toEqual([]);
    expect(await counts()).toEqual(before);
  });
});

describe('a search', () => {
  it("lists the council's in-house vacancies that could meet it", async () => {
    const inHouse = await newProvider('IN_HOUSE');
    const laHome = await newSetting(inHouse, {
      name: 'Council home',
      placementType: 'LA_CHILDRENS_HOME',
      procurementRoute: 'IN_HOUSE',
      weeklyPricePence: 450_000,
    });
    const full = await newSetting(inHouse, {
      name: 'Full home',
      placementType: 'LA_CHILDRENS_HOME',
      procurementRoute: 'IN_HOUSE',
      vacancies: 0,
    });
    const tooYoung = await newSetting(inHouse, {
      name: 'Under-tens',
      placementType: 'LA_CHILDRENS_HOME',
      procurementRoute: 'IN_HOUSE',
      ageMin: 5,
      ageMax: 9,
    });
    const privateHome = await newSetting(await newProvider('PRIVATE'));
    const { id } = await openSearch();
    const r = await call('GET', `/searches/${id}`);
    expect(r.status).toBe(200);
    const ids = r.body.inHouseMatches.map((m: { settingId: string }) => m.settingId);
    expect(ids).toContain(laHome);
    expect(ids).not.toContain(full);
    expect(ids).not.toContain(tooYoung);
    expect(ids).not.toContain(privateHome);
    expect(r.body.inHouseMatches.find((m: { settingId: string }) => m.settingId === laHome)).toMatchObject({
      placementType: 'LA_CHILDRENS_HOME',
      vacancies: 2,
      weeklyPricePence: 450_000,
    });
  });

  it("is invisible to another council's commissioner", async () => {
    const { id, event } = await openSearch();
    expect((await call('GET', `/searches/${id}`, undefined, otherCouncil)).status).toBe(404);
    expect(await searchesFor(event.payload.requestId, otherCouncil)).toEqual([]);
    const theirs = await call('POST', `/providers/${await newProvider('PRIVATE', otherCouncil)}/settings`, setting(), otherCouncil);
    expect(theirs.status).toBe(201);
    expect(
      (
        await call(
          'POST',
          `/searches/${id}/offers`,
          { settingId: theirs.body.id, weeklyFeePence: 500_000, startDate: '2026-12-01' },
          otherCouncil,
        )
      ).status,
    ).toBe(404);
    // Nor may our search take an offer from their setting.
    expect(
      (await call('POST', `/searches/${id}/offers`, { settingId: theirs.body.id, weeklyFeePence: 500_000, startDate: '2026-12-01' }))
        .status,
    ).toBe(404);
  });
});

describe('offers and the award', () => {
  it('refuses a gate failure, then awards a good offer and starts the placement', async () => {
    const providerId = await newProvider('PRIVATE');
    const inadequate = await newSetting(providerId, { name: 'Elm House', ofstedRating: 'INADEQUATE', weeklyPricePence: 500_000 });
    const dear = await newSetting(providerId, { name: 'Ash House', weeklyPricePence: 700_000 });
    const good = await newSetting(providerId, { name: 'Birch House', weeklyPricePence: 590_000 });
    const { id: searchId, event } = await openSearch();

    const o1 = await offer(searchId, inadequate, 500_000);
    expect(o1.gates).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'ofsted-rating', passed: false })]));
    const o2 = await offer(searchId, dear, 700_000);
    expect(o2.gates.every((g) => g.passed)).toBe(true);
    expect(o2.withinCeiling).toBe(false);
    const o3 = await offer(searchId, good, 590_000);
    expect(o3.withinCeiling).toBe(true);
    expect(
      (await call('POST', `/searches/${searchId}/offers`, { settingId: good, weeklyFeePence: 1, startDate: '2026-12-01' })).status,
    ).toBe(409);
    for (const [body, field] of [
      [{ settingId: good, weeklyFeePence: 0, startDate: '2026-12-01' }, 'weeklyFeePence'],
      [{ settingId: good, weeklyFeePence: 3_000_000_000, startDate: '2026-12-01' }, 'weeklyFeePence'],
      [{ settingId: good, weeklyFeePence: 1, startDate: '1/12/2026' }, 'startDate'],
    ] as const) {
      const r = await call('POST', `/searches/${searchId}/offers`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const shown = await call('GET', `/searches/${searchId}`);
    expect(shown.body.offers.find((o: { id: string }) => o.id === o1.id).gates).toEqual(o1.gates);

    const before = await counts();
    const gateRefusal = await call('POST', `/offers/${o1.id}/award`, {});
    expect(gateRefusal.status).toBe(422);
    expect(gateRefusal.body.gates.map((g: { id: string }) => g.id)).toEqual(['ofsted-rating']);
    expect((await call('POST', `/offers/${o3.id}/award`, { plannedEndDate: '2026-11-01' })).status).toBe(422);
    expect((await call('POST', `/offers/${o3.id}/award`, { noticeWeeks: -1 })).status).toBe(400);
    expect((await call('POST', `/offers/${o3.id}/award`, {}, otherCouncil)).status).toBe(404);
    expect(await counts()).toEqual(before);

    // In-house first: the council's own home (from an earlier test) has a vacancy, so an external
    // offer cannot be awarded until the commissioner releases the search, saying why.
    expect((await call('GET', `/searches/${searchId}`)).body.stage).toBe('IN_HOUSE');
    expect((await call('POST', `/offers/${o3.id}/award`, {})).status).toBe(409);
    expect(await counts()).toEqual(before);
    const released = await call('POST', `/searches/${searchId}/release`, { reason: 'the in-house home cannot meet her needs' });
    expect(released.status).toBe(200);
    expect(SearchSentView.strict().parse(released.body).stage).not.toBe('IN_HOUSE');
    const afterRelease = await counts();
    const awarded = await call('POST', `/offers/${o3.id}/award`, { plannedEndDate: '2027-06-30' });
    expect(awarded.status).toBe(201);
    expect(awarded.body).toMatchObject({
      requestId: event.payload.requestId,
      settingId: good,
      providerId,
      provision: 'EXTERNAL',
      weeklyCostPence: 590_000,
      startDate: '2026-12-01',
      plannedEndDate: '2027-06-30',
      status: 'ACTIVE',
      correlationId: event.correlationId,
    });
    const after = await counts();
    expect(after).toMatchObject({
      placements: afterRelease.placements + 1,
      // placement.started, and offer.decided for each of the three offers (one accepted, two declined).
      outbox: afterRelease.outbox + 4,
      vacancies: afterRelease.vacancies - 1,
      decidedOffers: afterRelease.decidedOffers + 3,
      closedSearches: afterRelease.closedSearches + 1,
    });
    const { rows: vac } = await sql.query('SELECT vacancies FROM commissioning.setting WHERE id = $1', [good]);
    expect(vac[0].vacancies).toBe(1);
    const s = await call('GET', `/searches/${searchId}`);
    expect(s.body.status).toBe('AWARDED');
    // The OpenAPI document declares what is sent: real responses parse with its schemas, every field declared.
    const detail = SearchDetailView.strict().parse(s.body);
    expect(
      detail.offers.map(
        (o) =>
          OfferView.extend({ rank: z.number(), score: z.number(), distanceKm: z.number().nullable(), parts: z.array(z.unknown()) })
            .strict()
            .parse(o).id,
      ),
    ).toHaveLength(3);
    expect(detail.released?.reason).toBe('the in-house home cannot meet her needs');
    expect(PlacementView.strict().parse(awarded.body).id).toBe(awarded.body.id);
    expect(PlacementView.strict().parse((await call('GET', `/placements/${awarded.body.id}`)).body).weeklyCostPence).toBe(590_000);
    expect(
      z
        .array(PlacementView.strict())
        .parse((await call('GET', '/placements?status=ACTIVE')).body)
        .map((p) => p.id),
    ).toContain(awarded.body.id);
    expect(
      z
        .array(SearchSummaryView.strict())
        .parse((await call('GET', '/searches?status=AWARDED')).body)
        .map((x) => x.id),
    ).toContain(searchId);
    const matches = MatchesView.strict().parse((await call('GET', `/searches/${searchId}/matches?take=5`)).body);
    expect(matches.matches.length).toBeGreaterThan(0);
    expect(matches.matches.length).toBeLessThanOrEqual(5);
    expect(Object.fromEntries(s.body.offers.map((o: { id: string; status: string }) => [o.id, o.status]))).toEqual({
      [o1.id]: 'NOT_AWARDED',
      [o2.id]: 'NOT_AWARDED',
      [o3.id]: 'AWARDED',
    });

    const { rows } = await sql.query(`SELECT id::text FROM commissioning.outbox_event WHERE envelope->'payload'->>'placementId' = $1`, [
      awarded.body.id,
    ]);
    expect(rows).toHaveLength(1);
    for (const q of [financeInbox, referralsInbox]) {
      const job = await eventually(() => q.getJob(rows[0].id));
      const env = job.data as EventEnvelope<Record<string, unknown>>;
      expect(env).toMatchObject({
        type: 'placement.started',
        version: 2,
        producer: 'commissioning',
        localAuthority: 'northshire',
        correlationId: event.correlationId,
      });
      expect(env.payload).toEqual({
        placementId: awarded.body.id,
        requestId: event.payload.requestId,
        childId: event.payload.childId,
        childAge: 14,
        providerId,
        settingId: good,
        placementType: 'PRIVATE_CHILDRENS_HOME',
        provision: 'EXTERNAL',
        weeklyCostPence: 590_000,
        startDate: '2026-12-01',
        plannedEndDate: '2027-06-30',
        // The setting's Ofsted URN and postcode, for the looked-after record (903 URN, PL_POST).
        urn: 'SC123456',
        placePostcode: 'NE1 4ST',
      });
    }

    const again = await counts();
    expect((await call('POST', `/offers/${o3.id}/award`, {})).status).toBe(409);
    expect((await call('POST', `/offers/${o1.id}/award`, {})).status).toBe(409);
    expect(
      (await call('POST', `/searches/${searchId}/offers`, { settingId: inadequate, weeklyFeePence: 1, startDate: '2026-12-01' })).status,
    ).toBe(409);
    expect(await counts()).toEqual(again);
  });

  it('awards an in-house setting as IN_HOUSE provision', async () => {
    const home = await newSetting(await newProvider('IN_HOUSE'), {
      name: 'Council home',
      placementType: 'LA_CHILDRENS_HOME',
      procurementRoute: 'IN_HOUSE',
      vacancies: 1,
      weeklyPricePence: 450_000,
    });
    const { id } = await openSearch();
    const o = await offer(id, home, 450_000);
    const r = await call('POST', `/offers/${o.id}/award`, {});
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ provision: 'IN_HOUSE', placementType: 'LA_CHILDRENS_HOME', plannedEndDate: null });
    const { rows } = await sql.query('SELECT vacancies FROM commissioning.setting WHERE id = $1', [home]);
    expect(rows[0].vacancies).toBe(0);
  });
});

describe('the OpenAPI document', () => {
  it('declares the shape of every success answer of every route', async () => {
    const doc = (await httpCall(base, { method: 'GET', path: '/docs/openapi.json' })).body as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
    };
    const undescribed: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        const ok = Object.entries(op.responses ?? {}).filter(([code]) => code.startsWith('2'));
        if (ok.length === 0 || ok.some(([, r]) => !r.content?.['application/json']?.schema))
          undescribed.push(`${method.toUpperCase()} ${path}`);
      }
    // The platform's health and ops routes are described by the platform (and checked in the ops test below).
    expect(undescribed.filter((r) => !/ \/(health|ops)\//.test(r))).toEqual([]);
  });
});

describe('ops', () => {
  it('answers /ops/queue and its failed jobs in the shapes the OpenAPI document declares, for the ops role only', async () => {
    const ops = await issuer.token({ sub: 'ops.test', roles: ['ops'] });
    const r = await call('GET', '/ops/queue', undefined, ops);
    expect(r.status).toBe(200);
    const status = QueueStatusView.strict().parse(r.body);
    expect(status.queue).toContain('commissioning');
    expect(Object.keys(status.counts).sort()).toEqual(['active', 'completed', 'delayed', 'failed', 'waiting']);
    expect(status.outbox.pending).toBeGreaterThanOrEqual(0);
    const failed = await call('GET', '/ops/queue/failed?count=5', undefined, ops);
    expect(failed.status).toBe(200);
    expect(z.array(FailedJobView.strict()).parse(failed.body).length).toBeLessThanOrEqual(5);
    expect((await call('GET', '/ops/queue')).status).toBe(403);
  });
});

describe("another council's rows", () => {
  it('are changed by no write that names them, however it reaches the repository', async () => {
    const settingId = await newSetting(await newProvider('PRIVATE'));
    const { id: searchId } = await openSearch();
    const o = await offer(searchId, settingId, 550_000);
    const { rows: placed } = await sql.query<{ id: string }>(
      "SELECT id::text FROM commissioning.placement WHERE local_authority = 'northshire' LIMIT 1",
    );
    const placementId = placed[0]!.id;
    const snapshot = async () =>
      (
        await sql.query(
          `SELECT (SELECT row_to_json(s) FROM commissioning.search s WHERE id = $1) AS search,
                  (SELECT row_to_json(o) FROM commissioning.offer o WHERE id = $2) AS offer,
                  (SELECT row_to_json(x) FROM commissioning.setting x WHERE id = $3) AS setting,
                  (SELECT row_to_json(p) FROM commissioning.placement p WHERE id = $4) AS placement,
                  (SELECT json_agg(r) FROM commissioning.referral r WHERE search_id = $1) AS referrals`,
          [searchId, o.id, settingId, placementId],
        )
      ).rows[0] as unknown;
    const before = { rows: await snapshot(), counts: await counts() };
    const prisma = app.get(PrismaService, { strict: false });
    const inTx = <T>(f: (tx: Parameters<Parameters<typeof prisma.$transaction>[0]>[0]) => Promise<T>) => prisma.$transaction(f);
    const searches = app.get(SearchesRepository);
    const offers = app.get(OffersRepository);
    const providers = app.get(ProvidersRepository);
    const placements = app.get(PlacementsRepository);

    await expect(inTx((tx) => searches.update(tx, 'southvale', searchId, { status: 'CLOSED' }))).rejects.toThrow(`no search ${searchId}`);
    expect((await inTx((tx) => searches.closeReferrals(tx, 'southvale', searchId))).count).toBe(0);
    await expect(inTx((tx) => offers.update(tx, 'southvale', o.id, { status: 'WITHDRAWN' }))).rejects.toThrow(`no offer ${o.id}`);
    await expect(inTx((tx) => offers.award(tx, 'southvale', o.id, searchId))).rejects.toThrow(`no offer ${o.id}`);
    expect(await inTx((tx) => providers.takeVacancy(tx, 'southvale', settingId))).toBe(false);
    await inTx((tx) => providers.returnVacancy(tx, 'southvale', settingId));
    expect(
      await providers.updateSetting(
        'southvale',
        (await sql.query('SELECT provider_id FROM commissioning.setting WHERE id = $1', [settingId])).rows[0].provider_id,
        settingId,
        { vacancies: 0 },
      ),
    ).toBeNull();
    await expect(inTx((tx) => placements.update(tx, 'southvale', placementId, { status: 'ENDED' }))).rejects.toThrow(
      `no placement ${placementId}`,
    );

    expect({ rows: await snapshot(), counts: await counts() }).toEqual(before);
    // The same writes in the council that owns the rows do change them.
    expect(await inTx((tx) => providers.takeVacancy(tx, 'northshire', settingId))).toBe(true);
    await inTx((tx) => providers.returnVacancy(tx, 'northshire', settingId));
  });
});
