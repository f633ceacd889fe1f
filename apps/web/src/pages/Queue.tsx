import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, countdown, pounds, unwrap, when } from '../api/client';
import type { CaseDetail, CaseSummary } from '../api/views';
import { label, PANELS, PLACEMENT_TYPES, TIERS, URGENCIES } from '../labels';
import { useApi } from '../session';
import { CasePapers } from '../components/CasePapers';
import { DecisionForm } from '../components/DecisionForm';
import { Problem } from '../components/Problem';

function useChildNames() {
  const api = useApi();
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    unwrap(api.referrals.GET('/children', { params: { query: { take: 200 } } })).then(
      (cs) => setNames(Object.fromEntries(cs.map((c) => [c.id, c.displayName]))),
      () => undefined,
    );
  }, [api]);
  return names;
}

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
  const api = useApi();
  const names = useChildNames();
  const now = useNow();
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    unwrap(api.panels.GET('/cases', { params: { query: { mine: 'true', take: 200 } } })).then(
      (cs) => setCases([...cs].sort((a, b) => (a.decisionDue ?? '9999').localeCompare(b.decisionDue ?? '9999'))),
      setError,
    );
  }, [api]);
  return (
    <>
      <h1>Cases waiting for your decision</h1>
      <Problem error={error} />
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

/** One case: its papers, its decisions, and (for whoever may decide it) the decision. */
export function CasePage() {
  const { id = '' } = useParams();
  const api = useApi();
  const names = useChildNames();
  const [c, setC] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => unwrap(api.panels.GET('/cases/{id}', { params: { path: { id } } })).then(setC, setError), [api, id]);
  useEffect(() => void load(), [load]);
  if (error instanceof ApiError && error.status === 404)
    return (
      <p role="alert" className="error-summary">
        There is no such case in your council.
      </p>
    );
  if (!c) return error ? <Problem error={error} /> : <p>Loading…</p>;
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
        Status <span className="status">{c.status}</span>
        {c.sittingId && (
          <>
            {' '}
            · listed for a <Link to={`/sittings/${c.sittingId}`}>panel sitting</Link>
          </>
        )}
      </p>
      <CasePapers papers={c.papers} childName={name} canEvidence={c.status === 'OPEN'} onChanged={() => void load()} headingLevel={2} />
      {c.decisions.length > 0 && (
        <>
          <h2>Decisions</h2>
          <ul>
            {c.decisions.map((d) => (
              <li key={d.id}>
                {when(d.decidedAt)}: <strong>{d.outcome}</strong> by {d.decidedBy}: {d.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {c.status === 'OPEN' && <DecisionForm caseId={c.id} onDecided={() => void load()} />}
    </>
  );
}
