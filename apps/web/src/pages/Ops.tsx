import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { unwrap, when, type Api } from '../api/client';
import { useApiMutation, useApiQuery } from '../api/query';
import type { FailedJob, QueueStatus } from '../api/views';
import { can, useApi, useSession } from '../session';
import { UndeliveredEmails } from './UndeliveredEmails';

const SERVICES = ['referrals', 'panels', 'commissioning', 'finance'] as const;
const COUNTS = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
/** The page watches the queues: each service's counts and failed jobs are read again every 5 seconds while it is open. */
const WATCH_MS = 5_000;

/** Each service's /ops/queue, through its typed client (the platform's ops views, the same in every service). */
const queueOf = (api: Api, s: (typeof SERVICES)[number], signal?: AbortSignal): Promise<QueueStatus> => {
  switch (s) {
    case 'referrals':
      return unwrap(api.referrals.GET('/ops/queue', { signal }));
    case 'panels':
      return unwrap(api.panels.GET('/ops/queue', { signal }));
    case 'commissioning':
      return unwrap(api.commissioning.GET('/ops/queue', { signal }));
    case 'finance':
      return unwrap(api.finance.GET('/ops/queue', { signal }));
  }
};

/** A service's failed inbox jobs (the newest 50). */
const failedOf = (api: Api, s: (typeof SERVICES)[number], signal?: AbortSignal): Promise<FailedJob[]> => {
  const query = { params: { query: { start: 0, count: 50 } }, signal } as const;
  switch (s) {
    case 'referrals':
      return unwrap(api.referrals.GET('/ops/queue/failed', query));
    case 'panels':
      return unwrap(api.panels.GET('/ops/queue/failed', query));
    case 'commissioning':
      return unwrap(api.commissioning.GET('/ops/queue/failed', query));
    case 'finance':
      return unwrap(api.finance.GET('/ops/queue/failed', query));
  }
};

/** Sends one failed job through its handler again (the inbox still applies its effect at most once). */
const retryOf = (api: Api, s: (typeof SERVICES)[number], jobId: string): Promise<unknown> => {
  const params = { params: { path: { jobId } } };
  switch (s) {
    case 'referrals':
      return unwrap(api.referrals.POST('/ops/queue/failed/{jobId}/retry', params));
    case 'panels':
      return unwrap(api.panels.POST('/ops/queue/failed/{jobId}/retry', params));
    case 'commissioning':
      return unwrap(api.commissioning.POST('/ops/queue/failed/{jobId}/retry', params));
    case 'finance':
      return unwrap(api.finance.POST('/ops/queue/failed/{jobId}/retry', params));
  }
};

/** How long the oldest waiting event has waited, in words. */
const waited = (seconds: number) =>
  seconds < 60 ? `${Math.round(seconds)} s` : seconds < 3600 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 3600)} h`;

/** Opens a board session (an HttpOnly cookie for the board's path, set from the person's token). */
const boardSessionOf = (api: Api, s: (typeof SERVICES)[number]): Promise<unknown> => {
  switch (s) {
    case 'referrals':
      return unwrap(api.referrals.POST('/ops/board/session'));
    case 'panels':
      return unwrap(api.panels.POST('/ops/board/session'));
    case 'commissioning':
      return unwrap(api.commissioning.POST('/ops/board/session'));
    case 'finance':
      return unwrap(api.finance.POST('/ops/board/session'));
  }
};

/**
 * Each service's queue board (Bull Board), reached through this origin's /api/<service>/ proxy: the
 * board is a page of its own, so the person's token goes to it as a cookie scoped to its path.
 */
function QueueBoards() {
  const [error, setError] = useState<string | null>(null);
  const board = useApiMutation((api, s: (typeof SERVICES)[number]) => boardSessionOf(api, s), [], {
    onSuccess: (_r, s) => window.location.assign(`/api/${s}/ops/board/`),
    onError: (e) => setError(e.message),
  });
  const open = (s: (typeof SERVICES)[number]) => {
    setError(null);
    board.mutate(s);
  };
  return (
    <section aria-labelledby="boards">
      <h2 id="boards">Queue boards</h2>
      <p>Every job of a service's inbox queue, its data and its history, on the service's own board.</p>
      {error && (
        <p role="alert" className="error-summary">
          {error}
        </p>
      )}
      <ul>
        {SERVICES.map((s) => (
          <li key={s}>
            <button type="button" className="secondary" onClick={() => open(s)}>
              Open the {s} board
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** For the ops role: each service's inbox queue and outbox backlog (the services' /ops/queue). */
export function Ops() {
  const api = useApi();
  const { user } = useSession();
  const answers = useQueries({
    queries: SERVICES.map((s) => ({
      queryKey: [s, 'ops', 'queue'],
      queryFn: ({ signal }: { signal: AbortSignal }) => queueOf(api, s, signal),
      refetchInterval: WATCH_MS,
    })),
  });
  /** Each service's answer, or why it could not be read (undefined while it loads). */
  const rows: Record<string, QueueStatus | string | undefined> = Object.fromEntries(
    SERVICES.map((s, i) => [s, answers[i]?.data ?? answers[i]?.error?.message]),
  );
  const client = useQueryClient();
  // The queues, and the emails not delivered (the council's admin) when they are shown.
  const load = () =>
    void Promise.all([...answers.map((a) => a.refetch()), client.invalidateQueries({ queryKey: ['notifications', 'deliveries'] })]);
  return (
    <>
      <h1>Queues</h1>
      <p>
        Each service's inbox queue and the events waiting in its outbox, read again every few seconds. A failed job is kept until it is sent
        again below; its effect still happens at most once.
      </p>
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
            <th scope="col" className="num">
              Outbox waiting
            </th>
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
                    <td className={q.outbox.oldestSeconds > 60 ? 'over' : ''}>
                      {q.outbox.pending ? waited(q.outbox.oldestSeconds) : 'None waiting'}
                    </td>
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
      {SERVICES.map((s) => {
        const q = rows[s];
        return typeof q === 'object' && q.counts.failed > 0 ? <FailedJobs key={s} service={s} /> : null;
      })}
      {/* The council's admin only: the deployment's operator sees no council's people or addresses. */}
      {can(user, 'ops') && <UndeliveredEmails />}
      <QueueBoards />
    </>
  );
}

/** A service's failed jobs: what failed and why, each with a button to send it again. */
function FailedJobs({ service }: { service: (typeof SERVICES)[number] }) {
  const client = useQueryClient();
  const failed = useApiQuery([service, 'ops', 'failed'], (api, signal) => failedOf(api, service, signal), { refetchInterval: WATCH_MS });
  const jobs = failed.data ?? null;
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const retry = useApiMutation((api, jobId: string) => retryOf(api, service, jobId), [], {
    onSuccess: (_r, jobId) => setMessage({ text: `Job ${jobId} was sent again.`, error: false }),
    onError: (e) => setMessage({ text: e.message, error: true }),
    // Give the worker a moment, then show where the job and the queue stand now.
    onSettled: () => setTimeout(() => void client.invalidateQueries({ queryKey: [service, 'ops'] }), 500),
  });
  const failedToLoad = failed.error;
  const name = service[0]!.toUpperCase() + service.slice(1);
  return (
    <section aria-labelledby={`failed-${service}`}>
      <h2 id={`failed-${service}`}>Failed jobs: {name}</h2>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error-summary' : 'result-ok'}>
          {message.text}
        </p>
      )}
      {failedToLoad && !message && (
        <p role="alert" className="error-summary">
          {failedToLoad.message}
        </p>
      )}
      {jobs && (
        <table>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Why it failed</th>
              <th scope="col" className="num">
                Attempts
              </th>
              <th scope="col">Failed at</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.jobId ?? `${j.type}-${j.finishedOn}`}>
                <td>
                  {j.type}
                  <span className="hint"> {j.jobId}</span>
                </td>
                <td>{j.failedReason ?? 'No reason recorded'}</td>
                <td className="num">{j.attemptsMade}</td>
                <td>{j.finishedOn ? when(j.finishedOn) : ''}</td>
                <td>
                  {j.jobId && (
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => retry.mutate(j.jobId!)}
                      aria-label={`Send ${j.type} ${j.jobId} again`}
                    >
                      Send again
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
