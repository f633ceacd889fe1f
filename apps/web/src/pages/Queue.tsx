import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { countdown, pounds, stamp, unwrap, when } from '../api/client';
import { useApiQuery } from '../api/query';
import { CASE_STATUSES, DECIDED_BY_TIERS, label, PANELS, PLACEMENT_TYPES, TIERS, URGENCIES } from '../labels';
import { CasePapers } from '../components/CasePapers';
import { DecisionForm, MissingEvidence } from '../components/DecisionForm';
import { Problem } from '../components/Problem';
import { useChildNames } from '../components/readers';

/** Re-renders every 30 seconds, so deadlines count down while the page is open. */
function useNow() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

/** An approver's queue: the open cases they may decide, overdue first, with their deadlines counting down. */
export function Queue() {
  const names = useChildNames();
  const now = useNow();
  const queue = useApiQuery(['panels', 'cases', { mine: true }], (api, signal) =>
    unwrap(api.panels.GET('/cases', { params: { query: { mine: 'true', take: 200 } }, signal })),
  );
  const cases = queue.data ? [...queue.data].sort((a, b) => (a.decisionDue ?? '9999').localeCompare(b.decisionDue ?? '9999')) : null;
  return (
    <>
      <h1>Cases waiting for your decision</h1>
      <Problem error={queue.error} />
      {!cases && !queue.error && <p role="status">Loading your queue…</p>}
      {cases && cases.length === 0 && <p>No cases are waiting for you.</p>}
      {cases && cases.length > 0 && (
        <table>
          <caption className="visually-hidden">Cases waiting for you, overdue first</caption>
          <thead>
            <tr>
              <th scope="col">Child</th>
              <th scope="col">Placement</th>
              <th scope="col" className="num">
                Weekly cost
              </th>
              <th scope="col">Decided by</th>
              <th scope="col">Urgency</th>
              <th scope="col">Decision due</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => {
              const due = c.decisionDue ? countdown(c.decisionDue, now) : null;
              return (
                <tr key={c.id} className={due?.overdue ? 'row-overdue' : ''}>
                  <td>
                    <Link to={`/cases/${c.id}`}>{names[c.childId] ?? `Child aged ${c.childAge}`}</Link>
                  </td>
                  <td>{label(PLACEMENT_TYPES, c.placementType)}</td>
                  <td className="num">{pounds(c.requestedWeeklyCostPence)}</td>
                  <td>{c.panel ? `${label(PANELS, c.panel)} (${label(TIERS, c.approver)})` : label(TIERS, c.approver)}</td>
                  <td>
                    {label(URGENCIES, c.urgency).split(' (')[0]}
                    {c.retrospective ? ', retrospective' : ''}
                  </td>
                  <td>
                    {c.decisionDue && due ? (
                      <>
                        <time dateTime={c.decisionDue}>{when(c.decisionDue)}</time>
                        <br />
                        <strong className={due.overdue ? 'over' : ''}>{due.text}</strong>
                      </>
                    ) : (
                      'No deadline'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

/** One case: its papers, its decisions, its history, and (for whoever may decide it) the decision. */
export function CasePage() {
  const { id = '' } = useParams();
  const names = useChildNames();
  const query = useApiQuery(['panels', 'case', id], (api, signal) =>
    unwrap(api.panels.GET('/cases/{id}', { params: { path: { id } }, signal })),
  );
  const c = query.data;
  const error = query.error;
  if (error?.status === 404)
    return (
      <p role="alert" className="error-summary">
        There is no such case in your council.
      </p>
    );
  if (!c) return error ? <Problem error={error} /> : <p role="status">Loading the case…</p>;
  const name = names[c.childId];
  return (
    <>
      <p>
        <Link to="/queue">Your queue</Link>
      </p>
      <h1>
        {name ?? `Child aged ${c.childAge}`}: {label(PLACEMENT_TYPES, c.placementType)}
      </h1>
      <p className="lede">
        <span className="status">{label(CASE_STATUSES, c.status)}</span>
        {c.sittingId && (
          <>
            {' '}
            · listed for a <Link to={`/sittings/${c.sittingId}`}>panel sitting</Link>
          </>
        )}
      </p>
      <CasePapers papers={c.papers} childName={name} canEvidence={c.status === 'OPEN'} headingLevel={2} budget={c.status === 'OPEN'} />
      {c.decisions.length > 0 && (
        <>
          <h2>Decisions</h2>
          <ul className="decisions">
            {c.decisions.map((d) => (
              <li key={d.id}>
                {when(d.decidedAt)}: <strong>{d.outcomeWords.replace(/^./, (x) => x.toUpperCase())}</strong> by {d.decidedByName} (
                {label(DECIDED_BY_TIERS, d.decidedByTier)}): {d.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {c.status === 'OPEN' && (
        <DecisionForm caseId={c.id}>
          <MissingEvidence gates={c.papers.gates} />
        </DecisionForm>
      )}
      {c.audit.length > 0 && (
        <details className="history">
          <summary>
            The case's history ({c.audit.length} {c.audit.length === 1 ? 'entry' : 'entries'})
          </summary>
          <ol>
            {c.audit.map((a) => (
              <li key={a.id}>
                <time dateTime={a.at}>{stamp(a.at)}</time>: {a.what}, by {a.actorName}
              </li>
            ))}
          </ol>
        </details>
      )}
    </>
  );
}
