import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, countdown, day, pounds, reasonsOf, unwrap, when, type FieldError } from '../api/client';
import type { Papers } from '../api/views';
import { categoryWords, KINDS, label, LEGAL_STATUSES, LOCATIONS, PANELS, PLACEMENT_TYPES, TIERS, URGENCIES } from '../labels';
import { useApi } from '../session';

/** A refusal shown where the person can act: the service's message, its reasons and the fields at fault. */
export function Problem({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : new ApiError(0, String(error));
  const reasons = reasonsOf(e);
  return (
    <div role="alert" className="error-summary" id={id} tabIndex={-1}>
      <h2>There is a problem</h2>
      <p>{reasons.length ? e.message.split(': ')[0] : e.message}</p>
      {(reasons.length > 0 || e.errors.length > 0) && (
        <ul>
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
          {e.errors.map((x: FieldError) => (
            <li key={`${x.field}-${x.reason}`}>
              {x.field}: {x.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

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
  const api = useApi();
  const [impact, setImpact] = useState<Impact | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    unwrap(
      api.finance.GET('/forecast/impact', {
        params: {
          query: {
            placementType: r.placementType as never,
            provision: r.provision as never,
            weeklyCostPence: r.requestedWeeklyCostPence,
            childAge: r.childAge,
          },
        },
      }),
    )
      .then((d) => live && setImpact(d as Impact))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [api, r.placementType, r.provision, r.requestedWeeklyCostPence, r.childAge]);
  return (
    <section aria-labelledby="budget-impact">
      <H id="budget-impact">What it means for the budget</H>
      {failed && <p>The budget position could not be loaded; the rest of the papers stand.</p>}
      {!impact && !failed && <p role="status">Loading the budget position…</p>}
      {impact && (
        <>
          <p>
            From today to {day(impact.endDate)} this placement would cost <strong>{pounds(impact.costThisYearPence)}</strong> in{' '}
            {impact.label} ({pounds(impact.annualCostPence)} for a full year).
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
          {impact.crosses.length > 0 && (
            <p className="over">It would take the forecast past {impact.crosses.join('% and ')}% of the budget.</p>
          )}
          <ul className="hint">
            {impact.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The papers of a case: the request's facts and cost, the rules' outcome with every reason, gates and their evidence, deadlines. */
export function CasePapers({
  papers,
  childName,
  onChanged,
  canEvidence,
  headingLevel = 3,
}: {
  papers: Papers;
  childName?: string;
  onChanged?: () => void;
  canEvidence: boolean;
  headingLevel?: 2 | 3;
}) {
  const r = papers.request;
  const H = (headingLevel === 2 ? 'h2' : 'h3') as 'h2' | 'h3';
  const due = papers.decisionDue ? countdown(papers.decisionDue) : null;
  return (
    <div className="papers">
      <dl className="facts">
        <dt>Child</dt>
        <dd>{childName ? `${childName}, aged ${r.childAge}` : `Aged ${r.childAge}`}</dd>
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
      {r.kind !== 'EXIT' && <BudgetImpact request={r} H={H} />}
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
                  “{g.evidence.text}” ({g.evidence.recordedBy}, {when(g.evidence.at)})
                </span>
              )}
              {canEvidence && papers.status === 'OPEN' && (
                <EvidenceForm caseId={papers.caseId} gateId={g.id} gateText={g.text} onSaved={onChanged} />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function EvidenceForm({ caseId, gateId, gateText, onSaved }: { caseId: string; gateId: string; gateText: string; onSaved?: () => void }) {
  const api = useApi();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const id = `ev-${caseId}-${gateId}`.replace(/[^a-zA-Z0-9-]/g, '-');
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!text.trim())
      return setError(
        new ApiError(400, 'Enter what shows the gate is met', [
          { field: 'evidence', reason: 'enter the document or who was consulted and when' },
        ]),
      );
    setBusy(true);
    try {
      await unwrap(api.panels.POST('/cases/{id}/evidence', { params: { path: { id: caseId } }, body: { gateId, evidence: text.trim() } }));
      setText('');
      onSaved?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="inline-form">
      <summary>Record evidence</summary>
      <form onSubmit={(e) => void save(e)} noValidate>
        <Problem error={error} />
        <label htmlFor={id}>Evidence for: {gateText}</label>
        <span className="hint">The document, or who was consulted and when</span>
        <textarea id={id} rows={2} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" disabled={busy}>
          Save evidence
        </button>
      </form>
    </details>
  );
}

const OUTCOMES: [string, string][] = [
  ['APPROVED', 'Approve'],
  ['APPROVED_WITH_CONDITIONS', 'Approve with conditions'],
  ['DECLINED', 'Decline'],
  ['DEFERRED', 'Defer for more information'],
  ['REFERRED_UP', 'Refer up to the next tier'],
];

interface DecisionState {
  outcome: string;
  reason: string;
  maxWeekly: string;
  reviewDate: string;
  fundingEndDate: string;
  notes: string;
  information: string;
  returnBy: string;
}

/** The decision: approve (with conditions), decline, defer with what is needed, or refer up. What was typed stays if it is refused. */
export function DecisionForm({ caseId, onDecided, children }: { caseId: string; onDecided: () => void; children?: ReactNode }) {
  const api = useApi();
  const [f, setF] = useState<DecisionState>({
    outcome: '',
    reason: '',
    maxWeekly: '',
    reviewDate: '',
    fundingEndDate: '',
    notes: '',
    information: '',
    returnBy: '',
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const set = (k: keyof DecisionState) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    setF((was) => ({ ...was, [k]: value }));
  };
  const p = (s: string) => `${s}-${caseId}`;

  const check = (): FieldError[] => {
    const errs: FieldError[] = [];
    if (!f.outcome) errs.push({ field: 'outcome', reason: 'choose the decision' });
    if (!f.reason.trim()) errs.push({ field: 'reason', reason: 'give the reason for the decision' });
    if (f.outcome === 'APPROVED_WITH_CONDITIONS') {
      if (f.maxWeekly && !/^\d{1,7}(\.\d{1,2})?$/.test(f.maxWeekly.trim()))
        errs.push({ field: 'maximum weekly cost', reason: 'enter pounds, like 6200 or 6200.50' });
      if (!f.maxWeekly && !f.reviewDate && !f.fundingEndDate && !f.notes.trim())
        errs.push({ field: 'conditions', reason: 'set at least one condition' });
    }
    if (f.outcome === 'DEFERRED' && !f.information.trim())
      errs.push({ field: 'information needed', reason: 'say what the social worker must provide' });
    return errs;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const errs = check();
    if (errs.length) {
      setError(new ApiError(400, 'Check the decision before recording it', errs));
      box.current?.focus();
      return;
    }
    const notes = f.notes
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    const body = {
      outcome: f.outcome,
      reason: f.reason.trim(),
      ...(f.outcome === 'APPROVED_WITH_CONDITIONS'
        ? {
            conditions: {
              ...(f.maxWeekly ? { maxWeeklyCostPence: Math.round(Number(f.maxWeekly) * 100) } : {}),
              ...(f.reviewDate ? { reviewDate: f.reviewDate } : {}),
              ...(f.fundingEndDate ? { fundingEndDate: f.fundingEndDate } : {}),
              notes,
            },
          }
        : {}),
      ...(f.outcome === 'DEFERRED'
        ? {
            informationRequested: f.information
              .split('\n')
              .map((s) => s.trim())
              .filter(Boolean),
            ...(f.returnBy ? { returnBy: f.returnBy } : {}),
          }
        : {}),
    };
    setBusy(true);
    try {
      await unwrap(api.panels.POST('/cases/{id}/decision', { params: { path: { id: caseId } }, body: body as never }));
      onDecided();
    } catch (err) {
      setError(err);
      box.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="decision" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={p('dh')}>
      <h3 id={p('dh')}>Record the decision</h3>
      {children}
      <div ref={box} tabIndex={-1}>
        <Problem error={error} />
      </div>
      <fieldset>
        <legend>Decision</legend>
        {OUTCOMES.map(([v, t]) => (
          <label key={v} className="radio">
            <input type="radio" name={p('outcome')} value={v} checked={f.outcome === v} onChange={set('outcome')} /> {t}
          </label>
        ))}
      </fieldset>
      {f.outcome === 'APPROVED_WITH_CONDITIONS' && (
        <fieldset className="conditions">
          <legend>Conditions</legend>
          <label htmlFor={p('max')}>Maximum weekly cost (£)</label>
          <input id={p('max')} inputMode="decimal" value={f.maxWeekly} onChange={set('maxWeekly')} />
          <label htmlFor={p('review')}>Review date</label>
          <input id={p('review')} type="date" value={f.reviewDate} onChange={set('reviewDate')} />
          <label htmlFor={p('fund')}>Funding ends</label>
          <input id={p('fund')} type="date" value={f.fundingEndDate} onChange={set('fundingEndDate')} />
          <label htmlFor={p('notes')}>Other conditions, one a line</label>
          <textarea id={p('notes')} rows={2} value={f.notes} onChange={set('notes')} />
        </fieldset>
      )}
      {f.outcome === 'DEFERRED' && (
        <>
          <label htmlFor={p('info')}>Information needed, one item a line</label>
          <textarea id={p('info')} rows={3} value={f.information} onChange={set('information')} />
          <label htmlFor={p('return')}>Needed by (optional)</label>
          <input id={p('return')} type="date" value={f.returnBy} onChange={set('returnBy')} />
        </>
      )}
      <label htmlFor={p('reason')}>Reason for the decision</label>
      <span className="hint">Recorded in the minutes and the decision letter</span>
      <textarea id={p('reason')} rows={3} value={f.reason} onChange={set('reason')} />
      <button type="submit" disabled={busy}>
        Record decision
      </button>
    </form>
  );
}
