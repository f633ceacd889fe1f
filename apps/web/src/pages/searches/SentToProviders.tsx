import type { SearchDetail } from '../../api/views';
import { route } from '../../labels';
import { SENT_STATUS } from './words';

/** Who the search has gone to, round by round, and what they answered. */
export function SentToProviders({ search: s, providers }: { search: SearchDetail; providers: Record<string, string> }) {
  return (
    <>
      <h2>Sent to providers</h2>
      {s.referrals.length === 0 ? (
        <p>No provider has been sent this search.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Providers sent this search, by round</caption>
          <thead>
            <tr>
              <th scope="col">Round</th>
              <th scope="col">Provider</th>
              <th scope="col">Route</th>
              <th scope="col">Answer</th>
            </tr>
          </thead>
          <tbody>
            {s.referrals.map((r) => (
              <tr key={r.id}>
                <td>{r.round}</td>
                <td>{providers[r.providerId] ?? 'A provider'}</td>
                <td>{route(r.route)}</td>
                <td>
                  {SENT_STATUS[r.status] ?? r.status}
                  {r.declineReason ? `: ${r.declineReason}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
