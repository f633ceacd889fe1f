import { londonToday } from '@placewise/contracts/dates';
import { useState, type FormEvent } from 'react';
import { day, unwrap } from '../../api/client';
import type { NoticeGiven, Placement } from '../../api/views';
import { ErrorSummary, Field, Radios, useFormErrors, type Errors } from '../../components/FormParts';
import { useApiMutation } from '../../api/query';

/** Notice on a placement: recorded by the commissioner (given by either side), or given by the provider. */
/** What a notice says: who gave it, why, when, its last day, and (the council) whether to search for a replacement. */
interface NoticeBody {
  givenBy: 'PROVIDER';
  reason: string;
  givenOn?: string;
  endDate?: string;
  replace?: boolean;
}

export function NoticeForm({
  placement: p,
  asProvider,
  onDone,
}: {
  placement: Placement;
  asProvider: boolean;
  onDone: (r: NoticeGiven) => void;
}) {
  const notice = useApiMutation(
    (api, body: NoticeBody) => unwrap(api.commissioning.POST('/placements/{id}/notice', { params: { path: { id: p.id } }, body })),
    [
      ['commissioning', 'placements'],
      ['commissioning', 'searches'],
    ],
  );
  const [givenBy, setGivenBy] = useState(asProvider ? 'PROVIDER' : '');
  const [givenOn, setGivenOn] = useState('');
  const [endDate, setEndDate] = useState('');
  const [replace, setReplace] = useState(true);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const f = useFormErrors({ givenBy: 'notice-by', givenOn: 'notice-on', endDate: 'notice-end', reason: 'notice-reason' });
  const today = londonToday();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    f.clear();
    const errs: Errors = {};
    if (!givenBy) errs['notice-by'] = 'Choose who gave notice';
    if (givenOn && givenOn > today) errs['notice-on'] = 'Notice cannot be given on a day still to come';
    const on = givenOn || today;
    if (endDate && endDate <= on) errs['notice-end'] = `The last day must be after the notice is given (${day(on)})`;
    if (reason.trim().length < 3) errs['notice-reason'] = 'Say why notice is given';
    if (Object.keys(errs).length) return f.invalid(errs, 'Check the notice');
    setBusy(true);
    try {
      onDone(
        await notice.mutateAsync({
          givenBy: givenBy as 'PROVIDER',
          reason: reason.trim(),
          ...(givenOn ? { givenOn } : {}),
          ...(endDate ? { endDate } : {}),
          ...(asProvider ? {} : { replace: givenBy === 'PROVIDER' || replace }),
        }),
      );
    } catch (err) {
      f.refused(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="notice-h" className="panel-box">
      <h2 id="notice-h">{asProvider ? 'Give notice' : 'Record notice'}</h2>
      <p className="hint">
        {asProvider
          ? `The agreement's notice period is ${p.noticeWeeks} weeks. The council opens a search for a new placement at once.`
          : `The agreement's notice period is ${p.noticeWeeks} weeks. A review of the child's case is due before the placement ends (CPPCR reg 14(1) and reg 32(2)).`}
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary boxRef={f.boxRef} message={f.message} errors={f.errors} others={f.others} />
        {!asProvider && (
          <Radios
            name="notice-by"
            legend="Who gave notice"
            error={f.errors['notice-by']}
            options={[
              ['PROVIDER', 'The provider'],
              ['COUNCIL', 'The council'],
            ]}
            value={givenBy}
            onChange={setGivenBy}
          />
        )}
        <Field id="notice-on" label="Notice given on (optional)" hint="Today if left empty" error={f.errors['notice-on']}>
          <input type="date" value={givenOn} max={today} onChange={(e) => setGivenOn(e.target.value)} />
        </Field>
        <Field
          id="notice-end"
          label="Last day of the placement (optional)"
          hint={`${p.noticeWeeks} weeks from the day notice is given if left empty`}
          error={f.errors['notice-end']}
        >
          <input type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} />
        </Field>
        {!asProvider && givenBy === 'COUNCIL' && (
          <label className="radio">
            <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> Open a replacement search now
          </label>
        )}
        <Field id="notice-reason" label="Why notice is given" error={f.errors['notice-reason']}>
          <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <button type="submit" disabled={busy}>
          {asProvider ? 'Give notice' : 'Record notice'}
        </button>
      </form>
    </section>
  );
}
