import { londonToday } from '@placewise/contracts/dates';
import { useState, type FormEvent } from 'react';
import { day, unwrap } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import { ErrorSummary, Field, useFormErrors, type Errors } from '../../components/FormParts';
import { label } from '../../labels';
import { useChildNames } from './names';
import { EXIT_ROUTES, STAGES } from './words';

/** The ids of the form's controls, by the field names the service's refusals use. */
const FIELDS = { childId: 'reunification-child', withParentsUnderOrder: 'reunification-with-parents', note: 'reunification-note' };

/**
 * Starts a reunification (at the assessment stage, today) for a child in this month's discharge
 * cohort who has none under way; those going home come first. The service refuses a second
 * reunification for a child while one is under way, and a note it cannot keep, by the field.
 */
export function StartReunificationForm({ underWay }: { underWay: string[] }) {
  const month = londonToday().slice(0, 7);
  const board = useApiQuery(['referrals', 'exits', 'discharge-planning', month], (api, signal) =>
    unwrap(api.referrals.GET('/exits/discharge-planning', { params: { query: { month } }, signal })),
  );
  const candidates = (board.data?.cohort ?? [])
    .filter((c) => !underWay.includes(c.childId))
    .sort((a, b) => Number(b.exitRoute === 'REUNIFICATION') - Number(a.exitRoute === 'REUNIFICATION'));
  const name = useChildNames(candidates.map((c) => c.childId));
  const [childId, setChildId] = useState('');
  const [withParents, setWithParents] = useState(false);
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const f = useFormErrors(FIELDS);
  const save = useApiMutation(
    (api, body: { childId: string; withParentsUnderOrder: boolean; note?: string }) =>
      unwrap(
        api.referrals.POST('/children/{id}/reunifications', {
          params: { path: { id: body.childId } },
          body: { withParentsUnderOrder: body.withParentsUnderOrder, ...(body.note ? { note: body.note } : {}) },
        }),
      ),
    [['referrals', 'exits']],
    {
      onSuccess: (r, body) => {
        setSaved(`Reunification started for ${name(body.childId)}: ${label(STAGES, r.stage).toLowerCase()} from ${day(r.stages[0]!.on)}.`);
        setChildId('');
        setWithParents(false);
        setNote('');
      },
      onError: (e) => f.refused(e),
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    f.clear();
    setSaved(null);
    const errs: Errors = {};
    if (!childId) errs[FIELDS.childId] = 'Choose the child';
    if (Object.keys(errs).length) return f.invalid(errs, 'Check the reunification');
    save.mutate({ childId, withParentsUnderOrder: withParents, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="start-reunification-h">
      <h3 id="start-reunification-h">Start a reunification</h3>
      <ErrorSummary
        boxRef={f.boxRef}
        message={f.message}
        errors={f.errors}
        others={f.others}
        labels={{ [FIELDS.childId]: 'Child', [FIELDS.withParentsUnderOrder]: 'Placed with parents', [FIELDS.note]: 'Note' }}
      />
      {board.error && <p className="hint">The discharge cohort could not be loaded: {board.error.message}</p>}
      {board.data && candidates.length === 0 && (
        <p>Every child in the discharge cohort has a reunification under way or another way out of care.</p>
      )}
      {candidates.length > 0 && (
        <>
          <Field
            id={FIELDS.childId}
            label="Child"
            hint="Children in the discharge cohort without a reunification under way; a child joins the cohort at the discharge planning meeting"
            error={f.errors[FIELDS.childId]}
          >
            <select value={childId} onChange={(e) => setChildId(e.target.value)}>
              <option value="">Choose a child</option>
              {candidates.map((c, i) => (
                <option key={c.childId} value={c.childId}>
                  {name(c.childId, i)}: {label(EXIT_ROUTES, c.exitRoute).toLowerCase()}
                </option>
              ))}
            </select>
          </Field>
          <div className={`field${f.errors[FIELDS.withParentsUnderOrder] ? ' field-error' : ''}`}>
            <label className="radio">
              <input
                id={FIELDS.withParentsUnderOrder}
                type="checkbox"
                checked={withParents}
                onChange={(e) => setWithParents(e.target.checked)}
              />{' '}
              Placed with parents under the care order
            </label>
            {f.errors[FIELDS.withParentsUnderOrder] && <span className="error">{f.errors[FIELDS.withParentsUnderOrder]}</span>}
          </div>
          <Field id={FIELDS.note} label="Note (optional)" hint="What was agreed, and with whom" error={f.errors[FIELDS.note]}>
            <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <button type="submit" disabled={save.isPending}>
            Start the reunification
          </button>
        </>
      )}
      {saved && <p role="status">{saved}</p>}
    </form>
  );
}
