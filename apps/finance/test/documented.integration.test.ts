import { SubjectAccessPart } from '@placewise/platform';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AlertsView,
  BudgetHistoryView,
  BudgetListView,
  BudgetSetView,
  CommitmentListView,
  ContributionView,
  CostAvoidanceView,
  ForecastView,
  HighCostView,
  IndicatorsView,
  ImpactView,
  InvoiceListView,
  InvoiceView,
  MovementView,
  PaymentScheduleView,
  PlacementView,
  ProjectionView,
  RecostView,
  SettingsView,
  UnpricedImportsView,
  VirementView,
} from '../src/finance.views.js';
import { call, deliver, imported, startHarness, started, stopHarness, type Harness } from './support.js';

let h: Harness;
const la = 'docshire';

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => stopHarness(h));

type Doc = {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
};

/** Parses an answer with the view its route documents: the top level strictly (no field the document leaves out). */
function answer<V extends z.ZodType>(view: V, r: { status: number; body: unknown }, status = 200): z.infer<V> {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  const strict =
    view instanceof z.ZodObject
      ? view.strict()
      : view instanceof z.ZodArray && view.element instanceof z.ZodObject
        ? z.array(view.element.strict())
        : view;
  return strict.parse(r.body) as z.infer<V>;
}

describe('the API document', () => {
  it("documents every finance route's answer, and each real answer matches it", async () => {
    const doc = (await (await fetch(`${h.base}/docs/openapi.json`)).json()) as Doc;
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => {
        const ok = Object.entries(op.responses ?? {}).find(([code]) => code.startsWith('2'));
        return { route: `${method.toUpperCase()} ${path}`, schema: !!ok?.[1].content?.['application/json']?.schema };
      }),
    );
    const exercised: string[] = [];
    const t = await h.issuer.token({ sub: 'fin.doc', roles: ['finance'], la });
    const at = async (route: string, path: string, body?: unknown) => {
      exercised.push(route);
      return call(h, t, route.split(' ')[0]!, path, body);
    };

    const s = started(la, { weeklyCostPence: 1_200_000, startDate: '2026-10-05', plannedEndDate: '2027-06-30' });
    await deliver(h, s);
    const id = s.payload.placementId;

    answer(PlacementView, await at('GET /placements/{id}', `/placements/${id}`));
    answer(CommitmentListView, await at('GET /commitments', `/commitments?placementId=${id}`));
    answer(
      ContributionView,
      await at('POST /placements/{id}/contributions', `/placements/${id}/contributions`, {
        kind: 'HEALTH',
        fromDate: '2026-11-01',
        weeklyPence: 10_000,
      }),
      201,
    );
    answer(PlacementView, await at('PUT /placements/{id}/review-date', `/placements/${id}/review-date`, { reviewDate: '2027-01-15' }));
    answer(SettingsView, await at('GET /settings', '/settings'));
    answer(SettingsView, await at('PUT /settings', '/settings', { highCostWeeklyPence: 1_000_000 }));
    answer(RecostView, await at('POST /commitments/recost', '/commitments/recost'));
    answer(MovementView, await at('GET /commitments/movement', '/commitments/movement?financialYear=2026'));

    answer(
      BudgetSetView,
      await at('POST /budgets', '/budgets', { financialYear: 2026, category: 'RESIDENTIAL_EXTERNAL', amountPence: 30_000_000 }),
      201,
    );
    answer(
      VirementView,
      await at('POST /budgets/virements', '/budgets/virements', {
        financialYear: 2026,
        fromCategory: 'RESIDENTIAL_EXTERNAL',
        toCategory: 'SECURE_EXTERNAL',
        amountPence: 1_000_000,
        reason: 'A secure bed',
      }),
      201,
    );
    expect(answer(BudgetListView, await at('GET /budgets', '/budgets?financialYear=2026'))).toHaveLength(2);
    answer(BudgetHistoryView, await at('GET /budgets/history', '/budgets/history?financialYear=2026'));
    expect(answer(AlertsView, await at('GET /forecast/alerts', '/forecast/alerts?financialYear=2026')).length).toBeGreaterThan(0);
    answer(ForecastView, await at('GET /forecast', '/forecast?financialYear=2026&asOf=2026-11-24'));
    answer(
      ImpactView,
      await at(
        'GET /forecast/impact',
        '/forecast/impact?placementType=IFA_FOSTER&provision=EXTERNAL&weeklyCostPence=100000&startDate=2026-12-01',
      ),
    );
    expect(answer(HighCostView, await at('GET /high-cost', '/high-cost?asOf=2026-11-24')).placements).toHaveLength(1);
    answer(CostAvoidanceView, await at('GET /cost-avoidance', '/cost-avoidance?financialYear=2026&asOf=2026-11-24'));
    answer(ProjectionView, await at('GET /projection', '/projection?asOf=2027-03-15&window=1&months=2'));
    expect(answer(IndicatorsView, await at('GET /indicators', '/indicators?asOf=2026-11-24')).mix.placements).toBe(1);

    answer(PaymentScheduleView, await at('GET /placements/{id}/payments', `/placements/${id}/payments?asOf=2026-11-24`));
    answer(
      PaymentScheduleView,
      await at('PUT /placements/{id}/payment-schedule', `/placements/${id}/payment-schedule`, { frequency: 'WEEKLY' }),
    );
    const inv = answer(
      InvoiceView,
      await at('POST /placements/{id}/invoices', `/placements/${id}/invoices`, {
        reference: 'DOC-1',
        periodFrom: '2026-10-05',
        periodTo: '2026-10-11',
        daysClaimed: 7,
        weeklyRatePence: 1_200_000,
        amountPence: 1_200_000,
      }),
      201,
    );
    expect(inv.status).toBe('MATCHED');
    expect(answer(InvoiceListView, await at('GET /invoices', `/invoices?placementId=${id}`))).toHaveLength(1);
    answer(InvoiceView, await at('GET /invoices/{id}', `/invoices/${inv.id}`));
    expect(
      answer(InvoiceView, await at('POST /invoices/{id}/payment', `/invoices/${inv.id}/payment`, { paidOn: '2026-10-20' })).status,
    ).toBe('PAID');

    const unpriced = imported(la, { weeklyCostPence: null, startDate: '2026-10-01' });
    await deliver(h, unpriced);
    expect(answer(UnpricedImportsView, await at('GET /imports/unpriced', '/imports/unpriced'))).toHaveLength(1);
    answer(
      PlacementView,
      await at('PUT /imports/unpriced/{id}/price', `/imports/unpriced/${unpriced.payload.placementId}/price`, { weeklyCostPence: 90_000 }),
    );

    // A subject access request: the auditor reads everything finance holds about the child.
    const dpo = await h.issuer.token({ sub: 'dpo.doc', roles: ['auditor'], la });
    exercised.push('GET /subject-access/children/{id}');
    const part = answer(SubjectAccessPart, await call(h, dpo, 'GET', `/subject-access/children/${s.payload.childId}`));
    const rows = (kind: RegExp) => part.records.find((r) => kind.test(r.kind))!.rows;
    expect(rows(/^Placements/)).toMatchObject([{ id, commitments: expect.arrayContaining([expect.anything()]) }]);
    expect(rows(/^Invoices/)).toMatchObject([{ reference: 'DOC-1', status: 'PAID' }]);

    // Every route of the document declares its answer's schema, and every one was answered above.
    // The platform's own routes (health, metrics, the ops queue) are not finance's.
    const finance = documented.filter((d) => !/ \/(health|ready|metrics|docs|ops)(\/|$)/.test(d.route));
    expect(finance.filter((d) => !d.schema).map((d) => d.route)).toEqual([]);
    expect([...new Set(exercised)].sort()).toEqual(finance.map((d) => d.route).sort());
  });
});
