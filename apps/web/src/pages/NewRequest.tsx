import { londonToday } from '@placewise/contracts/dates';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, unwrap, type FieldError } from '../api/client';
import { KINDS, label, LEGAL_STATUSES, LOCATIONS, PANELS, PLACEMENT_TYPES, TIERS, URGENCIES } from '../labels';
import { useApiMutation, useApiQuery } from '../api/query';
import { Outcome, type OutcomeData } from '../components/Outcome';
import { factValue, FURTHER_FACTS, type FurtherFact } from './requestFacts';

interface Form {
  childId: string;
  kind: string;
  legalStatus: string;
  placementType: string;
  provision: string;
  weeklyCost: string;
  location: string;
  urgency: string;
  placedAt: string;
  effectiveDate: string;
  summary: string;
  /** Every further fact the rules use, as typed (empty: not sent). */
  facts: Partial<Record<FurtherFact, string>>;
}

const EMPTY: Form = {
  childId: '',
  kind: 'PLACEMENT',
  legalStatus: '',
  placementType: '',
  provision: 'EXTERNAL',
  weeklyCost: '',
  location: 'IN_AREA',
  urgency: 'PLANNED',
  placedAt: '',
  effectiveDate: '',
  summary: '',
  facts: {},
};

const FACT_ENTRIES = Object.entries(FURTHER_FACTS) as [FurtherFact, (typeof FURTHER_FACTS)[FurtherFact]][];
const FACT_GROUPS = [...new Set(FACT_ENTRIES.map(([, f]) => f.group))];

/** Checks as the social worker types; the service checks again and has the last word. */
function validate(f: Form): Record<string, string> {
  const e: Record<string, string> = {};
  if (!f.childId) e.childId = 'Choose the child, or add them first';
  if (!f.legalStatus) e.legalStatus = 'Choose the legal status';
  if (!f.placementType) e.placementType = 'Choose the type of placement';
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(f.weeklyCost.trim())) e.weeklyCost = 'Enter the weekly cost in pounds, like 6100 or 6100.50';
  if (f.urgency === 'EMERGENCY' && f.placedAt && f.placedAt > londonToday())
    e.placedAt = 'The day the child was placed cannot be in the future';
  if (f.urgency !== 'EMERGENCY' && f.placedAt) e.placedAt = 'Only an emergency request records a child as already placed';
  if (f.kind === 'EXIT' && !f.effectiveDate) e.effectiveDate = 'Enter the day the exit takes effect';
  if (f.kind === 'CARER_APPROVAL_EXTENSION') {
    if (f.placementType && f.placementType !== 'KINSHIP_FOSTER')
      e.placementType = 'An extension of temporary approval is for a connected person (kinship foster care)';
  }
  for (const [k, field] of FACT_ENTRIES) {
    const { error } = factValue(field, f.facts[k] ?? '');
    if (error) e[k] = error;
  }
  return e;
}

function body(f: Form) {
  return {
    childId: f.childId,
    kind: f.kind,
    legalStatus: f.legalStatus,
    placementType: f.placementType,
    provision: f.provision,
    weeklyCostPence: Math.round(Number(f.weeklyCost) * 100),
    location: f.location,
    urgency: f.urgency,
    ...(f.placedAt ? { placedAt: f.placedAt } : {}),
    ...(f.effectiveDate ? { effectiveDate: f.effectiveDate } : {}),
    ...(f.summary.trim() ? { summary: f.summary.trim() } : {}),
    ...Object.fromEntries(
      FACT_ENTRIES.map(([k, field]) => [k, factValue(field, f.facts[k] ?? '').value]).filter(([, v]) => v !== undefined),
    ),
  } as never;
}

/** A social worker's request, with what approval it will need shown before it is sent. */
export function NewRequest() {
  const navigate = useNavigate();
  const [form, setForm] = useState<Form>(EMPTY);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<OutcomeData | null>(null);
  const [sending, setSending] = useState(false);
  const [newChild, setNewChild] = useState({ givenName: '', familyName: '', dateOfBirth: '' });
  const errors = useMemo(() => validate(form), [form]);
  const valid = Object.keys(errors).length === 0;
  const summaryRef = useRef<HTMLDivElement>(null);

  const childList = useApiQuery(['referrals', 'children', { take: 200 }], (api, signal) =>
    unwrap(api.referrals.GET('/children', { params: { query: { take: 200 } }, signal })),
  );
  const children: { id: string; displayName: string; age: number }[] = childList.data ?? [];

  // The rules' dry run, for the form as it stands once typing pauses (300 ms) while it is valid. Each
  // answer is kept under the body it was asked for, so a slow answer for an earlier form never shows.
  const [asked, setAsked] = useState<ReturnType<typeof body> | null>(null);
  useEffect(() => {
    if (!valid) return setAsked(null);
    const t = setTimeout(() => setAsked(body(form)), 300);
    return () => clearTimeout(t);
  }, [form, valid]);
  const evaluation = useApiQuery(
    ['referrals', 'rules', 'evaluate', asked],
    (api, signal) => unwrap(api.referrals.POST('/rules/evaluate', { body: asked!, signal })),
    { enabled: valid && asked !== null, retry: false },
  );
  const dryRun = valid && asked !== null && evaluation.data ? (evaluation.data as unknown as OutcomeData) : null;

  const createChild = useApiMutation(
    (api, input: typeof newChild) => unwrap(api.referrals.POST('/children', { body: input as never })),
    [['referrals', 'children']],
  );
  const createRequest = useApiMutation(
    (api, input: ReturnType<typeof body>) => unwrap(api.referrals.POST('/requests', { body: input })),
    [['referrals', 'requests']],
  );

  const set = (k: Exclude<keyof Form, 'facts'>) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const setFact = (k: FurtherFact) => (e: { target: { value: string } }) =>
    setForm({ ...form, facts: { ...form.facts, [k]: e.target.value } });
  const blur = (k: string) => () => setTouched({ ...touched, [k]: true });
  const fieldError = (k: string) =>
    (touched[k] ? errors[k] : undefined) ??
    serverErrors.find((e) => e.field === k || (k === 'weeklyCost' && e.field === 'weeklyCostPence'))?.reason;

  const addChild = async () => {
    setMessage(null);
    try {
      const c = await createChild.mutateAsync(newChild);
      setForm({ ...form, childId: c.id });
      setNewChild({ givenName: '', familyName: '', dateOfBirth: '' });
    } catch (e) {
      const err = e as ApiError;
      setMessage(`${err.message}${err.errors.length ? `: ${err.errors.map((x) => `${x.field} ${x.reason}`).join('; ')}` : ''}`);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(Object.fromEntries([...Object.keys(EMPTY), ...Object.keys(FURTHER_FACTS)].map((k) => [k, true])));
    setServerErrors([]);
    setMessage(null);
    setRefusal(null);
    if (!valid) {
      summaryRef.current?.focus();
      return;
    }
    setSending(true);
    try {
      const created = await createRequest.mutateAsync(body(form));
      void navigate(`/requests/${created.id}`);
    } catch (err) {
      const a = err as ApiError;
      setServerErrors(a.errors);
      setMessage(a.message);
      if (a.status === 422) setRefusal(a.body as OutcomeData);
      summaryRef.current?.focus();
    } finally {
      setSending(false);
    }
  };

  const shownErrors = Object.entries(errors).filter(([k]) => touched[k]);
  return (
    <>
      <h1>New request</h1>
      <div ref={summaryRef} tabIndex={-1}>
        {(shownErrors.length > 0 || message) && (
          <div role="alert" className="error-summary">
            <h2>There is a problem</h2>
            {message && <p>{message}</p>}
            <ul>
              {shownErrors.map(([k, v]) => (
                <li key={k}>
                  <a href={`#${k}`}>{v}</a>
                </li>
              ))}
              {serverErrors.map((x) => (
                <li key={x.field}>
                  {x.field}: {x.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {refusal && <Outcome outcome={refusal} heading="Why the law does not allow this request" />}
      <div className="columns">
        <form onSubmit={(e) => void submit(e)} noValidate className="form">
          <Field id="childId" label="Child" error={fieldError('childId')}>
            <select
              id="childId"
              value={form.childId}
              onChange={set('childId')}
              onBlur={blur('childId')}
              aria-invalid={!!fieldError('childId')}
            >
              <option value="">Choose a child</option>
              {children.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.displayName} (aged {c.age})
                </option>
              ))}
            </select>
          </Field>
          <details className="add-child">
            <summary>Add a child who is not listed</summary>
            <label htmlFor="givenName">Given name</label>
            <input
              id="givenName"
              value={newChild.givenName}
              onChange={(e) => setNewChild({ ...newChild, givenName: e.target.value })}
              autoComplete="off"
            />
            <label htmlFor="familyName">Family name</label>
            <input
              id="familyName"
              value={newChild.familyName}
              onChange={(e) => setNewChild({ ...newChild, familyName: e.target.value })}
              autoComplete="off"
            />
            <label htmlFor="dateOfBirth">Date of birth</label>
            <input
              id="dateOfBirth"
              type="date"
              value={newChild.dateOfBirth}
              onChange={(e) => setNewChild({ ...newChild, dateOfBirth: e.target.value })}
            />
            <button type="button" className="secondary" onClick={() => void addChild()}>
              Add child
            </button>
          </details>
          <Field id="kind" label="What is being asked for">
            <select id="kind" value={form.kind} onChange={set('kind')}>
              {Object.entries(KINDS).map(([v, t]) => (
                <option key={v} value={v}>
                  {t}
                </option>
              ))}
            </select>
          </Field>
          <Field id="legalStatus" label="Legal status" error={fieldError('legalStatus')}>
            <select
              id="legalStatus"
              value={form.legalStatus}
              onChange={set('legalStatus')}
              onBlur={blur('legalStatus')}
              aria-invalid={!!fieldError('legalStatus')}
            >
              <option value="">Choose the legal status</option>
              {Object.entries(LEGAL_STATUSES).map(([v, t]) => (
                <option key={v} value={v}>
                  {t}
                </option>
              ))}
            </select>
          </Field>
          <Field id="placementType" label="Type of placement" error={fieldError('placementType')}>
            <select
              id="placementType"
              value={form.placementType}
              onChange={set('placementType')}
              onBlur={blur('placementType')}
              aria-invalid={!!fieldError('placementType')}
            >
              <option value="">Choose the type of placement</option>
              {Object.entries(PLACEMENT_TYPES).map(([v, t]) => (
                <option key={v} value={v}>
                  {t}
                </option>
              ))}
            </select>
          </Field>
          <fieldset>
            <legend>Provided by</legend>
            {[
              ['IN_HOUSE', 'The council (in-house)'],
              ['EXTERNAL', 'An external provider'],
            ].map(([v, t]) => (
              <label key={v} className="radio">
                <input type="radio" name="provision" value={v} checked={form.provision === v} onChange={set('provision')} /> {t}
              </label>
            ))}
          </fieldset>
          <Field
            id="weeklyCost"
            label="Weekly cost, including additional services (£)"
            hint="Before any health or education contribution"
            error={fieldError('weeklyCost')}
          >
            <input
              id="weeklyCost"
              inputMode="decimal"
              value={form.weeklyCost}
              onChange={set('weeklyCost')}
              onBlur={blur('weeklyCost')}
              aria-invalid={!!fieldError('weeklyCost')}
            />
          </Field>
          <Field id="location" label="Where">
            <select id="location" value={form.location} onChange={set('location')}>
              {Object.entries(LOCATIONS).map(([v, t]) => (
                <option key={v} value={v}>
                  {t}
                </option>
              ))}
            </select>
          </Field>
          <Field id="urgency" label="Urgency">
            <select id="urgency" value={form.urgency} onChange={set('urgency')}>
              {Object.entries(URGENCIES).map(([v, t]) => (
                <option key={v} value={v}>
                  {t}
                </option>
              ))}
            </select>
          </Field>
          {form.urgency === 'EMERGENCY' && (
            <Field
              id="placedAt"
              label="Day the child was placed (if already placed)"
              hint="Approval is then retrospective"
              error={fieldError('placedAt')}
            >
              <input id="placedAt" type="date" value={form.placedAt} onChange={set('placedAt')} onBlur={blur('placedAt')} />
            </Field>
          )}
          {form.kind !== 'ENTRY_TO_CARE' && (
            <Field
              id="effectiveDate"
              label="Day it takes effect"
              hint={form.kind === 'EXIT' ? 'Required for an exit' : 'Optional'}
              error={fieldError('effectiveDate')}
            >
              <input
                id="effectiveDate"
                type="date"
                value={form.effectiveDate}
                onChange={set('effectiveDate')}
                onBlur={blur('effectiveDate')}
              />
            </Field>
          )}
          <details className="further-facts" open={FACT_ENTRIES.some(([k]) => !!fieldError(k)) || form.kind === 'CARER_APPROVAL_EXTENSION'}>
            <summary>More facts the rules use</summary>
            <p className="hint">
              Leave blank what does not apply. The child&apos;s age, school year and key stage are worked out from the date of birth.
            </p>
            {FACT_GROUPS.map((group) => (
              <fieldset key={group}>
                <legend>{group}</legend>
                {FACT_ENTRIES.filter(([, f]) => f.group === group).map(([k, f]) => (
                  <Field key={k} id={k} label={f.label} hint={f.hint} error={fieldError(k)}>
                    {f.input.type === 'yesno' || f.input.type === 'choice' ? (
                      <select id={k} value={form.facts[k] ?? ''} onChange={setFact(k)} onBlur={blur(k)} aria-invalid={!!fieldError(k)}>
                        <option value="">Not known / does not apply</option>
                        {Object.entries(f.input.type === 'yesno' ? { yes: 'Yes', no: 'No' } : f.input.options).map(([v, t]) => (
                          <option key={v} value={v}>
                            {t}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <input
                        id={k}
                        type={f.input.type === 'date' ? 'date' : f.input.type === 'datetime' ? 'datetime-local' : 'text'}
                        inputMode={f.input.type === 'whole' ? 'numeric' : f.input.type === 'pounds' ? 'decimal' : undefined}
                        value={form.facts[k] ?? ''}
                        onChange={setFact(k)}
                        onBlur={blur(k)}
                        aria-invalid={!!fieldError(k)}
                      />
                    )}
                  </Field>
                ))}
              </fieldset>
            ))}
          </details>
          <Field id="summary" label="The child's needs" hint="Kept in referrals only; it is not sent to other services">
            <textarea id="summary" rows={4} value={form.summary} onChange={set('summary')} maxLength={4000} />
          </Field>
          <button type="submit" disabled={sending}>
            {sending ? 'Sending…' : 'Send request'}
          </button>
        </form>
        <aside aria-live="polite" className="dry-run">
          <h2>What approval this will need</h2>
          {!dryRun && <p className="hint">Complete the form to see who must approve it, and why.</p>}
          {dryRun && (
            <>
              <p className="needs" data-testid="needs">
                {dryRun.blocked
                  ? 'The law does not allow this request.'
                  : dryRun.panel
                    ? `The ${label(PANELS, dryRun.panel)}, with the ${label(TIERS, dryRun.approver)}.`
                    : `The ${label(TIERS, dryRun.approver)}.`}
              </p>
              <Outcome outcome={dryRun} />
            </>
          )}
        </aside>
      </div>
    </>
  );
}

function Field({
  id,
  label: text,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{text}</label>
      {hint && <span className="hint">{hint}</span>}
      {error && (
        <span className="error" id={`${id}-error`}>
          {error}
        </span>
      )}
      {children}
    </div>
  );
}
