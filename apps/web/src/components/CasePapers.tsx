import { useState, type FormEvent } from 'react';
import { ApiError, countdown, day, pounds, unwrap, unwrapAs, when } from '../api/client';
import { useApiMutation, useApiQuery } from '../api/query';
import type { Papers } from '../api/views';
import { categoryWords, KINDS, label, LEGAL_STATUSES, LOCATIONS, PANELS, PLACEMENT_TYPES, TIERS, URGENCIES } from '../labels';
import { useSession } from '../session';
import { readsBudgetImpact } from './readers';
import { Problem } from './Problem';
import { ChildLink } from './ChildLink';

type Impact = {
  category: string;
  label: string;
  startDate: string;
  endDate: string;
  costThisYearPence: number;
  annualCostPence: number;
  budgetPence: number;
  forecastPence: number;
  forecastWithPence: number;
  headroomBeforePence: number;
  headroomAfterPence: number;
  percentOfBudgetBefore: number | null;
  percentOfBudgetAfter: number | null;
  crosses: number[];
  notes: string[];
};

const headroom = (p: number) => (p >= 0 ? `${pounds(p)} left` : `${pounds(-p)} over`);

/** What the placement would mean for this year's budget in its category (from finance's forecast), costed from today. */
function BudgetImpact({ request: r, H }: { request: Papers['request']; H: 'h2' | 'h3' }) {
  const query = {
    placementType: r.placementType as never,
    provision: r.provision as never,
    weeklyCostPence: r.requestedWeeklyCostPence,
    childAge: r.childAge,
  };
  const impact = useApiQuery(['finance', 'impact', query], (api, signal) =>
    unwrapAs<Impact>(api.finance.GET('/forecast/impact', { params: { query }, signal })),
  );
  return (
    <section aria-labelledby="budget-impact">
      <H id="budget-impact">What it means for the budget</H>
      {impact.error && <p>The budget position could not be loaded ({impact.error.message}); the rest of the papers stand.</p>}
      {impact.isPending && <p role="status">Loading the budget position…</p>}
      {impact.data && <ImpactFigures impact={impact.data} />}
    </section>
  );
}

function ImpactFigures({ impact }: { impact: Impact }) {
  return (
    <>
      <p>
        From today to {day(impact.endDate)} this placement would cost <strong>{pounds(impact.costThisYearPence)}</strong> in {impact.label}{' '}
        ({pounds(impact.annualCostPence)} for a full year).
      </p>
      <table className="impact">
        <caption>
          {categoryWords(impact.category)}, {impact.label}
        </caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col" className="num">
              Now
            </th>
            <th scope="col" className="num">
              With this placement
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Forecast (budget {pounds(impact.budgetPence)})</th>
            <td className="num">{pounds(impact.forecastPence)}</td>
            <td className="num">{pounds(impact.forecastWithPence)}</td>
          </tr>
          <tr>
            <th scope="row">Headroom</th>
            <td className={`num${impact.headroomBeforePence < 0 ? ' over' : ''}`}>{headroom(impact.headroomBeforePence)}</td>
            <td className={`num${impact.headroomAfterPence < 0 ? ' over' : ''}`}>{headroom(impact.headroomAfterPence)}</td>
          </tr>
          {impact.percentOfBudgetAfter !== null && (
            <tr>
              <th scope="row">Share of budget</th>
              <td className="num">{impact.percentOfBudgetBefore}%</td>
              <td className="num">{impact.percentOfBudgetAfter}%</td>
            </tr>
          )}
        </tbody>
      </table>
      {impact.crosses.length > 0 && <p className="over">It would take the forecast past {impact.crosses.join('% and ')}% of the budget.</p>}
      <ul className="hint">
        {impact.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </>
  );
}

/** The papers of a case: the request's facts and cost, the rules' outcome with every reason, gates and their evidence, deadlines. */
export function CasePapers({
  papers,
  childName,
  canEvidence,
  headingLevel = 3,
  budget = true,
}: {
  papers: Papers;
  childName?: string;
  canEvidence: boolean;
  headingLevel?: 2 | 3;
  /** Whether to show what it means for the budget: not for a case already heard or moved away (it would count twice). */
  budget?: boolean;
}) {
  const { user } = useSession();
  const r = papers.request;
  const H = (headingLevel === 2 ? 'h2' : 'h3') as 'h2' | 'h3';
  const due = papers.decisionDue ? countdown(papers.decisionDue) : null;
  return (
    <div className="papers">
      <dl className="facts">
        <dt>Child</dt>
        <dd>
          {childName ? (
            <>
              <ChildLink id={r.childId} name={childName} />, aged {r.childAge}
            </>
          ) : (
            `Aged ${r.childAge}`
          )}
        </dd>
        <dt>Request</dt>
        <dd>
          {label(KINDS, r.kind)}: {label(PLACEMENT_TYPES, r.placementType)} ({r.provision === 'IN_HOUSE' ? 'in-house' : 'external provider'}
          )
        </dd>
        <dt>Legal status</dt>
        <dd>{label(LEGAL_STATUSES, r.legalStatus)}</dd>
        <dt>Where</dt>
        <dd>{label(LOCATIONS, r.location)}</dd>
        <dt>Urgency</dt>
        <dd>
          {label(URGENCIES, r.urgency)}
          {r.retrospective ? ' (retrospective approval: the child is already placed)' : ''}
        </dd>
        <dt>Weekly cost</dt>
        <dd>
          {pounds(r.requestedWeeklyCostPence)} a week, about {pounds(Math.round((r.requestedWeeklyCostPence * 365) / 7))} a year
        </dd>
        <dt>Decided by</dt>
        <dd>
          {papers.panel ? `${label(PANELS, papers.panel)}, ${label(TIERS, papers.approver)} sign-off` : label(TIERS, papers.approver)}
        </dd>
        {papers.costBand && (
          <>
            <dt>Cost band</dt>
            <dd>{papers.costBand}</dd>
          </>
        )}
        {papers.decisionDue && due && (
          <>
            <dt>Decision due</dt>
            <dd>
              <time dateTime={papers.decisionDue}>{when(papers.decisionDue)}</time>{' '}
              <span className={due.overdue ? 'over' : ''}>({due.text})</span>
            </dd>
          </>
        )}
      </dl>
      {r.kind !== 'EXIT' && budget && readsBudgetImpact(user) && <BudgetImpact request={r} H={H} />}
      {r.kind !== 'EXIT' && budget && !readsBudgetImpact(user) && (
        <p className="hint">
          What the placement means for the budget is shown to the panel's members and chair, approvers, commissioners and finance; the
          papers show its weekly cost above.
        </p>
      )}
      <H>Why the rules send it here</H>
      <ul className="reasons">
        {papers.reasons.map((x, i) => (
          <li key={`${x.ruleId}-${i}`}>{x.text}</li>
        ))}
      </ul>
      {papers.deadlines.length > 0 && (
        <>
          <H>Deadlines</H>
          <ul>
            {papers.deadlines.map((d) => (
              <li key={d.id}>
                <time dateTime={d.due}>{day(d.due)}</time>: {d.text}
              </li>
            ))}
          </ul>
        </>
      )}
      <H>Evidence for each gate</H>
      {papers.gates.length === 0 ? (
        <p>The rules set no gates on this case.</p>
      ) : (
        <ul className="gates">
          {papers.gates.map((g) => (
            <li key={g.id} className={g.evidenced ? 'gate-ok' : 'gate-missing'}>
              <strong>{g.evidenced ? 'Evidenced' : 'Not yet evidenced'}:</strong> {g.text}
              {g.evidence && (
                <span className="hint">
                  “{g.evidence.text}” ({g.evidence.recordedByName}, {when(g.evidence.at)})
                </span>
              )}
              {canEvidence && papers.status === 'OPEN' && <EvidenceForm caseId={papers.caseId} gateId={g.id} gateText={g.text} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function EvidenceForm({ caseId, gateId, gateText }: { caseId: string; gateId: string; gateText: string }) {
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<ApiError | null>(null);
  const id = `ev-${caseId}-${gateId}`.replace(/[^a-zA-Z0-9-]/g, '-');
  const save = useApiMutation(
    (api, evidence: string) =>
      unwrap(api.panels.POST('/cases/{id}/evidence', { params: { path: { id: caseId } }, body: { gateId, evidence } })),
    [['panels']],
    { onSuccess: () => setText('') },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setInvalid(null);
    if (!text.trim())
      return setInvalid(
        new ApiError(400, 'Enter what shows the gate is met', [
          { field: 'evidence', reason: 'enter the document or who was consulted and when' },
        ]),
      );
    save.mutate(text.trim());
  };
  return (
    <details className="inline-form">
      <summary>Record evidence</summary>
      <form onSubmit={submit} noValidate>
        <Problem error={invalid ?? save.error} />
        <label htmlFor={id}>Evidence for: {gateText}</label>
        <span className="hint">The document, or who was consulted and when</span>
        <textarea id={id} rows={2} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" disabled={save.isPending}>
          Save evidence
        </button>
      </form>
    </details>
  );
}
