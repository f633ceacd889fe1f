import { useCallback, useEffect, useState } from 'react';
import { ApiError, unwrap, type Api } from '../api/client';
import type { QueueStatus } from '../api/views';
import { useApi } from '../session';

const SERVICES = ['referrals', 'panels', 'commissioning', 'finance'] as const;
const COUNTS = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** Each service's /ops/queue, through its typed client (the platform's ops views, the same in every service). */
const queueOf = (api: Api, s: (typeof SERVICES)[number]): Promise<QueueStatus> => {
  switch (s) {
    case 'referrals':
      return unwrap(api.referrals.GET('/ops/queue'));
    case 'panels':
      return unwrap(api.panels.GET('/ops/queue'));
    case 'commissioning':
      return unwrap(api.commissioning.GET('/ops/queue'));
    case 'finance':
      return unwrap(api.finance.GET('/ops/queue'));
  }
};

/** How long the oldest waiting event has waited, in words. */
const waited = (seconds: number) => (seconds < 60 ? `${Math.round(seconds)} s` : seconds < 3600 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 3600)} h`);

/** For the ops role: each service's inbox queue and outbox backlog (the services' /ops/queue). */
export function Ops() {
  const api = useApi();
  const [rows, setRows] = useState<Record<string, QueueStatus | string>>({});
  const load = useCallback(() => {
    for (const s of SERVICES) {
      queueOf(api, s).then(
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
            <th scope="col" className="num">Outbox waiting</th>
            <th scope="col">Oldest waiting</th>
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
                      <td key={c} className={`num ${c === 'failed' && q.counts[c] > 0 ? 'over' : ''}`}>
                        {q.counts[c]}
                      </td>
                    ))}
                    <td className="num">{q.outbox.pending}</td>
                    <td className={q.outbox.oldestSeconds > 60 ? 'over' : ''}>{q.outbox.pending ? waited(q.outbox.oldestSeconds) : 'None waiting'}</td>
                  </>
                ) : (
                  <td colSpan={COUNTS.length + 2} className={q ? 'over' : ''} role={q ? 'alert' : undefined}>
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
