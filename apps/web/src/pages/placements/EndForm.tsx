import { useState, type FormEvent } from 'react';
import { unwrap } from '../../api/client';
import type { Placement } from '../../api/views';
import { ErrorSummary, Field, useFormErrors, type Errors } from '../../components/FormParts';
import { END_REASONS } from '../../labels';
import { useApiMutation } from '../../api/query';

/** Ends a placement on its last day, with the reason; the vacancy goes back to the setting. */
export function EndForm({ placement: p, onDone }: { placement: Placement; onDone: (r: Placement) => void }) {
  const end = useApiMutation(
    (api, body: { endDate: string; reason: 'PLANNED_END' }) =>
      unwrap(api.commissioning.POST('/placements/{id}/end', { params: { path: { id: p.id } }, body })),
    [
      ['commissioning', 'placements'],
      ['commissioning', 'searches'],
    ],
  );
  const [endDate, setEndDate] = useState(p.notice?.endDate ?? '');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const f = useFormErrors({ endDate: 'end-date', reason: 'end-reason' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    f.clear();
    const errs: Errors = {};
    if (!endDate) errs['end-date'] = 'Enter the last day of the placement';
    if (!reason) errs['end-reason'] = 'Choose why the placement ends';
    if (Object.keys(errs).length) return f.invalid(errs, 'Check the end of the placement');
    setBusy(true);
    try {
      onDone(await end.mutateAsync({ endDate, reason: reason as 'PLANNED_END' }));
    } catch (err) {
      f.refused(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="end-h" className="panel-box">
      <h2 id="end-h">End the placement</h2>
      <p className="hint">
        Except where there is an immediate risk of significant harm, the council ends a placement only after a review of the child's case
        (CPPCR reg 14). The vacancy goes back to the setting.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary boxRef={f.boxRef} message={f.message} errors={f.errors} others={f.others} />
        <Field id="end-date" label="Last day of the placement" error={f.errors['end-date']}>
          <input type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} />
        </Field>
        <Field id="end-reason" label="Why it ends" error={f.errors['end-reason']}>
          <select value={reason} onChange={(e) => setReason(e.target.value)}>
            <option value="">Choose the reason</option>
            {Object.entries(END_REASONS).map(([v, t]) => (
              <option key={v} value={v}>
                {t}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" disabled={busy}>
          End placement
        </button>
      </form>
    </section>
  );
}
