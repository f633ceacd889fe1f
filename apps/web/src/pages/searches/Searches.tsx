import { Link } from 'react-router';
import { countdown, day, pounds, unwrap, when } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { Problem } from '../../components/Problem';
import { label, LOCATIONS, PLACEMENT_TYPES, URGENCIES } from '../../labels';
import { STAGES, URGENCY_ORDER } from './words';

/** A commissioner's open searches, the most urgent first, with their deadlines; and placements whose notice is running. */
export function Searches() {
  const searches = useApiQuery(['commissioning', 'searches', { status: 'OPEN', take: 200 }], (api, signal) =>
    unwrap(api.commissioning.GET('/searches', { params: { query: { status: 'OPEN', take: 200 } }, signal })),
  );
  const underNotice = useApiQuery(['commissioning', 'placements', { status: 'NOTICE_GIVEN', take: 200 }], (api, signal) =>
    unwrap(api.commissioning.GET('/placements', { params: { query: { status: 'NOTICE_GIVEN', take: 200 } }, signal })),
  );
  const rows = searches.data
    ? [...searches.data].sort(
        (a, b) => (URGENCY_ORDER[a.urgency] ?? 9) - (URGENCY_ORDER[b.urgency] ?? 9) || a.deadline.localeCompare(b.deadline),
      )
    : null;
  const placements = underNotice.data ?? null;
  const error = searches.error ?? underNotice.error;
  return (
    <>
      <h1>Open searches</h1>
      <Problem error={error} />
      {rows && rows.length === 0 && <p>No searches are open.</p>}
      {rows && rows.length > 0 && (
        <table>
          <caption className="visually-hidden">Open searches, most urgent first</caption>
          <thead>
            <tr>
              <th scope="col">Search</th>
              <th scope="col">Urgency</th>
              <th scope="col">Where</th>
              <th scope="col" className="num">
                Approved up to
              </th>
              <th scope="col">Stage</th>
              <th scope="col">Deadline</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => {
              const due = countdown(s.deadline);
              return (
                <tr key={s.id}>
                  <td>
                    <Link to={`/searches/${s.id}`}>
                      {label(PLACEMENT_TYPES, s.placementType)} for a child aged {s.childAge}
                    </Link>
                  </td>
                  <td>{label(URGENCIES, s.urgency).split(' (')[0]}</td>
                  <td>{label(LOCATIONS, s.location)}</td>
                  <td className="num">{pounds(s.ceilingPence)} a week</td>
                  <td>{STAGES[s.stage] ?? s.stage}</td>
                  <td>
                    <time dateTime={s.deadline}>{when(s.deadline)}</time> <span className={due.overdue ? 'over' : ''}>({due.text})</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h2>Placements under notice</h2>
      <p>
        <Link to="/placements">Placements with a review or notice due</Link>, soonest first.
      </p>
      {placements && placements.length === 0 && <p>No placement is under notice.</p>}
      {placements && placements.length > 0 && (
        <table>
          <caption className="visually-hidden">Placements under notice, with their last day</caption>
          <thead>
            <tr>
              <th scope="col">Placement</th>
              <th scope="col" className="num">
                Weekly cost
              </th>
              <th scope="col">Notice given</th>
              <th scope="col">Last day</th>
              <th scope="col">Replacement search</th>
            </tr>
          </thead>
          <tbody>
            {placements.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/placements/${p.id}`}>
                    {p.setting}: {label(PLACEMENT_TYPES, p.placementType)}
                  </Link>
                </td>
                <td className="num">{pounds(p.weeklyCostPence)}</td>
                <td>
                  {p.notice?.givenOn ? day(p.notice.givenOn) : 'Not recorded'}
                  {p.notice?.givenBy ? ` by the ${p.notice.givenBy.toLowerCase()}` : ''}
                </td>
                <td>{p.notice?.endDate ? day(p.notice.endDate) : 'Not set'}</td>
                <td>
                  {p.notice?.replacementSearchId ? <Link to={`/searches/${p.notice.replacementSearchId}`}>Open the search</Link> : 'None'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
