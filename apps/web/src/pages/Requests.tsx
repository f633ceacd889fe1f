import { useState } from 'react';
import { Link } from 'react-router';
import { pounds, unwrap } from '../api/client';
import { useApiQuery } from '../api/query';
import { KINDS, label, PANELS, PLACEMENT_TYPES, REQUEST_STATUSES, TIERS } from '../labels';
import { can, useSession } from '../session';
import { ChildLink } from '../components/ChildLink';

/** Who may read a child's name (the referrals service's CAN_SEE_CHILDREN). */
export const READERS_OF_NAMES = [
  'social-worker',
  'panel-member',
  'panel-chair',
  'approver:TM',
  'approver:SM',
  'approver:HOS',
  'approver:AD',
  'approver:DCS',
  'auditor',
] as const;

/** The council's requests with their status and who must decide them. */
export function Requests() {
  const { user } = useSession();
  const [status, setStatus] = useState('');
  const requests = useApiQuery(['referrals', 'requests', { status }], (api, signal) =>
    unwrap(api.referrals.GET('/requests', { params: { query: { take: 200, ...(status ? { status: status as never } : {}) } }, signal })),
  );
  const children = useApiQuery(
    ['referrals', 'children', { take: 200 }],
    (api, signal) => unwrap(api.referrals.GET('/children', { params: { query: { take: 200 } }, signal })),
    { enabled: can(user, ...READERS_OF_NAMES) },
  );
  const names: Record<string, string> = Object.fromEntries((children.data ?? []).map((c) => [c.id, c.displayName]));
  const rows = requests.data ?? null;
  const error = requests.error?.message ?? null;
  return (
    <>
      <h1>Requests</h1>
      <label htmlFor="status">Status</label>
      <select id="status" value={status} onChange={(e) => setStatus(e.target.value)}>
        <option value="">All</option>
        {(Object.keys(REQUEST_STATUSES) as (keyof typeof REQUEST_STATUSES)[]).map((s) => (
          <option key={s} value={s}>
            {label(REQUEST_STATUSES, s)}
          </option>
        ))}
      </select>
      {error && (
        <p role="alert" className="error-summary">
          {error}
        </p>
      )}
      {rows && rows.length === 0 && <p>No requests.</p>}
      {rows && rows.length > 0 && (
        <table>
          <caption className="visually-hidden">Requests, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Child</th>
              <th scope="col">Request</th>
              <th scope="col">Placement</th>
              <th scope="col" className="num">
                Weekly cost
              </th>
              <th scope="col">Decided by</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{names[r.childId] ? <ChildLink id={r.childId} name={names[r.childId] ?? ''} /> : `Child aged ${r.childAge}`}</td>
                <td>
                  <Link to={`/requests/${r.id}`}>{label(KINDS, r.kind)}</Link>
                </td>
                <td>{label(PLACEMENT_TYPES, r.placementType)}</td>
                <td className="num">{pounds(r.weeklyCostPence)}</td>
                <td>{r.panel ? `${label(PANELS, r.panel)} (${label(TIERS, r.approver)})` : label(TIERS, r.approver)}</td>
                <td>
                  <span className={`status status-${r.status.toLowerCase()}`}>{label(REQUEST_STATUSES, r.status)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
