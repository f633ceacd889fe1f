import { useCallback, useEffect, useState } from 'react';
import { day, month, pounds, unwrap } from '../api/client';
import type { CostAvoidanceReport as Avoidance, HighCost, Projection } from '../api/views';
import { categoryWords, label, PLACEMENT_TYPES } from '../labels';
import { useApi } from '../session';
import { Problem } from '../components/Problem';

/**
 * Loads once per `load` (memoised by the caller on its inputs): the data, or the error to show where the
 * person can act on it. An answer to an older `load` is dropped, so it cannot overwrite a newer one.
 */
function useLoad<T>(load: () => Promise<T>): { data: T | null; error: unknown } {
  const [state, setState] = useState<{ data: T | null; error: unknown }>({ data: null, error: null });
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data, error: null }),
      (error: unknown) => live && setState({ data: null, error }),
    );
    return () => {
      live = false;
    };
  }, [load]);
  return state;
}

/** The high-cost register: placements at or above the council's line, with their review dates. */
export function HighCostList() {
  const api = useApi();
  const { data, error } = useLoad<HighCost>(useCallback(() => unwrap(api.finance.GET('/high-cost')) as Promise<HighCost>, [api]));
  return (
    <section aria-labelledby="high-cost-h">
      <h2 id="high-cost-h">High-cost placements</h2>
      <Problem error={error} />
      {data && (
        <>
          <p>
            Placements at or above {pounds(data.highCostWeeklyPence)} a week, as at {day(data.asOf)}: {data.total.placements}, costing{' '}
            {pounds(data.total.weeklyPence)} a week together.
          </p>
          {data.placements.length > 0 && (
            <table>
              <caption className="visually-hidden">High-cost placements, with review dates</caption>
              <thead>
                <tr>
                  <th scope="col">Placement</th>
                  <th scope="col">Category</th>
                  <th scope="col" className="num">
                    Weekly cost
                  </th>
                  <th scope="col">Started</th>
                  <th scope="col">Ends</th>
                  <th scope="col">Review</th>
                </tr>
              </thead>
              <tbody>
                {data.placements.map((p) => (
                  <tr key={p.placementId}>
                    <th scope="row">
                      {label(PLACEMENT_TYPES, p.placementType)}, child aged {p.childAge}
                    </th>
                    <td>{categoryWords(p.category)}</td>
                    <td className="num">{pounds(p.weeklyCostPence)}</td>
                    <td>{day(p.startDate)}</td>
                    <td>
                      {p.noticeEndDate ? `${day(p.noticeEndDate)} (notice)` : p.plannedEndDate ? day(p.plannedEndDate) : 'Open-ended'}
                    </td>
                    <td className={p.reviewOverdue ? 'over' : ''}>
                      {p.reviewDate ? day(p.reviewDate) : 'No review date'}
                      {p.reviewOverdue ? ' (overdue)' : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

/** Cost avoided against the option each approval avoided: accrued and projected for the year (not a saving). */
export function CostAvoidance({ year }: { year: number }) {
  const api = useApi();
  const { data, error } = useLoad<Avoidance>(
    useCallback(
      () => unwrap(api.finance.GET('/cost-avoidance', { params: { query: { financialYear: year } } })) as Promise<Avoidance>,
      [api, year],
    ),
  );
  return (
    <section aria-labelledby="avoidance-h">
      <h2 id="avoidance-h">Cost avoidance</h2>
      <Problem error={error} />
      {data && (
        <>
          <p className="hint">{data.note}</p>
          {data.placements.length === 0 ? (
            <p>No placement this year has a recorded option it avoided.</p>
          ) : (
            <table>
              <caption>
                Cost avoided in {data.label}, as at {day(data.asOf)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Option avoided</th>
                  <th scope="col">Category</th>
                  <th scope="col" className="num">
                    Avoided a week
                  </th>
                  <th scope="col" className="num">
                    So far
                  </th>
                  <th scope="col" className="num">
                    Projected for the year
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.placements.map((p) => (
                  <tr key={p.placementId}>
                    <th scope="row">
                      {p.counterfactual.description} ({pounds(p.counterfactual.weeklyCostPence)} a week)
                    </th>
                    <td>{categoryWords(p.category)}</td>
                    <td className="num">{pounds(p.weeklyAvoidancePence)}</td>
                    <td className="num">{pounds(p.accruedPence)}</td>
                    <td className="num">{pounds(p.projectedPence)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    Total
                  </th>
                  <td className="num">{pounds(data.total.accruedPence)}</td>
                  <td className="num">{pounds(data.total.projectedPence)}</td>
                </tr>
              </tfoot>
            </table>
          )}
          {data.planned.length > 0 && (
            <p>{data.planned.length} approved request(s) with an avoided option are not yet placed; avoidance counts from the move.</p>
          )}
        </>
      )}
    </section>
  );
}

/** Children in care projected month by month with the cost, as a chart and a table, and how the last projection compared. */
export function ProjectionReport() {
  const api = useApi();
  const { data, error } = useLoad<Projection>(useCallback(() => unwrap(api.finance.GET('/projection')) as Promise<Projection>, [api]));
  const max = data ? Math.max(1, ...data.months.map((m) => m.total)) : 1;
  const w = data ? 640 / Math.max(1, data.months.length) : 0;
  return (
    <section aria-labelledby="projection-h">
      <h2 id="projection-h">Projection of children in care and its cost</h2>
      <Problem error={error} />
      {data && (
        <>
          <p>
            From {data.initial.total} children in care in {month(data.startingMonth)}; projected cost over {data.months.length} months{' '}
            {pounds(data.totalCostPence)}.
          </p>
          <svg className="chart" role="img" aria-labelledby="projection-title" viewBox="0 0 640 180">
            <title id="projection-title">Children in care projected by month; the table below has the same figures</title>
            {data.months.map((m, i) => {
              const h = (m.total / max) * 150;
              return <rect key={m.month} x={i * w + 1} y={160 - h} width={Math.max(1, w - 2)} height={h} className="bar-forecast" />;
            })}
            <text x="0" y="176" className="chart-label">
              {month(data.months[0]?.month ?? data.startingMonth)}
            </text>
            <text x="640" y="176" textAnchor="end" className="chart-label">
              {month(data.months.at(-1)?.month ?? data.startingMonth)}
            </text>
          </svg>
          <table>
            <caption>Projection by month</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col" className="num">
                  Children in care
                </th>
                <th scope="col" className="num">
                  Entering
                </th>
                <th scope="col" className="num">
                  Leaving
                </th>
                <th scope="col" className="num">
                  Cost
                </th>
              </tr>
            </thead>
            <tbody>
              {data.months.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{month(m.month)}</th>
                  <td className="num">{m.total}</td>
                  <td className="num">{m.entered}</td>
                  <td className="num">{m.left}</td>
                  <td className="num">{pounds(m.costPence)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.sameTrajectory.months.length > 0 && (
            <table>
              <caption>Same trajectory: what the model projected from {month(data.sameTrajectory.from)}, against what happened</caption>
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col" className="num">
                    Projected
                  </th>
                  <th scope="col" className="num">
                    Actual
                  </th>
                  <th scope="col" className="num">
                    Difference
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.sameTrajectory.months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{month(m.month)}</th>
                    <td className="num">{m.projected}</td>
                    <td className="num">{m.actual}</td>
                    <td className="num">{m.differencePercent === null ? 'n/a' : `${m.differencePercent}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
