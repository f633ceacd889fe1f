import { londonToday } from '@placewise/contracts/dates';
import { useEffect, useState } from 'react';
import { ApiError, pounds, unwrap } from '../api/client';
import type { Forecast } from '../api/views';
import { useApi } from '../session';
import { CostAvoidance, HighCostList, ProjectionReport } from './FinanceReports';
import { categoryWords } from '../labels';

/** The financial year (1 April to 31 March) today is in, in London: 2026 for 2026-27. */
const thisYear = () => {
  const today = londonToday();
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 4 ? year : year - 1;
};

/** The year's forecast against budget by category: a chart, and the same figures as a table. */
export function Finance() {
  const api = useApi();
  const [year, setYear] = useState(thisYear());
  const [data, setData] = useState<Forecast | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    // The forecast for the year chosen now: an earlier choice's answer, arriving late, is dropped.
    unwrap(api.finance.GET('/forecast', { params: { query: { financialYear: year } } }))
      .then((d) => live && setData(d))
      .catch((e: ApiError) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [api, year]);
  const max = data ? Math.max(1, ...data.categories.flatMap((c) => [c.budgetPence, c.forecastPence])) : 1;
  return (
    <>
      <h1>Forecast against budget</h1>
      <label htmlFor="year">Financial year</label>
      <select id="year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
        {[thisYear() - 1, thisYear(), thisYear() + 1].map((y) => (
          <option key={y} value={y}>
            {y}-{String((y + 1) % 100).padStart(2, '0')}
          </option>
        ))}
      </select>
      {error && (
        <p role="alert" className="error-summary">
          {error}
        </p>
      )}
      {data && (
        <>
          <svg className="chart" role="img" aria-labelledby="chart-title" viewBox={`0 0 640 ${data.categories.length * 44 + 10}`}>
            <title id="chart-title">Forecast and budget by category; the table below has the same figures</title>
            {data.categories.map((c, i) => (
              <g key={c.category} transform={`translate(0 ${i * 44 + 5})`}>
                <text x="0" y="14" className="chart-label">
                  {categoryWords(c.category)}
                </text>
                <rect x="0" y="20" height="8" width={(c.budgetPence / max) * 640} className="bar-budget" />
                <rect
                  x="0"
                  y="30"
                  height="8"
                  width={(c.forecastPence / max) * 640}
                  className={c.forecastPence > c.budgetPence ? 'bar-over' : 'bar-forecast'}
                />
              </g>
            ))}
          </svg>
          <p className="legend">
            <span className="key key-budget" /> Budget <span className="key key-forecast" /> Forecast <span className="key key-over" />{' '}
            Forecast over budget
          </p>
          <table>
            <caption>
              Financial year {data.label}, as at {data.asOf}
            </caption>
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col" className="num">
                  Budget
                </th>
                <th scope="col" className="num">
                  Paid
                </th>
                <th scope="col" className="num">
                  Committed
                </th>
                <th scope="col" className="num">
                  Expected new starts
                </th>
                <th scope="col" className="num">
                  Forecast
                </th>
                <th scope="col" className="num">
                  Over (+) or under budget
                </th>
              </tr>
            </thead>
            <tbody>
              {data.categories.map((c) => (
                <tr key={c.category}>
                  <th scope="row">{categoryWords(c.category)}</th>
                  <td className="num">{pounds(c.budgetPence)}</td>
                  <td className="num">{pounds(c.actualsPaidPence)}</td>
                  <td className="num">{pounds(c.committedPence)}</td>
                  <td className="num">{pounds(c.expectedStartsPence)}</td>
                  <td className="num">{pounds(c.forecastPence)}</td>
                  <td className={`num ${c.variancePence > 0 ? 'over' : ''}`}>{pounds(c.variancePence)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td className="num">{pounds(data.total.budgetPence)}</td>
                <td className="num">{pounds(data.total.actualsPaidPence)}</td>
                <td className="num">{pounds(data.total.committedPence)}</td>
                <td className="num">{pounds(data.total.expectedStartsPence)}</td>
                <td className="num">{pounds(data.total.forecastPence)}</td>
                <td className={`num ${data.total.variancePence > 0 ? 'over' : ''}`}>{pounds(data.total.variancePence)}</td>
              </tr>
            </tfoot>
          </table>
        </>
      )}
      <HighCostList />
      <CostAvoidance year={year} />
      <ProjectionReport />
    </>
  );
}
