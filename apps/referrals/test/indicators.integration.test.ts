import 'reflect-metadata';
import { loadEnv } from '@placewise/platform';
import { createTestIssuer, httpCall, startTestApp, testEnv, type TestIssuer } from '@placewise/platform/testing';
import type { INestApplication } from '@nestjs/common';
import { asDate } from '@placewise/contracts/dates';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { ReferralsEnv } from '../src/env.js';
import { PrismaService } from '../src/prisma.service.js';
import { ChildrenView, IndicatorsView, SettingsView } from '../src/indicators/indicators.views.js';

const PREFIX = `${process.env.QUEUE_PREFIX ?? 'test-referrals'}:indicators-${randomUUID().slice(0, 8)}`;
const LA = `ind-${randomUUID().slice(0, 6)}`;
let app: INestApplication;
let base: string;
let issuer: TestIssuer;
let perf: string;
let hos: string;
let fin: string;
let other: string;
let sw: string;

const call = (method: string, path: string, body?: unknown, token = perf) => httpCall(base, { method, path, body, token });

/** The unit test's hand-made cohort (src/indicators/indicators.test.ts), stored as a council's record. */
async function storeCohort(prisma: PrismaService) {
  const children: [string, string, boolean][] = [
    ['A1', '2015-05-10', false],
    ['B2', '2012-03-01', true],
    ['C3', '2007-06-15', false],
    ['D4', '2018-01-01', false],
    ['E5', '2010-01-01', false],
    ['F6', '2011-01-01', false],
    ['G7', '2009-01-01', false],
  ];
  const ids = new Map<string, string>();
  for (const [ref, dob, uasc] of children) {
    const id = randomUUID();
    ids.set(ref[0]!, id);
    await prisma.child.create({ data: { id, localAuthority: LA, reference: ref, dateOfBirth: asDate(dob), uasc, createdBy: 'test' } });
  }
  const ep = (
    c: string,
    decom: string,
    rne: string,
    ls: string,
    place: string,
    dec: string | null,
    rec: string | null,
    plPost: string,
    homePost: string | null = 'NS1 1AA',
  ) => ({
    id: randomUUID(),
    localAuthority: LA,
    childId: ids.get(c)!,
    decom: asDate(decom),
    rne,
    ls,
    cin: 'N1',
    place,
    dec: dec ? asDate(dec) : null,
    rec,
    plPost,
    homePost,
    source: 'IMPORT' as const,
  });
  await prisma.lookedAfterEpisode.createMany({
    data: [
      ep('A', '2022-01-10', 'S', 'C2', 'U4', '2024-08-01', 'X1', 'NS2 1AA'),
      ep('A', '2024-08-01', 'P', 'C2', 'K2', '2024-12-01', 'X1', 'SV1 1AA'),
      ep('A', '2024-12-01', 'P', 'C2', 'U6', null, null, 'NS2 1AA'),
      ep('B', '2025-04-15', 'S', 'V2', 'U6', '2025-05-20', 'E8', 'SV1 1AA', null),
      ep('C', '2020-01-01', 'S', 'C2', 'U4', '2021-03-01', 'X1', 'NS1 1AA'),
      ep('C', '2021-03-01', 'T', 'C2', 'U4', '2025-06-15', 'E17', 'NS1 1AA'),
      ep('D', '2022-06-01', 'S', 'C1', 'U6', '2022-09-01', 'X1', 'NS2 1AA'),
      ep('D', '2022-09-01', 'L', 'C2', 'U6', '2023-05-01', 'X1', 'NS2 1AA'),
      ep('D', '2023-05-01', 'P', 'C2', 'A6', null, null, 'SV1 1AA'),
      ep('E', '2025-06-10', 'S', 'C1', 'U6', null, null, 'ZZ9 9ZZ'),
      ep('F', '2025-05-01', 'S', 'V3', 'U6', null, null, 'NS1 1AA'),
      ep('G', '2024-10-01', 'S', 'V2', 'U6', '2025-01-30', 'E4A', 'NS1 1AA'),
    ],
  });
}

beforeAll(async () => {
  issuer = await createTestIssuer();
  const env = loadEnv(ReferralsEnv, testEnv({ databaseUrl: inject('databaseUrl'), schema: 'referrals', issuer, prefix: PREFIX }));
  ({ app, url: base } = await startTestApp(AppModule.forRoot(env)));
  perf = await issuer.token({ sub: 'perf.ind', roles: ['performance'], la: LA });
  hos = await issuer.token({ sub: 'hos.ind', roles: ['approver:HOS'], la: LA });
  fin = await issuer.token({ sub: 'fin.ind', roles: ['finance'], la: LA });
  sw = await issuer.token({ sub: 'sw.ind', roles: ['social-worker'], la: LA });
  other = await issuer.token({ sub: 'perf.other', roles: ['performance'], la: `other-${LA}` });
  const prisma = app.get(PrismaService);
  await storeCohort(prisma);
  // The postcode table is the deployment's: these three are in the unit test too.
  await prisma.postcode.createMany({
    data: [
      { pcds: 'NS1 1AA', lat: 52.0, long: -1.0, la: 'E06099001' },
      { pcds: 'NS2 1AA', lat: 52.1, long: -1.0, la: 'E06099001' },
      { pcds: 'SV1 1AA', lat: 52.5, long: -1.0, la: 'E06099002' },
    ],
    skipDuplicates: true,
  });
});

afterAll(async () => {
  await app?.close();
});

describe('the settings the council enters', () => {
  it('sets population, comparators, targets and the area, each change audited with before and after', async () => {
    expect((await call('PUT', '/indicators/population/2025', { children: 9_000 })).status).toBe(200);
    const pop = await call('PUT', '/indicators/population/2025', { children: 10_000, reason: 'ONS mid-2025 estimate published' });
    expect(pop.status).toBe(200);
    expect(pop.body).toEqual({ year: 2025, children: 10_000 });
    expect(
      (
        await call('PUT', '/indicators/comparators/2025', {
          comparators: [
            { name: 'England', ratePer10k: 71 },
            { name: 'Statistical neighbours', ratePer10k: 80.5 },
          ],
        })
      ).status,
    ).toBe(200);
    expect((await call('PUT', '/indicators/entry-targets/2025-04', { entries: 1 })).status).toBe(200);
    expect((await call('PUT', '/exits/targets/2025-05', { exits: 2 }, hos)).status).toBe(200);
    expect((await call('PUT', '/exits/targets/2025-06', { exits: 1 }, hos)).status).toBe(200);
    expect((await call('PUT', '/indicators/area', { laCodes: ['E06099001'] })).status).toBe(200);

    const s = await call('GET', '/indicators/settings', undefined, fin);
    expect(s.status).toBe(200);
    const settings = SettingsView.strict().parse(s.body);
    expect(settings.population).toEqual([{ year: 2025, children: 10_000, setBy: 'perf.ind' }]);
    expect(settings.exitTargets.map((t) => [t.month, t.exits])).toEqual([
      ['2025-05', 2],
      ['2025-06', 1],
    ]);
    const popChange = settings.changes.find((c) => c.setting === 'population' && c.reason !== null)!;
    expect(popChange).toMatchObject({ key: '2025', before: { children: 9_000 }, after: { children: 10_000 }, by: 'perf.ind' });
    expect(settings.changes).toHaveLength(5);
  });

  it('refuses hostile or impossible input naming the field, and other roles', async () => {
    const nul = await call('PUT', '/indicators/population/2025', { children: 10, reason: 'bad\u0000reason' });
    expect(nul.status).toBe(400);
    expect(JSON.stringify(nul.body)).toContain('reason');
    expect((await call('PUT', '/indicators/population/0000', { children: 10 })).status).toBe(400);
    expect((await call('PUT', '/indicators/entry-targets/2025-13', { entries: 1 })).status).toBe(400);
    expect((await call('PUT', '/indicators/area', { laCodes: ['Northshire'] })).status).toBe(400);
    expect((await call('PUT', '/indicators/population/2025', { children: 10 }, fin)).status).toBe(403);
    expect((await call('GET', '/indicators?from=0000-01-01&to=2025-01-01')).status).toBe(400);
    expect((await call('GET', '/indicators?from=2025-06-01&to=2025-01-01')).status).toBe(400);
    expect((await call('GET', '/indicators', undefined, sw)).status).toBe(403);
  });
});

describe('the figures', () => {
  const Q = '?from=2025-04-01&to=2025-06-30';

  it('answers the hand-computed figures for the period and each month', async () => {
    const r = await call('GET', `/indicators${Q}`, undefined, fin);
    expect(r.status).toBe(200);
    const v = IndicatorsView.strict().parse(r.body);
    expect(v.drillDown).toBe(false);
    expect(v.end).toMatchObject({ inCare: 3, inCareUasc: 0, population: 10_000, ratePer10k: 3 });
    expect(v.comparators.map((c) => [c.name, c.ratePer10k])).toEqual([
      ['England', 71],
      ['Statistical neighbours', 80.5],
    ]);
    expect(v).toMatchObject({ entries: 2, entriesUasc: 1, exits: 2, exitsUasc: 1, entryTarget: 1, exitTarget: 3 });
    expect(v.byRoute).toEqual({ REUNIFICATION: 0, SPECIAL_GUARDIANSHIP: 0, ADOPTION: 0, AGED_18_AND_OVER: 1, OTHER: 1 });
    expect(v.end.threeOrMorePlacements).toEqual({ cohort: 3, count: 1, percent: 33.3 });
    expect(v.end.longTermStability).toEqual({ cohort: 2, count: 1, percent: 50 });
    expect(v.end.distance).toEqual({ cohort: 3, outOfArea: 1, over20Miles: 1, unknown: 1 });
    expect(v.months.map((m) => [m.month, m.end.inCare, m.entries, m.exits])).toEqual([
      ['2025-04', 4, 1, 0],
      ['2025-05', 3, 0, 1],
      ['2025-06', 3, 1, 1],
    ]);
    expect(v.projection.others.startStock).toBe(3);
    expect(v.projection.others.exitRatePerDay).toBeCloseTo(1 / 1216, 12);
  });

  it('lists the children behind a figure by reference, only to roles that may see children', async () => {
    expect((await call('GET', `/indicators/children${Q}&measure=in-care`, undefined, fin)).status).toBe(403);
    const three = await call('GET', `/indicators/children${Q}&measure=three-or-more-placements`, undefined, hos);
    expect(three.status).toBe(200);
    expect(ChildrenView.strict().parse(three.body).children).toEqual([{ reference: 'A1' }]);
    const april = await call('GET', `/indicators/children${Q}&measure=in-care&month=2025-04`, undefined, hos);
    expect(april.body.children.map((c: { reference: string }) => c.reference)).toEqual(['A1', 'B2', 'C3', 'D4']);
    const away = await call('GET', `/indicators/children${Q}&measure=out-of-area`);
    expect(away.body).toMatchObject({ count: 1, children: [{ reference: 'D4' }] });
    expect((await call('GET', `/indicators/children${Q}&measure=in-care&month=2024-01`)).status).toBe(400);
    expect((await call('GET', `/indicators/children${Q}&measure=everyone`)).status).toBe(400);
  });

  it('gives the figures as CSV, the period first then each month', async () => {
    const res = await fetch(`${base}/indicators${Q}&format=csv`, { headers: { authorization: `Bearer ${fin}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]!.split(',').slice(0, 3)).toEqual(['period', 'in care on', 'children in care']);
    expect(lines[1]!.split(',').slice(0, 8)).toEqual(['2025-04-01 to 2025-06-30', '2025-06-30', '3', '0', '3', '2', '1', '2']);
    expect(lines[2]!.split(',').slice(0, 3)).toEqual(['2025-04', '2025-04-30', '4']);
  });

  it("shows another council's people none of it", async () => {
    const r = await call('GET', `/indicators${Q}`, undefined, other);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ entries: 0, exits: 0, end: { inCare: 0, population: null } });
  });
});
