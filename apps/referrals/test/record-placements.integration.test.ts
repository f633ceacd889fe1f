import {
  PlacementEmergencyStartedV1,
  PlacementSettingRecordedV1,
  PlacementEndedV1,
  PlacementEndedV2,
  PlacementImportedV1,
  PlacementRatifiedV1,
  PlacementStartedV1,
  PlacementStartedV2,
  type PayloadOf,
} from '@placewise/contracts';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RecordView } from '../src/record/record.views.js';
import { recordToReturn, type ChildRecord } from '../src/returns/convert.js';
import { RETURNS_QUEUE } from '../src/returns/returns.queue.js';
import { writeReturnFiles } from '../src/ssda903/files.js';
import { base, call, deliver, perf, prisma, useReferrals } from './support.js';

/**
 * The looked-after record follows every kind of placement commissioning makes: awarded ones with the
 * setting's URN and postcode (placement.started v2), imported ones (linked by placement.imported,
 * ended by placement.ended v2) and emergency ones (from the day they start; PLACED when ratified).
 */

const LA = `recpl-${randomUUID().slice(0, 6)}`;
useReferrals({ name: 'placements', la: LA, queues: [RETURNS_QUEUE, 'commissioning-inbox', 'panels-inbox'] });

async function child(dob = '2011-05-05') {
  const r = await call('POST', '/children', { givenName: 'Placement', familyName: 'Test', dateOfBirth: dob });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

async function request(childId: string, o: { type?: string; urgency?: string; placedAt?: string; legal?: string } = {}) {
  const r = await call('POST', '/requests', {
    childId,
    kind: 'PLACEMENT',
    legalStatus: o.legal ?? 'S20',
    placementType: o.type ?? 'PRIVATE_CHILDRENS_HOME',
    provision: 'EXTERNAL',
    weeklyCostPence: 400_000,
    location: 'IN_AREA',
    urgency: o.urgency ?? 'PLANNED',
    ...(o.placedAt ? { placedAt: o.placedAt } : {}),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
}

const started = (
  childId: string,
  requestId: string,
  o: {
    from: string;
    type: PayloadOf<typeof PlacementStartedV2>['placementType'];
    setting: string;
    urn: string | null;
    post: string | null;
  },
): PayloadOf<typeof PlacementStartedV2> => ({
  placementId: randomUUID(),
  requestId,
  childId,
  childAge: 14,
  providerId: randomUUID(),
  settingId: o.setting,
  placementType: o.type,
  provision: 'EXTERNAL',
  weeklyCostPence: 400_000,
  startDate: o.from,
  plannedEndDate: null,
  urn: o.urn,
  placePostcode: o.post,
});

async function record(id: string) {
  // The performance team reads every child's record (children loaded from a return are no social worker's).
  const r = await call('GET', `/children/${id}/record`, undefined, perf);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return RecordView.strict().parse(r.body);
}

const rows = (r: RecordView) => r.episodes.map((e) => [e.decom, e.rne, e.place, e.placeProvider, e.urn, e.plPost, e.dec, e.rec]);

async function requestStatus(id: string) {
  const r = await call('GET', `/requests/${id}`);
  expect(r.status).toBe(200);
  return r.body as { status: string; history: { toStatus: string; note: string }[] };
}

describe('URN and PL_POST from the setting (placement.started v2)', () => {
  it('a children home keeps its URN, placed with parents has none (rule 222), foster carers have theirs; version 1 still applies', async () => {
    const id = await child();
    expect(
      (await call('PUT', `/children/${id}/characteristics`, { homePostcode: 'NS2 2BB', categoryOfNeed: 'N1', reason: 'Entry' }, perf))
        .status,
    ).toBe(200);
    const home = randomUUID();
    const r1 = await request(id);
    await deliver(
      PlacementStartedV2,
      started(id, r1, { from: '2025-05-01', type: 'PRIVATE_CHILDRENS_HOME', setting: home, urn: 'SC123456', post: 'NE1 4ST' }),
      2,
    );
    // Home with parents: commissioning's setting has a URN recorded, but P1 has none (218, 222).
    const r2 = await request(id, { type: 'PLACED_WITH_PARENTS' });
    await deliver(
      PlacementStartedV2,
      started(id, r2, { from: '2025-08-04', type: 'PLACED_WITH_PARENTS', setting: randomUUID(), urn: 'SC999999', post: 'NS2 2BB' }),
    );
    // Foster carers of an agency: its URN and the carers' postcode.
    const r3 = await request(id, { type: 'IFA_FOSTER' });
    await deliver(
      PlacementStartedV2,
      started(id, r3, { from: '2025-10-06', type: 'IFA_FOSTER', setting: randomUUID(), urn: 'SC654321', post: 'NS5 5EE' }),
    );
    // A version 1 event (sent before this change) still makes its episode, without URN or postcode.
    const r4 = await request(id);
    const {
      urn: _urn,
      placePostcode: _post,
      ...v1
    } = started(id, r4, {
      from: '2026-01-05',
      type: 'PRIVATE_CHILDRENS_HOME',
      setting: home,
      urn: null,
      post: null,
    });
    await deliver(PlacementStartedV1, v1);
    expect(rows(await record(id))).toEqual([
      ['2025-05-01', 'S', 'K2', 'PR4', 'SC123456', 'NE1 4ST', '2025-08-04', 'X1'],
      ['2025-08-04', 'P', 'P1', 'PR0', null, 'NS2 2BB', '2025-10-06', 'X1'],
      ['2025-10-06', 'P', 'U6', 'PR4', 'SC654321', 'NS5 5EE', '2026-01-05', 'X1'],
      ['2026-01-05', 'P', 'K2', 'PR4', null, null, null, null],
    ]);
    // HOME_POST stays the child's home, beside PL_POST (the distance reads both).
    expect((await record(id)).episodes.map((e) => e.homePost)).toEqual(['NS2 2BB', 'NS2 2BB', 'NS2 2BB', 'NS2 2BB']);
    expect((await requestStatus(r4)).status).toBe('PLACED');
  });
});

type Part = { field: string; name: string; content: string | Uint8Array };

async function upload(parts: Part[]) {
  const form = new FormData();
  for (const p of parts) form.append(p.field, new Blob([typeof p.content === 'string' ? p.content : new Uint8Array(p.content)]), p.name);
  const res = await fetch(`${base}/returns/ssda903/imports`, { method: 'POST', body: form, headers: { authorization: `Bearer ${perf}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

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
const imported = (reference: string, episodes: ChildRecord['episodes']): ChildRecord => ({
  reference,
  dob: '2008-03-04',
  sex: 'F',
  ethnicity: 'WBRI',
  upn: 'A123456789012',
  mother: false,
  motherChildDob: null,
  uasc: false,
  uascCeased: null,
  episodes,
  reviews: [{ heldOn: episodes[0]!.decom.replace(/-\d\d$/, '-20'), participation: 'PN1' }],
  ...none,
});

describe('an imported placement that ends in commissioning', () => {
  it('closes the open episode: linked by placement.imported, or the open imported one; a move after it is P', async () => {
    const children = [
      // I0001: moved once, then a care order (the run from 2025-01-10 is two episodes); leaves care.
      imported('I0001', [
        ep({ dec: '2025-01-10', rec: 'X1', reasonPlaceChange: 'CARPL' }),
        ep({ decom: '2025-01-10', rne: 'P', place: 'U6', urn: 'SC100002', plPost: 'NS3 3CC', dec: '2025-07-01', rec: 'X1' }),
        ep({ decom: '2025-07-01', rne: 'L', ls: 'C2', place: 'U6', urn: 'SC100002', plPost: 'NS3 3CC' }),
      ]),
      // I0002: its placement.imported never reached referrals (recorded before the link existed).
      imported('I0002', [ep({ decom: '2024-09-02', place: 'K3', urn: 'SC100004', plPost: 'NS4 4DD' })]),
      // I0003: moves from the imported placement to an awarded one.
      imported('I0003', [ep({ decom: '2024-10-01' })]),
    ];
    const parts = [2024, 2025].flatMap((year, i) =>
      writeReturnFiles(recordToReturn(children, year)).map((f) => ({ field: `year${i + 1}`, name: f.name, content: f.content })),
    );
    const load = await upload(parts);
    expect(load.status, JSON.stringify(load.body)).toBe(200);
    const ids = Object.fromEntries(
      (await prisma.child.findMany({ where: { localAuthority: LA, reference: { in: ['I0001', 'I0002', 'I0003'] } } })).map((c) => [
        c.reference,
        c.id,
      ]),
    ) as Record<'I0001' | 'I0002' | 'I0003', string>;
    const importedEvent = (childId: string, start: string) => ({
      placementId: randomUUID(),
      childId,
      childAge: 16,
      providerId: randomUUID(),
      settingId: randomUUID(),
      placementType: 'IFA_FOSTER' as const,
      provision: 'EXTERNAL' as const,
      weeklyCostPence: 90_000,
      startDate: start,
      importKey: `ssda903:${LA}:${childId}:${start}`,
    });
    const p1 = importedEvent(ids.I0001, '2025-01-10');
    await deliver(PlacementImportedV1, p1, 2);
    const linked = await prisma.lookedAfterEpisode.findMany({ where: { childId: ids.I0001 }, orderBy: { decom: 'asc' } });
    expect(linked.map((e) => e.placementId)).toEqual([null, p1.placementId, p1.placementId]);

    // Turned 18 and left care: the open episode closes (at 18 with foster carers: E17, staying put).
    await deliver(
      PlacementEndedV2,
      { placementId: p1.placementId, requestId: null, childId: ids.I0001, endDate: '2026-03-04', reason: 'AGE_18' },
      2,
    );
    expect(rows(await record(ids.I0001))).toEqual([
      ['2024-06-03', 'S', 'K2', 'PR4', 'SC100001', 'NS1 1AA', '2025-01-10', 'X1'],
      ['2025-01-10', 'P', 'U6', 'PR4', 'SC100002', 'NS3 3CC', '2025-07-01', 'X1'],
      ['2025-07-01', 'L', 'U6', 'PR4', 'SC100002', 'NS3 3CC', '2026-03-04', 'E17'],
    ]);
    expect((await record(ids.I0001)).lookedAfter).toBe(false);

    // No link: the open imported episode is the placement's (an exit from care with no plan: E8).
    await deliver(PlacementEndedV2, {
      placementId: randomUUID(),
      requestId: null,
      childId: ids.I0002,
      endDate: '2026-02-02',
      reason: 'EXIT_FROM_CARE',
    });
    expect(rows(await record(ids.I0002))).toEqual([['2024-09-02', 'S', 'K3', 'PR4', 'SC100004', 'NS4 4DD', '2026-02-02', 'E8']]);

    // A move: the imported placement broke down (v2: it has no request) and the awarded one starts
    // the next day; the breakdown is the closed episode's REASON_PLACE_CHANGE (CREQB).
    const p3 = importedEvent(ids.I0003, '2024-10-01');
    await deliver(PlacementImportedV1, p3);
    await deliver(PlacementEndedV2, {
      placementId: p3.placementId,
      requestId: null,
      childId: ids.I0003,
      endDate: '2026-01-04',
      reason: 'BREAKDOWN',
    });
    expect((await record(ids.I0003)).episodes.map((e) => e.dec)).toEqual([null]); // the next start closes it
    const r = await request(ids.I0003, { legal: 'S20' }); // V2, as imported: a move only (P)
    await deliver(
      PlacementStartedV2,
      started(ids.I0003, r, {
        from: '2026-01-05',
        type: 'PRIVATE_CHILDRENS_HOME',
        setting: randomUUID(),
        urn: 'SC777777',
        post: 'NS8 8HH',
      }),
    );
    expect(rows(await record(ids.I0003))).toEqual([
      ['2024-10-01', 'S', 'K2', 'PR4', 'SC100001', 'NS1 1AA', '2026-01-05', 'X1'],
      ['2026-01-05', 'P', 'K2', 'PR4', 'SC777777', 'NS8 8HH', null, null],
    ]);
    expect((await record(ids.I0003)).episodes.map((e) => e.reasonPlaceChange)).toEqual(['CREQB', null]);
  });
});

describe('an emergency placement (placement.emergency-started, placement.ratified)', () => {
  it('opens the episode from the day it started; ratified, the request is PLACED', async () => {
    const id = await child('2012-02-02');
    const req = await request(id, { urgency: 'EMERGENCY', placedAt: '2026-02-14', legal: 'PP_S46' });
    const placementId = randomUUID();
    await deliver(
      PlacementEmergencyStartedV1,
      {
        placementId,
        requestId: req,
        childId: id,
        childAge: 13,
        providerId: null,
        settingId: null,
        placementType: 'PRIVATE_CHILDRENS_HOME',
        provision: 'EXTERNAL',
        weeklyCostPence: 400_000,
        startDate: '2026-02-14',
        awaitingRatification: true,
      },
      2,
    );
    let r = await record(id);
    expect(rows(r)).toEqual([['2026-02-14', 'S', 'K2', 'PR4', null, null, null, null]]);
    expect(r.episodes[0]).toMatchObject({ ls: 'L1', placementId, source: 'EVENT' });
    expect(r.lookedAfterSince).toBe('2026-02-14');
    const before = await requestStatus(req);
    expect(before.status).not.toBe('PLACED');
    await deliver(
      PlacementRatifiedV1,
      {
        placementId,
        requestId: req,
        childId: id,
        outcome: 'APPROVED',
        decidedOn: '2026-02-17',
        replacementSearchId: null,
        moveDate: null,
        plannedEndDate: null,
      },
      2,
    );
    const after = await requestStatus(req);
    expect(after.status).toBe('PLACED');
    expect(after.history.at(-1)?.note).toContain('ratified on 2026-02-17');
    r = await record(id);
    expect(rows(r)).toEqual([['2026-02-14', 'S', 'K2', 'PR4', null, null, null, null]]);
  });

  it('takes the URN and PL_POST when the setting is recorded after the child was placed (placement.setting-recorded)', async () => {
    const id = await child('2012-04-04');
    const req = await request(id, { urgency: 'EMERGENCY', placedAt: '2026-03-01', legal: 'PP_S46' });
    const placementId = randomUUID();
    await deliver(PlacementEmergencyStartedV1, {
      placementId,
      requestId: req,
      childId: id,
      childAge: 13,
      providerId: null,
      settingId: null,
      placementType: 'PRIVATE_CHILDRENS_HOME',
      provision: 'EXTERNAL',
      weeklyCostPence: 400_000,
      startDate: '2026-03-01',
      awaitingRatification: true,
    });
    const recorded = (settingId: string, urn: string, post: string) => ({
      placementId,
      requestId: req,
      childId: id,
      providerId: randomUUID(),
      settingId,
      urn,
      placePostcode: post,
      recordedOn: '2026-03-02',
    });
    const first = randomUUID();
    await deliver(PlacementSettingRecordedV1, recorded(first, 'SC555001', 'NS1 2AB'), 2);
    let r = await record(id);
    expect(rows(r)).toEqual([['2026-03-01', 'S', 'K2', 'PR4', 'SC555001', 'NS1 2AB', null, null]]);
    expect(r.episodes[0]).toMatchObject({ placementId });
    // Recorded again with another setting (the first was keyed in error): the later one applies.
    const second = randomUUID();
    await deliver(PlacementSettingRecordedV1, recorded(second, 'SC555002', 'NS2 3CD'));
    r = await record(id);
    expect(rows(r)).toEqual([['2026-03-01', 'S', 'K2', 'PR4', 'SC555002', 'NS2 3CD', null, null]]);
    const stored = await prisma.lookedAfterEpisode.findMany({ where: { placementId }, select: { settingId: true } });
    expect(stored).toEqual([{ settingId: second }]);
  });

  it('declined: the episode stays as lived, the replacement is a move (P), and the old placement ending does not end the request', async () => {
    const id = await child('2012-03-03');
    const req = await request(id, { urgency: 'EMERGENCY', placedAt: '2026-01-10', legal: 'S20' });
    const placementId = randomUUID();
    await deliver(PlacementEmergencyStartedV1, {
      placementId,
      requestId: req,
      childId: id,
      childAge: 13,
      providerId: null,
      settingId: null,
      placementType: 'UNREGISTERED_CHILDRENS_HOME',
      provision: 'EXTERNAL',
      weeklyCostPence: 400_000,
      startDate: '2026-01-10',
      awaitingRatification: true,
    });
    await deliver(PlacementRatifiedV1, {
      placementId,
      requestId: req,
      childId: id,
      outcome: 'DECLINED',
      decidedOn: '2026-01-13',
      replacementSearchId: randomUUID(),
      moveDate: '2026-01-31',
      plannedEndDate: null,
    });
    const declined = await requestStatus(req);
    expect(declined.status).not.toBe('PLACED');
    expect(declined.history.at(-1)?.note).toContain('a move is planned by 2026-01-31');
    expect(rows(await record(id))).toEqual([['2026-01-10', 'S', 'Z12', null, null, null, null, null]]);
    // The replacement is awarded under the same request; the emergency placement's end arrives after.
    await deliver(
      PlacementStartedV2,
      started(id, req, { from: '2026-01-31', type: 'PRIVATE_CHILDRENS_HOME', setting: randomUUID(), urn: 'SC246810', post: 'NS6 6FF' }),
    );
    await deliver(PlacementEndedV1, { placementId, requestId: req, childId: id, endDate: '2026-01-30', reason: 'MOVE' });
    expect(rows(await record(id))).toEqual([
      ['2026-01-10', 'S', 'Z12', null, null, null, '2026-01-31', 'X1'],
      ['2026-01-31', 'P', 'K2', 'PR4', 'SC246810', 'NS6 6FF', null, null],
    ]);
    expect((await requestStatus(req)).status).toBe('PLACED');
  });
});
