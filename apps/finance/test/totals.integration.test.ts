import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../src/prisma.service.js';
import { ForecastRepository } from '../src/forecast/forecast.repository.js';
import { call, deliver, ended, imported, noticeGiven, priceChanged, startHarness, started, stopHarness, type Harness } from './support.js';

/**
 * The forecast and the threshold check that every change to a placement runs read totals kept by
 * triggers (commitment_total, placement_start_day, payment_total), so a change costs the same
 * whatever the size of the year. These tests hold the totals to the rows they sum, after every kind
 * of writer, and hold the forecast's queries off the tables that grow.
 */
let h: Harness;
const la = 'totalshire';

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => stopHarness(h));

/** Every council's totals as the triggers keep them, and as the rows add up, in the same shape. */
async function both() {
  const q = async (text: string) => (await h.sql.query(text)).rows.map((r) => JSON.stringify(r));
  return {
    kept: {
      committed: await q(
        `SELECT local_authority, financial_year, category, amount_pence::text, lines, awaiting_pence::text, awaiting_lines
         FROM finance.commitment_total WHERE lines <> 0 ORDER BY 1, 2, 3`,
      ),
      starts: await q(
        `SELECT local_authority, start_date::text, category, placements, weekly_pence::text
         FROM finance.placement_start_day WHERE placements <> 0 ORDER BY 1, 2, 3`,
      ),
      paid: await q(
        `SELECT local_authority, financial_year, category, allocations, paid_pence::text, released_pence::text
         FROM finance.payment_total WHERE allocations <> 0 ORDER BY 1, 2, 3`,
      ),
    },
    summed: {
      committed: await q(
        `SELECT local_authority, financial_year, category, sum(amount_pence)::text AS amount_pence, count(*)::int AS lines,
                coalesce(sum(amount_pence) FILTER (WHERE awaiting_ratification), 0)::text AS awaiting_pence,
                (count(*) FILTER (WHERE awaiting_ratification))::int AS awaiting_lines
         FROM finance.commitment WHERE superseded_at IS NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      ),
      starts: await q(
        `SELECT local_authority, start_date::text, category, count(*)::int AS placements, sum(weekly_cost_pence)::text AS weekly_pence
         FROM finance.placement GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      ),
      paid: await q(
        `SELECT local_authority, financial_year, category, count(*)::int AS allocations, sum(paid_pence)::text AS paid_pence,
                sum(released_pence)::text AS released_pence
         FROM finance.payment_allocation GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      ),
    },
  };
}

async function expectTotalsTrue() {
  const { kept, summed } = await both();
  expect(kept).toEqual(summed);
}

describe('totals kept by triggers', () => {
  it('follow starts, uplifts, notices, ends, imports and payments', async () => {
    const t = await h.issuer.token({ sub: 'fin.totals', roles: ['finance'], la });
    const a = started(la, { weeklyCostPence: 500_000, startDate: '2027-01-04', plannedEndDate: '2027-06-30' });
    const b = started(la, { weeklyCostPence: 320_000, startDate: '2027-01-04', placementType: 'IFA_FOSTER' });
    const other = started('otherton', { weeklyCostPence: 410_000, startDate: '2027-02-01' });
    for (const e of [a, b, other]) await deliver(h, e);
    await expectTotalsTrue();

    await deliver(h, priceChanged(a, 500_000, 525_000, '2027-04-01'));
    await deliver(h, noticeGiven(b, '2027-03-14'));
    await deliver(h, ended(other, '2027-02-20'));
    await deliver(h, imported(la, { startDate: '2025-11-03' }));
    await expectTotalsTrue();

    const invoice = await call(h, t, 'POST', `/placements/${a.payload.placementId}/invoices`, {
      reference: 'TOT-0001',
      periodFrom: '2027-01-04',
      periodTo: '2027-01-31',
      daysClaimed: 28,
      weeklyRatePence: 500_000,
      amountPence: 2_000_000,
    });
    expect(invoice.status).toBe(201);
    expect((await call(h, t, 'POST', `/invoices/${invoice.body.id}/payment`, { paidOn: '2027-02-05' })).status).toBe(200);
    await expectTotalsTrue();
  });

  it('follow rows written, changed and removed in SQL, many at once', async () => {
    const council = `bulk-${randomUUID().slice(0, 6)}`;
    await h.sql.query(
      `INSERT INTO finance.placement (id, local_authority, request_id, child_id, child_age, placement_type, provision, category,
                                      weekly_cost_pence, start_date, status, correlation_id)
       SELECT gen_random_uuid(), $1, gen_random_uuid(), gen_random_uuid(), 10, 'IFA_FOSTER', 'EXTERNAL',
              CASE WHEN i % 3 = 0 THEN 'FOSTERING_EXTERNAL' ELSE 'RESIDENTIAL_EXTERNAL' END, 100000 + i, DATE '2026-06-01' + i % 30, 'ACTIVE', gen_random_uuid()
       FROM generate_series(1, 500) i`,
      [council],
    );
    await h.sql.query(
      `INSERT INTO finance.commitment (id, local_authority, placement_id, financial_year, category, from_date, to_date, days,
                                       weekly_cost_pence, amount_pence, gross_pence, basis, version, cause, awaiting_ratification)
       SELECT gen_random_uuid(), local_authority, id, 2026, category, start_date, DATE '2027-03-31', 100, weekly_cost_pence,
              weekly_cost_pence * 10, weekly_cost_pence * 10, '365/7', 1, 'STARTED', weekly_cost_pence % 7 = 0
       FROM finance.placement WHERE local_authority = $1`,
      [council],
    );
    await expectTotalsTrue();
    // Superseded, re-costed, moved between categories, deleted: each moves the totals.
    await h.sql.query(`UPDATE finance.commitment SET superseded_at = now() WHERE local_authority = $1 AND weekly_cost_pence % 5 = 0`, [
      council,
    ]);
    await h.sql.query(
      `UPDATE finance.commitment SET amount_pence = amount_pence + 7 WHERE local_authority = $1 AND weekly_cost_pence % 4 = 0`,
      [council],
    );
    await h.sql.query(
      `UPDATE finance.commitment SET category = 'SECURE_EXTERNAL', awaiting_ratification = NOT awaiting_ratification
       WHERE local_authority = $1 AND weekly_cost_pence % 11 = 0`,
      [council],
    );
    await h.sql.query(
      `UPDATE finance.placement SET weekly_cost_pence = weekly_cost_pence + 1, start_date = start_date + 1 WHERE local_authority = $1 AND weekly_cost_pence % 6 = 0`,
      [council],
    );
    await h.sql.query(`DELETE FROM finance.commitment WHERE local_authority = $1 AND weekly_cost_pence % 9 = 0`, [council]);
    await h.sql.query(
      `DELETE FROM finance.placement p WHERE local_authority = $1 AND NOT EXISTS (SELECT 1 FROM finance.commitment c WHERE c.placement_id = p.id)`,
      [council],
    );
    await expectTotalsTrue();
  });

  it("keeps the forecast's queries off the tables that grow with the year", async () => {
    // The SQL the forecast and the threshold check run, as they run it, planned on a year of 2,000 lines.
    const council = `big-${randomUUID().slice(0, 6)}`;
    await h.sql.query(
      `INSERT INTO finance.placement (id, local_authority, request_id, child_id, child_age, placement_type, provision, category,
                                      weekly_cost_pence, start_date, status, correlation_id)
       SELECT gen_random_uuid(), $1, gen_random_uuid(), gen_random_uuid(), 10, 'IFA_FOSTER', 'EXTERNAL', 'FOSTERING_EXTERNAL',
              100000 + i, DATE '2026-04-01' + i % 300, 'ACTIVE', gen_random_uuid()
       FROM generate_series(1, 2000) i`,
      [council],
    );
    await h.sql.query(
      `INSERT INTO finance.commitment (id, local_authority, placement_id, financial_year, category, from_date, to_date, days,
                                       weekly_cost_pence, amount_pence, gross_pence, basis, version, cause)
       SELECT gen_random_uuid(), local_authority, id, 2026, category, start_date, DATE '2027-03-31', 100, weekly_cost_pence,
              weekly_cost_pence * 10, weekly_cost_pence * 10, '365/7', 1, 'STARTED'
       FROM finance.placement WHERE local_authority = $1`,
      [council],
    );
    await h.sql.query('ANALYZE finance.placement; ANALYZE finance.commitment; ANALYZE finance.payment_allocation');
    const issued: { sql: string; params: unknown[] }[] = [];
    const recorder = {
      $queryRawUnsafe: (sql: string, ...params: unknown[]) => {
        issued.push({ sql, params });
        return Promise.resolve([]);
      },
    } as unknown as Tx;
    const repo = new ForecastRepository(recorder as never);
    await repo.committed(council, 2026, recorder);
    await repo.starts(council, '2025-12-07', '2026-12-07', recorder);
    await repo.paidByCategory(council, 2026, recorder);
    expect(issued).toHaveLength(3);
    await h.sql.query('SET search_path TO finance'); // as the service's connections have it
    for (const q of issued) {
      const plan = (await h.sql.query(`EXPLAIN (FORMAT JSON) ${q.sql}`, q.params)).rows[0]['QUERY PLAN'];
      const relations = new Set<string>();
      const walk = (node: { 'Relation Name'?: string; Plans?: unknown[] }) => {
        if (node['Relation Name']) relations.add(node['Relation Name']);
        for (const child of node.Plans ?? []) walk(child as typeof node);
      };
      walk(plan[0].Plan);
      expect(
        [...relations].filter((r) => ['commitment', 'placement', 'payment_allocation'].includes(r)),
        q.sql,
      ).toEqual([]);
      expect(relations.size, q.sql).toBe(1);
    }
    await h.sql.query('RESET search_path');
    // And the totals say what the rows say.
    const forecast = await h.app.get(ForecastRepository).committed(council, 2026);
    expect(forecast).toEqual([{ category: 'FOSTERING_EXTERNAL', pence: expect.any(BigInt), n: 2000, awaiting: 0n, awaitingN: 0 }]);
    await expectTotalsTrue();
  }, 120_000);
});
