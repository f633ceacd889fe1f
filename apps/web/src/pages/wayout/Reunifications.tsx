import { londonToday } from '@placewise/contracts/dates';
import { useState, type FormEvent } from 'react';
import { day, unwrap } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { Reunification } from '../../api/views';
import { ErrorSummary, Field, useFormErrors, type Errors } from '../../components/FormParts';
import { label } from '../../labels';
import { can, useSession } from '../../session';
import { useChildNames } from './names';
import { StartReunificationForm } from './StartReunificationForm';
import { EXIT_WRITERS, STAGE_ORDER, STAGES } from './words';

/** Children going home: how many are at each stage, discharges, and breakdowns (back in care within 12 months). */
export function Reunifications() {
  const { user } = useSession();
  const data = useApiQuery(['referrals', 'exits', 'reunifications'], (api, signal) =>
    unwrap(api.referrals.GET('/exits/reunifications', { signal })),
  );
  const r = data.data;
  const name = useChildNames(r?.reunifications.map((x) => x.childId) ?? []);
  return (
    <section aria-labelledby="reunification-h">
      <h2 id="reunification-h">Reunification</h2>
      <p className="hint">
        Children going home, stage by stage. A breakdown is a child back in care within 12 months of the care order being discharged.
      </p>
      {data.error && (
        <p role="alert" className="error-summary">
          {data.error.message}
        </p>
      )}
      {r && (
        <>
          <table>
            <caption>Reunifications by stage</caption>
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col" className="num">
                  Children
                </th>
              </tr>
            </thead>
            <tbody>
              {STAGE_ORDER.map((s) => (
                <tr key={s}>
                  <th scope="row">{STAGES[s]}</th>
                  <td className="num">{r.byStage[s] ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            Discharged home: <strong>{r.discharged}</strong>. Breakdowns (back in care within 12 months): <strong>{r.breakdowns}</strong>.
          </p>
          {r.reunifications.map((x, i) => (
            <article key={x.id} className="card" aria-labelledby={`reunification-${x.id}`}>
              <h3 id={`reunification-${x.id}`}>
                {name(x.childId, i)}: {label(STAGES, x.stage)}
              </h3>
              {x.withParentsUnderOrder && <p>Placed with parents under the care order.</p>}
              {x.breakdown && x.returnedToCareOn && <p className="over">Breakdown: back in care on {day(x.returnedToCareOn)}.</p>}
              <ol className="history">
                {x.stages.map((s, j) => (
                  <li key={j}>
                    {label(STAGES, s.stage)} from {day(s.on)}
                    {s.note ? `: ${s.note}` : ''}
                  </li>
                ))}
              </ol>
              {x.stage !== 'DISCHARGED' && can(user, ...EXIT_WRITERS) && <AdvanceForm reunification={x} name={name(x.childId, i)} />}
            </article>
          ))}
          {can(user, ...EXIT_WRITERS) && (
            <StartReunificationForm underWay={r.reunifications.filter((x) => x.stage !== 'DISCHARGED').map((x) => x.childId)} />
          )}
        </>
      )}
    </section>
  );
}

/** Moves a reunification to its next stage, on a day; the service refuses a stage out of order or a day before the last. */
function AdvanceForm({ reunification: x, name }: { reunification: Reunification; name: string }) {
  const later = STAGE_ORDER.slice(STAGE_ORDER.indexOf(x.stage as (typeof STAGE_ORDER)[number]) + 1);
  const [stage, setStage] = useState<string>(later[0] ?? '');
  const [on, setOn] = useState(londonToday());
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const id = (f: string) => `advance-${f}-${x.id}`;
  const f = useFormErrors({ stage: id('stage'), on: id('on'), note: id('note') });
  const save = useApiMutation(
    (api, body: { stage: (typeof STAGE_ORDER)[number]; on: string; note?: string }) =>
      unwrap(api.referrals.POST('/reunifications/{id}/stages', { params: { path: { id: x.id } }, body })),
    [['referrals', 'exits']],
    {
      onSuccess: (r) => {
        setSaved(`Moved on to ${label(STAGES, r.stage).toLowerCase()} from ${day(r.stages.at(-1)!.on)}.`);
        setStage(STAGE_ORDER[STAGE_ORDER.indexOf(r.stage) + 1] ?? '');
      },
      onError: (e) => f.refused(e),
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    f.clear();
    setSaved(null);
    const errs: Errors = {};
    if (!stage) errs[id('stage')] = 'Choose the stage';
    if (!on) errs[id('on')] = 'Enter the day the stage began';
    if (Object.keys(errs).length) return f.invalid(errs, 'Check the stage');
    save.mutate({ stage: stage as (typeof STAGE_ORDER)[number], on, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Move ${name}'s reunification on`}>
      <ErrorSummary
        boxRef={f.boxRef}
        message={f.message}
        errors={f.errors}
        others={f.others}
        labels={{ [id('stage')]: 'Next stage', [id('on')]: 'From', [id('note')]: 'Note' }}
      />
      <Field id={id('stage')} label="Next stage" error={f.errors[id('stage')]}>
        <select value={stage} onChange={(e) => setStage(e.target.value)}>
          {later.map((s) => (
            <option key={s} value={s}>
              {STAGES[s]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id('on')} label="From" hint="The day the stage began" error={f.errors[id('on')]}>
        <input type="date" value={on} onChange={(e) => setOn(e.target.value)} />
      </Field>
      <Field id={id('note')} label="Note (optional)" error={f.errors[id('note')]}>
        <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <button type="submit" disabled={save.isPending}>
        Move on<span className="visually-hidden"> {name}'s reunification</span>
      </button>
      {saved && <p role="status">{saved}</p>}
    </form>
  );
}
