import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, pounds, stamp, unwrap } from '../api/client';
import { KINDS, label, LEGAL_STATUSES, LOCATIONS, PLACEMENT_TYPES, URGENCIES } from '../labels';
import { can, useApi, useSession } from '../session';
import { Outcome, type OutcomeData } from '../components/Outcome';
import { ChildLink, RECORD_READERS } from '../components/ChildLink';

/** One request: its status and history, the rules' outcome with every reason, and (when deferred) the resubmission. */
export function RequestPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const { user } = useSession();
  const [r, setR] = useState<Awaited<ReturnType<typeof fetchOne>> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [items, setItems] = useState('');
  const fetchOne = useCallback(() => unwrap(api.referrals.GET('/requests/{id}', { params: { path: { id } } })), [api, id]);
  useEffect(() => {
    fetchOne().then(setR, (e: ApiError) => setError(e.status === 404 ? 'There is no such request in your council.' : e.message));
  }, [fetchOne]);
  if (error)
    return (
      <p role="alert" className="error-summary">
        {error}
      </p>
    );
  if (!r) return <p>Loading…</p>;
  const resubmit = async () => {
    try {
      setR(
        await unwrap(
          api.referrals.POST('/requests/{id}/resubmission', {
            params: { path: { id } },
            body: {
              itemsProvided: items
                .split('\n')
                .map((s) => s.trim())
                .filter(Boolean),
            },
          }),
        ),
      );
    } catch (e) {
      setError((e as ApiError).message);
    }
  };
  return (
    <>
      <p>
        <Link to="/requests">All requests</Link>
      </p>
      <h1>
        {label(KINDS, r.kind)}: {label(PLACEMENT_TYPES, r.placementType)}
      </h1>
      <p className="lede">
        Status <span className={`status status-${r.status.toLowerCase()}`}>{r.status}</span>
      </p>
      <dl className="facts">
        <dt>Child's age</dt>
        <dd>{r.childAge}</dd>
        {can(user, ...RECORD_READERS) && (
          <>
            <dt>Child&apos;s record</dt>
            <dd>
              <ChildLink id={r.childId} name="The looked-after record" />
            </dd>
          </>
        )}
        <dt>Legal status</dt>
        <dd>{label(LEGAL_STATUSES, r.legalStatus)}</dd>
        <dt>Weekly cost</dt>
        <dd>{pounds(r.weeklyCostPence)}</dd>
        <dt>Where</dt>
        <dd>{label(LOCATIONS, r.location)}</dd>
        <dt>Urgency</dt>
        <dd>{label(URGENCIES, r.urgency)}</dd>
        {r.decision && (
          <>
            <dt>Decision</dt>
            <dd>
              {r.decision.outcome} by {r.decision.decidedBy}: {r.decision.reason}
            </dd>
          </>
        )}
      </dl>
      {r.status === 'DEFERRED' && r.informationRequested && (
        <section className="panel-box">
          <h2>The panel asked for</h2>
          <ul>
            {r.informationRequested.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
          {can(user, 'social-worker') && (
            <>
              <label htmlFor="items">What you now provide, one item a line</label>
              <textarea id="items" rows={3} value={items} onChange={(e) => setItems(e.target.value)} />
              <button type="button" onClick={() => void resubmit()}>
                Resubmit to the next sitting
              </button>
            </>
          )}
        </section>
      )}
      <Outcome outcome={r.outcome as unknown as OutcomeData} heading="What the rules require" />
      <h2>History</h2>
      <ol className="history">
        {r.history?.map((h, i) => (
          <li key={i}>
            <time dateTime={h.at}>{stamp(h.at)}</time> · {h.toStatus} · {h.actor}
            {h.note ? ` · ${h.note}` : ''}
          </li>
        ))}
      </ol>
    </>
  );
}
