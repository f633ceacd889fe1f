import { httpCall } from '@placewise/platform/testing';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordToReturn, type ChildRecord } from '../src/returns/convert.js';
import { ReturnsRepository } from '../src/returns/returns.repository.js';
import { RETURNS_QUEUE } from '../src/returns/returns.queue.js';
import { ExportView, LoadView, PreflightView } from '../src/returns/returns.views.js';
import { generateDemoCouncil } from '../src/ssda903/demo-council.js';
import { readReturnFiles, writeReturnFiles } from '../src/ssda903/files.js';
import { writeWeeklyCosts } from '../src/returns/weekly-costs.js';
import { app, base, issuer, prisma, useReferrals } from './support.js';

const tag = randomUUID().slice(0, 6);
const [LA1, LA2, LA3, LA4, LA5, LA6, LA7] = [1, 2, 3, 4, 5, 6, 7].map((n) => `ret${n}-${tag}`) as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];
useReferrals({ name: 'returns', queues: [RETURNS_QUEUE, 'commissioning-inbox'] });
const perf: Record<string, string> = {};

const ep = (o: Partial<ChildRecord['episodes'][number]>): ChildRecord['episodes'][number] => ({
  decom: '2024-06-03',
  rne: 'S',
  ls: 'V2',
  cin: 'N1',
  place: 'K2',
  placeProvider: 'PR4',
  dec: null,
  rec: null,
  reasonPlaceChange: null,
  homePost: 'NS2 2BB',
  plPost: 'NS1 1AA',
  urn: 'SC100001',
  ...o,
});
const none = {
  missing: [],
  socialWorkers: [],
  careLeaverOutcomes: [],
  previousPermanence: null,
  adoptionDecisions: [],
  libertyOrders: [],
  healthOutcomes: [],
  adoption: null,
};

/** Three children over two years: a move and a care order (still looked after), an asylum-seeking boy, a child who went home. */
const CHILDREN: ChildRecord[] = [
  {
    reference: 'C0001',
    dob: '2012-03-04',
    sex: 'F',
    ethnicity: 'WBRI',
    upn: 'A123456789012',
    mother: false,
    motherChildDob: null,
    uasc: false,
    uascCeased: null,
    episodes: [
      ep({ dec: '2025-01-10', rec: 'X1', reasonPlaceChange: 'CREQB' }),
      ep({ decom: '2025-01-10', rne: 'P', place: 'U6', urn: 'SC100002', plPost: 'NS3 3CC', dec: '2025-07-01', rec: 'X1' }),
      ep({ decom: '2025-07-01', rne: 'L', ls: 'C2', place: 'U6', urn: 'SC100002', plPost: 'NS3 3CC' }),
    ],
    reviews: [
      { heldOn: '2024-06-28', participation: 'PN1' },
      { heldOn: '2024-09-20', participation: 'PN1' },
      { heldOn: '2025-03-10', participation: 'PN1' },
      { heldOn: '2025-09-01', participation: 'PN1' },
    ],
    ...none,
    missing: [{ kind: 'M', start: '2025-05-01', end: '2025-05-02' }],
    socialWorkers: [
      { socialWorkerId: 'SW1001', start: '2024-06-03', end: '2025-02-01', reason: null },
      { socialWorkerId: 'SW1002', start: '2025-02-01', end: null, reason: 'LEFTRL' },
    ],
  },
  {
    reference: 'C0002',
    dob: '2008-06-06',
    sex: 'M',
    ethnicity: 'BAFR',
    upn: 'UN2',
    mother: null,
    motherChildDob: null,
    uasc: true,
    uascCeased: null,
    episodes: [ep({ decom: '2024-09-02', ls: 'V2', cin: 'N8', place: 'K3', urn: 'SC100004', homePost: null, plPost: 'NS4 4DD' })],
    reviews: [
      { heldOn: '2024-09-25', participation: 'PN1' },
      { heldOn: '2024-12-10', participation: 'PN5' },
      { heldOn: '2025-06-02', participation: 'PN1' },
    ],
    ...none,
    socialWorkers: [{ socialWorkerId: 'SW1003', start: '2024-09-02', end: null, reason: null }],
  },
  {
    reference: 'C0003',
    dob: '2015-01-01',
    sex: 'M',
    ethnicity: 'WIRI',
    upn: 'B123456789012',
    mother: null,
    motherChildDob: null,
    uasc: false,
    uascCeased: null,
    episodes: [ep({ decom: '2024-05-01', cin: 'N4', place: 'U6', placeProvider: 'PR1', urn: 'SC100003', dec: '2025-02-03', rec: 'E4A' })],
    reviews: [
      { heldOn: '2024-05-20', participation: 'PN1' },
      { heldOn: '2024-08-12', participation: 'PN1' },
    ],
    ...none,
    socialWorkers: [{ socialWorkerId: 'SW1001', start: '2024-05-01', end: '2025-02-03', reason: null }],
  },
];

type Part = { field: string; name: string; content: string | Uint8Array };

async function upload(parts: Part[], token: string) {
  const form = new FormData();
  for (const p of parts) form.append(p.field, new Blob([typeof p.content === 'string' ? p.content : new Uint8Array(p.content)]), p.name);
  const res = await fetch(`${base}/returns/ssda903/imports`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & {
      errors?: { file: string; line: number | null; column: string | null; reason: string }[];
    },
  };
}

const yearParts = (field: string, year: number): Part[] =>
  writeReturnFiles(recordToReturn(CHILDREN, year)).map((f) => ({ field, name: f.name, content: f.content }));
const COSTS: Part = { field: 'costs', name: 'weekly-costs.csv', content: 'CHILD,PLACE,WEEKLY_COST\r\nC0001,,650.00\r\n,K3,900\r\n' };

const count = async (la: string) => ({
  children: await prisma.child.count({ where: { localAuthority: la } }),
  episodes: await prisma.lookedAfterEpisode.count({ where: { localAuthority: la } }),
  reviews: await prisma.childReview.count({ where: { localAuthority: la } }),
  outbox: await prisma.outboxEvent.count({ where: { localAuthority: la } }),
  audit: await prisma.recordChange.count({ where: { localAuthority: la } }),
});

async function exported(la: string, year: number) {
  const start = await httpCall(base, { method: 'POST', path: '/returns/ssda903', body: { collectionYear: year }, token: perf[la] });
  expect(start.status, JSON.stringify(start.body)).toBe(202);
  const id = ExportView.parse(start.body).id;
  let status: ExportView | undefined;
  for (let i = 0; i < 200; i++) {
    status = ExportView.strict().parse((await httpCall(base, { method: 'GET', path: `/returns/ssda903/${id}`, token: perf[la] })).body);
    if (status.status === 'DONE' || status.status === 'FAILED') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(status).toMatchObject({ status: 'DONE', progress: 100 });
  const res = await fetch(`${base}/returns/ssda903/${id}/file`, { headers: { authorization: `Bearer ${perf[la]}` } });
  expect(res.headers.get('content-type')).toBe('application/zip');
  return { id, zip: new Uint8Array(await res.arrayBuffer()) };
}

beforeAll(async () => {
  for (const la of [LA1, LA2, LA3, LA4, LA5, LA6, LA7]) perf[la] = await issuer.token({ sub: `perf.${la}`, roles: ['performance'], la });
});

describe('the return in', () => {
  it('loads two years with weekly costs in one go, an event per open placement; the same files again change nothing', async () => {
    const parts = [...yearParts('year1', 2024), ...yearParts('year2', 2025), COSTS];
    const first = await upload(parts, perf[LA1]!);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(LoadView.strict().parse(first.body)).toMatchObject({
      unchanged: false,
      children: 3,
      newChildren: 3,
      episodes: 5,
      placements: 2,
    });
    const after = await count(LA1);
    expect(after).toMatchObject({ children: 3, episodes: 5, reviews: 9, outbox: 2 });
    const events = await prisma.outboxEvent.findMany({ where: { localAuthority: LA1 }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => (e.envelope as { payload: Record<string, unknown> }).payload)).toEqual([
      expect.objectContaining({
        childReference: 'C0001',
        placementStart: '2025-01-10',
        place: 'U6',
        placeProvider: 'PR4',
        urn: 'SC100002',
        legalStatus: 'C2',
        weeklyCostPence: 65_000,
      }),
      expect.objectContaining({
        childReference: 'C0002',
        placementStart: '2024-09-02',
        place: 'K3',
        placePostcode: 'NS4 4DD',
        weeklyCostPence: 90_000,
      }),
    ]);
    expect(JSON.stringify(events.map((e) => e.envelope))).not.toContain('2012-03-04'); // no date of birth in an event

    const again = await upload(parts, perf[LA1]!);
    expect(again.body).toMatchObject({ unchanged: true, importId: first.body.importId });
    expect(await count(LA1)).toEqual(after);

    // The child known by reference alone, with the record the returns describe.
    const ava = await prisma.child.findFirstOrThrow({ where: { localAuthority: LA1, reference: 'C0001' } });
    expect(ava).toMatchObject({
      givenName: null,
      familyName: null,
      sex: 'F',
      upn: 'A123456789012',
      homePostcode: 'NS2 2BB',
      categoryOfNeed: 'N1',
    });
    // A child loaded from a return is no social worker's until one makes a request for them: the performance team reads it.
    const perfTeam = await issuer.token({ roles: ['performance'], la: LA1 });
    const rec = await httpCall(base, { method: 'GET', path: `/children/${ava.id}/record`, token: perfTeam });
    expect(rec.body.legalStatuses.map((l: { status: string; from: string }) => [l.status, l.from])).toEqual([
      ['V2', '2024-06-03'],
      ['C2', '2025-07-01'],
    ]);
    expect(rec.body).toMatchObject({ lookedAfter: true, lookedAfterSince: '2024-06-03', nextReviewDue: '2026-03-01' });
  });

  it('refuses bad files with every bad row (file, line, column, reason) and writes nothing', async () => {
    const before = await count(LA3);
    const files = writeReturnFiles(recordToReturn(CHILDREN, 2025));
    const broken = files.map((f) => {
      if (/episodes/i.test(f.name)) return { ...f, content: f.content.replace('U6', 'Q9').replace('01/07/2025', '31/02/2025') };
      if (/header/i.test(f.name))
        return { ...f, content: f.content.replace('CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB', 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER') };
      return f;
    });
    const r = await upload(
      broken.map((f) => ({ field: 'year1', name: f.name, content: f.content })),
      perf[LA3]!,
    );
    expect(r.status).toBe(400);
    const errors = r.body.errors ?? [];
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ column: 'PLACE', line: 2, reason: expect.stringContaining('Q9') }),
        expect.objectContaining({ column: 'DEC', line: 2, reason: expect.stringContaining('31/02/2025') }),
        expect.objectContaining({ file: 'year1/header.csv', line: 1, reason: expect.stringContaining('missing MC_DOB') }),
      ]),
    );
    expect(await count(LA3)).toEqual(before);

    // Consistent files, inconsistent record: an asylum-seeking child with a home postcode (rule 406).
    const uascHome = writeReturnFiles(recordToReturn([{ ...CHILDREN[1]!, uasc: false }], 2025)).map((f) => ({
      field: 'year1',
      name: f.name,
      content: f.content,
    }));
    const withUasc = writeReturnFiles(recordToReturn([CHILDREN[1]!], 2025)).find((f) => /uasc/i.test(f.name))!;
    const episodesWithHome = uascHome.map((p) =>
      /episodes/i.test(p.name)
        ? { ...p, content: (p.content as string).replace(/,,NS4 4DD/, ',NS9 9ZZ,NS4 4DD') }
        : /uasc/i.test(p.name)
          ? { ...p, content: withUasc.content }
          : p,
    );
    const refused = await upload(episodesWithHome, perf[LA3]!);
    expect(refused.status, JSON.stringify(refused.body)).toBe(400);
    expect(refused.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ line: 2, column: 'HOME_POST', reason: expect.stringContaining('406') })]),
    );
    expect(await count(LA3)).toEqual(before);
  });
});

describe('the return out', () => {
  it('exports each year as a background job; the zips loaded elsewhere give the same record', async () => {
    const y2024 = await exported(LA1, 2024);
    const y2025 = await exported(LA1, 2025);
    // Each download of a file is a read of every child in it: the access log has a row per child per download.
    const logged = await prisma.personalDataAccess.findMany({ where: { localAuthority: LA1, through: 'RETURN_FILE' } });
    const inFiles = await prisma.returnExport.findMany({
      where: { id: { in: [y2024.id, y2025.id] } },
      select: { childIds: true, children: true },
    });
    expect(inFiles.map((f) => f.childIds.length).sort()).toEqual([2, 3]);
    expect(inFiles.every((f) => f.childIds.length === f.children)).toBe(true);
    expect(logged.map((r) => r.childId).sort()).toEqual(inFiles.flatMap((f) => f.childIds).sort());
    const pf = await httpCall(base, { method: 'GET', path: '/returns/ssda903/preflight?collectionYear=2025', token: perf[LA1] });
    expect(PreflightView.strict().parse(pf.body)).toMatchObject({ collectionYear: 2025, label: '2025-26', children: 2, failures: [] });

    const load = await upload(
      [
        { field: 'year1', name: 'ret-2024-25.zip', content: y2024.zip },
        { field: 'year2', name: 'ret-2025-26.zip', content: y2025.zip },
      ],
      perf[LA2]!,
    );
    expect(load.status, JSON.stringify(load.body)).toBe(200);
    const repo = app.get(ReturnsRepository);
    const strip = async (la: string) => (await repo.records(la)).map((r) => r.record).sort((a, b) => (a.reference < b.reference ? -1 : 1));
    expect(await strip(LA2)).toEqual(await strip(LA1));
    expect(await strip(LA1)).toEqual(CHILDREN);

    // Another council sees none of it; a social worker cannot load or produce a return.
    expect((await httpCall(base, { method: 'GET', path: `/returns/ssda903/${y2024.id}`, token: perf[LA2] })).status).toBe(404);
    expect((await fetch(`${base}/returns/ssda903/${y2024.id}/file`, { headers: { authorization: `Bearer ${perf[LA2]}` } })).status).toBe(
      404,
    );
    const sw = await issuer.token({ roles: ['social-worker'], la: LA1 });
    expect((await httpCall(base, { method: 'POST', path: '/returns/ssda903', body: { collectionYear: 2025 }, token: sw })).status).toBe(
      403,
    );
    expect((await upload([COSTS], sw)).status).toBe(403);
  });

  it('OC2 and AD1: loaded, corrected on the record, exported in their tables, and loaded elsewhere the same', async () => {
    const oc2 = (year: number, o: Partial<ChildRecord['healthOutcomes'][number]> = {}) => ({
      year,
      sdqScore: 12,
      sdqReason: null,
      convicted: false,
      healthCheck: true,
      immunisations: true,
      teethCheck: false,
      healthAssessment: true,
      substanceMisuse: false,
      interventionReceived: null,
      interventionOffered: null,
      ...o,
    });
    const reviews = (...days: string[]) => days.map((heldOn) => ({ heldOn, participation: 'PN1' }));
    const kids: ChildRecord[] = [
      {
        ...CHILDREN[0]!,
        reference: 'A0001',
        dob: '2012-03-04',
        episodes: [ep({ decom: '2023-06-01', ls: 'C2' })],
        reviews: reviews('2023-06-20', '2023-09-15', '2024-03-10', '2024-09-05', '2025-03-01', '2025-09-01'),
        missing: [],
        socialWorkers: [{ socialWorkerId: 'SW2001', start: '2023-06-01', end: null, reason: null }],
        healthOutcomes: [oc2(2024), oc2(2025, { sdqScore: 18, convicted: true })],
      },
      {
        ...CHILDREN[2]!,
        reference: 'A0002',
        dob: '2020-01-01',
        episodes: [
          ep({
            decom: '2023-02-01',
            ls: 'C2',
            place: 'U6',
            placeProvider: 'PR1',
            urn: 'SC100003',
            dec: '2024-11-04',
            rec: 'X1',
            reasonPlaceChange: 'CARPL',
          }),
          ep({
            decom: '2024-11-04',
            rne: 'B',
            ls: 'E1',
            place: 'A6',
            placeProvider: 'PR1',
            urn: 'SC100009',
            dec: '2025-10-20',
            rec: 'E11',
          }),
        ],
        reviews: reviews('2023-02-20', '2023-05-10', '2023-11-01', '2024-05-01', '2024-11-01', '2025-05-01'),
        socialWorkers: [{ socialWorkerId: 'SW2002', start: '2023-02-01', end: '2025-10-20', reason: null }],
        adoptionDecisions: [{ decidedOn: '2024-05-02', ceasedOn: '2025-10-20', ceasedReason: 'RD1' }],
        healthOutcomes: [oc2(2024, { sdqScore: null, sdqReason: 'SDQ1', convicted: null })],
        adoption: {
          decidedOn: '2024-05-02',
          matchedOn: '2024-10-01',
          byFosterCarers: false,
          adopters: 2,
          adoptersSex: 'MF',
          adoptersLegalStatus: 'L11',
        },
      },
    ];
    const parts = [2024, 2025].flatMap((year, i) =>
      writeReturnFiles(recordToReturn(kids, year)).map((f) => ({ field: `year${i + 1}`, name: f.name, content: f.content })),
    );
    const load = await upload(parts, perf[LA6]!);
    expect(load.status, JSON.stringify(load.body).slice(0, 2000)).toBe(200);
    const repo = app.get(ReturnsRepository);
    const records = async (la: string) =>
      (await repo.records(la)).map((r) => r.record).sort((a, b) => (a.reference < b.reference ? -1 : 1));
    expect((await records(LA6)).map((r) => [r.reference, r.healthOutcomes, r.adoption])).toEqual(
      kids.map((k) => [k.reference, k.healthOutcomes, k.adoption]),
    );

    // The record shows them; a social worker corrects the 2025 outcome (the teeth check was done) and records AD1.
    // (Children loaded from a return are no social worker's caseload: this one is also the head of service.)
    const sw = await issuer.token({ sub: 'sw.oc2', roles: ['social-worker', 'approver:HOS'], la: LA6 });
    const [a1, a2] = await Promise.all(
      ['A0001', 'A0002'].map(async (reference) => (await prisma.child.findFirstOrThrow({ where: { localAuthority: LA6, reference } })).id),
    );
    const put = (path: string, body: unknown) => httpCall(base, { method: 'PUT', path, body, token: sw });
    const corrected = await put(`/children/${a1}/health-outcomes`, { ...oc2(2025, { sdqScore: 18, convicted: true }), teethCheck: true });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(
      corrected.body.healthOutcomes.map((o: { year: number; teethCheck: boolean; source: string }) => [o.year, o.teethCheck, o.source]),
    ).toEqual([
      [2024, false, 'IMPORT'],
      [2025, true, 'MANUAL'],
    ]);
    expect((await put(`/children/${a1}/health-outcomes`, { year: 2025, sdqScore: 41 })).body.errors[0]).toMatchObject({
      field: 'sdqScore',
    });
    expect((await put(`/children/${a1}/health-outcomes`, { year: 2025, sdqScore: 3, sdqReason: 'SDQ2' })).status).toBe(400);
    expect((await put(`/children/${a2}/adoption-details`, { decidedOn: '2024-05-02', matchedOn: '2024-04-01', reason: 'x' })).status).toBe(
      400,
    );
    const adopted = await put(`/children/${a2}/adoption-details`, {
      ...kids[1]!.adoption,
      byFosterCarers: true,
      reason: 'Adopted by her carers',
    });
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
    expect(adopted.body.adoption).toEqual({ ...kids[1]!.adoption, byFosterCarers: true, source: 'MANUAL' });

    // The export carries them in their tables: OC2 for the year, AD1 in the year she was adopted.
    const y2024 = await exported(LA6, 2024);
    const y2025 = await exported(LA6, 2025);
    const read = (zip: Uint8Array) => {
      const r = readReturnFiles([{ name: 'ret.zip', content: zip }]);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.value;
    };
    expect(read(y2025.zip).OC2).toEqual([
      {
        CHILD: 'A0001',
        DOB: '2012-03-04',
        SDQ_SCORE: '18',
        SDQ_REASON: null,
        CONVICTED: '1',
        HEALTH_CHECK: '1',
        IMMUNISATIONS: '1',
        TEETH_CHECK: '1',
        HEALTH_ASSESSMENT: '1',
        SUBSTANCE_MISUSE: '0',
        INTERVENTION_RECEIVED: null,
        INTERVENTION_OFFERED: null,
      },
    ]);
    expect(read(y2025.zip).AD1).toEqual([
      {
        CHILD: 'A0002',
        DOB: '2020-01-01',
        DATE_INT: '2024-05-02',
        DATE_MATCH: '2024-10-01',
        FOSTER_CARE: '1',
        NB_ADOPTR: '2',
        SEX_ADOPTR: 'MF',
        LS_ADOPTR: 'L11',
      },
    ]);
    expect(read(y2024.zip).OC2.map((o) => [o.CHILD, o.SDQ_SCORE, o.SDQ_REASON])).toEqual([
      ['A0001', '12', null],
      ['A0002', null, 'SDQ1'],
    ]);
    expect(read(y2024.zip).AD1).toEqual([]);

    // Loaded into another council, the exports give the same record.
    const again = await upload(
      [
        { field: 'year1', name: 'ret-2024-25.zip', content: y2024.zip },
        { field: 'year2', name: 'ret-2025-26.zip', content: y2025.zip },
      ],
      perf[LA7]!,
    );
    expect(again.status, JSON.stringify(again.body).slice(0, 2000)).toBe(200);
    const there = await records(LA7);
    expect(there).toEqual(await records(LA6));
    expect(there.find((r) => r.reference === 'A0002')?.adoption?.byFosterCarers).toBe(true);
  });

  it('lists each pre-flight failure with the child, rule, field, fix and where to put it right', async () => {
    const ava = await prisma.child.findFirstOrThrow({ where: { localAuthority: LA1, reference: 'C0001' } });
    await prisma.lookedAfterEpisode.updateMany({ where: { childId: ava.id, decom: new Date('2025-07-01') }, data: { urn: null } });
    const pf = PreflightView.parse(
      (await httpCall(base, { method: 'GET', path: '/returns/ssda903/preflight?collectionYear=2025', token: perf[LA1] })).body,
    );
    expect(pf.failures).toContainEqual(
      expect.objectContaining({
        child: 'C0001',
        rule: '218',
        table: 'Episodes',
        field: 'URN',
        path: `/children/${ava.id}/record#episodes`,
        fix: expect.any(String),
      }),
    );
    expect((await httpCall(base, { method: 'GET', path: '/returns/ssda903/preflight?collectionYear=1800', token: perf[LA1] })).status).toBe(
      400,
    );
  });
});

describe('the demo council', () => {
  it('loads five years through the import, and the record gives back returns that pass the pre-flight check', async () => {
    const demo = generateDemoCouncil({ children: 120, years: 5, lastYearStart: 2025, seed: 903 });
    const parts = demo.years.flatMap((ret, i) =>
      writeReturnFiles(ret).map((f) => ({ field: `year${i + 1}`, name: f.name, content: f.content })),
    );
    const costs = writeWeeklyCosts({ byChild: demo.weeklyCosts.byChild });
    const r = await upload([...parts, { field: 'costs', name: 'weekly-costs.csv', content: costs }], perf[LA4]!);
    expect(r.status, JSON.stringify(r.body).slice(0, 2000)).toBe(200);
    expect(r.body.placements).toBe(Object.keys(demo.weeklyCosts.byChild).length);
    for (const year of [2024, 2025]) {
      const pf = PreflightView.parse(
        (await httpCall(base, { method: 'GET', path: `/returns/ssda903/preflight?collectionYear=${year}`, token: perf[LA4] })).body,
      );
      expect(pf.failures).toEqual([]);
      expect(pf.children).toBe(demo.years[year - 2021]!.Header.length);
    }
  });

  it("the demo-903 script's directory loads as it is: its weekly-cost file in the import's format, every open placement costed", async () => {
    // The script runs from the built service (npm test builds first).
    const dir = mkdtempSync(join(tmpdir(), 'demo-903-'));
    try {
      const script = new URL('../scripts/demo-903.mjs', import.meta.url).pathname;
      execFileSync(process.execPath, [script, dir, '--children', '60', '--years', '2', '--last-year', '2025', '--seed', '11'], {
        stdio: 'pipe',
      });
      const years = readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
      expect(years).toEqual(['2024-25', '2025-26']);
      const parts: Part[] = years.flatMap((y, i) =>
        readdirSync(join(dir, y)).map((name) => ({
          field: `year${i + 1}`,
          name,
          content: new Uint8Array(readFileSync(join(dir, y, name))),
        })),
      );
      const costs = readFileSync(join(dir, 'weekly-costs.csv'), 'utf8');
      expect(costs.split('\r\n')[0]).toBe('CHILD,PLACE,WEEKLY_COST');
      const demo = generateDemoCouncil({ children: 60, years: 2, lastYearStart: 2025, seed: 11 });
      const r = await upload([...parts, { field: 'costs', name: 'weekly-costs.csv', content: costs }], perf[LA5]!);
      expect(r.status, JSON.stringify(r.body).slice(0, 2000)).toBe(200);
      expect(r.body.placements).toBe(Object.keys(demo.weeklyCosts.byChild).length);
      // Each open placement's event carries the child's weekly cost from the file, to the penny.
      const events = await prisma.outboxEvent.findMany({ where: { localAuthority: LA5 } });
      const costed = Object.fromEntries(
        events.map((e) => {
          const p = (e.envelope as { payload: { childReference: string; weeklyCostPence: number | null } }).payload;
          return [p.childReference, p.weeklyCostPence];
        }),
      );
      expect(costed).toEqual(demo.weeklyCosts.byChild);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
