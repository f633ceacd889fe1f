import { addCalendarDays, londonToday } from '@placewise/contracts/dates';
import { useState } from 'react';
import { Link } from 'react-router';
import { day, pounds, unwrap } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { Problem } from '../../components/Problem';
import { can, useSession } from '../../session';
import { Due, dueIn, dueItems, placementStatus, title } from './due';

const WINDOWS = [7, 14, 28, 56, 91];
const STATUS_FILTERS: [string, string][] = [
  ['RUNNING', 'Active and under notice'],
  ['ACTIVE', 'Active'],
  ['NOTICE_GIVEN', 'Under notice'],
  ['ENDED', 'Ended'],
];

/**
 * Placements: those with a review or the end of a notice due soonest first (with countdowns), then
 * every placement by status. A commissioner sees the council's; a provider its own.
 */
export function Placements() {
  const { user } = useSession();
  const [within, setWithin] = useState(28);
  const [status, setStatus] = useState('RUNNING');
  // Each list is for the window or status chosen now (its own key): an earlier choice's answer never shows.
  const dueQuery = useApiQuery(['commissioning', 'placements', { due: 'any', within }], (api, signal) =>
    unwrap(api.commissioning.GET('/placements', { params: { query: { due: 'any', within, take: 200 } }, signal })),
  );
  const allQuery = useApiQuery(['commissioning', 'placements', { status }], (api, signal) =>
    unwrap(
      api.commissioning.GET('/placements', {
        params: { query: status === 'RUNNING' ? { take: 200 } : { status: status as 'ACTIVE', take: 200 } },
        signal,
      }),
    ),
  );
  const due = dueQuery.data ?? null;
  const all = allQuery.data ? (status === 'RUNNING' ? allQuery.data.filter((p) => p.status !== 'ENDED') : allQuery.data) : null;
  const error = dueQuery.error ?? allQuery.error;
  const horizon = addCalendarDays(londonToday(), within);
  const provider = can(user, 'provider') && !can(user, 'commissioner');
  return (
    <>
      <h1>Placements</h1>
      <p className="lede">
        {provider
          ? "Your placements for this council. Reviews of the child's case are the council's; you are asked to contribute."
          : "Reviews of each child's case fall due by law (CPPCR 2010 reg 33: the first within 20 working days, the second within 3 months of it, then every 6 months, and before a placement ends); a notice's last day is when the child must have moved."}
      </p>
      <Problem error={error} />
      <section aria-labelledby="due-h">
        <h2 id="due-h">Review or notice due</h2>
        <label htmlFor="due-within">Due within</label>
        <select id="due-within" value={within} onChange={(e) => setWithin(Number(e.target.value))}>
          {WINDOWS.map((w) => (
            <option key={w} value={w}>
              {w} days
            </option>
          ))}
        </select>
        {due === null && !error && <p>Loading…</p>}
        {due && due.length === 0 && <p>Nothing is due in the next {within} days.</p>}
        {due && due.length > 0 && (
          <table>
            <caption className="visually-hidden">
              Placements with a review or the end of a notice due within {within} days, soonest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Placement</th>
                <th scope="col">What is due</th>
                <th scope="col" className="num">
                  Weekly cost
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {due.map((p) => (
                <tr key={p.id} className={dueItems(p, horizon).some((i) => dueIn(i.date).overdue) ? 'row-overdue' : undefined}>
                  <td>
                    <Link to={`/placements/${p.id}`}>{title(p)}</Link>
                  </td>
                  <td>
                    <ul className="due-list">
                      {dueItems(p, horizon).map((i) => (
                        <li key={i.what}>
                          {i.what} by <time dateTime={i.date}>{day(i.date)}</time> <Due date={i.date} />
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="num">{pounds(p.weeklyCostPence)}</td>
                  <td>{placementStatus(p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="all-h">
        <h2 id="all-h">All placements</h2>
        <label htmlFor="placement-status">Show</label>
        <select id="placement-status" value={status} onChange={(e) => setStatus(e.target.value)}>
          {STATUS_FILTERS.map(([v, t]) => (
            <option key={v} value={v}>
              {t}
            </option>
          ))}
        </select>
        {all === null && !error && <p>Loading…</p>}
        {all && all.length === 0 && <p>No placements.</p>}
        {all && all.length > 0 && (
          <table>
            <caption className="visually-hidden">Placements, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Placement</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col" className="num">
                  Weekly cost
                </th>
                <th scope="col">Next review</th>
              </tr>
            </thead>
            <tbody>
              {all.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/placements/${p.id}`}>{title(p)}</Link>
                  </td>
                  <td>{placementStatus(p)}</td>
                  <td>{p.startDate ? day(p.startDate) : ''}</td>
                  <td className="num">{pounds(p.weeklyCostPence)}</td>
                  <td>{p.nextReviewDue ? day(p.nextReviewDue) : 'None (ended)'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
