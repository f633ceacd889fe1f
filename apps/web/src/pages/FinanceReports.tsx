import { day, month, pounds, unwrap } from '../api/client';
import { useApiQuery } from '../api/query';
import type { CostAvoidanceReport as Avoidance, HighCost, Projection } from '../api/views';
import { Figure } from '../components/Figure';
import { categoryWords, label, PLACEMENT_TYPES } from '../labels';
import { Problem } from '../components/Problem';

/** The high-cost register: placements at or above the council's line, with their review dates. */
export function HighCostList() {
  const { data, error } = useApiQuery<HighCost>(['finance', 'high-cost'], (api, signal) =>
    unwrap(api.finance.GET('/high-cost', { signal })),
  );
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
  const { data, error } = useApiQuery<Avoidance>(['finance', 'cost-avoidance', { year }], (api, signal) =>
    unwrap(api.finance.GET('/cost-avoidance', { params: { query: { financialYear: year } }, signal })),
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

interface ProjectedRow {
  month: string;
  total: number;
  entered: number;
  left: number;
  costPence: number;
}
interface TrajectoryRow {
  month: string;
  projected: number;
  actual: number;
  differencePercent: number | null;
}

/** Children in care projected month by month with the cost (a figure with its table and CSV), and how the last projection compared. */
export function ProjectionReport() {
  const { data, error } = useApiQuery<Projection>(['finance', 'projection'], (api, signal) =>
    unwrap(api.finance.GET('/projection', { signal })),
  );
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
          <Figure<ProjectedRow>
            title="Projection by month"
            description={
              <>
                Children in care at each month&apos;s end, from the council&apos;s own starts, moves and exits over the{' '}
                {data.referenceWindow.months} months to {day(data.referenceWindow.to)}, costed at each category&apos;s average weekly cost.
              </>
            }
            rows={data.months}
            x="month"
            xFormat={(v) => month(String(v))}
            series={[{ key: 'total', label: 'Children in care' }]}
            columns={[
              { key: 'month', label: 'Month', format: (v) => month(String(v)) },
              { key: 'total', label: 'Children in care', numeric: true },
              { key: 'entered', label: 'Entering', numeric: true },
              { key: 'left', label: 'Leaving', numeric: true },
              {
                key: 'costPence',
                label: 'Cost',
                numeric: true,
                format: (v) => pounds(Number(v)),
                csv: (v) => (Number(v) / 100).toFixed(2),
              },
            ]}
            csvName="projection"
            height={300}
          />
          {data.sameTrajectory.months.length > 0 && (
            <Figure<TrajectoryRow>
              title={`Same trajectory: what the model projected from ${month(data.sameTrajectory.from)}, against what happened`}
              rows={data.sameTrajectory.months}
              x="month"
              xFormat={(v) => month(String(v))}
              series={[
                { key: 'actual', label: 'Actual' },
                { key: 'projected', label: 'Projected', kind: 'line', dashed: true },
              ]}
              columns={[
                { key: 'month', label: 'Month', format: (v) => month(String(v)) },
                { key: 'projected', label: 'Projected', numeric: true },
                { key: 'actual', label: 'Actual', numeric: true },
                {
                  key: 'differencePercent',
                  label: 'Difference',
                  numeric: true,
                  format: (v) => (typeof v === 'number' ? `${v}%` : 'n/a'),
                },
              ]}
              csvName="projection-same-trajectory"
            />
          )}
        </>
      )}
    </section>
  );
}
