import { londonToday } from '@placewise/contracts/dates';
import { useState, type FormEvent } from 'react';
import { day, unwrap } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import { ErrorSummary, Field, Radios, useFormErrors, type Errors } from '../../components/FormParts';
import { label, REQUEST_STATUSES } from '../../labels';
import { useChildNames } from './names';
import { ALTERNATIVES } from './words';

type Alternative = 'FAMILY_GROUP_CONFERENCE' | 'EDGE_OF_CARE_SUPPORT' | 'FAMILY_NETWORK' | 'OTHER';
const ALTERNATIVE_ORDER: Alternative[] = ['FAMILY_GROUP_CONFERENCE', 'EDGE_OF_CARE_SUPPORT', 'FAMILY_NETWORK', 'OTHER'];

/** The ids of the form's controls, by the field names the service's refusals use. */
const FIELDS = { requestId: 'diversion-request', alternative: 'diversion-alternative', divertedOn: 'diversion-on' };

/**
 * Records what was used instead of care for a request to bring a child into care: the requests it
 * offers are the council's entry-to-care requests that did not lead to a placement and have no
 * diversion yet. The service refuses a day after today, and a request already diverted.
 */
export function DiversionForm({ diverted }: { diverted: string[] }) {
  const requests = useApiQuery(['referrals', 'requests', { take: 200 }], (api, signal) =>
    unwrap(api.referrals.GET('/requests', { params: { query: { take: 200 } }, signal })),
  );
  const open = (requests.data ?? []).filter(
    (r) => r.kind === 'ENTRY_TO_CARE' && !['PLACED', 'ENDED'].includes(r.status) && !diverted.includes(r.id),
  );
  const name = useChildNames(open.map((r) => r.childId));
  const [requestId, setRequestId] = useState('');
  const [alternative, setAlternative] = useState<Alternative | ''>('');
  const [on, setOn] = useState(londonToday());
  const [saved, setSaved] = useState<string | null>(null);
  const f = useFormErrors(FIELDS);
  const save = useApiMutation(
    (api, body: { requestId: string; alternative: Alternative; divertedOn: string }) =>
      unwrap(
        api.referrals.POST('/requests/{id}/edge-of-care', {
          params: { path: { id: body.requestId } },
          body: { alternative: body.alternative, divertedOn: body.divertedOn },
        }),
      ),
    [
      ['referrals', 'exits'],
      ['referrals', 'requests'],
    ],
    {
      onSuccess: (entry, body) => {
        const who = name(open.find((r) => r.id === body.requestId)?.childId ?? '');
        setSaved(
          `Recorded: ${who} diverted to ${label(ALTERNATIVES, body.alternative).toLowerCase()} on ${day(entry?.divertedOn ?? body.divertedOn)}.`,
        );
        setRequestId('');
        setAlternative('');
      },
      onError: (e) => f.refused(e),
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    f.clear();
    setSaved(null);
    const errs: Errors = {};
    if (!requestId) errs[FIELDS.requestId] = 'Choose the request';
    if (!alternative) errs[FIELDS.alternative] = 'Choose what was used instead of care';
    if (!on) errs[FIELDS.divertedOn] = 'Enter the day the child was diverted';
    if (Object.keys(errs).length) return f.invalid(errs, 'Check the diversion');
    save.mutate({ requestId, alternative: alternative as Alternative, divertedOn: on });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="diversion-h">
      <h3 id="diversion-h">Record a diversion from care</h3>
      <ErrorSummary
        boxRef={f.boxRef}
        message={f.message}
        errors={f.errors}
        others={f.others}
        labels={{ [FIELDS.requestId]: 'Request', [FIELDS.alternative]: 'Instead of care', [FIELDS.divertedOn]: 'Diverted on' }}
      />
      {requests.error && <p className="hint">The requests could not be loaded: {requests.error.message}</p>}
      {requests.data && open.length === 0 && <p>Every request to bring a child into care has a placement or a diversion recorded.</p>}
      {open.length > 0 && (
        <>
          <Field
            id={FIELDS.requestId}
            label="Request"
            hint="Requests to bring a child into care that did not lead to a placement"
            error={f.errors[FIELDS.requestId]}
          >
            <select value={requestId} onChange={(e) => setRequestId(e.target.value)}>
              <option value="">Choose a request</option>
              {open.map((r, i) => (
                <option key={r.id} value={r.id}>
                  {name(r.childId, i)}: asked on {day(r.submittedAt)}, {label(REQUEST_STATUSES, r.status).toLowerCase()}
                </option>
              ))}
            </select>
          </Field>
          <Radios
            name={FIELDS.alternative}
            legend="Instead of care"
            error={f.errors[FIELDS.alternative]}
            options={ALTERNATIVE_ORDER.map((a) => [a, ALTERNATIVES[a]!])}
            value={alternative}
            onChange={(v) => setAlternative(v as Alternative)}
          />
          <Field id={FIELDS.divertedOn} label="Diverted on" hint="The day the other help began" error={f.errors[FIELDS.divertedOn]}>
            <input type="date" value={on} onChange={(e) => setOn(e.target.value)} />
          </Field>
          <button type="submit" disabled={save.isPending}>
            Record the diversion
          </button>
        </>
      )}
      {saved && <p role="status">{saved}</p>}
    </form>
  );
}
