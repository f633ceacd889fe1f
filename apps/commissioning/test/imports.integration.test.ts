import 'reflect-metadata';
import { COMMISSIONING_INBOX, LookedAfterPlacementImportedV1, type EventEnvelope, type PayloadOf } from '@placewise/contracts';
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
import { ProviderWithSettingsView } from '../src/providers/providers.views.js';
import { PlacementView } from '../src/searches/searches.views.js';
import { QUEUE_PREFIX } from './queue-prefix.js';

type Imported = PayloadOf<typeof LookedAfterPlacementImportedV1>;
type Res = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

const PREFIX = `${QUEUE_PREFIX}:imp-${randomUUID().slice(0, 8)}`;
let app: INestApplication;
let base: string;
let issuer: TestIssuer;
let sql: pg.Client;
let inbox: Queue;

async function newCouncil() {
  const la = `la-${randomUUID().slice(0, 8)}`;
  const com = await issuer.token({ sub: `com.${la}`, roles: ['commissioner'], la });
  const call = (method: string, path: string, body?: unknown): Promise<Res> => httpCall(base, { method, path, body, token: com });
  return {
    la,
    call,
    async ok(method: string, path: string, body?: unknown) {
      const r = await call(method, path, body);
      expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBe(method === 'POST' ? 201 : 200);
      return r.body;
    },
  };
}

const imported = (la: string, over: Partial<Imported> = {}, id?: string): EventEnvelope<Imported> =>
  eventEnvelope(
    LookedAfterPlacementImportedV1,
    {
      importId: randomUUID(),
      importKey: `903:${randomUUID().slice(0, 8)}`,
      childId: randomUUID(),
      childReference: 'C0001',
      childAge: 13,
      placementStart: '2025-11-03',
      place: 'K2',
      placeProvider: 'PR4',
      urn: 'SC900001',
      placePostcode: 'ST16 2',
      legalStatus: 'C2',
      weeklyCostPence: 550_000,
      ...over,
    },
    { localAuthority: la, ...(id ? { id } : {}) },
  );

/** Delivers the event (as its own job) and waits for it: 'applied', or 'duplicate' for an event id already applied. */
async function apply(e: EventEnvelope<Imported>): Promise<string> {
  const jobId = `${e.id}-${randomUUID().slice(0, 4)}`;
  await inbox.add(e.type, e, { jobId });
  const job = await settledJob(inbox, jobId);
  expect(job.failedReason, job.failedReason).toBeUndefined();
  return job.returnvalue as string;
}

async function importedPlacement(la: string, importKey: string) {
  const { rows } = await sql.query('SELECT id FROM commissioning.placement WHERE local_authority = $1 AND import_key = $2', [
    la,
    importKey,
  ]);
  return rows.map((r) => r.id as string);
}

async function outbox(la: string) {
  const { rows } = await sql.query(
    `SELECT envelope FROM commissioning.outbox_event WHERE local_authority = $1 AND type = 'placement.imported' ORDER BY seq`,
    [la],
  );
  return rows.map((r) => r.envelope as EventEnvelope<Record<string, unknown>>);
}

async function providers(c: Awaited<ReturnType<typeof newCouncil>>) {
  return ProviderWithSettingsView.array().parse(await c.ok('GET', '/providers'));
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

describe('placements imported from the SSDA903 return', () => {
  it('attaches a placement with a known Ofsted URN to the council setting, and tells finance', async () => {
    const c = await newCouncil();
    const provider = (await c.ok('POST', '/providers', { name: 'Hillside Care Ltd', sector: 'PRIVATE' })).id as string;
    const setting = await c.ok('POST', `/providers/${provider}/settings`, {
      name: 'Hillside House',
      placementType: 'PRIVATE_CHILDRENS_HOME',
      ofstedUrn: 'SC900001',
      ofstedRating: 'GOOD',
      postcode: 'ST16 2LH',
      ageMin: 8,
      ageMax: 17,
      capacity: 3,
      vacancies: 1,
      weeklyPricePence: 540_000,
      procurementRoute: 'FRAMEWORK_TIER_1',
    });
    const e = imported(c.la);
    expect(await apply(e)).toBe('applied');

    const [id] = await importedPlacement(c.la, e.payload.importKey);
    const p = PlacementView.strict().parse(await c.ok('GET', `/placements/${id}`));
    expect(p).toMatchObject({
      origin: 'IMPORT',
      requestId: null,
      searchId: null,
      offerId: null,
      importKey: e.payload.importKey,
      childId: e.payload.childId,
      childAge: 13,
      settingId: setting.id,
      setting: 'Hillside House',
      providerId: provider,
      provider: 'Hillside Care Ltd',
      placementType: 'PRIVATE_CHILDRENS_HOME',
      provision: 'EXTERNAL',
      weeklyCostPence: 550_000,
      startDate: '2025-11-03',
      status: 'ACTIVE',
    });
    // The council's setting is used as it is: no new provider or setting, its vacancies untouched.
    const after = await providers(c);
    expect(after).toHaveLength(1);
    expect(after[0]!.settings).toHaveLength(1);
    expect(after[0]!.settings[0]!.vacancies).toBe(1);

    const [out] = await outbox(c.la);
    expect(out).toMatchObject({ causationId: e.id, correlationId: e.correlationId, producer: 'commissioning', version: 1 });
    expect(out!.payload).toEqual({
      placementId: id,
      childId: e.payload.childId,
      childAge: 13,
      providerId: provider,
      settingId: setting.id,
      placementType: 'PRIVATE_CHILDRENS_HOME',
      provision: 'EXTERNAL',
      weeklyCostPence: 550_000,
      startDate: '2025-11-03',
      importKey: e.payload.importKey,
    });
  });

  it('creates a setting for an unknown URN under an imported provider record, used again for the next child there', async () => {
    const c = await newCouncil();
    const first = imported(c.la, { urn: 'sc900777', place: 'K2', placeProvider: 'PR5', weeklyCostPence: null });
    expect(await apply(first)).toBe('applied');
    const second = imported(c.la, { urn: 'SC900777', place: 'K2', placeProvider: 'PR5', childAge: 16, weeklyCostPence: 480_000 });
    expect(await apply(second)).toBe('applied');

    const list = await providers(c);
    expect(list.map((p) => [p.name, p.sector])).toEqual([['Voluntary provider (from the 903 return)', 'VOLUNTARY']]);
    expect(list[0]!.settings).toHaveLength(1);
    expect(list[0]!.settings[0]).toMatchObject({
      name: "Voluntary children's home SC900777 (from the 903 return)",
      placementType: 'VOL_CHILDRENS_HOME',
      ofstedUrn: 'SC900777',
      registrationCategory: 'CHILDRENS_HOME',
      postcode: 'ST16 2',
      vacancies: 0,
    });
    const settingId = list[0]!.settings[0]!.id;
    const [a] = await importedPlacement(c.la, first.payload.importKey);
    const [b] = await importedPlacement(c.la, second.payload.importKey);
    expect((await c.ok('GET', `/placements/${a}`)).settingId).toBe(settingId);
    expect((await c.ok('GET', `/placements/${b}`)).settingId).toBe(settingId);
    // With no cost from the council's file, the placement costs nothing here and finance is told null.
    expect((await c.ok('GET', `/placements/${a}`)).weeklyCostPence).toBe(0);
    expect((await outbox(c.la)).map((o) => o.payload.weeklyCostPence)).toEqual([null, 480_000]);
  });

  it('puts placements with no URN in one setting per council and type, under its in-house provider', async () => {
    const c = await newCouncil();
    const inHouse = (await c.ok('POST', '/providers', { name: 'Our own homes', sector: 'IN_HOUSE' })).id as string;
    const parents1 = imported(c.la, { place: 'P1', placeProvider: 'PR0', urn: null, weeklyCostPence: 0 });
    const parents2 = imported(c.la, { place: 'P1', placeProvider: 'PR0', urn: 'XXXXXXX', weeklyCostPence: 0 });
    const other = imported(c.la, { place: 'Z11', placeProvider: null, urn: null, childAge: 17, weeklyCostPence: 90_000 });
    for (const e of [parents1, parents2, other]) expect(await apply(e)).toBe('applied');

    const list = await providers(c);
    expect(list.map((p) => p.id)).toEqual([inHouse]);
    expect(list[0]!.settings.map((s) => [s.name, s.placementType, s.ofstedUrn, s.procurementRoute, s.capacity])).toEqual([
      ['Other arrangements (from the 903 return)', 'OTHER_ARRANGEMENTS_UNREGULATED', null, 'IN_HOUSE', 0],
      ['Placed with parents (from the 903 return)', 'PLACED_WITH_PARENTS', null, 'IN_HOUSE', 0],
    ]);
    const [p1] = await importedPlacement(c.la, parents1.payload.importKey);
    const [p2] = await importedPlacement(c.la, parents2.payload.importKey);
    const v1 = await c.ok('GET', `/placements/${p1}`);
    expect(v1).toMatchObject({ placementType: 'PLACED_WITH_PARENTS', provision: 'IN_HOUSE', providerId: inHouse });
    expect((await c.ok('GET', `/placements/${p2}`)).settingId).toBe(v1.settingId);
  });

  it('makes an in-house provider record for PR1 foster carers when the council has none, and maps U4 to in-house fostering', async () => {
    const c = await newCouncil();
    const e = imported(c.la, { place: 'U4', placeProvider: 'PR1', urn: 'SC070001', weeklyCostPence: 35_000 });
    expect(await apply(e)).toBe('applied');
    const list = await providers(c);
    expect(list.map((p) => [p.name, p.sector])).toEqual([["The council's own provision (from the 903 return)", 'IN_HOUSE']]);
    expect(list[0]!.settings[0]).toMatchObject({ placementType: 'INHOUSE_FOSTER', registrationCategory: 'LA_FOSTERING' });
    const [id] = await importedPlacement(c.la, e.payload.importKey);
    expect(await c.ok('GET', `/placements/${id}`)).toMatchObject({ placementType: 'INHOUSE_FOSTER', provision: 'IN_HOUSE' });
  });

  it('changes nothing when the event is redelivered or the same placement is loaded again', async () => {
    const c = await newCouncil();
    const e = imported(c.la, { urn: 'SC900888' });
    expect(await apply(e)).toBe('applied');
    const count = async () =>
      (
        await sql.query(
          `SELECT (SELECT count(*) FROM commissioning.placement WHERE local_authority = $1)::int AS placements,
                  (SELECT count(*) FROM commissioning.setting WHERE local_authority = $1)::int AS settings,
                  (SELECT count(*) FROM commissioning.provider WHERE local_authority = $1)::int AS providers,
                  (SELECT count(*) FROM commissioning.outbox_event WHERE local_authority = $1)::int AS outbox`,
          [c.la],
        )
      ).rows[0];
    const before = await count();
    expect(before).toEqual({ placements: 1, settings: 1, providers: 1, outbox: 1 });
    // The same event again (BullMQ redelivery): the inbox has it.
    expect(await apply(e)).toBe('duplicate');
    // The same placement from a second load of the same files: a new event, the same import key.
    expect(await apply(imported(c.la, { ...e.payload, importId: randomUUID() }))).toBe('applied');
    expect(await count()).toEqual(before);
  });

  it('fails an unknown PLACE code at once, writing nothing', async () => {
    const c = await newCouncil();
    const e = imported(c.la, { place: 'Q9' });
    await inbox.add(e.type, e, { jobId: e.id });
    const job = await settledJob(inbox, e.id);
    expect(job.failedReason).toMatch(/PLACE code Q9/);
    expect(job.attemptsMade).toBe(1);
    expect(await importedPlacement(c.la, e.payload.importKey)).toEqual([]);
  });
});
