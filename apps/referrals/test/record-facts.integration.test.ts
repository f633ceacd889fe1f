import { PlacementStartedV1, type PayloadOf } from '@placewise/contracts';
import { addCalendarDays, londonToday } from '@placewise/contracts/dates';
import { eventEnvelope, settledJob } from '@placewise/platform/testing';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, inbox, issuer, useReferrals } from './support.js';

/**
 * The rules' facts from the looked-after record: placement moves in the 12 months up to the start
 * day and since when the child has been looked after come from the child's episodes when a request
 * is submitted (and in the dry run), never typed.
 */
const LA = `facts-${randomUUID().slice(0, 6)}`;
useReferrals({ name: 'facts', la: LA, queues: ['panels-inbox', 'commissioning-inbox', 'notifications-inbox'] });

let auditor: string;
const today = londonToday();
const daysAgo = (n: number) => addCalendarDays(today, -n);

const request = (childId: string, over: Record<string, unknown> = {}) => ({
  childId,
  kind: 'PLACEMENT',
  legalStatus: 'S20',
  placementType: 'INHOUSE_FOSTER',
  provision: 'IN_HOUSE',
  weeklyCostPence: 45_000,
  location: 'IN_AREA',
  urgency: 'PLANNED',
  plannedStartDate: addCalendarDays(today, 7),
  ...over,
});

async function child() {
  const r = await call('POST', '/children', { givenName: 'Facts', familyName: 'Test', dateOfBirth: '2013-04-04' });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

/** The child placed from a day at a setting of its own: commissioning's placement.started, as the record hears it. */
async function placed(childId: string, from: string) {
  const r = await call('POST', '/requests', request(childId, { plannedStartDate: from, kind: 'PLACEMENT' }));
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const payload: PayloadOf<typeof PlacementStartedV1> = {
    placementId: randomUUID(),
    requestId: r.body.id,
    childId,
    childAge: 13,
    providerId: randomUUID(),
    settingId: randomUUID(),
    placementType: 'INHOUSE_FOSTER',
    provision: 'IN_HOUSE',
    weeklyCostPence: 45_000,
    startDate: from,
    plannedEndDate: null,
  };
  const event = eventEnvelope(PlacementStartedV1, payload, { localAuthority: LA });
  await inbox.add(event.type, event, { jobId: event.id });
  const job = await settledJob(inbox, event.id);
  expect(job.returnvalue, job.failedReason).toBe('applied');
}

const ruleIds = (outcome: { reasons: { ruleId: string }[] }) => outcome.reasons.map((r) => r.ruleId);

beforeAll(async () => {
  auditor = await issuer.token({ sub: 'audit.facts', roles: ['auditor'], la: LA });
});

describe("the rules read the child's looked-after record", () => {
  it('two moves in the last 12 months bring the stability review panel in; the stored request and its re-check agree', async () => {
    const id = await child();
    // entered care 200 days ago (the first placement of all is not a move), moved 100 and 30 days ago
    await placed(id, daysAgo(200));
    let dry = await call('POST', '/rules/evaluate', request(id));
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(ruleIds(dry.body)).not.toContain('local.stability_review');
    await placed(id, daysAgo(100));
    await placed(id, daysAgo(30));

    dry = await call('POST', '/rules/evaluate', request(id));
    expect(ruleIds(dry.body)).toContain('local.stability_review');
    expect(dry.body.reasons.find((r: { ruleId: string }) => r.ruleId === 'local.stability_review').text).toMatch(
      /has had 2 placement moves in the last 12 months/,
    );
    expect(dry.body.gates.map((g: { id: string }) => g.id)).toContain('gate.stability_review');

    // submitted: the same facts are stored with the request, and evaluating them again gives the same outcome
    const sent = await call('POST', '/requests', request(id));
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(ruleIds(sent.body.outcome)).toContain('local.stability_review');
    const again = await call('POST', `/requests/${sent.body.id}/re-evaluation`, undefined, auditor);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.identical).toBe(true);

    // a year on, the first move has left the window: counted on the start day, not the day typed
    const later = await call('POST', '/rules/evaluate', request(id, { plannedStartDate: addCalendarDays(daysAgo(100), 366) }));
    expect(ruleIds(later.body)).not.toContain('local.stability_review');
  });

  it('since when looked after: an s20 exit after a few days in care needs the service manager; after 20 working days, the nominated officer', async () => {
    const fresh = await child();
    const exit = (childId: string) =>
      call('POST', '/rules/evaluate', request(childId, { kind: 'EXIT', plannedStartDate: undefined, effectiveDate: today }));
    // with nothing on record the rules assume the longer stay (the stricter route)
    expect((await exit(fresh)).body).toMatchObject({ approver: 'AD' });
    await placed(fresh, daysAgo(3));
    expect((await exit(fresh)).body).toMatchObject({ approver: 'SM' });

    const settled = await child();
    await placed(settled, daysAgo(60));
    expect((await exit(settled)).body).toMatchObject({ approver: 'AD' });
  });

  it('a fact from the record cannot be typed: 400 naming the field', async () => {
    const id = await child();
    for (const [field, value] of [
      ['placementMovesLast12Months', 0],
      ['lookedAfterSince', '2020-01-01'],
    ] as const) {
      const r = await call('POST', '/requests', request(id, { [field]: value }));
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body)).toContain(field);
    }
  });
});
