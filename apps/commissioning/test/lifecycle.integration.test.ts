import 'reflect-metadata';
import { COMMISSIONING_INBOX, DecisionRecordedV1, type EventEnvelope, type PayloadOf } from '@placewise/contracts';
import { loadEnv } from '@placewise/platform';
import {
  TEST_REDIS_URL,
  clearQueues,
  createTestIssuer,
  eventEnvelope,
  settledJob,
  startTestApp,
  testEnv,
  type EnvelopeOrigin,
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
import { addCalendarDays, addMonths, addWorkingDays, londonDayOf, londonToday } from '@placewise/contracts/dates';
import { z } from 'zod';
import { CouncilView } from '../src/council/council.views.js';
import { ProviderView, ProviderWithSettingsView } from '../src/providers/providers.views.js';
import { SufficiencyView } from '../src/sufficiency/sufficiency.views.js';
import {
  ExemptionView,
  HeldForReapprovalView,
  NoticeGivenView,
  OfferChangedView,
  OfferListItemView,
  PlacementView,
  PriceChangeResultView,
  ProviderOfferCreatedView,
  ReferralDeclinedView,
  ReferralDetailView,
  ReferralView,
  SearchDetailView,
  SearchSentView,
} from '../src/searches/searches.views.js';
import { QUEUE_PREFIX } from './queue-prefix.js';

// Each scenario runs in a council of its own, so one scenario's vacancies never change another's search.
type Decision = EventEnvelope<PayloadOf<typeof DecisionRecordedV1>>;
type Res = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

const PREFIX = `${QUEUE_PREFIX}:life-${randomUUID().slice(0, 8)}`;
let app: INestApplication;
let base: string;
let issuer: TestIssuer;
let sql: pg.Client;
let inbox: Queue;

const call = (token: string, method: string, path: string, body?: unknown): Promise<Res> => httpCall(base, { method, path, body, token });

const STAFFORD = { lat: 52.8066, lng: -2.1163 };

async function newCouncil(opts: { area?: string; neighbours?: string[]; region?: string | null } = {}) {
  const la = `la-${randomUUID().slice(0, 8)}`;
  const com = await issuer.token({ sub: `com.${la}`, roles: ['commissioner'], la });
  const c = {
    la,
    com,
    hos: await issuer.token({ sub: `hos.${la}`, roles: ['approver:HOS'], la }),
    provider: (providerId: string, inLa = la) =>
      issuer.token({ sub: `staff.${providerId.slice(0, 6)}`, roles: ['provider'], la: inLa, provider: providerId }),
    call: (method: string, path: string, body?: unknown, token = com) => call(token, method, path, body),
    async ok(method: string, path: string, body?: unknown, token = com, status?: number) {
      const r = await call(token, method, path, body);
      expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBe(status ?? (method === 'POST' ? 201 : 200));
      return r.body;
    },
    async provider_(name: string, sector = 'PRIVATE', region?: string) {
      return (await c.ok('POST', '/providers', { name, sector, ...(region ? { region } : {}) })).id as string;
    },
    async setting(providerId: string, over: Record<string, unknown> = {}) {
      return (await c.ok('POST', `/providers/${providerId}/settings`, { ...SETTING, ...over })).id as string;
    },
    async decide(over: Partial<Decision['payload']> = {}, origin: EnvelopeOrigin = {}) {
      const e = decision(la, over, origin);
      await inbox.add(e.type, e, { jobId: e.id });
      const job = await settledJob(inbox, e.id);
      expect(job.returnvalue, job.failedReason).toBe('applied');
      return e;
    },
    async searchFor(requestId: string) {
      const [s] = await c.ok('GET', `/searches?requestId=${requestId}`);
      return (await c.ok('GET', `/searches/${s.id}`)) as Res['body'];
    },
  };
  if (opts.area)
    CouncilView.strict().parse(
      await c.ok('PUT', '/council', { area: opts.area, neighbours: opts.neighbours ?? [], region: opts.region ?? null }, com, 200),
    );
  return c;
}

const SETTING = {
  name: 'Oak House',
  placementType: 'PRIVATE_CHILDRENS_HOME',
  ofstedUrn: 'SC123456',
  ofstedRating: 'GOOD',
  postcode: 'ST16 2LH',
  latitude: STAFFORD.lat,
  longitude: STAFFORD.lng,
  area: 'Northshire',
  ageMin: 10,
  ageMax: 17,
  capacity: 4,
  vacancies: 2,
  weeklyPricePence: 580_000,
  procurementRoute: 'FRAMEWORK_TIER_1',
};

function decision(la: string, over: Partial<Decision['payload']> = {}, origin: EnvelopeOrigin = {}): Decision {
  return eventEnvelope(
    DecisionRecordedV1,
    {
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
      outcome: 'APPROVED_WITH_CONDITIONS',
      conditions: { maxWeeklyCostPence: 600_000, notes: [] },
      decidedBy: 'chair.test',
      decidedByTier: 'PANEL',
      decidedAt: new Date().toISOString(),
      reason: 'meets needs',
      ...over,
    },
    { localAuthority: la, ...origin },
  );
}

async function events(la: string, type: string) {
  const { rows } = await sql.query(
    `SELECT envelope FROM commissioning.outbox_event WHERE local_authority = $1 AND type = $2 ORDER BY seq`,
    [la, type],
  );
  return rows.map((r) => r.envelope as EventEnvelope<Record<string, any>>); // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function vacancies(settingId: string): Promise<number> {
  return (await sql.query('SELECT vacancies FROM commissioning.setting WHERE id = $1', [settingId])).rows[0].vacancies;
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

describe('providers and settings in depth', () => {
  it('records every setting fact, shares a provider across a region and nowhere else', async () => {
    const north = await newCouncil({ area: 'Northshire', neighbours: ['Eastmoor'], region: 'Midlands' });
    const east = await newCouncil({ area: 'Eastmoor', neighbours: ['Northshire'], region: 'Midlands' });
    const south = await newCouncil({ area: 'Southvale', region: 'South' });
    const shared = await north.provider_('Regional Homes Ltd', 'PRIVATE', 'Midlands');
    const own = await north.provider_('Local Homes Ltd');
    const s = await north.ok('POST', `/providers/${shared}/settings`, {
      ...SETTING,
      registrationCategory: 'CHILDRENS_HOME',
      inspectionDate: '2025-06-01',
      needsMet: ['EBD'],
      educationOnSite: true,
      siblingPlaces: 2,
      procurementRoute: 'FRAMEWORK_TIER_2',
    });
    expect(s).toMatchObject({
      ofstedUrn: 'SC123456',
      registrationCategory: 'CHILDRENS_HOME',
      ofstedRating: 'GOOD',
      inspectionDate: '2025-06-01',
      postcode: 'ST16 2LH',
      latitude: STAFFORD.lat,
      longitude: STAFFORD.lng,
      area: 'Northshire',
      ageMin: 10,
      ageMax: 17,
      capacity: 4,
      vacancies: 2,
      weeklyPricePence: 580_000,
      procurementRoute: 'FRAMEWORK_TIER_2',
      needsMet: ['EBD'],
      educationOnSite: true,
      siblingPlaces: 2,
    });

    const seenBy = async (c: typeof north) =>
      (await c.ok('GET', '/providers')).map((p: { id: string; shared: boolean }) => [p.id, p.shared]);
    expect(await seenBy(north)).toEqual(
      expect.arrayContaining([
        [shared, false],
        [own, false],
      ]),
    );
    expect(await seenBy(east)).toEqual([[shared, true]]);
    expect(await seenBy(south)).toEqual([]);
    // Only the owner edits it; sharing is only into the council's own region.
    expect((await east.call('POST', `/providers/${shared}/settings`, SETTING)).status).toBe(404);
    const wrongRegion = await north.call('POST', '/providers', { name: 'Elsewhere Ltd', sector: 'PRIVATE', region: 'South' });
    expect(wrongRegion.status).toBe(422);
    expect(wrongRegion.body.errors[0].field).toBe('region');

    for (const [over, field] of [
      [{ latitude: 52.8 }, 'longitude'],
      [{ inspectionDate: '2999-01-01' }, 'inspectionDate'],
      [{ registrationCategory: 'KENNEL' }, 'registrationCategory'],
      [{ latitude: 10, longitude: 0 }, 'latitude'],
    ] as const) {
      const r = await north.call('POST', `/providers/${own}/settings`, { ...SETTING, latitude: undefined, longitude: undefined, ...over });
      expect(r.status, JSON.stringify(over)).toBe(400);
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const patched = await north.ok('PATCH', `/providers/${shared}/settings/${s.id}`, {
      vacancies: 1,
      ofstedRating: 'REQUIRES_IMPROVEMENT',
      inspectionDate: '2026-01-10',
    });
    expect(patched).toMatchObject({ vacancies: 1, ofstedRating: 'REQUIRES_IMPROVEMENT', inspectionDate: '2026-01-10', capacity: 4 });
    expect((await north.call('PATCH', `/providers/${shared}/settings/${s.id}`, { vacancies: 5 })).status).toBe(422);
    expect((await east.call('PATCH', `/providers/${shared}/settings/${s.id}`, { vacancies: 0 })).status).toBe(404);
    expect(await vacancies(s.id)).toBe(1);

    const council = CouncilView.strict().parse(await north.ok('GET', '/council'));
    expect(council).toMatchObject({
      area: 'Northshire',
      neighbours: ['Eastmoor'],
      region: 'Midlands',
      weights: { needs: 40, distance: 20, education: 15, siblings: 10, price: 15 },
      variationLimitBasisPoints: 500,
      variationLimitPence: 25_000,
    });
    expect((await north.call('PUT', '/council', { area: 'Northshire', neighbours: ['northshire'] })).status).toBe(400);
    expect(
      (await north.call('PUT', '/council/variation-limits', { variationLimitBasisPoints: 300, variationLimitPence: 10_000 })).status,
    ).toBe(403);
  });
});

describe('a planned search, end to end', () => {
  it('shows in-house first, goes out tier by tier on release, gates and ranks offers, and awards', async () => {
    const c = await newCouncil({ area: 'Northshire', neighbours: ['Eastmoor'] });
    const inHouse = await c.provider_('Northshire Homes', 'IN_HOUSE');
    const home = await c.setting(inHouse, {
      name: 'Elm House',
      placementType: 'LA_CHILDRENS_HOME',
      procurementRoute: 'IN_HOUSE',
      weeklyPricePence: 450_000,
    });
    const block = await c.provider_('Block Beds Ltd');
    await c.setting(block, { name: 'Block House', procurementRoute: 'BLOCK' });
    const tier1 = await c.provider_('Tier One Care');
    const t1Near = await c.setting(tier1, {
      name: 'Near House',
      needsMet: ['EBD', 'CSE_RISK'],
      siblingPlaces: 2,
      weeklyPricePence: 590_000,
    });
    const t1Far = await c.setting(tier1, {
      name: 'Far House',
      latitude: 53.4808,
      longitude: -2.2426,
      area: 'Eastmoor',
      weeklyPricePence: 500_000,
    });
    const tier2 = await c.provider_('Tier Two Care');
    const unregistered = await c.setting(tier2, {
      name: 'Unregistered House',
      ofstedUrn: undefined,
      ofstedRating: 'NOT_REGISTERED',
      procurementRoute: 'FRAMEWORK_TIER_2',
    });
    const spot = await c.provider_('Spot Care');
    const inadequate = await c.setting(spot, { name: 'Inadequate House', ofstedRating: 'INADEQUATE', procurementRoute: 'SPOT' });

    const d = await c.decide();
    const s = await c.searchFor(d.payload.requestId);
    expect(s).toMatchObject({ stage: 'IN_HOUSE', round: 0, status: 'OPEN', urgency: 'PLANNED', referrals: [] });
    expect(s.inHouseMatches.map((m: { settingId: string }) => m.settingId)).toEqual([home]);
    expect(Date.parse(s.deadline) - Date.parse(s.openedAt)).toBeGreaterThan(27 * 86_400_000);
    // Nothing has gone out: no provider sees a referral, and it cannot be widened before release.
    for (const p of [block, tier1, tier2, spot]) expect(await c.ok('GET', '/referrals', undefined, await c.provider(p))).toEqual([]);
    expect((await c.call('POST', `/searches/${s.id}/widen`)).status).toBe(409);
    expect((await c.call('POST', `/searches/${s.id}/release`, { reason: '' })).status).toBe(400);

    const released = await c.ok(
      'POST',
      `/searches/${s.id}/release`,
      { reason: 'Elm House cannot meet her needs: the other young people there' },
      c.com,
      200,
    );
    expect(released).toMatchObject({
      stage: 'EXTERNAL',
      round: 1,
      sent: { routes: ['BLOCK'], providersSent: 1 },
      released: { by: `com.${c.la}` },
    });
    expect(SearchSentView.strict().parse(released).sent?.round).toBe(1);
    expect((await c.call('POST', `/searches/${s.id}/release`, { reason: 'again please' })).status).toBe(409);
    expect((await c.ok('POST', `/searches/${s.id}/widen`, undefined, c.com, 200)).sent.routes).toEqual(['FRAMEWORK_TIER_1']);
    expect((await c.ok('POST', `/searches/${s.id}/widen`, undefined, c.com, 200)).sent.routes).toEqual(['FRAMEWORK_TIER_2']);
    const last = await c.ok('POST', `/searches/${s.id}/widen`, undefined, c.com, 200);
    expect(SearchSentView.strict().parse(last).sent?.roundsLeft).toBe(0);
    expect(last).toMatchObject({ stage: 'SPOT', round: 4, sent: { routes: ['SPOT'], roundsLeft: 0 } });
    expect((await c.call('POST', `/searches/${s.id}/widen`)).status).toBe(409);
    expect(last.referrals.map((r: { providerId: string; round: number }) => [r.providerId, r.round])).toEqual([
      [block, 1],
      [tier1, 2],
      [tier2, 3],
      [spot, 4],
    ]);
    // Each round told its providers' staff (referral.sent): the referral each was sent, no child's details.
    const sentEvents = (await events(c.la, 'referral.sent')).filter((e) => e.payload.searchId === s.id);
    expect(sentEvents.map((e) => [e.payload.round, e.payload.referrals.map((r: { providerId: string }) => r.providerId)])).toEqual([
      [1, [block]],
      [2, [tier1]],
      [3, [tier2]],
      [4, [spot]],
    ]);
    expect(sentEvents[1]!.payload).toMatchObject({
      requestId: d.payload.requestId,
      childAge: 14,
      placementType: 'PRIVATE_CHILDRENS_HOME',
      urgency: 'PLANNED',
      respondBy: new Date(s.deadline).toISOString(),
    });
    expect(sentEvents[1]!.payload.referrals[0].referralId).toBe(last.referrals[1].id);
    expect(sentEvents[1]!.correlationId).toBe(d.correlationId);
    expect(JSON.stringify(sentEvents)).not.toContain(d.payload.childId);

    // Providers offer through their own role, against their own referral.
    const t1Token = await c.provider(tier1);
    const [t1Ref] = await c.ok('GET', '/referrals', undefined, t1Token);
    expect(t1Ref).toMatchObject({
      route: 'FRAMEWORK_TIER_1',
      status: 'SENT',
      search: { childAge: 14, placementType: 'PRIVATE_CHILDRENS_HOME', urgency: 'PLANNED' },
    });
    expect(t1Ref.search.childId).toBeUndefined();
    expect(ReferralView.strict().parse(t1Ref).search.open).toBe(true);
    expect(JSON.stringify(t1Ref)).not.toContain(d.payload.childId);
    const near = await c.ok(
      'POST',
      `/referrals/${t1Ref.id}/offers`,
      {
        settingId: t1Near,
        weeklyFeePence: 520_000,
        startDate: '2026-12-01',
        notes: 'can start in a week',
        additionalServices: [
          { kind: 'ONE_TO_ONE', hoursPerWeek: 10, weeklyPence: 40_000 },
          { kind: 'EDUCATION', weeklyPence: 30_000, description: 'on-site tutor' },
        ],
      },
      t1Token,
    );
    expect(near).toMatchObject({ weeklyFeePence: 520_000, totalWeeklyPence: 590_000 });
    expect(ProviderOfferCreatedView.strict().parse(near).referralId).toBe(t1Ref.id);
    const far = await c.ok(
      'POST',
      `/referrals/${t1Ref.id}/offers`,
      { settingId: t1Far, weeklyFeePence: 500_000, startDate: '2026-12-01' },
      t1Token,
    );
    const [t2Ref] = await c.ok('GET', '/referrals', undefined, await c.provider(tier2));
    const unreg = await c.ok(
      'POST',
      `/referrals/${t2Ref.id}/offers`,
      { settingId: unregistered, weeklyFeePence: 400_000, startDate: '2026-12-01' },
      await c.provider(tier2),
    );
    const [spotRef] = await c.ok('GET', '/referrals', undefined, await c.provider(spot));
    const inad = await c.ok(
      'POST',
      `/referrals/${spotRef.id}/offers`,
      { settingId: inadequate, weeklyFeePence: 450_000, startDate: '2026-12-01' },
      await c.provider(spot),
    );
    const failedIds = (o: { gates: { id: string; passed: boolean }[] }) => o.gates.filter((g) => !g.passed).map((g) => g.id);
    expect(failedIds(unreg)).toEqual(['registration']);
    expect(failedIds(inad)).toEqual(['ofsted-rating']);
    expect(failedIds(far)).toEqual(['location']); // adjoining, approved in area: re-approval, not refusal
    expect(far.location).toBe('OUT_OF_AREA_ADJOINING');
    // Each provider's offer tells the council's commissioners (offer.received): its terms, ceiling and gates, no child.
    const received = async (offerId: string) =>
      (
        await sql.query(
          `SELECT envelope FROM commissioning.outbox_event WHERE type = 'offer.received' AND envelope->'payload'->>'offerId' = $1`,
          [offerId],
        )
      ).rows.map((r) => r.envelope);
    const [nearEvent] = await received(near.id);
    expect(nearEvent.payload).toMatchObject({
      searchId: s.id,
      requestId: d.payload.requestId,
      settingId: t1Near,
      totalWeeklyPence: 590_000,
      startDate: '2026-12-01',
      gatesPassed: true,
    });
    expect(nearEvent.payload.withinCeiling).toBe(590_000 <= s.ceilingPence);
    expect((await received(unreg.id))[0].payload.gatesPassed).toBe(false);
    expect(await received(far.id)).toHaveLength(1);
    expect(JSON.stringify(nearEvent)).not.toContain(d.payload.childId);
    const [blockRef] = await c.ok('GET', '/referrals', undefined, await c.provider(block));
    expect(
      ReferralDeclinedView.strict().parse(
        await c.ok('POST', `/referrals/${blockRef.id}/decline`, { reason: 'no bed until March' }, await c.provider(block), 200),
      ),
    ).toMatchObject({ status: 'DECLINED' });

    // Ranking by the council's weights, with the score's parts shown.
    const profiled = await c.ok(
      'PUT',
      `/searches/${s.id}/profile`,
      { needs: ['EBD', 'CSE_RISK'], home: STAFFORD, school: STAFFORD, siblings: 1 },
      c.com,
      200,
    );
    expect(SearchDetailView.strict().parse(profiled).profile).toEqual({
      needs: ['EBD', 'CSE_RISK'],
      home: STAFFORD,
      school: STAFFORD,
      siblings: 1,
    });
    const badProfile = await c.call('PUT', `/searches/${s.id}/profile`, { needs: ['not a code'], home: { lat: 10, lng: 0 } });
    expect(badProfile.status).toBe(400);
    expect(badProfile.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['home.lat', 'needs.0']);
    const matches = await c.ok('GET', `/searches/${s.id}/matches?take=4`);
    expect(matches.total).toBe(6);
    expect(matches.matches).toHaveLength(4);
    expect(matches.matches[0]).toMatchObject({ rank: 1, settingId: t1Near, failedGates: [] });
    expect(matches.matches.find((m: { settingId: string }) => m.settingId === home)).toMatchObject({
      inHouse: true,
      procurementRoute: 'IN_HOUSE',
    });
    const allMatches = (await c.ok('GET', `/searches/${s.id}/matches`)).matches;
    expect(
      allMatches
        .slice(4)
        .map((m: { settingId: string }) => m.settingId)
        .sort(),
    ).toEqual([unregistered, inadequate].sort());
    expect((await c.call('GET', `/searches/${s.id}/matches?take=0`)).status).toBe(400);
    const ranked = await c.ok('GET', `/searches/${s.id}`);
    expect(ranked.offers.slice(0, 2).map((o: { id: string }) => o.id)).toEqual([near.id, far.id]);
    expect(
      ranked.offers
        .slice(2)
        .map((o: { id: string }) => o.id)
        .sort(),
    ).toEqual([inad.id, unreg.id].sort()); // blocked: last
    const top = ranked.offers[0];
    expect(top.parts.map((p: { factor: string; points: number }) => [p.factor, p.points])).toEqual([
      ['needs', 40],
      ['distance', 20],
      ['education', 15],
      ['siblings', 10],
      ['price', 12.7],
    ]);
    expect(top.score).toBe(97.7);
    expect(top.withinCeiling).toBe(true);
    await c.ok(
      'PUT',
      '/council',
      { area: 'Northshire', neighbours: ['Eastmoor'], weights: { needs: 0, distance: 0, education: 0, siblings: 0, price: 100 } },
      c.com,
      200,
    );
    expect((await c.ok('GET', `/searches/${s.id}`)).offers[0].id).toBe(far.id);

    // Blocked offers cannot be awarded.
    expect((await c.call('POST', `/offers/${unreg.id}/award`, {})).body.gates.map((g: { id: string }) => g.id)).toEqual(['registration']);
    expect((await c.call('POST', `/offers/${inad.id}/award`, {})).status).toBe(422);

    const before = await vacancies(t1Near);
    const placement = await c.ok('POST', `/offers/${near.id}/award`, { noticeWeeks: 4 });
    expect(placement).toMatchObject({
      weeklyCostPence: 590_000,
      provision: 'EXTERNAL',
      location: 'IN_AREA',
      status: 'ACTIVE',
      agreement: { weeklyFeePence: 520_000, weeklyTotalPence: 590_000, startDate: '2026-12-01', noticeWeeks: 4 },
    });
    expect(placement.agreement.additionalServices).toHaveLength(2);
    expect(await vacancies(t1Near)).toBe(before - 1);
    const [started] = await events(c.la, 'placement.started');
    expect(started!.payload).toMatchObject({ placementId: placement.id, weeklyCostPence: 590_000, settingId: t1Near, providerId: tier1 });
    expect(started!.correlationId).toBe(d.correlationId);
    const closed = await c.ok('GET', `/referrals/${t1Ref.id}`, undefined, t1Token);
    expect(closed.status).toBe('CLOSED');
    expect(ReferralDetailView.strict().parse(closed).offers).toHaveLength(2);
    expect(
      z
        .array(OfferListItemView.strict())
        .parse(await c.ok('GET', '/offers', undefined, t1Token))
        .map((o) => o.searchId),
    ).toEqual([s.id, s.id]);
    expect(closed.offers.map((o: { id: string; status: string }) => [o.id, o.status]).sort()).toEqual(
      [
        [far.id, 'NOT_AWARDED'],
        [near.id, 'AWARDED'],
      ].sort(),
    );
    // Each offer's provider is told the council's answer (offer.decided): accepted, and every other open offer declined.
    const answers = (await events(c.la, 'offer.decided')).filter((e) => e.payload.searchId === s.id);
    expect(answers.map((e) => [e.payload.offerId, e.payload.providerId, e.payload.outcome, e.payload.declinedBecause]).sort()).toEqual(
      [
        [near.id, tier1, 'ACCEPTED', null],
        [far.id, tier1, 'DECLINED', 'ANOTHER_OFFER_ACCEPTED'],
        [unreg.id, tier2, 'DECLINED', 'ANOTHER_OFFER_ACCEPTED'],
        [inad.id, spot, 'DECLINED', 'ANOTHER_OFFER_ACCEPTED'],
      ].sort(),
    );
    expect(answers.find((e) => e.payload.offerId === near.id)!.payload).toMatchObject({
      settingId: t1Near,
      totalWeeklyPence: 590_000,
      startDate: '2026-12-01',
    });
  });
});

describe('an emergency search, end to end', () => {
  it('goes to every framework tier and the DPS at once, due the same day, and is placed', async () => {
    const c = await newCouncil({ area: 'Northshire' });
    const providers: string[] = [];
    for (const route of ['FRAMEWORK_TIER_1', 'FRAMEWORK_TIER_2', 'DPS', 'SPOT']) {
      const p = await c.provider_(`${route} care`);
      providers.push(p);
      await c.setting(p, { procurementRoute: route });
    }
    const inHouse = await c.provider_('Own carers', 'IN_HOUSE');
    await c.setting(inHouse, { placementType: 'LA_CHILDRENS_HOME', procurementRoute: 'IN_HOUSE', vacancies: 0 }); // full: no in-house match
    const d = await c.decide({ urgency: 'EMERGENCY', legalStatus: 'PP_S46' });
    const s = await c.searchFor(d.payload.requestId);
    expect(s).toMatchObject({ stage: 'EXTERNAL', round: 1, inHouseMatches: [] });
    expect(s.referrals.map((r: { providerId: string }) => r.providerId).sort()).toEqual(providers.slice(0, 3).sort());
    expect(londonDayOf(new Date(s.deadline))).toBe(londonToday());
    expect(Date.parse(s.deadline) - Date.now()).toBeLessThan(86_400_000);
    const dps = await c.provider(providers[2]!);
    const [ref] = await c.ok('GET', '/referrals', undefined, dps);
    const [setting] = (await c.ok('GET', '/providers')).find((p: { id: string }) => p.id === providers[2]).settings;
    const offer = await c.ok(
      'POST',
      `/referrals/${ref.id}/offers`,
      { settingId: setting.id, weeklyFeePence: 595_000, startDate: '2026-12-01' },
      dps,
    );
    const placement = await c.ok('POST', `/offers/${offer.id}/award`, {});
    expect(placement).toMatchObject({ providerId: providers[2], weeklyCostPence: 595_000, status: 'ACTIVE' });
    expect(await c.ok('POST', `/searches/${s.id}/widen`, undefined, c.com, 409)).toBeDefined();
  });
});

describe('the cascade', () => {
  it('goes to the next round by itself when every provider of the round declines', async () => {
    const c = await newCouncil({ area: 'Northshire' });
    const t1a = await c.provider_('Tier 1 A');
    const t1b = await c.provider_('Tier 1 B');
    const t2 = await c.provider_('Tier 2');
    for (const p of [t1a, t1b]) await c.setting(p);
    await c.setting(t2, { procurementRoute: 'FRAMEWORK_TIER_2' });
    const d = await c.decide();
    const s = await c.searchFor(d.payload.requestId);
    expect(s).toMatchObject({ stage: 'EXTERNAL', round: 1 });
    const decline = async (p: string) => {
      const token = await c.provider(p);
      const [ref] = await c.ok('GET', '/referrals', undefined, token);
      await c.ok('POST', `/referrals/${ref.id}/decline`, { reason: 'no suitable bed' }, token, 200);
      return ref.id as string;
    };
    const first = await decline(t1a);
    expect((await c.ok('GET', `/searches/${s.id}`)).round).toBe(1);
    expect(await c.ok('GET', '/referrals', undefined, await c.provider(t2))).toEqual([]);
    expect((await c.call('POST', `/referrals/${first}/decline`, { reason: 'twice' }, await c.provider(t1a))).status).toBe(409);
    await decline(t1b);
    const after = await c.ok('GET', `/searches/${s.id}`);
    expect(after.round).toBe(2);
    const referrals = after.referrals.map((r: { providerId: string; status: string; round: number }) => [r.providerId, r.status, r.round]);
    expect(referrals).toHaveLength(3);
    expect(referrals).toEqual(
      expect.arrayContaining([
        [t1a, 'DECLINED', 1],
        [t1b, 'DECLINED', 1],
        [t2, 'SENT', 2],
      ]),
    );
  });
});

describe("a provider's own view", () => {
  it("never shows another provider's referrals or offers, nor another council's", async () => {
    const c = await newCouncil({ area: 'Northshire' });
    const other = await newCouncil({ area: 'Southvale' });
    const a = await c.provider_('A Care');
    const b = await c.provider_('B Care');
    const aSetting = await c.setting(a);
    const bSetting = await c.setting(b);
    const d = await c.decide();
    const s = await c.searchFor(d.payload.requestId);
    const aToken = await c.provider(a);
    const bToken = await c.provider(b);
    const [aRef] = await c.ok('GET', '/referrals', undefined, aToken);
    const [bRef] = await c.ok('GET', '/referrals', undefined, bToken);
    expect(aRef.providerId).toBe(a);
    expect(bRef.providerId).toBe(b);
    const bOffer = await c.ok(
      'POST',
      `/referrals/${bRef.id}/offers`,
      { settingId: bSetting, weeklyFeePence: 500_000, startDate: '2026-12-01' },
      bToken,
    );

    expect((await c.call('GET', `/referrals/${bRef.id}`, undefined, aToken)).status).toBe(404);
    expect(
      (await c.call('POST', `/referrals/${bRef.id}/offers`, { settingId: aSetting, weeklyFeePence: 1, startDate: '2026-12-01' }, aToken))
        .status,
    ).toBe(404);
    expect((await c.call('POST', `/referrals/${bRef.id}/decline`, { reason: 'not mine to decline' }, aToken)).status).toBe(404);
    expect(
      (await c.call('POST', `/referrals/${aRef.id}/offers`, { settingId: bSetting, weeklyFeePence: 1, startDate: '2026-12-01' }, aToken))
        .status,
    ).toBe(404); // B's setting
    expect(await c.ok('GET', '/offers', undefined, aToken)).toEqual([]);
    const bOffers = await c.ok('GET', '/offers', undefined, bToken);
    expect(bOffers.map((o: { id: string }) => o.id)).toEqual([bOffer.id]);
    expect(bOffers[0].withinCeiling).toBeUndefined(); // the council's ceiling is not the provider's business
    // The council's own screens are closed to providers.
    for (const path of [`/searches/${s.id}`, '/searches', '/sufficiency', `/searches/${s.id}/matches`])
      expect((await c.call('GET', path, undefined, aToken)).status).toBe(403);
    // Its own provider and settings only (to offer from), never the council's list.
    const mine = z.array(ProviderWithSettingsView.strict()).parse(await c.ok('GET', '/providers', undefined, aToken));
    expect(mine.map((p) => [p.id, p.settings.map((x) => x.id)])).toEqual([[a, [aSetting]]]);
    expect((await c.call('POST', `/offers/${bOffer.id}/award`, {}, bToken)).status).toBe(403);
    // The same provider signed in for another council sees none of this council's referrals or offers.
    const aElsewhere = await c.provider(a, other.la);
    expect(await c.ok('GET', '/referrals', undefined, aElsewhere)).toEqual([]);
    expect((await c.call('GET', `/referrals/${aRef.id}`, undefined, aElsewhere)).status).toBe(404);
    expect(await c.ok('GET', '/offers', undefined, await c.provider(b, other.la))).toEqual([]);
    // Nor another council's commissioner.
    expect((await other.call('GET', `/referrals/${aRef.id}`)).status).toBe(404);
    // A provider token without its provider claim gets nothing.
    const noClaim = await issuer.token({ roles: ['provider'], la: c.la });
    expect((await c.call('GET', '/referrals', undefined, noClaim)).status).toBe(403);
  });
});

describe("a provider's revision and withdrawal of its offer", () => {
  it('revises its own waiting offer, withdraws another, and can change neither once the council has chosen', async () => {
    const c = await newCouncil({ area: 'Northshire' });
    const a = await c.provider_('Revising Care');
    const b = await c.provider_('Withdrawing Care');
    const aSetting = await c.setting(a);
    const bSetting = await c.setting(b, { name: 'Beech House' });
    const d = await c.decide();
    await c.searchFor(d.payload.requestId);
    const [aToken, bToken] = [await c.provider(a), await c.provider(b)];
    const [aRef] = await c.ok('GET', '/referrals', undefined, aToken);
    const [bRef] = await c.ok('GET', '/referrals', undefined, bToken);
    const start = addCalendarDays(londonToday(), 7);
    const aOffer = await c.ok(
      'POST',
      `/referrals/${aRef.id}/offers`,
      { settingId: aSetting, weeklyFeePence: 600_000, startDate: start },
      aToken,
    );
    const bOffer = await c.ok(
      'POST',
      `/referrals/${bRef.id}/offers`,
      { settingId: bSetting, weeklyFeePence: 550_000, startDate: start },
      bToken,
    );

    // A revision: a new price with one-to-one support, a later start; the weekly total follows.
    const later = addCalendarDays(londonToday(), 14);
    const revision = {
      weeklyFeePence: 560_000,
      additionalServices: [{ kind: 'ONE_TO_ONE', weeklyPence: 40_000 }],
      startDate: later,
      notes: 'Revised',
    };
    const revised = OfferChangedView.strict().parse(await c.ok('POST', `/offers/${aOffer.id}/revision`, revision, aToken, 200));
    expect(revised).toMatchObject({
      status: 'SUBMITTED',
      weeklyFeePence: 560_000,
      totalWeeklyPence: 600_000,
      startDate: later,
      withdrawal: null,
    });
    const seen = (await c.searchFor(d.payload.requestId)).offers.find((o: { id: string }) => o.id === aOffer.id);
    expect(seen).toMatchObject({
      weeklyFeePence: 560_000,
      totalWeeklyPence: 600_000,
      startDate: later,
      notes: 'Revised',
      revisedAt: revised.revisedAt,
    });
    // Nobody else's offer, no start in the past, no hostile text, and not the commissioner's to change.
    expect((await c.call('POST', `/offers/${aOffer.id}/revision`, revision, bToken)).status).toBe(404);
    expect((await c.call('POST', `/offers/${aOffer.id}/withdrawal`, { reason: 'not mine' }, bToken)).status).toBe(404);
    expect(
      (await c.call('POST', `/offers/${aOffer.id}/revision`, { ...revision, startDate: addCalendarDays(londonToday(), -3) }, aToken))
        .status,
    ).toBe(422);
    expect((await c.call('POST', `/offers/${aOffer.id}/revision`, { ...revision, notes: 'a\u0000b' }, aToken)).status).toBe(400);
    expect((await c.call('POST', `/offers/${aOffer.id}/revision`, revision)).status).toBe(403);

    // A withdrawal, with its reason: the offer is withdrawn and the provider's referral reads as declined.
    const withdrawn = OfferChangedView.strict().parse(
      await c.ok('POST', `/offers/${bOffer.id}/withdrawal`, { reason: 'The bed has gone to another child' }, bToken, 200),
    );
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', withdrawal: { reason: 'The bed has gone to another child' } });
    expect(await c.ok('GET', `/referrals/${bRef.id}`, undefined, bToken)).toMatchObject({
      status: 'DECLINED',
      declineReason: 'Offer withdrawn: The bed has gone to another child',
    });
    expect((await c.call('POST', `/offers/${bOffer.id}/revision`, revision, bToken)).status).toBe(409);
    expect((await c.call('POST', `/offers/${bOffer.id}/withdrawal`, { reason: 'again' }, bToken)).status).toBe(409);
    // A withdrawn offer cannot be awarded.
    expect((await c.call('POST', `/offers/${bOffer.id}/award`, {})).status).toBe(409);

    // After the award, the offer is the council's record: neither revised nor withdrawn.
    const placement = await c.ok('POST', `/offers/${aOffer.id}/award`, {});
    expect(placement).toMatchObject({ weeklyCostPence: 600_000, setting: 'Oak House' });
    // The social worker reads where the child on their request was placed; another council's cannot.
    const sw = await issuer.token({ sub: `sw.${c.la}`, roles: ['social-worker'], la: c.la });
    expect(await c.ok('GET', `/placements/${placement.id}`, undefined, sw)).toMatchObject({ setting: 'Oak House', status: 'ACTIVE' });
    const elsewhere = await issuer.token({ sub: 'sw.elsewhere', roles: ['social-worker'], la: (await newCouncil()).la });
    expect((await c.call('GET', `/placements/${placement.id}`, undefined, elsewhere)).status).toBe(404);
    const refused = await c.call('POST', `/offers/${aOffer.id}/revision`, revision, aToken);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('this offer can no longer change: it is awarded');
    expect((await c.call('POST', `/offers/${aOffer.id}/withdrawal`, { reason: 'too late' }, aToken)).status).toBe(409);
  });

  it('shows a referral as answered when the provider had already offered before its round reached it', async () => {
    const c = await newCouncil({ area: 'Northshire' });
    const t1 = await c.provider_('Tier 1 only');
    const t2 = await c.provider_('Tier 2 early');
    await c.setting(t1);
    const t2Setting = await c.setting(t2, { procurementRoute: 'FRAMEWORK_TIER_2' });
    const d = await c.decide();
    const s = await c.searchFor(d.payload.requestId);
    expect(s.round).toBe(1);
    // The commissioner enters tier 2's offer (by phone) before the search reaches tier 2.
    await c.ok('POST', `/searches/${s.id}/offers`, {
      settingId: t2Setting,
      weeklyFeePence: 570_000,
      startDate: addCalendarDays(londonToday(), 7),
    });
    await c.ok('POST', `/searches/${s.id}/widen`, undefined, c.com, 200);
    const [ref] = await c.ok('GET', '/referrals', undefined, await c.provider(t2));
    expect(ref).toMatchObject({ round: 2, status: 'OFFERED' });
  });
});

describe('an award that changes what was approved', () => {
  it('goes back for approval above the ceiling, holds the bed, then starts when re-approved', async () => {
    const c = await newCouncil({ area: 'Northshire' });
    const p = await c.provider_('Dear Homes');
    const dear = await c.setting(p, { vacancies: 1, capacity: 1 });
    const d = await c.decide({ conditions: { maxWeeklyCostPence: 600_000, notes: [] } });
    const s = await c.searchFor(d.payload.requestId);
    const o = await c.ok('POST', `/searches/${s.id}/offers`, {
      settingId: dear,
      weeklyFeePence: 640_000,
      startDate: '2026-12-01',
      additionalServices: [{ kind: 'ONE_TO_ONE', weeklyPence: 20_000, hoursPerWeek: 5 }],
    });
    expect(o.withinCeiling).toBe(false);
    const held = await c.ok('POST', `/offers/${o.id}/award`, { noticeWeeks: 6 }, c.com, 202);
    expect(held).toMatchObject({
      status: 'AWAITING_REAPPROVAL',
      reasons: ['ABOVE_CEILING'],
      weeklyCostPence: 660_000,
      ceilingPence: 600_000,
    });
    expect(HeldForReapprovalView.strict().parse(held).offerId).toBe(o.id);
    expect(await vacancies(dear)).toBe(0);
    expect(await events(c.la, 'placement.started')).toEqual([]);
    const [re] = await events(c.la, 'reapproval.requested');
    expect(re!.correlationId).toBe(d.correlationId);
    expect(re!.payload).toEqual({
      link: { originalRequestId: d.payload.requestId, searchId: s.id, offerId: o.id, placementId: null, reason: 'ABOVE_CEILING' },
      reasons: ['ABOVE_CEILING'],
      childId: d.payload.childId,
      childAge: 14,
      placementType: 'PRIVATE_CHILDRENS_HOME',
      provision: 'EXTERNAL',
      location: 'IN_AREA',
      weeklyCostPence: 660_000,
      previousWeeklyCostPence: 600_000,
      requestedBy: `com.${c.la}`,
    });
    expect((await c.ok('GET', `/searches/${s.id}`)).status).toBe('AWAITING_REAPPROVAL');
    expect((await c.call('POST', `/offers/${o.id}/award`, {})).status).toBe(409);

    // Referrals runs the rules again; panels' decision comes back carrying the link.
    const link = re!.payload.link;
    const approval = {
      requestId: randomUUID(),
      kind: 'VARIATION' as const,
      requestedWeeklyCostPence: 660_000,
      outcome: 'APPROVED_WITH_CONDITIONS' as const,
      conditions: { maxWeeklyCostPence: 670_000, notes: [] },
      reapproval: link,
    };
    await c.decide(approval);
    const after = await c.ok('GET', `/searches/${s.id}`);
    expect(after).toMatchObject({ status: 'AWARDED', ceilingPence: 670_000 });
    const [started] = await events(c.la, 'placement.started');
    expect(started!.payload).toMatchObject({ requestId: d.payload.requestId, weeklyCostPence: 660_000, settingId: dear });
    expect(started!.correlationId).toBe(d.correlationId);
    const placement = await c.ok('GET', `/placements/${started!.payload.placementId}`);
    expect(placement).toMatchObject({
      noticeWeeks: 6,
      approvedCeilingPence: 670_000,
      weeklyCostPence: 660_000,
      agreement: { weeklyFeePence: 640_000 },
    });
    expect(await vacancies(dear)).toBe(0);
    // The same decision sent again (a new event) changes nothing; no search was opened for the re-approval itself.
    await c.decide(approval);
    expect(await events(c.la, 'placement.started')).toHaveLength(1);
    expect(await c.ok('GET', `/searches?requestId=${d.payload.requestId}`)).toHaveLength(1);
    expect(await c.ok('GET', `/searches?requestId=${approval.requestId}`)).toHaveLength(0);
    // The provider sees its placement; another provider does not.
    expect((await c.ok('GET', '/placements', undefined, await c.provider(p))).map((x: { id: string }) => x.id)).toEqual([placement.id]);
    expect((await c.call('GET', `/placements/${placement.id}`, undefined, await c.provider(await c.provider_('Nosy Ltd')))).status).toBe(
      404,
    );
  });

  it('keeps the search open and gives the bed back when the re-approval is declined; a far setting goes back too', async () => {
    const c = await newCouncil({ area: 'Northshire', neighbours: ['Eastmoor'] });
    const p = await c.provider_('Far Homes');
    const far = await c.setting(p, { area: 'Kent', latitude: 51.28, longitude: 1.08, vacancies: 1 });
    const d = await c.decide();
    const s = await c.searchFor(d.payload.requestId);
    const o = await c.ok('POST', `/searches/${s.id}/offers`, { settingId: far, weeklyFeePence: 550_000, startDate: '2026-12-01' });
    expect(o.location).toBe('OUT_OF_AREA_AT_DISTANCE');
    const held = await c.ok('POST', `/offers/${o.id}/award`, {}, c.com, 202);
    expect(held.reasons).toEqual(['CHANGED_LOCATION']);
    const [re] = await events(c.la, 'reapproval.requested');
    expect(re!.payload.location).toBe('OUT_OF_AREA_AT_DISTANCE');
    expect(await vacancies(far)).toBe(0);
    await c.decide({
      requestId: randomUUID(),
      kind: 'VARIATION',
      outcome: 'DECLINED',
      conditions: { notes: [] },
      reapproval: re!.payload.link,
    });
    const after = await c.ok('GET', `/searches/${s.id}`);
    expect(after.status).toBe('OPEN');
    expect(after.offers[0].status).toBe('REAPPROVAL_DECLINED');
    expect(await vacancies(far)).toBe(1);
    expect(await events(c.la, 'placement.started')).toEqual([]);
    // The provider is told its offer is not accepted, and why.
    expect((await events(c.la, 'offer.decided')).map((e) => e.payload)).toEqual([
      expect.objectContaining({ offerId: o.id, providerId: p, outcome: 'DECLINED', declinedBecause: 'REAPPROVAL_DECLINED' }),
    ]);
    expect((await c.call('POST', `/offers/${o.id}/award`, {})).status).toBe(409);
  });

  it('lets a head of service exempt an Inadequate setting, after which it can be awarded', async () => {
    const c = await newCouncil({ area: 'Northshire' });
    const p = await c.provider_('Struggling Homes');
    const bad = await c.setting(p, { ofstedRating: 'INADEQUATE' });
    const d = await c.decide();
    const s = await c.searchFor(d.payload.requestId);
    const o = await c.ok('POST', `/searches/${s.id}/offers`, { settingId: bad, weeklyFeePence: 550_000, startDate: '2026-12-01' });
    expect((await c.call('POST', `/offers/${o.id}/award`, {})).status).toBe(422);
    expect((await c.call('POST', `/offers/${o.id}/exemption`, { reason: 'only home able to keep her school' })).status).toBe(403);
    // The head of service reads the search to decide, but does not commission.
    expect((await c.call('GET', `/searches/${s.id}`, undefined, c.hos)).status).toBe(200);
    expect(
      (await c.call('POST', `/searches/${s.id}/offers`, { settingId: bad, weeklyFeePence: 1, startDate: '2026-12-01' }, c.hos)).status,
    ).toBe(403);
    expect((await c.call('POST', `/offers/${o.id}/exemption`, { reason: 'x' }, c.hos)).body.errors[0].field).toBe('reason');
    const ex = ExemptionView.strict().parse(
      await c.ok('POST', `/offers/${o.id}/exemption`, { reason: 'only home able to keep her school; weekly visits' }, c.hos, 200),
    );
    expect(ex.gates.find((g: { id: string }) => g.id === 'ofsted-rating')).toMatchObject({ passed: true });
    expect((await c.ok('POST', `/offers/${o.id}/award`, {})).status).toBe('ACTIVE');
  });
});

async function placed(c: Awaited<ReturnType<typeof newCouncil>>, weeklyFeePence = 500_000, noticeWeeks = 4, startDate = '2026-05-01') {
  const p = await c.provider_(`Homes ${randomUUID().slice(0, 4)}`);
  const setting = await c.setting(p, { vacancies: 1, capacity: 2 });
  const d = await c.decide({ conditions: { maxWeeklyCostPence: 600_000, notes: [] } });
  const s = await c.searchFor(d.payload.requestId);
  if (s.stage === 'IN_HOUSE')
    await c.ok('POST', `/searches/${s.id}/release`, { reason: 'the in-house homes cannot meet her needs' }, c.com, 200);
  const o = await c.ok('POST', `/searches/${s.id}/offers`, { settingId: setting, weeklyFeePence, startDate });
  const placement = await c.ok('POST', `/offers/${o.id}/award`, { noticeWeeks });
  return { providerId: p, setting, decision: d, search: s, placement };
}

describe('price changes', () => {
  it('applies an uplift within the limits and sends one above them for re-approval', async () => {
    const c = await newCouncil({ area: 'Northshire' });
    const { placement, decision: d } = await placed(c, 500_000);
    // 4% and £200: within 5% and £250.
    const small = await c.ok('POST', `/placements/${placement.id}/price-changes`, {
      weeklyCostPence: 520_000,
      effectiveFrom: '2027-04-01',
      reason: 'ANNUAL_UPLIFT',
    });
    expect(PriceChangeResultView.strict().parse(small)).toMatchObject({
      status: 'APPLIED',
      previousWeeklyPence: 500_000,
      weeklyCostPence: 520_000,
    });
    const [changed] = await events(c.la, 'placement.price-changed');
    expect(changed!.payload).toEqual({
      placementId: placement.id,
      requestId: d.payload.requestId,
      childId: d.payload.childId,
      previousWeeklyCostPence: 500_000,
      weeklyCostPence: 520_000,
      effectiveFrom: '2027-04-01',
      reason: 'ANNUAL_UPLIFT',
    });
    expect(changed!.correlationId).toBe(d.correlationId);
    expect(
      (
        await c.call('POST', `/placements/${placement.id}/price-changes`, {
          weeklyCostPence: 525_000,
          effectiveFrom: '2027-04-01',
          reason: 'ANNUAL_UPLIFT',
        })
      ).status,
    ).toBe(409);
    const notApril = await c.call('POST', `/placements/${placement.id}/price-changes`, {
      weeklyCostPence: 525_000,
      effectiveFrom: '2027-05-01',
      reason: 'ANNUAL_UPLIFT',
    });
    expect(notApril.status).toBe(400);
    expect(notApril.body.errors[0].field).toBe('effectiveFrom');

    // £260 a week more (5%): above £250.
    const big = await c.ok(
      'POST',
      `/placements/${placement.id}/price-changes`,
      { weeklyCostPence: 546_000, effectiveFrom: '2027-06-01', reason: 'VARIATION' },
      c.com,
      202,
    );
    expect(PriceChangeResultView.strict().parse(big).status).toBe('AWAITING_REAPPROVAL');
    expect(await events(c.la, 'placement.price-changed')).toHaveLength(1);
    const [re] = await events(c.la, 'reapproval.requested');
    expect(re!.payload).toMatchObject({
      link: { originalRequestId: d.payload.requestId, placementId: placement.id, reason: 'PRICE_VARIATION' },
      weeklyCostPence: 546_000,
      previousWeeklyCostPence: 520_000,
    });
    expect((await c.ok('GET', `/placements/${placement.id}`)).weeklyCostPence).toBe(520_000);
    expect(
      (
        await c.call('POST', `/placements/${placement.id}/price-changes`, {
          weeklyCostPence: 530_000,
          effectiveFrom: '2027-06-01',
          reason: 'VARIATION',
        })
      ).status,
    ).toBe(409);

    await c.decide({
      requestId: randomUUID(),
      kind: 'VARIATION',
      requestedWeeklyCostPence: 546_000,
      outcome: 'APPROVED',
      conditions: { notes: [] },
      reapproval: re!.payload.link,
    });
    const after = await c.ok('GET', `/placements/${placement.id}`);
    expect(after.weeklyCostPence).toBe(546_000);
    expect(after.priceChanges.map((x: { status: string }) => x.status)).toEqual(['APPLIED', 'APPLIED']);
    const changes = await events(c.la, 'placement.price-changed');
    expect(changes[1]!.payload).toMatchObject({
      previousWeeklyCostPence: 520_000,
      weeklyCostPence: 546_000,
      effectiveFrom: '2027-06-01',
      reason: 'VARIATION',
    });
  });

  it("uses the council's own limits, and leaves the price when the variation is declined", async () => {
    const c = await newCouncil({ area: 'Northshire' });
    const ad = await issuer.token({ sub: 'ad.test', roles: ['approver:AD'], la: c.la });
    expect(
      CouncilView.strict().parse(
        await c.ok('PUT', '/council/variation-limits', { variationLimitBasisPoints: 200, variationLimitPence: 100_000 }, ad, 200),
      ),
    ).toMatchObject({ variationLimitBasisPoints: 200, variationLimitPence: 100_000 });
    const { placement } = await placed(c, 500_000);
    // 3% is within £1,000 but above 2%.
    const held = await c.ok(
      'POST',
      `/placements/${placement.id}/price-changes`,
      { weeklyCostPence: 515_000, effectiveFrom: '2027-04-01', reason: 'ANNUAL_UPLIFT' },
      c.com,
      202,
    );
    const [re] = await events(c.la, 'reapproval.requested');
    await c.decide({
      requestId: randomUUID(),
      kind: 'VARIATION',
      outcome: 'DECLINED',
      conditions: { notes: [] },
      reapproval: re!.payload.link,
    });
    const after = await c.ok('GET', `/placements/${placement.id}`);
    expect(after.weeklyCostPence).toBe(500_000);
    expect(after.priceChanges).toEqual([expect.objectContaining({ id: held.id, status: 'DECLINED' })]);
    expect(await events(c.la, 'placement.price-changed')).toEqual([]);
    // A decrease always applies.
    expect(
      (
        await c.ok('POST', `/placements/${placement.id}/price-changes`, {
          weeklyCostPence: 450_000,
          effectiveFrom: '2027-05-01',
          reason: 'VARIATION',
        })
      ).status,
    ).toBe('APPLIED');
  });
});

describe("the placement's end", () => {
  it('opens a replacement search when the provider gives notice, due before the notice ends', async () => {
    const c = await newCouncil({ area: 'Northshire' });
    const { placement, providerId, decision: d } = await placed(c, 500_000, 4);
    const other = await c.provider_('Not theirs');
    expect(
      (await c.call('POST', `/placements/${placement.id}/notice`, { reason: 'cannot meet needs' }, await c.provider(other))).status,
    ).toBe(404);
    const givenOn = londonToday();
    const notice = await c.ok(
      'POST',
      `/placements/${placement.id}/notice`,
      { reason: 'we cannot keep her safe any longer' },
      await c.provider(providerId),
      200,
    );
    const endDate = addCalendarDays(givenOn, 28);
    expect(notice).toMatchObject({ status: 'NOTICE_GIVEN', notice: { givenBy: 'PROVIDER', givenOn, endDate }, shortNotice: false });
    expect(NoticeGivenView.strict().parse(notice).approvedCeilingPence).toBeNull(); // the provider's own answer
    expect(notice.nextReview).toMatchObject({ due: expect.any(String) });
    const replacement = await c.ok('GET', `/searches/${notice.notice.replacementSearchId}`);
    expect(replacement).toMatchObject({
      requestId: d.payload.requestId,
      generation: 1,
      replacesPlacementId: placement.id,
      status: 'OPEN',
      placementType: 'PRIVATE_CHILDRENS_HOME',
      ceilingPence: 600_000,
      correlationId: d.correlationId,
    });
    expect(Date.parse(replacement.deadline)).toBeLessThanOrEqual(Date.parse(`${endDate}T00:00:00Z`));
    const [given] = await events(c.la, 'placement.notice-given');
    expect(given!.payload).toEqual({
      placementId: placement.id,
      requestId: d.payload.requestId,
      childId: d.payload.childId,
      givenBy: 'PROVIDER',
      givenOn,
      endDate,
      replacementSearchId: replacement.id,
    });
    expect((await c.call('POST', `/placements/${placement.id}/notice`, { reason: 'again and again' })).status).toBe(409);
    expect((await c.ok('GET', `/searches?requestId=${d.payload.requestId}`)).map((s: { generation: number }) => s.generation)).toEqual([
      1, 0,
    ]);
  });

  it('ends a placement with a reason (step-down) and returns the vacancy', async () => {
    const c = await newCouncil({ area: 'Northshire' });
    const { placement, setting, decision: d } = await placed(c);
    expect(await vacancies(setting)).toBe(0);
    expect((await c.call('POST', `/placements/${placement.id}/end`, { endDate: '2026-04-01', reason: 'STEP_DOWN' })).status).toBe(422);
    expect((await c.call('POST', `/placements/${placement.id}/end`, { endDate: '2027-01-31', reason: 'BORED' })).status).toBe(400);
    const ended = await c.ok('POST', `/placements/${placement.id}/end`, { endDate: '2027-01-31', reason: 'STEP_DOWN' }, c.com, 200);
    expect(PlacementView.strict().parse(ended)).toMatchObject({
      status: 'ENDED',
      endDate: '2027-01-31',
      endReason: 'STEP_DOWN',
      nextReviewDue: null,
      nextReview: null,
    });
    expect(await vacancies(setting)).toBe(1);
    const [e] = await events(c.la, 'placement.ended');
    expect(e!.payload).toEqual({
      placementId: placement.id,
      requestId: d.payload.requestId,
      childId: d.payload.childId,
      endDate: '2027-01-31',
      reason: 'STEP_DOWN',
    });
    expect((await c.call('POST', `/placements/${placement.id}/end`, { endDate: '2027-01-31', reason: 'STEP_DOWN' })).status).toBe(409);
  });
});

describe('sufficiency', () => {
  it('reports occupancy of in-house and block beds, vacancies by type and area, searches with no offer and time to place', async () => {
    const c = await newCouncil({ area: 'Northshire', neighbours: ['Eastmoor'] });
    const own = await c.provider_('Own homes', 'IN_HOUSE');
    await c.setting(own, { placementType: 'LA_CHILDRENS_HOME', procurementRoute: 'IN_HOUSE', capacity: 4, vacancies: 1 });
    await c.setting(own, { placementType: 'INHOUSE_FOSTER', procurementRoute: 'IN_HOUSE', capacity: 10, vacancies: 0, ageMin: 0 });
    const blockP = await c.provider_('Block Ltd');
    await c.setting(blockP, { procurementRoute: 'BLOCK', capacity: 3, vacancies: 3, area: 'Eastmoor' });
    await c.decide({ urgency: 'URGENT', placementType: 'IFA_FOSTER' });
    const { placement } = await placed(c);
    const r = SufficiencyView.strict().parse(await c.ok('GET', '/sufficiency'));
    expect(r.inHouse).toMatchObject({ capacity: 14, occupied: 13, occupancyPercent: 92.9 });
    expect(r.blockBeds).toMatchObject({ capacity: 3, occupied: 0, occupancyPercent: 0 });
    expect(r.vacancies).toEqual(
      expect.arrayContaining([
        { placementType: 'LA_CHILDRENS_HOME', area: 'Northshire', location: 'IN_AREA', settings: 1, vacancies: 1 },
        { placementType: 'PRIVATE_CHILDRENS_HOME', area: 'Eastmoor', location: 'OUT_OF_AREA_ADJOINING', settings: 1, vacancies: 3 },
      ]),
    );
    expect(r.searchesWithNoOffer.count).toBe(1);
    expect(r.searchesWithNoOffer.searches[0]).toMatchObject({ placementType: 'IFA_FOSTER', urgency: 'URGENT', overdue: false });
    expect(r.timeToPlace.placements).toBe(1);
    expect(r.timeToPlace.averageHours).toBeGreaterThanOrEqual(0);
    expect(r.timeToPlace.averageHours).toBeLessThan(1);
    expect(placement.status).toBe('ACTIVE');
    const elsewhere = await newCouncil();
    expect(SufficiencyView.strict().parse(await elsewhere.ok('GET', '/sufficiency')).inHouse.capacity).toBe(0);
  });
});

describe('placements whose review or notice is due', () => {
  it('shows each placement its next statutory review, and lists what is due soonest first', async () => {
    const c = await newCouncil({ area: 'Northshire' });
    const today = londonToday();
    const weekAgo = addCalendarDays(today, -7);
    const twoMonthsAgo = addCalendarDays(today, -60);
    const recent = await placed(c, 500_000, 4, weekAgo);
    const older = await placed(c, 500_000, 4, twoMonthsAgo);
    const leaving = await placed(c, 500_000, 4, addCalendarDays(today, -3));
    const ended = await placed(c, 500_000, 4, weekAgo);

    // CPPCR reg 33: the first review within 20 working days; the second within 3 months of it.
    const first = addWorkingDays(weekAgo, 20);
    expect(PlacementView.strict().parse(await c.ok('GET', `/placements/${recent.placement.id}`))).toMatchObject({
      nextReviewDue: first,
      nextReview: { due: first, kind: 'FIRST', number: 1, regulation: expect.stringContaining('reg 33(1)') },
    });
    const olderFirst = addWorkingDays(twoMonthsAgo, 20);
    const olderNext = olderFirst >= today ? olderFirst : addMonths(olderFirst, 3);
    expect((await c.ok('GET', `/placements/${older.placement.id}`)).nextReviewDue).toBe(olderNext);

    // The council gives notice on one (a review is due before it ends); another ends.
    const noticeEnds = addCalendarDays(today, 10);
    const notice = await c.ok(
      'POST',
      `/placements/${leaving.placement.id}/notice`,
      { givenBy: 'COUNCIL', endDate: noticeEnds, replace: true, reason: 'a move to her aunt, agreed at the review' },
      c.com,
      200,
    );
    expect(NoticeGivenView.strict().parse(notice).nextReview).toMatchObject({ kind: 'BEFORE_END', number: null });
    expect(notice.nextReviewDue <= noticeEnds).toBe(true);
    await c.ok('POST', `/placements/${ended.placement.id}/end`, { endDate: today, reason: 'PLANNED_END' }, c.com, 200);

    const list = async (query: string, token = c.com) =>
      z
        .array(PlacementView.strict())
        .parse(await c.ok('GET', `/placements?${query}`, undefined, token))
        .map((p) => p.id);
    expect(await list('due=notice&within=28')).toEqual([leaving.placement.id]);
    expect(await list('due=notice&within=5')).toEqual([]);
    const reviews = await list('due=review&within=28');
    expect(reviews.slice(0, 2)).toEqual([leaving.placement.id, recent.placement.id]); // soonest first
    expect(reviews).not.toContain(ended.placement.id);
    expect(reviews.includes(older.placement.id)).toBe(olderNext <= addCalendarDays(today, 28));
    expect(await list('due=any&within=28&take=1')).toEqual([leaving.placement.id]);
    expect(await list('due=any&within=28&take=1&skip=1')).toEqual([recent.placement.id]);
    expect(await list('due=review&within=0')).toEqual([]);
    expect(await list('due=review&within=366&status=ACTIVE')).toEqual(expect.arrayContaining([recent.placement.id, older.placement.id]));
    expect(await list('due=review&within=366&status=ENDED')).toEqual([]);

    // A provider sees what is due on its own placements only, without the council's ceiling.
    const own = z
      .array(PlacementView.strict())
      .parse(await c.ok('GET', '/placements?due=any&within=366', undefined, await c.provider(recent.providerId)));
    expect(own.map((p) => [p.id, p.approvedCeilingPence])).toEqual([[recent.placement.id, null]]);

    for (const [query, field] of [
      ['within=28', 'within'],
      ['due=soon', 'due'],
      ['due=review&within=-1', 'within'],
      ['due=review&within=400', 'within'],
    ]) {
      const r = await c.call('GET', `/placements?${query}`);
      expect(r.status, query).toBe(400);
      expect(
        r.body.errors.map((e: { field: string }) => e.field),
        query,
      ).toContain(field);
    }
    // Another council sees none of it.
    const other = await newCouncil();
    expect(await other.ok('GET', '/placements?due=any&within=366')).toEqual([]);
  });
});

describe('providers with an id the council already uses', () => {
  it('keeps the id given, refuses one the council already uses or malformed, and makes one otherwise', async () => {
    const c = await newCouncil();
    const id = randomUUID();
    const created = ProviderView.strict().parse(await c.ok('POST', '/providers', { id, name: 'Imported Care Ltd', sector: 'PRIVATE' }));
    expect(created).toMatchObject({ id, name: 'Imported Care Ltd', localAuthority: c.la, region: null });
    const again = await c.call('POST', '/providers', { id, name: 'Another name', sector: 'PRIVATE' });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ field: 'id', reason: 'already used' }]);
    // Ids are each council's own: another council may use the same id (no answer says it is taken
    // elsewhere), and the two providers stay apart.
    const other = await newCouncil();
    const theirs = await other.call('POST', '/providers', { id, name: 'Imported Care Ltd', sector: 'VOLUNTARY' });
    expect(theirs.status).toBe(201);
    expect(theirs.body).toMatchObject({ id, localAuthority: other.la, sector: 'VOLUNTARY' });
    await other.setting(id);
    expect((await other.ok('GET', '/providers')).map((p: { id: string; sector: string }) => [p.id, p.sector])).toEqual([[id, 'VOLUNTARY']]);
    expect((await c.ok('GET', '/providers')).map((p: { id: string; sector: string }) => [p.id, p.sector])).toEqual([[id, 'PRIVATE']]);
    const bad = await c.call('POST', '/providers', { id: 'provider-1', name: 'Bad Id Ltd', sector: 'PRIVATE' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toEqual({ field: 'id', reason: 'must be a UUID' });
    const made = await c.ok('POST', '/providers', { name: 'New Care Ltd', sector: 'PRIVATE' });
    expect(made.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.id).not.toBe(id);
    // A provider's staff, whose token names that id, see the provider as their own.
    await c.setting(id);
    const mine = await c.ok('GET', '/providers', undefined, await c.provider(id));
    expect(mine.map((p: { id: string }) => p.id)).toEqual([id]);
  });
});
