import { londonToday } from '@placewise/contracts/dates';
import { eventually } from '@placewise/platform/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { approvedSearch, decided, expectOk, people, providerWithHome, startPlatform, type Platform } from '../support/platform.js';

let p: Platform;

beforeAll(async () => {
  p = await startPlatform(inject('databaseUrl'));
});

afterAll(async () => {
  await p?.stop();
});

/** A child placed in a children's home at `weekly` pence from `start`; returns the ids on the way. */
async function placedInResidential(weekly: number, start: string, childId?: string) {
  const { request, search } = await approvedSearch(p, childId ? { childId } : {}, weekly);
  const setting = await providerWithHome(p);
  const offer = expectOk(
    await people(p).commissioner('commissioning', 'POST', `/searches/${search.id}/offers`, {
      settingId: setting.id,
      weeklyFeePence: weekly,
      startDate: start,
    }),
  );
  const placement = expectOk(await people(p).commissioner('commissioning', 'POST', `/offers/${offer.id}/award`, {}));
  return { request, placement };
}

const finance = (path: string) => people(p).finance('finance', 'GET', path);
const commitmentsOf = async (placementId: string) => {
  const r = await finance(`/placements/${placementId}`);
  return r.status === 200 ? (r.body.commitments as { from: string; to: string; days: number; amountPence: number }[]) : undefined;
};

describe('an award above the approved ceiling', () => {
  it('goes back through the rules and a decision, then starts at the price approved', async () => {
    const { socialWorker, commissioner } = people(p);
    const { request, search } = await approvedSearch(p, {}, 620_000);
    const setting = await providerWithHome(p);
    const offer = expectOk(
      await commissioner('commissioning', 'POST', `/searches/${search.id}/offers`, {
        settingId: setting.id,
        weeklyFeePence: 700_000,
        startDate: '2027-01-11',
      }),
    );
    const held = await commissioner('commissioning', 'POST', `/offers/${offer.id}/award`, {});
    expect(held.status).toBe(202);
    expect(held.body.status).toBe('AWAITING_REAPPROVAL');

    // Referrals runs the rules on the new price and routes a linked request.
    const again = await eventually(async () =>
      expectOk(await socialWorker('referrals', 'GET', `/requests?childId=${request.childId}`)).find(
        (r: { reapproval: { originalRequestId: string } | null }) => r.reapproval?.originalRequestId === request.id,
      ),
    );
    expect(again).toMatchObject({ weeklyCostPence: 700_000, status: 'SUBMITTED', correlationId: request.correlationId });
    await decided(p, again.id, {
      outcome: 'APPROVED_WITH_CONDITIONS',
      reason: 'No other home can meet her needs',
      conditions: { maxWeeklyCostPence: 700_000 },
    });

    // Commissioning completes the award; finance commits 11 Jan to 31 Mar 2027 (80 days): 700000 x 80 / 7.
    const fin = await eventually(async () => {
      const { rows } = await p.sql.query(`SELECT id::text FROM finance.placement WHERE request_id = $1`, [request.id]);
      return rows[0] ? commitmentsOf(rows[0].id) : undefined;
    }, 20_000);
    expect(fin).toEqual([expect.objectContaining({ from: '2027-01-11', to: '2027-03-31', days: 80, amountPence: 8_000_000 })]);
  });
});

describe('an exit from care', () => {
  it('through reunification ends the placement and its commitment; a return within 12 months is a breakdown', async () => {
    const { socialWorker } = people(p);
    const { request, placement } = await placedInResidential(600_000, '2027-01-04');
    await eventually(() => commitmentsOf(placement.id));
    const today = londonToday();
    const reunification = expectOk(
      await socialWorker('referrals', 'POST', `/children/${request.childId}/reunifications`, { withParentsUnderOrder: false }),
    );
    for (const stage of ['PLAN', 'TRIAL_AT_HOME'])
      expectOk(await socialWorker('referrals', 'POST', `/reunifications/${reunification.id}/stages`, { stage, on: today }));

    const exit = expectOk(
      await socialWorker('referrals', 'POST', '/requests', {
        childId: request.childId,
        kind: 'EXIT',
        legalStatus: 'CO_S31',
        placementType: 'PLACED_WITH_PARENTS',
        provision: 'IN_HOUSE',
        weeklyCostPence: 0,
        location: 'IN_AREA',
        urgency: 'PLANNED',
        effectiveDate: '2027-02-14',
      }),
    );
    await decided(p, exit.id, { outcome: 'APPROVED', reason: 'Trial at home has gone well; care order to be discharged' });

    // The placement ends on the exit day: 4 Jan to 14 Feb 2027 is 42 days, 600000 x 42 / 7 = 3,600,000p.
    const fin = await eventually(async () => {
      const c = await commitmentsOf(placement.id);
      return c?.length === 1 && c[0]!.to === '2027-02-14' ? c : undefined;
    }, 20_000);
    expect(fin).toEqual([expect.objectContaining({ from: '2027-01-04', to: '2027-02-14', days: 42, amountPence: 3_600_000 })]);
    await eventually(
      async () => expectOk(await socialWorker('referrals', 'GET', `/requests/${request.id}`)).status === 'ENDED' || undefined,
    );
    const discharged = expectOk(
      await socialWorker('referrals', 'POST', `/reunifications/${reunification.id}/stages`, { stage: 'DISCHARGED', on: '2027-02-14' }),
    );
    expect(discharged).toMatchObject({ stage: 'DISCHARGED', breakdown: false });

    // Back in care in June 2027, within 12 months: a breakdown.
    await placedInResidential(600_000, '2027-06-01', request.childId);
    const after = await eventually(async () => {
      const r = expectOk(await socialWorker('referrals', 'GET', `/reunifications/${reunification.id}`));
      return r.breakdown ? r : undefined;
    });
    expect(after.returnedToCareOn).toBe('2027-06-01');
  });
});

describe('a residential step-down', () => {
  it('approved with its counterfactual opens a search and plans the avoidance; the move ends the home placement and avoidance counts from the move', async () => {
    const { socialWorker, commissioner } = people(p);
    const { request, placement: home } = await placedInResidential(600_000, '2027-01-04');
    const stepDown = expectOk(
      await socialWorker('referrals', 'POST', '/requests', {
        childId: request.childId,
        kind: 'STEP_DOWN',
        legalStatus: 'CO_S31',
        placementType: 'IFA_FOSTER',
        provision: 'EXTERNAL',
        weeklyCostPence: 95_000,
        location: 'IN_AREA',
        urgency: 'PLANNED',
        effectiveDate: '2027-02-01',
      }),
    );
    await decided(p, stepDown.id, {
      outcome: 'APPROVED_WITH_CONDITIONS',
      reason: 'Ready for a family',
      conditions: { maxWeeklyCostPence: 100_000 },
      counterfactual: {
        description: 'Stay in the residential home',
        placementType: 'PRIVATE_CHILDRENS_HOME',
        weeklyCostPence: 600_000,
        source: 'current placement',
      },
    });
    const planned = await eventually(async () =>
      expectOk(await finance('/cost-avoidance?financialYear=2026')).planned.find((x: { requestId: string }) => x.requestId === stepDown.id),
    );
    expect(planned.counterfactual.weeklyCostPence).toBe(600_000);

    const search = await eventually(
      async () => expectOk(await commissioner('commissioning', 'GET', `/searches?requestId=${stepDown.id}`))[0],
    );
    const carers = await providerWithHome(p, 2, 'Step Fostering', 'IFA_FOSTER');
    const offer = expectOk(
      await commissioner('commissioning', 'POST', `/searches/${search.id}/offers`, {
        settingId: carers.id,
        weeklyFeePence: 95_000,
        startDate: '2027-02-01',
      }),
    );
    expectOk(await commissioner('commissioning', 'POST', `/offers/${offer.id}/award`, {}));

    // The home placement ends the day before the move: 4 to 31 Jan 2027 is 28 days, 600000 x 28 / 7.
    const homeLines = await eventually(async () => {
      const c = await commitmentsOf(home.id);
      return c?.[0]?.to === '2027-01-31' ? c : undefined;
    }, 20_000);
    expect(homeLines).toEqual([expect.objectContaining({ days: 28, amountPence: 2_400_000 })]);
    // Avoidance from 1 Feb to 31 Mar 2027 (59 days): 600000 x 59 / 7 less 95000 x 59 / 7, each rounded.
    const report = await eventually(async () => {
      const r = expectOk(await finance('/cost-avoidance?financialYear=2026&asOf=2027-03-31'));
      return r.placements.find((x: { requestId: string }) => x.requestId === stepDown.id);
    });
    expect(report).toMatchObject({
      from: '2027-02-01',
      weeklyAvoidancePence: 505_000,
      accruedPence: 5_057_143 - 800_714,
      projectedPence: 5_057_143 - 800_714,
    });
  });
});
