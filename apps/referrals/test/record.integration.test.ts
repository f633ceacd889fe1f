import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RecordHistoryView, RecordView, ReviewsDueView } from '../src/record/record.views.js';
import { call, end, issuer, perf, place, sw, useReferrals } from './support.js';

const LA = `record-${randomUUID().slice(0, 6)}`;
useReferrals({ name: 'record', la: LA, queues: ['panels-inbox'] });

async function child(dob = '2011-05-05') {
  const r = await call('POST', '/children', { givenName: 'Record', familyName: 'Test', dateOfBirth: dob });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

const fosterSetting = randomUUID();

async function record(id: string, token = sw) {
  const r = await call('GET', `/children/${id}/record`, undefined, token);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return RecordView.strict().parse(r.body);
}

describe('episodes derived from what happens in Placewise', () => {
  it('entry, a move with its reason, a legal-status change, a step-down and an exit, each once', async () => {
    const id = await child();
    const c = await call(
      'PUT',
      `/children/${id}/characteristics`,
      { sex: 'F', ethnicity: 'WBRI', upn: 'UN4', homePostcode: 'ns2 2bb', categoryOfNeed: 'N4', reason: 'Entry to care' },
      perf,
    );
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    const first = await place(id, { from: '2025-05-01', kind: 'ENTRY_TO_CARE' });
    let r = await record(id);
    expect(r.episodes).toEqual([
      expect.objectContaining({
        decom: '2025-05-01',
        rne: 'S',
        ls: 'V2',
        cin: 'N4',
        place: 'K2',
        placeProvider: 'PR4',
        homePost: 'NS2 2BB',
        dec: null,
        source: 'EVENT',
      }),
    ]);
    expect(r.legalStatuses).toEqual([expect.objectContaining({ status: 'V2', from: '2025-05-01' })]);
    // 1 May 2025 + 20 working days
    expect(r.nextReviewDue).toBe('2025-06-02');

    // The home gives notice, then the child moves to foster carers: X1 with CREQO, then P.
    await end(id, first, '2025-09-10', 'PROVIDER_NOTICE');
    const second = await place(id, { from: '2025-09-10', type: 'IFA_FOSTER', setting: fosterSetting });
    // A review held: the clock is the child's, the move does not restart it.
    expect(
      (
        await call('POST', `/children/${id}/reviews`, {
          heldOn: '2025-05-28',
          participation: 'PN1',
          recordedAs: 'IRO',
          reason: "IRO's record received",
        })
      ).status,
    ).toBe(200);
    expect((await call('POST', `/children/${id}/reviews`, { heldOn: '2025-05-28', participation: 'PN1', recordedAs: 'IRO' })).status).toBe(
      409,
    );
    // A care order: X1, then L with the same placement.
    const ico = await call('POST', `/children/${id}/legal-status`, {
      status: 'ICO_S38',
      date: '2025-11-03',
      reason: 'Interim care order granted',
    });
    expect(ico.status, JSON.stringify(ico.body)).toBe(200);
    // The foster placement becomes long-term with the same carers on a later day: T (same setting).
    await end(id, second, '2026-01-12', 'MOVE');
    const third = await place(id, {
      from: '2026-01-12',
      type: 'INHOUSE_FOSTER',
      provision: 'IN_HOUSE',
      legal: 'ICO_S38',
      setting: fosterSetting,
    });
    // Reunification: the care plan's exit route gives E4A.
    await call('PUT', `/children/${id}/care-plan`, { permanencePlan: 'REUNIFICATION', exitRoute: 'REUNIFICATION', reason: 'Plan agreed' });
    await end(id, third, '2026-03-02', 'EXIT_FROM_CARE');
    r = await record(id);
    expect(r.episodes.map((e) => [e.decom, e.rne, e.ls, e.place, e.placeProvider, e.dec, e.rec, e.reasonPlaceChange])).toEqual([
      ['2025-05-01', 'S', 'V2', 'K2', 'PR4', '2025-09-10', 'X1', 'CREQO'],
      ['2025-09-10', 'P', 'V2', 'U6', 'PR4', '2025-11-03', 'X1', null],
      ['2025-11-03', 'L', 'C1', 'U6', 'PR4', '2026-01-12', 'X1', 'CARPL'],
      ['2026-01-12', 'T', 'C1', 'U6', 'PR1', '2026-03-02', 'E4A', null],
    ]);
    expect(r.lookedAfter).toBe(false);
    expect(r.nextReviewDue).toBeNull();
    expect(r.legalStatuses.map((l) => [l.status, l.from])).toEqual([
      ['V2', '2025-05-01'],
      ['C1', '2025-11-03'],
    ]);
    const h = await call('GET', `/children/${id}/record/history`);
    expect(RecordHistoryView.parse(h.body).map((x) => `${x.entity} ${x.action}`)).toEqual(
      expect.arrayContaining(['characteristics update', 'episode derive', 'legal-status change', 'review held']),
    );
    expect(h.body.find((x: { entity: string }) => x.entity === 'characteristics')).toMatchObject({
      by: 'perf.record',
      reason: 'Entry to care',
    });
    // The reason given for recording the review is kept; the review itself is what was stored.
    expect(h.body.find((x: { entity: string }) => x.entity === 'review')).toMatchObject({
      reason: "IRO's record received",
      after: { heldOn: '2025-05-28', participation: 'PN1', recordedAs: 'IRO' },
    });
  });

  it('a step-down from residential care is a move, and an asylum-seeking child has no home postcode', async () => {
    const id = await child('2009-01-01');
    expect((await call('PUT', `/children/${id}/characteristics`, { uasc: true, homePostcode: 'NS1 1AA', reason: 'x' }, perf)).status).toBe(
      400,
    );
    expect((await call('PUT', `/children/${id}/characteristics`, { uasc: true, reason: 'Arrived unaccompanied' }, perf)).status).toBe(200);
    await place(id, { from: '2025-06-01', legal: 'UASC_S20' });
    await place(id, { from: '2025-12-01', type: 'SUPPORTED_ACCOM_REGISTERED', setting: randomUUID(), kind: 'STEP_DOWN' });
    const r = await record(id);
    expect(r.episodes.map((e) => [e.rne, e.place, e.homePost, e.rec, e.reasonPlaceChange])).toEqual([
      ['S', 'K2', null, 'X1', 'CARPL'],
      ['P', 'K3', null, null, null],
    ]);
    const due = await call('GET', '/reviews/due');
    expect(ReviewsDueView.parse(due.body)).toContainEqual(
      expect.objectContaining({ childId: id, lookedAfterSince: '2025-06-01', nextReviewDue: '2025-06-27' }),
    );
  });
});

describe('the record routes', () => {
  it('records missing, social workers, care leavers, permanence, adoption and DoLOs; refuses bad input; other councils get 404', async () => {
    const id = await child('2008-02-02');
    const m = await call('POST', `/children/${id}/missing`, { kind: 'M', start: '2025-07-01' });
    expect(m.status, JSON.stringify(m.body)).toBe(200);
    const missingId = RecordView.parse(m.body).missing[0]!.id;
    expect((await call('POST', `/children/${id}/missing/${missingId}/end`, { end: '2025-06-01' })).status).toBe(400);
    expect((await call('POST', `/children/${id}/missing/${missingId}/end`, { end: '2025-07-03' })).status).toBe(200);
    expect((await call('POST', `/children/${id}/missing`, { kind: 'Q', start: '2025-07-01' })).body.errors[0]).toMatchObject({
      field: 'kind',
    });
    expect((await call('POST', `/children/${id}/social-workers`, { socialWorkerId: 'SW1001', start: '2025-04-01' })).status).toBe(200);
    expect((await call('POST', `/children/${id}/social-workers`, { socialWorkerId: 'SW1002', start: '2025-08-01' })).status).toBe(400);
    expect(
      (await call('POST', `/children/${id}/social-workers`, { socialWorkerId: 'SW1002', start: '2025-08-01', reason: 'LEFTRL' })).status,
    ).toBe(200);
    expect((await call('POST', `/children/${id}/social-workers`, { socialWorkerId: 'AB1', start: '2025-09-01' })).status).toBe(400);
    expect(
      (await call('PUT', `/children/${id}/care-leaver-outcomes`, { year: 2025, inTouch: 'YES', activity: 'F2', accommodation: 'D1' }))
        .status,
    ).toBe(200);
    expect((await call('PUT', `/children/${id}/care-leaver-outcomes`, { year: 2025, inTouch: 'YES', accommodation: 'S1' })).status).toBe(
      400,
    );
    expect((await call('PUT', `/children/${id}/previous-permanence`, { kind: 'Z1', reason: 'None' })).status).toBe(200);
    const a = await call('POST', `/children/${id}/adoption-decisions`, { decidedOn: '2025-05-05' });
    const decisionId = RecordView.parse(a.body).adoptionDecisions[0]!.id;
    expect(
      (await call('POST', `/children/${id}/adoption-decisions/${decisionId}/cease`, { ceasedOn: '2025-10-01', reason: 'RD2' })).status,
    ).toBe(200);
    const d = await call('POST', `/children/${id}/liberty-orders`, { start: '2025-06-01' });
    const orderId = RecordView.parse(d.body).libertyOrders[0]!.id;
    expect((await call('POST', `/children/${id}/liberty-orders/${orderId}/end`, { end: '2025-09-01' })).status).toBe(200);
    const r = await record(id);
    expect(r.socialWorkers.map((s) => [s.socialWorkerId, s.start, s.end, s.reason])).toEqual([
      ['SW1001', '2025-04-01', '2025-08-01', null],
      ['SW1002', '2025-08-01', null, 'LEFTRL'],
    ]);
    expect(r.missing).toEqual([expect.objectContaining({ kind: 'M', start: '2025-07-01', end: '2025-07-03' })]);
    expect(r.careLeaverOutcomes).toEqual([expect.objectContaining({ year: 2025, inTouch: 'YES', activity: 'F2', accommodation: 'D1' })]);
    expect(r.previousPermanence).toMatchObject({ kind: 'Z1' });
    expect(r.adoptionDecisions).toEqual([
      expect.objectContaining({ decidedOn: '2025-05-05', ceasedOn: '2025-10-01', ceasedReason: 'RD2' }),
    ]);
    expect(r.libertyOrders).toEqual([expect.objectContaining({ start: '2025-06-01', end: '2025-09-01' })]);
    // a boy is not a mother
    expect((await call('PUT', `/children/${id}/characteristics`, { sex: 'M', mother: true, reason: 'x' }, perf)).status).toBe(400);
    expect((await call('PUT', `/children/${id}/characteristics`, { upn: 'NOTAUPN', reason: 'x' }, perf)).body.errors[0]).toMatchObject({
      field: 'upn',
    });

    const other = await issuer.token({ roles: ['social-worker'], la: 'elsewhere' });
    expect((await call('GET', `/children/${id}/record`, undefined, other)).status).toBe(404);
    expect(
      (await call('POST', `/children/${id}/reviews`, { heldOn: '2025-05-28', participation: 'PN1', recordedAs: 'SW' }, other)).status,
    ).toBe(404);
    expect((await call('POST', `/children/${id}/legal-status`, { status: 'CO_S31', date: '2025-05-28', reason: 'x' }, other)).status).toBe(
      404,
    );
    // performance may correct but not record reviews; a commissioner may not read the record
    expect(
      (await call('POST', `/children/${id}/reviews`, { heldOn: '2025-05-29', participation: 'PN1', recordedAs: 'SW' }, perf)).status,
    ).toBe(403);
    const com = await issuer.token({ roles: ['commissioner'], la: LA });
    expect((await call('GET', `/children/${id}/record`, undefined, com)).status).toBe(403);
  });
});
