import {
  PlacementEmergencyStartedV1,
  PlacementEndedV1,
  PlacementNoticeGivenV1,
  PlacementRatifiedV1,
  PlacementSettingRecordedV1,
  type EventEnvelope,
  type PayloadOf,
} from '@placewise/contracts';
import { EVENT_JOB_OPTIONS } from '@placewise/platform';
import { eventEnvelope, settledJob } from '@placewise/platform/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForecastView, PlacementView } from '../src/finance.views.js';
import { call, deliver, startHarness, stopHarness, type Harness } from './support.js';

type Started = EventEnvelope<PayloadOf<typeof PlacementEmergencyStartedV1>>;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => stopHarness(h));

async function council() {
  const la = `la-${randomUUID().slice(0, 8)}`;
  const token = await h.issuer.token({ sub: `fin.${la}`, roles: ['finance'], la });
  return { la, api: (method: string, path: string, body?: unknown) => call(h, token, method, path, body) };
}

const emergencyStarted = (la: string): Started =>
  eventEnvelope(
    PlacementEmergencyStartedV1,
    {
      placementId: randomUUID(),
      requestId: randomUUID(),
      childId: randomUUID(),
      childAge: 14,
      providerId: null,
      settingId: null,
      placementType: 'PRIVATE_CHILDRENS_HOME',
      provision: 'EXTERNAL',
      weeklyCostPence: 720_000,
      startDate: '2026-11-24',
      awaitingRatification: true,
    },
    { localAuthority: la },
  );

const flow = (s: Started) => ({ localAuthority: s.localAuthority, correlationId: s.correlationId });
const ids = (s: Started) => ({ placementId: s.payload.placementId, requestId: s.payload.requestId, childId: s.payload.childId });

const ratified = (s: Started, outcome: 'APPROVED' | 'DECLINED', moveDate: string | null = null, plannedEndDate: string | null = null) =>
  eventEnvelope(
    PlacementRatifiedV1,
    {
      ...ids(s),
      outcome,
      decidedOn: '2026-11-27',
      replacementSearchId: outcome === 'DECLINED' ? randomUUID() : null,
      moveDate,
      plannedEndDate,
    },
    flow(s),
  );

async function placement(c: Awaited<ReturnType<typeof council>>, s: Started) {
  return PlacementView.strict().parse((await c.api('GET', `/placements/${s.payload.placementId}`)).body);
}

async function position(c: Awaited<ReturnType<typeof council>>) {
  return ForecastView.strict().parse((await c.api('GET', '/forecast?financialYear=2026&asOf=2026-11-24')).body);
}

// £7,200 a week from Tue 24 Nov 2026 to 31 Mar 2027: 7 + 31 + 31 + 28 + 31 = 128 days; 720000 x 128 / 7 = 13,165,714.29 -> 13,165,714p
const YEAR = 13_165_714;

describe('emergency placements waiting for retrospective approval', () => {
  it('are committed from the day they start, marked as awaiting ratification, and the forecast says how much', async () => {
    const c = await council();
    const s = emergencyStarted(c.la);
    await deliver(h, s);
    await deliver(h, s, 'duplicate', `${s.id}-again`);
    const p = await placement(c, s);
    expect(p).toMatchObject({
      origin: 'EMERGENCY',
      ratification: 'AWAITING',
      requestId: s.payload.requestId,
      providerId: null,
      status: 'ACTIVE',
    });
    expect(p.commitments).toEqual([
      expect.objectContaining({
        from: '2026-11-24',
        to: '2027-03-31',
        days: 128,
        amountPence: YEAR,
        cause: 'STARTED',
        awaitingRatification: true,
      }),
    ]);
    const f = await position(c);
    expect(f.categories).toEqual([
      expect.objectContaining({
        category: 'RESIDENTIAL_EXTERNAL',
        committedPence: YEAR,
        awaitingRatificationPence: YEAR,
        awaitingRatification: 1,
      }),
    ]);
    expect(f.total).toMatchObject({ committedPence: YEAR, awaitingRatificationPence: YEAR });
    const csv = await c.api('GET', '/forecast?financialYear=2026&asOf=2026-11-24&format=csv');
    expect(String(csv.body).split('\r\n')[1]).toBe(`2026,2026-11-24,RESIDENTIAL_EXTERNAL,0,0,${YEAR},${YEAR},0,0,0,${YEAR},${YEAR},`);
  });

  it("learn the provider when the child's setting is recorded, and list the commitment under it", async () => {
    const c = await council();
    const s = emergencyStarted(c.la);
    const providerId = randomUUID();
    const recorded = eventEnvelope(
      PlacementSettingRecordedV1,
      { ...ids(s), providerId, settingId: randomUUID(), urn: 'SC555001', placePostcode: 'NS1 2AB', recordedOn: '2026-11-25' },
      flow(s),
    );
    await deliver(h, s);
    await deliver(h, recorded);
    await deliver(h, recorded, 'duplicate', `${recorded.id}-again`);
    const p = await placement(c, s);
    expect(p).toMatchObject({ providerId, ratification: 'AWAITING' });
    expect(p.commitments).toEqual([expect.objectContaining({ amountPence: YEAR, cause: 'STARTED', awaitingRatification: true })]);
    const listed = (await c.api('GET', `/commitments?financialYear=2026&provider=${providerId}`)).body as { placementId: string }[];
    expect(listed.map((l) => l.placementId)).toEqual([s.payload.placementId]);
  });

  it('lose the mark when approved: the same cost, a new version of the line (cause RATIFIED)', async () => {
    const c = await council();
    const s = emergencyStarted(c.la);
    await deliver(h, s);
    const r = ratified(s, 'APPROVED');
    await deliver(h, r);
    await deliver(h, r, 'duplicate', `${r.id}-again`);
    const p = await placement(c, s);
    expect(p.ratification).toBe('APPROVED');
    expect(p.commitments).toEqual([
      expect.objectContaining({ days: 128, amountPence: YEAR, cause: 'RATIFIED', awaitingRatification: false, version: 2 }),
    ]);
    expect(p.commitmentHistory.map((l) => [l.version, l.cause, l.awaitingRatification, l.supersededAt === null])).toEqual([
      [1, 'STARTED', true, false],
      [2, 'RATIFIED', false, true],
    ]);
    expect((await position(c)).total).toMatchObject({ committedPence: YEAR, awaitingRatificationPence: 0 });
  });

  it('commit to the funding end date when approved with one', async () => {
    const c = await council();
    const s = emergencyStarted(c.la);
    await deliver(h, s);
    await deliver(h, ratified(s, 'APPROVED', null, '2027-01-31'));
    const p = await placement(c, s);
    expect(p).toMatchObject({ ratification: 'APPROVED', plannedEndDate: '2027-01-31' });
    // 24 Nov 2026 to 31 Jan 2027: 7 + 31 + 31 = 69 days; 720000 x 69 / 7 = 7,097,142.86 -> 7,097,143p
    expect(p.commitments).toEqual([
      expect.objectContaining({ to: '2027-01-31', days: 69, amountPence: 7_097_143, cause: 'RATIFIED', awaitingRatification: false }),
    ]);
  });

  it('keep the cost to date when declined, and release the rest at the move date', async () => {
    const c = await council();
    const s = emergencyStarted(c.la);
    await deliver(h, s);
    await deliver(h, ratified(s, 'DECLINED', '2026-12-20'));
    await deliver(
      h,
      eventEnvelope(
        PlacementNoticeGivenV1,
        { ...ids(s), givenBy: 'COUNCIL', givenOn: '2026-11-27', endDate: '2026-12-20', replacementSearchId: randomUUID() },
        flow(s),
      ),
    );
    const p = await placement(c, s);
    expect(p).toMatchObject({ ratification: 'DECLINED', status: 'NOTICE', noticeEndDate: '2026-12-20' });
    // 24 Nov to 20 Dec 2026: 7 + 20 = 27 days; 720000 x 27 / 7 = 2,777,142.86 -> 2,777,143p
    expect(p.commitments).toEqual([
      expect.objectContaining({ from: '2026-11-24', to: '2026-12-20', days: 27, amountPence: 2_777_143, awaitingRatification: false }),
    ]);
    expect((await position(c)).total).toMatchObject({ committedPence: 2_777_143, awaitingRatificationPence: 0 });
  });

  it('keep the cost to date when declined with no move date, until the replacement starts', async () => {
    const c = await council();
    const s = emergencyStarted(c.la);
    // The decision reaches finance before the placement does: it is retried until the placement is known.
    const r = ratified(s, 'DECLINED');
    await h.inbox.add(r.type, r, { ...EVENT_JOB_OPTIONS, jobId: r.id });
    await deliver(h, s);
    const job = await settledJob(h.inbox, r.id);
    expect(job.returnvalue, job.failedReason).toBe('applied');
    let p = await placement(c, s);
    expect(p.ratification).toBe('DECLINED');
    expect(p.commitments).toEqual([expect.objectContaining({ to: '2027-03-31', amountPence: YEAR, awaitingRatification: false })]);
    // The replacement starts on 10 January: the emergency placement ended on the 9th.
    await deliver(h, eventEnvelope(PlacementEndedV1, { ...ids(s), endDate: '2027-01-09', reason: 'MOVE' }, flow(s)));
    p = await placement(c, s);
    // 24 Nov 2026 to 9 Jan 2027: 7 + 31 + 9 = 47 days; 720000 x 47 / 7 = 4,834,285.71 -> 4,834,286p
    expect(p.commitments).toEqual([expect.objectContaining({ to: '2027-01-09', days: 47, amountPence: 4_834_286, cause: 'ENDED' })]);
  });
});
