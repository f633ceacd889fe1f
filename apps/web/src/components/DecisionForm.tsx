import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, unwrap, type FieldError } from '../api/client';
import { useApiMutation } from '../api/query';
import type { Papers } from '../api/views';
import { Problem } from './Problem';

/** Before the decision is recorded: the gates still without evidence, which an approval would be refused for. */
export function MissingEvidence({ gates }: { gates: Papers['gates'] }) {
  const missing = gates.filter((g) => !g.evidenced);
  if (!missing.length) return null;
  return (
    <div className="over missing-evidence">
      <p>
        {missing.length === 1 ? 'One gate is' : `${missing.length} gates are`} not evidenced: an approval will be refused until{' '}
        {missing.length === 1 ? 'it is' : 'they are'}.
      </p>
      <ul>
        {missing.map((g) => (
          <li key={g.id}>{g.text}</li>
        ))}
      </ul>
    </div>
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
export function DecisionForm({ caseId, children }: { caseId: string; children?: ReactNode }) {
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
  const [invalid, setInvalid] = useState<ApiError | null>(null);
  const box = useRef<HTMLDivElement>(null);
  // Once recorded, everything panels said is read again: the case, its sitting, the queue.
  const record = useApiMutation(
    (api, body: object) => unwrap(api.panels.POST('/cases/{id}/decision', { params: { path: { id: caseId } }, body: body as never })),
    [['panels']],
    { onError: () => box.current?.focus() },
  );
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

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setInvalid(null);
    const errs = check();
    if (errs.length) {
      setInvalid(new ApiError(400, 'Check the decision before recording it', errs));
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
    record.mutate(body);
  };

  return (
    <form className="decision" onSubmit={submit} noValidate aria-labelledby={p('dh')}>
      <h3 id={p('dh')}>Record the decision</h3>
      {children}
      <div ref={box} tabIndex={-1}>
        <Problem error={invalid ?? record.error} />
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
      <button type="submit" disabled={record.isPending}>
        Record decision
      </button>
    </form>
  );
}
