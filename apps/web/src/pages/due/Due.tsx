import { londonToday } from '@placewise/contracts/dates';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { unwrap } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { Clock } from '../../api/views';
import { ErrorSummary, Field, useFormErrors, type Errors } from '../../components/FormParts';
import { can, useSession } from '../../session';
import { useChildNames } from '../wayout/names';
import { dueWords } from './dueWords';

/** The roles that own statutory clocks and read their lists (panels' clocks API), and who may record one done. */
export const CLOCK_READERS = [
  'social-worker',
  'panel-chair',
  'approver:TM',
  'approver:SM',
  'approver:HOS',
  'approver:AD',
  'approver:DCS',
  'auditor',
];
const COMPLETERS = ['social-worker', 'panel-chair', 'approver:TM', 'approver:SM', 'approver:HOS', 'approver:AD', 'approver:DCS'];
/** Managers and auditors may read another role's list. */
const READS_OTHERS = ['approver:TM', 'approver:SM', 'approver:HOS', 'approver:AD', 'approver:DCS', 'auditor'];
const ROLE_WORDS: [string, string][] = [
  ['social-worker', 'Social workers'],
  ['panel-chair', 'Panel chairs'],
  ['approver:TM', 'Team managers'],
  ['approver:SM', 'Service managers'],
  ['approver:HOS', 'Heads of service'],
  ['approver:AD', 'Assistant directors'],
  ['approver:DCS', 'The director'],
];

/** What is due and what is late for the signed-in person's roles (or, for a manager, another role's), soonest first. */
export function Due() {
  const { user } = useSession();
  const [role, setRole] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const list = useApiQuery(['panels', 'clocks', 'due', role], (api, signal) =>
    unwrap(api.panels.GET('/clocks/due', { params: { query: role ? { role: role as 'social-worker' } : {} }, signal })),
  );
  const d = list.data;
  const name = useChildNames(d?.clocks.map((c) => c.childId) ?? []);
  if (!can(user, ...CLOCK_READERS)) return <p>Only the roles that own statutory clocks, and auditors, have a due list.</p>;
  return (
    <>
      <h1>Due and late</h1>
      <p className="hint">
        The statutory clocks the rules set on each request: placement plans, visits, reviews, notifications and legal deadlines. Each has an
        owner; a late one goes to the next tier.
      </p>
      {can(user, ...READS_OTHERS) && (
        <>
          <label htmlFor="due-role">Whose list</label>
          <select id="due-role" value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="">Mine</option>
            {ROLE_WORDS.map(([r, w]) => (
              <option key={r} value={r}>
                {w}
              </option>
            ))}
          </select>
        </>
      )}
      {list.error && (
        <p role="alert" className="error-summary">
          {list.error.message}
        </p>
      )}
      {d && (
        <p className="lede">
          For {d.rolesText}: <strong>{d.late}</strong> late, <strong>{d.dueSoon}</strong> due soon, {d.clocks.length} open in all.
        </p>
      )}
      {done && <p role="status">{done}</p>}
      {d && d.clocks.length === 0 && <p>Nothing is due.</p>}
      {d && d.clocks.length > 0 && (
        <ul className="due-list">
          {d.clocks.map((c, i) => (
            <ClockItem key={c.id} clock={c} child={name(c.childId, i)} mayComplete={can(user, ...COMPLETERS)} onDone={setDone} />
          ))}
        </ul>
      )}
    </>
  );
}

function ClockItem({
  clock: c,
  child,
  mayComplete,
  onDone,
}: {
  clock: Clock;
  child: string;
  mayComplete: boolean;
  onDone: (said: string) => void;
}) {
  const due = dueWords(c.dueDate, londonToday(), c.late);
  const escalated = c.state === 'ESCALATED';
  return (
    <li className={due.late ? 'card row-overdue' : 'card'} aria-labelledby={`clock-${c.id}`}>
      <h2 id={`clock-${c.id}`}>
        {c.what}: {child}
      </h2>
      <p>
        <strong className={due.late ? 'over' : undefined}>{due.text}</strong>
        {' · '}
        {escalated ? `owned by ${c.ownerName}, escalated to ${c.escalatesToName}` : `owned by ${c.ownerName}`}
      </p>
      <p className="hint">{c.text}</p>
      <p>
        <Link to={`/requests/${c.requestId}`}>
          Open the request<span className="visually-hidden"> for {child}</span>
        </Link>
      </p>
      {mayComplete && <CompleteForm clock={c} child={child} onDone={onDone} />}
    </li>
  );
}

/** Records the thing done (the day and what was done): the clock stops; a review held starts the next. */
function CompleteForm({ clock: c, child, onDone }: { clock: Clock; child: string; onDone: (said: string) => void }) {
  const [doneOn, setDoneOn] = useState(londonToday());
  const [note, setNote] = useState('');
  const id = (f: string) => `clock-${f}-${c.id}`;
  const f = useFormErrors({ doneOn: id('done-on'), note: id('note') });
  const save = useApiMutation(
    (api, body: { doneOn: string; note: string }) =>
      unwrap(api.panels.POST('/clocks/{id}/complete', { params: { path: { id: c.id } }, body })),
    [['panels', 'clocks']],
    {
      // The clock leaves the list once done: the page says so above it.
      onSuccess: (r) =>
        onDone(
          `Recorded as done: ${c.what} for ${child}${r.next ? `; the next review is ${dueWords(r.next.dueDate, londonToday()).text}` : ''}.`,
        ),
      onError: (e) => f.refused(e),
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    f.clear();
    const errs: Errors = {};
    if (!doneOn) errs[id('done-on')] = 'Enter the day it was done';
    if (!note.trim()) errs[id('note')] = 'Say what was done';
    if (Object.keys(errs).length) return f.invalid(errs, 'Check what was done');
    save.mutate({ doneOn, note: note.trim() });
  };
  return (
    <details>
      <summary>
        Record as done
        <span className="visually-hidden">
          : {c.what} for {child}
        </span>
      </summary>
      <form onSubmit={submit} noValidate aria-label={`Record ${c.what.toLowerCase()} for ${child} as done`}>
        <ErrorSummary
          boxRef={f.boxRef}
          message={f.message}
          errors={f.errors}
          others={f.others}
          labels={{ [id('done-on')]: 'Done on', [id('note')]: 'What was done' }}
        />
        <Field id={id('done-on')} label="Done on" hint="Not a day in the future" error={f.errors[id('done-on')]}>
          <input type="date" value={doneOn} onChange={(e) => setDoneOn(e.target.value)} />
        </Field>
        <Field id={id('note')} label="What was done" error={f.errors[id('note')]}>
          <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <button type="submit" disabled={save.isPending}>
          Record as done
        </button>
      </form>
    </details>
  );
}
