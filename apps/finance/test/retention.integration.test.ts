import { ChildErasedV1, ERASED_CHILD_ID } from '@placewise/contracts';
import { eventEnvelope } from '@placewise/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, decisionRecorded, deliver, startHarness, started, stopHarness, type Harness } from './support.js';

let h: Harness;
const la = 'erasingshire';

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => stopHarness(h));

describe('child.erased: finance keeps the money and forgets the child', () => {
  it('keeps the placement, its prices and commitments with the nil id; deletes the decision; once', async () => {
    const auditor = await h.issuer.token({ sub: 'dpo.fin', roles: ['auditor'], la });
    const s = started(la, { weeklyCostPence: 500_000, startDate: '2027-01-04', plannedEndDate: '2027-06-30' });
    const other = started(la, { weeklyCostPence: 400_000, startDate: '2027-01-04' });
    await deliver(h, s);
    await deliver(h, other);
    await deliver(h, decisionRecorded(la, s.payload.requestId));
    const q = async (sql: string, id = s.payload.placementId) => (await h.sql.query(sql, [id])).rows;
    const commitmentsBefore = await q(`SELECT id, amount_pence FROM finance.commitment WHERE placement_id = $1 ORDER BY id`);
    expect(commitmentsBefore.length).toBeGreaterThan(0);
    const held = async (childId: string) => {
      const r = await call(h, auditor, 'GET', `/subject-access/children/${childId}`);
      expect(r.status).toBe(200);
      return (r.body as { records: { rows: unknown[] }[] }).records.reduce((n, k) => n + k.rows.length, 0);
    };
    expect(await held(s.payload.childId)).toBeGreaterThan(0);

    const erased = eventEnvelope(ChildErasedV1, { childId: s.payload.childId, requestIds: [s.payload.requestId] }, { localAuthority: la });
    await deliver(h, erased);
    // Delivered again: no second effect.
    await deliver(h, erased, 'duplicate', `${erased.id}-again`);

    expect(await held(s.payload.childId)).toBe(0);
    const [placement] = await q(`SELECT child_id, request_id, weekly_cost_pence FROM finance.placement WHERE id = $1`);
    expect(placement).toEqual({ child_id: ERASED_CHILD_ID, request_id: null, weekly_cost_pence: 500_000 });
    expect(await q(`SELECT id, amount_pence FROM finance.commitment WHERE placement_id = $1 ORDER BY id`)).toEqual(commitmentsBefore);
    expect(await q(`SELECT * FROM finance.request_decision WHERE request_id = $1`, s.payload.requestId)).toEqual([]);
    // Another child in the same council is untouched.
    expect(await held(other.payload.childId)).toBeGreaterThan(0);
  });
});
