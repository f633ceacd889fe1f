import { londonToday } from '@placewise/contracts/dates';
import { useState } from 'react';
import { Link } from 'react-router';
import { day, pounds, unwrap } from '../api/client';
import { useApiQuery } from '../api/query';
import { Figure } from '../components/Figure';
import { Problem } from '../components/Problem';
import { categoryWords } from '../labels';
import { can, useSession } from '../session';
import { CostAvoidance, HighCostList, ProjectionReport } from './FinanceReports';
import { FinanceFigures } from './oversight/FinanceFigures';

/** The financial year (1 April to 31 March) today is in, in London: 2026 for 2026-27. */
const thisYear = () => {
  const today = londonToday();
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 4 ? year : year - 1;
};

const csvPounds = (v: unknown) => (typeof v === 'number' ? (v / 100).toFixed(2) : '');
const money = (v: unknown) => (typeof v === 'number' ? pounds(v) : '–');
/** Pounds on a bar, in thousands: "£1,234k". */
export const barThousands = (pence: number) => `£${Math.round(pence / 100_000).toLocaleString('en-GB')}k`;

interface CategoryRow {
  category: string;
  budgetPence: number;
  actualsPaidPence: number;
  committedPence: number;
  expectedStartsPence: number;
  forecastPence: number;
  variancePence: number;
}

/** The year's forecast against budget by category (a figure with its table and CSV), then the council's placement figures and reports. */
export function Finance() {
  const { user } = useSession();
  const [year, setYear] = useState(thisYear());
  // The forecast for the year chosen now (each year cached under its own key).
  const forecast = useApiQuery(['finance', 'forecast', { year }], (api, signal) =>
    unwrap(api.finance.GET('/forecast', { params: { query: { financialYear: year } }, signal })),
  );
  const data = forecast.data;
  const rows: CategoryRow[] = data ? data.categories.map((c) => ({ ...c, category: categoryWords(c.category) })) : [];
  return (
    <>
      <h1>Forecast against budget</h1>
      {can(user, 'finance', 'auditor') && (
        <p>
          <Link to="/finance/commitments">Commitments: every placement&apos;s cost by financial year</Link>
        </p>
      )}
      <label htmlFor="year">Financial year</label>
      <select id="year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
        {[thisYear() - 1, thisYear(), thisYear() + 1].map((y) => (
          <option key={y} value={y}>
            {y}-{String((y + 1) % 100).padStart(2, '0')}
          </option>
        ))}
      </select>
      <Problem error={forecast.error} />
      {data && (
        <Figure<CategoryRow>
          title={`Financial year ${data.label}: forecast against budget by category`}
          description={
            <>
              As at {day(data.asOf)}: actuals paid, commitments and expected new starts against each category&apos;s budget. Over budget is
              a positive figure in the last column.
            </>
          }
          rows={rows}
          x="category"
          series={[
            { key: 'budgetPence', label: 'Budget' },
            { key: 'forecastPence', label: 'Forecast' },
          ]}
          valueFormat={barThousands}
          columns={[
            { key: 'category', label: 'Category' },
            { key: 'budgetPence', label: 'Budget', numeric: true, format: money, csv: csvPounds },
            { key: 'actualsPaidPence', label: 'Paid', numeric: true, format: money, csv: csvPounds },
            { key: 'committedPence', label: 'Committed', numeric: true, format: money, csv: csvPounds },
            { key: 'expectedStartsPence', label: 'Expected new starts', numeric: true, format: money, csv: csvPounds },
            { key: 'forecastPence', label: 'Forecast', numeric: true, format: money, csv: csvPounds },
            { key: 'variancePence', label: 'Over (+) or under budget', numeric: true, format: money, csv: csvPounds },
          ]}
          csvName={`forecast-${data.label}`}
          height={320}
        >
          <p>
            In all: budget {pounds(data.total.budgetPence)}, forecast {pounds(data.total.forecastPence)},{' '}
            {data.total.variancePence > 0 ? 'over' : 'under'} budget by {pounds(Math.abs(data.total.variancePence))}.
          </p>
        </Figure>
      )}
      <FinanceFigures />
      <HighCostList />
      <CostAvoidance year={year} />
      <ProjectionReport />
    </>
  );
}
