import { useState } from 'react';
import { Link } from 'react-router';
import { unwrap, when } from '../../api/client';
import { useApiQuery } from '../../api/query';

/** The access log, for the auditor: who read which child's personal data, when and through what. */
export function AccessLog() {
  const [child, setChild] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const children = useApiQuery(['referrals', 'children', { take: 200 }], (api, signal) =>
    unwrap(api.referrals.GET('/children', { params: { query: { take: 200 } }, signal })),
  );
  const query = { ...(child ? { child } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), take: 200 };
  const log = useApiQuery(['referrals', 'access-log', query], (api, signal) =>
    unwrap(api.referrals.GET('/access-log', { params: { query }, signal })),
  );
  return (
    <>
      <h1>Access log</h1>
      <p className="hint">
        Every read of a child&apos;s personal data, newest first. Reading this log is not itself recorded as a read of a child.
      </p>
      <div className="columns">
        <div>
          <label htmlFor="log-child">Child</label>
          <select id="log-child" value={child} onChange={(e) => setChild(e.target.value)}>
            <option value="">Every child</option>
            {(children.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.displayName}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="log-from">From</label>
          <input id="log-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div>
          <label htmlFor="log-to">To</label>
          <input id="log-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
      </div>
      {log.error && (
        <p role="alert" className="error-summary">
          {log.error.message}
          {log.error.errors.map((e) => ` ${e.field}: ${e.reason}.`).join('')}
        </p>
      )}
      {log.data && (
        <table>
          <caption>
            {log.data.total} read{log.data.total === 1 ? '' : 's'}
            {log.data.total > log.data.entries.length ? ` (the newest ${log.data.entries.length} shown)` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Their roles</th>
              <th scope="col">Child</th>
              <th scope="col">Through</th>
            </tr>
          </thead>
          <tbody>
            {log.data.entries.map((e, i) => (
              <tr key={i}>
                <td>{when(e.at)}</td>
                <td>{e.who}</td>
                <td>{e.roles.join(', ')}</td>
                <td>
                  <Link to={`/subject-access/${e.child.id}`}>
                    {e.child.name ?? e.child.reference ?? 'A child without a name or reference'}
                  </Link>
                </td>
                <td>{e.through}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
