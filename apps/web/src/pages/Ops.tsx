import { useCallback, useEffect, useState } from 'react';
import { ApiError, unwrapAs } from '../api/client';
import { useApi } from '../session';

interface QueueStatus {
  queue: string;
  counts: Record<string, number>;
  outbox: unknown;
}
const SERVICES = ['referrals', 'panels', 'commissioning', 'finance'] as const;
const COUNTS = ['waiting', 'active', 'delayed', 'failed', 'completed'];

/** For the ops role: each service's inbox queue and outbox backlog (the services' /ops/queue). */
export function Ops() {
  const api = useApi();
  const [rows, setRows] = useState<Record<string, QueueStatus | string>>({});
  const load = useCallback(() => {
    for (const s of SERVICES) {
      unwrapAs<QueueStatus>((api[s] as unknown as { GET(path: '/ops/queue'): Promise<{ data?: unknown; error?: unknown; response: Response }> }).GET('/ops/queue')).then(
        (q) => setRows((r) => ({ ...r, [s]: q })),
        (e: ApiError) => setRows((r) => ({ ...r, [s]: e.message })),
      );
    }
  }, [api]);
  useEffect(load, [load]);
  return (
    <>
      <h1>Queues</h1>
      <p>Each service's inbox queue and the events waiting in its outbox. Failed jobs are kept and can be replayed from the service's <code>/ops/queue/failed</code>.</p>
      <button type="button" className="secondary" onClick={load}>
        Refresh
      </button>
      <table>
        <caption className="visually-hidden">Queue status by service</caption>
        <thead>
          <tr>
            <th scope="col">Service</th>
            {COUNTS.map((c) => (
              <th key={c} scope="col" className="num">
                {c[0]!.toUpperCase() + c.slice(1)}
              </th>
            ))}
            <th scope="col">Outbox</th>
          </tr>
        </thead>
        <tbody>
          {SERVICES.map((s) => {
            const q = rows[s];
            return (
              <tr key={s}>
                <th scope="row">{s[0]!.toUpperCase() + s.slice(1)}</th>
                {typeof q === 'object' ? (
                  <>
                    {COUNTS.map((c) => (
                      <td key={c} className={`num ${c === 'failed' && (q.counts[c] ?? 0) > 0 ? 'over' : ''}`}>
                        {q.counts[c] ?? 0}
                      </td>
                    ))}
                    <td>{typeof q.outbox === 'object' && q.outbox ? Object.entries(q.outbox as Record<string, unknown>).map(([k, v]) => `${k}: ${String(v)}`).join(', ') : String(q.outbox)}</td>
                  </>
                ) : (
                  <td colSpan={COUNTS.length + 1} className={q ? 'over' : ''} role={q ? 'alert' : undefined}>
                    {q ?? 'Loading…'}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
