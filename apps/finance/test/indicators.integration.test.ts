import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommitmentListView, IndicatorsView } from '../src/finance.views.js';
import { call, deliver, ended, imported, priceChanged, startHarness, started, stopHarness, type Harness } from './support.js';

let h: Harness;
const la = 'mixshire';
let t = '';

beforeAll(async () => {
  h = await startHarness();
  t = await h.issuer.token({ roles: ['finance'], la });
});
afterAll(() => stopHarness(h));

describe('placement mix and average weekly cost by type', () => {
  it('counts and costs a hand-made cohort, this year to date against the same days last year', async () => {
    // A: a private children's home from 1 January 2025 at £5,000, £6,000 from 1 May 2026.
    const a = started(la, { placementType: 'PRIVATE_CHILDRENS_HOME', weeklyCostPence: 500_000, startDate: '2025-01-01' });
    await deliver(h, a);
    await deliver(h, priceChanged(a, 500_000, 600_000, '2026-05-01'));
    // B: another from 1 June 2026 at £7,000.
    await deliver(h, started(la, { placementType: 'PRIVATE_CHILDRENS_HOME', weeklyCostPence: 700_000, startDate: '2026-06-01' }));
    // C: agency fostering at £1,000, 1 May 2025 to 10 April 2026.
    const c = started(la, { placementType: 'IFA_FOSTER', weeklyCostPence: 100_000, startDate: '2025-05-01' });
    await deliver(h, c);
    await deliver(h, ended(c, '2026-04-10'));
    // D: agency fostering from the 903 return with no price.
    await deliver(h, imported(la, { placementType: 'IFA_FOSTER', weeklyCostPence: null, startDate: '2026-04-01' }));
    // Another council's placement is not Mixshire's.
    await deliver(h, started('othershire', { placementType: 'IFA_FOSTER', weeklyCostPence: 90_000, startDate: '2025-01-01' }));

    const r = await call(h, t, 'GET', '/indicators?asOf=2026-06-30');
    expect(r.status).toBe(200);
    const v = IndicatorsView.strict().parse(r.body);
    expect(v.mix).toEqual({
      rows: [
        // A at £6,000 and B at £7,000 on 30 June: £13,000 a week, £6,500 on average.
        {
          placementType: 'PRIVATE_CHILDRENS_HOME',
          placements: 2,
          unpriced: 0,
          weeklyCostPence: 1_300_000,
          averageWeeklyCostPence: 650_000,
        },
        { placementType: 'IFA_FOSTER', placements: 1, unpriced: 1, weeklyCostPence: 0, averageWeeklyCostPence: null },
      ],
      placements: 3,
      unpriced: 1,
      weeklyCostPence: 1_300_000,
    });
    expect(v.costByType.thisYear).toEqual({ financialYear: 2026, label: '2026-27', from: '2026-04-01', to: '2026-06-30' });
    expect(v.costByType.lastYear).toEqual({ financialYear: 2025, label: '2025-26', from: '2025-04-01', to: '2025-06-30' });
    expect(v.costByType.rows).toEqual([
      // C: 1-10 April 2026 (10 days) against 1 May to 30 June 2025 (61 days), both £1,000.
      {
        placementType: 'IFA_FOSTER',
        thisYear: { placementDays: 10, averageWeeklyCostPence: 100_000 },
        lastYear: { placementDays: 61, averageWeeklyCostPence: 100_000 },
        changePercent: 0,
      },
      // This year: A 30 days at 500,000 + 61 at 600,000, B 30 at 700,000 = 72,600,000 / 121 = 600,000.
      // Last year: A's 91 days at 500,000. +20%.
      {
        placementType: 'PRIVATE_CHILDRENS_HOME',
        thisYear: { placementDays: 121, averageWeeklyCostPence: 600_000 },
        lastYear: { placementDays: 91, averageWeeklyCostPence: 500_000 },
        changePercent: 20,
      },
    ]);
    // 10 April: C's last day.
    const april = IndicatorsView.parse((await call(h, t, 'GET', '/indicators?asOf=2026-04-10')).body);
    expect(april.mix.rows.map((x) => [x.placementType, x.placements, x.weeklyCostPence])).toEqual([
      ['IFA_FOSTER', 2, 100_000],
      ['PRIVATE_CHILDRENS_HOME', 1, 500_000],
    ]);

    for (const role of ['auditor', 'performance', 'approver:HOS', 'approver:DCS'] as const) {
      const other = await h.issuer.token({ roles: [role], la });
      expect((await call(h, other, 'GET', '/indicators?asOf=2026-06-30')).body, role).toEqual(r.body);
    }
    expect((await call(h, await h.issuer.token({ roles: ['social-worker'], la }), 'GET', '/indicators')).status).toBe(403);
    expect((await call(h, t, 'GET', '/indicators?asOf=2026-02-30')).status).toBe(400);
  });
});

describe('the commitments list', () => {
  const ref = 'NS-00417';
  it('filters by category, provider and the child reference, newest first, paged', async () => {
    const provider = randomUUID();
    const home = started(la, {
      placementType: 'PRIVATE_CHILDRENS_HOME',
      providerId: provider,
      weeklyCostPence: 610_000,
      startDate: '2026-11-02',
    });
    await deliver(h, home);
    const fostering = started(la, { placementType: 'IFA_FOSTER', weeklyCostPence: 95_000, startDate: '2026-11-02' });
    await deliver(h, fostering);
    const imp = imported(la, {
      placementType: 'INHOUSE_FOSTER',
      provision: 'IN_HOUSE',
      providerId: provider,
      weeklyCostPence: 40_000,
      startDate: '2024-09-01',
      importKey: `ssda903:${la}:${ref}:2024-09-01`,
    });
    await deliver(h, imp);
    // A reference that begins the same is another child.
    await deliver(h, imported(la, { weeklyCostPence: 40_000, importKey: `ssda903:${la}:${ref}7:2024-09-01` }));

    const byRef = CommitmentListView.parse((await call(h, t, 'GET', `/commitments?childRef=${ref}`)).body);
    expect(byRef.map((c) => [c.placementId, c.childReference, c.category, c.origin, c.placementType])).toEqual([
      [imp.payload.placementId, ref, 'FOSTERING_IN_HOUSE', 'IMPORT', 'INHOUSE_FOSTER'],
    ]);
    const byProvider = CommitmentListView.parse((await call(h, t, 'GET', `/commitments?provider=${provider}&order=newest`)).body);
    // The newest first: the import was delivered after the award.
    expect(byProvider.map((c) => c.placementId)).toEqual([imp.payload.placementId, home.payload.placementId]);
    const residential = CommitmentListView.parse(
      (await call(h, t, 'GET', '/commitments?category=RESIDENTIAL_EXTERNAL&financialYear=2026')).body,
    );
    expect(residential.every((c) => c.category === 'RESIDENTIAL_EXTERNAL')).toBe(true);
    expect(residential.map((c) => c.placementId)).toContain(home.payload.placementId);
    expect(residential.map((c) => c.placementId)).not.toContain(fostering.payload.placementId);
    // 2 Nov 2026 to 31 Mar 2027 is 150 days: 610000 x 150 / 7 = 13,071,428.57 -> 13,071,429p.
    expect(residential.find((c) => c.placementId === home.payload.placementId)).toMatchObject({
      days: 150,
      amountPence: 13_071_429,
      providerId: provider,
      childReference: null,
    });

    const newest = CommitmentListView.parse((await call(h, t, 'GET', '/commitments?order=newest&take=2')).body);
    const next = CommitmentListView.parse((await call(h, t, 'GET', '/commitments?order=newest&take=2&skip=2')).body);
    expect(newest).toHaveLength(2);
    expect(newest[0]!.childReference).toBe(`${ref}7`);
    expect(next.map((c) => c.id)).not.toContain(newest[0]!.id);

    const bad = await call(h, t, 'GET', '/commitments?category=CAKE&childRef=%00x&provider=nope');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['category', 'childRef', 'provider']);
    // Another council's user sees none of them.
    const other = await h.issuer.token({ roles: ['finance'], la: 'othershire' });
    expect((await call(h, other, 'GET', `/commitments?childRef=${ref}`)).body).toEqual([]);
  });
});
