import { addMonths, londonToday } from '@placewise/contracts/dates';
import { useQueries } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { day, month as monthWords, unwrap } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { CohortChild } from '../../api/views';
import { Figure } from '../../components/Figure';
import { ErrorSummary, Field, useFormErrors } from '../../components/FormParts';
import { label } from '../../labels';
import { can, useApi, useSession } from '../../session';
import { useChildNames } from './names';
import { EXIT_ROUTES, EXIT_WRITERS, STEP_KINDS, TARGET_SETTERS } from './words';

const thisMonth = () => londonToday().slice(0, 7);
const monthsBefore = (m: string, n: number) => addMonths(`${m}-01`, -n).slice(0, 7);

/** The discharge cohort: each child's steps to leave care, and the month's exits against its target. */
export function DischargeBoard() {
  const api = useApi();
  const { user } = useSession();
  const [month, setMonth] = useState(thisMonth());
  const months = [5, 4, 3, 2, 1, 0].map((n) => monthsBefore(month, n));
  const answers = useQueries({
    queries: months.map((m) => ({
      queryKey: ['referrals', 'exits', 'discharge-planning', m],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        unwrap(api.referrals.GET('/exits/discharge-planning', { params: { query: { month: m } }, signal })),
    })),
  });
  const board = answers.at(-1)?.data;
  const error = answers.find((a) => a.error)?.error?.message ?? null;
  const rows = answers.every((a) => a.data)
    ? answers.map((a) => ({ month: a.data!.month, exits: a.data!.exitsAchieved, target: a.data!.target }))
    : [];
  const name = useChildNames(board?.cohort.map((c) => c.childId) ?? []);
  return (
    <section aria-labelledby="cohort-h">
      <h2 id="cohort-h">Discharge cohort</h2>
      <p className="hint">
        Children identified to leave care, the steps that get them there, and the children who left care each month (a placement ended by an
        exit from care or at 18, or a care order discharged on reunification) against the month's target.
      </p>
      <label htmlFor="cohort-month">Month</label>
      <input id="cohort-month" type="month" value={month} max={thisMonth()} onChange={(e) => e.target.value && setMonth(e.target.value)} />
      {error && (
        <p role="alert" className="error-summary">
          {error}
        </p>
      )}
      {board && (
        <p className="lede">
          {monthWords(board.month)}: <strong>{board.exitsAchieved}</strong> {board.exitsAchieved === 1 ? 'child' : 'children'} left care
          {board.target === null ? ' (no target set for the month)' : `, against a target of ${board.target}`}.
        </p>
      )}
      {rows.length > 0 && (
        <Figure
          title="Exits by month against the target"
          description="Children who left care in each month (bars) and the month's target (dashed line), for the six months to the one chosen."
          rows={rows}
          x="month"
          xFormat={(m) => monthWords(String(m))}
          series={[
            { key: 'exits', label: 'Children who left care' },
            { key: 'target', label: 'Target', kind: 'line', dashed: true },
          ]}
          columns={[
            { key: 'month', label: 'Month', format: (m) => monthWords(String(m)) },
            { key: 'exits', label: 'Children who left care', numeric: true },
            { key: 'target', label: 'Target', numeric: true, format: (t) => (t === null ? 'No target' : String(t)) },
          ]}
          csvName={`exits-against-target-${month}`}
        />
      )}
      {board && can(user, ...TARGET_SETTERS) && <TargetForm month={board.month} current={board.target} />}
      {board && board.cohort.length === 0 && <p>No children are in the discharge cohort.</p>}
      {board && board.cohort.length > 0 && (
        <>
          <h3>Children in the cohort</h3>
          {board.cohort.map((c, i) => (
            <CohortCard key={c.childId} child={c} name={name(c.childId, i)} />
          ))}
        </>
      )}
    </section>
  );
}

/** One child in the cohort: the exit route, the estimated date and how it has moved, and the steps. */
function CohortCard({ child: c, name }: { child: CohortChild; name: string }) {
  const { user } = useSession();
  const plan = useApiQuery(['referrals', 'care-plan', c.childId], (api, signal) =>
    unwrap(api.referrals.GET('/children/{id}/care-plan', { params: { path: { id: c.childId } }, signal })),
  );
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const done = useApiMutation(
    (api, step: { id: string; description: string }) =>
      unwrap(api.referrals.POST('/exit-steps/{id}/done', { params: { path: { id: step.id } } })),
    [['referrals', 'exits']],
    {
      onSuccess: (_r, step) => setSaid({ ok: true, text: `Marked done: ${step.description}.` }),
      onError: (e) => setSaid({ ok: false, text: e.message }),
    },
  );
  const p = plan.data;
  return (
    <article className="card" aria-labelledby={`cohort-${c.childId}`}>
      <h4 id={`cohort-${c.childId}`}>{name}</h4>
      <dl className="facts">
        <dt>Exit route</dt>
        <dd>{label(EXIT_ROUTES, c.exitRoute)}</dd>
        <dt>Estimated exit date</dt>
        <dd>
          {c.estimatedExitDate ? day(c.estimatedExitDate) : 'Not set'}
          {p && p.exitDateMoves > 0 && (
            <>
              {' '}
              <span className={p.slipping ? 'over' : undefined}>
                (moved {p.exitDateMoves === 1 ? 'once' : `${p.exitDateMoves} times`}
                {p.slipping ? ', slipping: moved later' : ''})
              </span>
            </>
          )}
        </dd>
        <dt>In the cohort since</dt>
        <dd>{c.inCohortFrom ? day(c.inCohortFrom) : '–'}</dd>
        <dt>Steps</dt>
        <dd>
          {c.stepsDone} of {c.steps.length} done{c.stepsOverdue ? `, ${c.stepsOverdue} overdue` : ''}
        </dd>
      </dl>
      {c.steps.length > 0 && (
        <table>
          <caption className="visually-hidden">Steps to exit for {name}</caption>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Who</th>
              <th scope="col">Due</th>
              <th scope="col">Where it stands</th>
              {can(user, ...EXIT_WRITERS) && <th scope="col">Record</th>}
            </tr>
          </thead>
          <tbody>
            {c.steps.map((s) => (
              <tr key={s.id} className={s.overdue ? 'row-overdue' : undefined}>
                <td>
                  {label(STEP_KINDS, s.kind)}: {s.description}
                </td>
                <td>{s.owner}</td>
                <td>{day(s.dueDate)}</td>
                <td>{s.done ? 'Done' : s.overdue ? <span className="over">Overdue</span> : 'To do'}</td>
                {can(user, ...EXIT_WRITERS) && (
                  <td>
                    {!s.done && (
                      <button type="button" disabled={done.isPending} onClick={() => done.mutate({ id: s.id, description: s.description })}>
                        Mark done<span className="visually-hidden">: {s.description}</span>
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {said && (
        <p role={said.ok ? 'status' : 'alert'} className={said.ok ? undefined : 'error-summary'}>
          {said.text}
        </p>
      )}
    </article>
  );
}

/** The month's target for exits (heads of service and above). */
function TargetForm({ month, current }: { month: string; current: number | null }) {
  const [exits, setExits] = useState(current === null ? '' : String(current));
  const [saved, setSaved] = useState<string | null>(null);
  const f = useFormErrors({ exits: 'target-exits' });
  const save = useApiMutation(
    (api, n: number) => unwrap(api.referrals.PUT('/exits/targets/{month}', { params: { path: { month } }, body: { exits: n } })),
    [['referrals', 'exits']],
    {
      onSuccess: (r) => setSaved(`The target for ${monthWords(r.month)} is ${r.exits} exits.`),
      onError: (e) => f.refused(e),
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    f.clear();
    setSaved(null);
    if (!/^\d+$/.test(exits.trim()))
      return f.invalid({ 'target-exits': 'Enter the number of children, a whole number' }, 'Check the target');
    save.mutate(Number(exits.trim()));
  };
  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-labelledby="target-h">
      <h3 id="target-h">Target for {monthWords(month)}</h3>
      <ErrorSummary boxRef={f.boxRef} message={f.message} errors={f.errors} others={f.others} />
      <Field id="target-exits" label="Children to leave care this month" error={f.errors['target-exits']}>
        <input inputMode="numeric" value={exits} onChange={(e) => setExits(e.target.value)} />
      </Field>
      <button type="submit" disabled={save.isPending}>
        Set the target
      </button>
      {saved && <p role="status">{saved}</p>}
    </form>
  );
}
