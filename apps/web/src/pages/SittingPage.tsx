import { lazy, Suspense, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, day, pounds, unwrap, when } from '../api/client';
import { useApiMutation, useApiQuery, type ApiKey } from '../api/query';
import type { AgendaItem, SittingDetail } from '../api/views';
import { AGENDA_STATUSES, label, MEMBER_ROLES, PLACEMENT_TYPES, VOTES } from '../labels';
import { can, useSession } from '../session';
import { CasePapers } from '../components/CasePapers';
import { DecisionForm, MissingEvidence } from '../components/DecisionForm';
import { Problem } from '../components/Problem';
import { useChildNames } from '../components/readers';
import { caseCount, sittingState } from './Sittings';

/** The minutes rendered from Markdown: react-markdown is loaded only when minutes are read. */
const MinutesDoc = lazy(() => import('./MinutesDoc'));

/** A sitting: attendance, the agenda with each case's papers, conflicts and votes, and the chair's decisions. */
export function SittingPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const names = useChildNames();
  const sitting = useApiQuery(['panels', 'sitting', id], (api, signal) =>
    unwrap(api.panels.GET('/sittings/{id}', { params: { path: { id } }, signal })),
  );
  const s = sitting.data;
  const error = sitting.error;
  if (error?.status === 404)
    return (
      <p role="alert" className="error-summary">
        There is no such sitting in your council.
      </p>
    );
  if (!s) return error ? <Problem error={error} /> : <p role="status">Loading the sitting…</p>;
  const admin = can(user, 'panel-admin');
  const chair = user?.sub === s.panel.chairUserId;
  const me = s.attendance.find((m) => m.userId === user?.sub);
  const started = Date.parse(s.startsAt) <= Date.now();
  return (
    <>
      <p>
        <Link to="/sittings">All sittings</Link>
      </p>
      <h1>
        {s.panel.name}: {when(s.startsAt)}
      </h1>
      <p className="lede">
        {s.kind === 'EXTRAORDINARY' ? 'Extraordinary sitting' : 'Regular sitting'} · <span className="status">{sittingState(s)}</span> ·{' '}
        {caseCount(s.cases)}
        {s.reason ? ` · ${s.reason}` : ''} · <Link to={`/sittings/${s.id}/minutes`}>Minutes</Link>
      </p>
      <Problem error={error} />
      <Attendance sitting={s} canRecord={(admin || chair) && started && s.status === 'SCHEDULED'} />
      {admin && s.status === 'SCHEDULED' && <ListCase sitting={s} names={names} />}
      <h2>Agenda</h2>
      {s.agenda.length === 0 && <p>No cases are listed for this sitting yet.</p>}
      {s.agenda.map((a, i) => (
        <AgendaCase
          key={a.papers.caseId}
          n={i + 1}
          item={a}
          sitting={s}
          childName={names[a.papers.request.childId]}
          isMember={!!me}
          isChair={chair}
          started={started}
        />
      ))}
    </>
  );
}

/** Every change on a sitting page reads the panels service again (the sitting, the lists, the case). */
const PANELS_KEYS: ApiKey[] = [['panels']];

function Attendance({ sitting, canRecord }: { sitting: SittingDetail; canRecord: boolean }) {
  const [present, setPresent] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(sitting.attendance.map((m) => [m.userId, m.present ?? false])),
  );
  const [saved, setSaved] = useState(false);
  const save = useApiMutation(
    (api, members: { userId: string; present: boolean }[]) =>
      unwrap(api.panels.POST('/sittings/{id}/attendance', { params: { path: { id: sitting.id } }, body: { members } })),
    PANELS_KEYS,
    { onSuccess: () => setSaved(true) },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate(sitting.attendance.filter((m) => m.active).map((m) => ({ userId: m.userId, present: !!present[m.userId] })));
  };
  const rows = (
    <ul className="attendance">
      {sitting.attendance.map((m) => (
        <li key={m.id}>
          {canRecord ? (
            <label className="radio">
              <input
                type="checkbox"
                checked={!!present[m.userId]}
                onChange={(e) => setPresent({ ...present, [m.userId]: e.target.checked })}
              />{' '}
              {m.name} ({label(MEMBER_ROLES, m.role)}
              {m.voting ? '' : ', not voting'})
            </label>
          ) : (
            <>
              {m.name} ({label(MEMBER_ROLES, m.role)}): {m.present === null ? 'not recorded' : m.present ? 'present' : 'absent'}
            </>
          )}
        </li>
      ))}
    </ul>
  );
  return (
    <section aria-labelledby="attendance-h">
      <h2 id="attendance-h">Attendance</h2>
      {canRecord ? (
        <form onSubmit={submit}>
          <Problem error={save.error} />
          <fieldset>
            <legend>Who is present</legend>
            {rows}
          </fieldset>
          <button type="submit" disabled={save.isPending}>
            Save attendance
          </button>
          {saved && (
            <p role="status" className="ok">
              Attendance saved.
            </p>
          )}
        </form>
      ) : (
        rows
      )}
    </section>
  );
}

function ListCase({ sitting, names }: { sitting: SittingDetail; names: Record<string, string> }) {
  const [caseId, setCaseId] = useState('');
  const [invalid, setInvalid] = useState<ApiError | null>(null);
  const waiting = useApiQuery(['panels', 'cases', { status: 'OPEN' }], (api, signal) =>
    unwrap(api.panels.GET('/cases', { params: { query: { status: 'OPEN', take: 200 } }, signal })),
  );
  const cases = (waiting.data ?? []).filter((c) => c.panel === sitting.panel.type && c.sittingId !== sitting.id && !c.awaitingInformation);
  const list = useApiMutation(
    (api, chosen: string) =>
      unwrap(api.panels.POST('/sittings/{id}/agenda', { params: { path: { id: sitting.id } }, body: { caseId: chosen } })),
    PANELS_KEYS,
    { onSuccess: () => setCaseId('') },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setInvalid(null);
    if (!caseId)
      return setInvalid(new ApiError(400, 'Choose the case to list', [{ field: 'case', reason: 'choose a case waiting for this panel' }]));
    list.mutate(caseId);
  };
  return (
    <section aria-labelledby="list-h">
      <h2 id="list-h">List a case</h2>
      <form onSubmit={submit} noValidate>
        <Problem error={invalid ?? list.error ?? waiting.error} />
        <label htmlFor="list-case">Case waiting for this panel</label>
        <span className="hint">Listing it here takes it off any other sitting's agenda</span>
        <select id="list-case" value={caseId} onChange={(e) => setCaseId(e.target.value)}>
          <option value="">{cases.length ? 'Choose a case' : 'No other cases are waiting for this panel'}</option>
          {cases.map((c) => (
            <option key={c.id} value={c.id}>
              {names[c.childId] ?? `Child aged ${c.childAge}`}: {label(PLACEMENT_TYPES, c.placementType)},{' '}
              {pounds(c.requestedWeeklyCostPence)} a week
            </option>
          ))}
        </select>
        <button type="submit" disabled={list.isPending}>
          List case
        </button>
      </form>
    </section>
  );
}

function AgendaCase({
  n,
  item,
  sitting,
  childName,
  isMember,
  isChair,
  started,
}: {
  n: number;
  item: AgendaItem;
  sitting: SittingDetail;
  childName?: string;
  isMember: boolean;
  isChair: boolean;
  started: boolean;
}) {
  const { user } = useSession();
  const p = item.papers;
  const hid = `case-${p.caseId}`;
  const listed = item.agendaStatus === 'LISTED';
  const open = p.status === 'OPEN' && listed && sitting.status === 'SCHEDULED';
  const myVote = item.votes.find((v) => v.userId === user?.sub);
  const conflicted = item.conflicts.some((c) => c.userId === user?.sub);
  const d = item.decision;
  return (
    <section className={`agenda-item${listed ? '' : ' agenda-done'}`} aria-labelledby={hid}>
      <h3 id={hid}>
        {n}. {childName ?? `Child aged ${p.request.childAge}`}: {label(PLACEMENT_TYPES, p.request.placementType)},{' '}
        {pounds(p.request.requestedWeeklyCostPence)} a week
      </h3>
      <p className="agenda-status">
        <strong>{label(AGENDA_STATUSES, item.agendaStatus)}</strong>
        {!listed && '. Its cost is not counted again in the budget position.'}
      </p>
      {d && (
        <p className="decided">
          <strong>{d.outcomeWords.replace(/^./, (c) => c.toUpperCase())}</strong> by {d.decidedByName}, {when(d.decidedAt)}: {d.reason}
          {d.conditions?.maxWeeklyCostPence ? ` Maximum ${pounds(d.conditions.maxWeeklyCostPence)} a week.` : ''}
          {d.conditions?.reviewDate ? ` Review by ${day(d.conditions.reviewDate)}.` : ''}
          {d.conditions?.fundingEndDate ? ` Funding ends ${day(d.conditions.fundingEndDate)}.` : ''}
          {d.informationRequested?.length ? ` Information asked for: ${d.informationRequested.join('; ')}.` : ''}
        </p>
      )}
      {item.agendaStatus !== 'MOVED' && (
        <>
          <CasePapers
            papers={p}
            childName={childName}
            canEvidence={open && can(user, 'panel-member', 'panel-chair', 'panel-admin')}
            headingLevel={3}
            budget={listed}
          />
          <h4>Quorum</h4>
          <p className={item.quorum.met ? 'ok' : 'over'}>
            {item.quorum.met ? 'Quorate for this case' : 'Not quorate for this case'}: {item.quorum.votingPresent} of{' '}
            {item.quorum.votingRequired} voting members present besides the chair
            {item.quorum.financeRequired ? (item.quorum.financePresent ? ', finance present' : ', finance needed') : ''}.
          </p>
          {!item.quorum.met && item.quorum.reasons.length > 0 && (
            <ul>
              {item.quorum.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
          <h4>Votes</h4>
          <p>
            Approve {item.tally.APPROVE} · Decline {item.tally.DECLINE} · Abstain {item.tally.ABSTAIN}
          </p>
          {item.votes.length > 0 && (
            <ul className="votes">
              {item.votes.map((v) => (
                <li key={v.userId}>
                  {v.name}: {label(VOTES, v.vote)}
                  {v.comment ? ` (“${v.comment}”)` : ''}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {item.conflicts.length > 0 && (
        <>
          <h4>Conflicts of interest</h4>
          <ul>
            {item.conflicts.map((c) => (
              <li key={c.userId}>
                {c.name}: {c.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {open && isMember && started && !conflicted && (
        <div className="member-actions">
          <VoteForm sittingId={sitting.id} caseId={p.caseId} current={myVote?.vote} />
          <ConflictForm sittingId={sitting.id} caseId={p.caseId} />
        </div>
      )}
      {open && isMember && !started && <p className="hint">Voting opens when the sitting starts, {when(sitting.startsAt)}.</p>}
      {open && isChair && p.status === 'OPEN' && (
        <DecisionForm caseId={p.caseId}>
          {!started && <p className="over">The sitting has not started: the decision can be recorded from {when(sitting.startsAt)}.</p>}
          {started && !item.quorum.met && <p className="over">Not quorate: record who is present, or a decision will be refused.</p>}
          <MissingEvidence gates={p.gates} />
        </DecisionForm>
      )}
    </section>
  );
}

function VoteForm({ sittingId, caseId, current }: { sittingId: string; caseId: string; current?: string }) {
  const [vote, setVote] = useState(current ?? '');
  const [comment, setComment] = useState('');
  const [invalid, setInvalid] = useState<ApiError | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const cast = useApiMutation(
    (api, body: { vote: 'APPROVE' | 'DECLINE' | 'ABSTAIN'; comment?: string }) =>
      unwrap(api.panels.POST('/sittings/{id}/cases/{caseId}/votes', { params: { path: { id: sittingId, caseId } }, body })),
    PANELS_KEYS,
    { onSuccess: () => setComment(''), onError: () => box.current?.focus() },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setInvalid(null);
    if (!vote) {
      setInvalid(new ApiError(400, 'Choose your vote', [{ field: 'vote', reason: 'approve, decline or abstain' }]));
      return box.current?.focus();
    }
    cast.mutate({ vote: vote as 'APPROVE', ...(comment.trim() ? { comment: comment.trim() } : {}) });
  };
  const p = (s: string) => `${s}-${caseId}`;
  return (
    <form onSubmit={submit} noValidate aria-labelledby={p('vh')}>
      <h4 id={p('vh')}>Your vote{current ? ` (you voted ${label(VOTES, current)}; you can change it)` : ''}</h4>
      <div ref={box} tabIndex={-1}>
        <Problem error={invalid ?? cast.error} />
      </div>
      <fieldset>
        <legend>Vote</legend>
        {['APPROVE', 'DECLINE', 'ABSTAIN'].map((v) => (
          <label key={v} className="radio">
            <input type="radio" name={p('vote')} value={v} checked={vote === v} onChange={() => setVote(v)} />{' '}
            {label(VOTES, v).replace(/^./, (c) => c.toUpperCase())}
          </label>
        ))}
      </fieldset>
      <label htmlFor={p('comment')}>Comment (optional)</label>
      <textarea id={p('comment')} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      <button type="submit" disabled={cast.isPending}>
        Cast vote
      </button>
    </form>
  );
}

function ConflictForm({ sittingId, caseId }: { sittingId: string; caseId: string }) {
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<ApiError | null>(null);
  const declare = useApiMutation(
    (api, text: string) =>
      unwrap(
        api.panels.POST('/sittings/{id}/cases/{caseId}/conflicts', { params: { path: { id: sittingId, caseId } }, body: { reason: text } }),
      ),
    PANELS_KEYS,
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setInvalid(null);
    if (!reason.trim())
      return setInvalid(new ApiError(400, 'Say what the conflict is', [{ field: 'reason', reason: 'enter the conflict of interest' }]));
    declare.mutate(reason.trim());
  };
  return (
    <details className="inline-form">
      <summary>Declare a conflict of interest</summary>
      <form onSubmit={submit} noValidate>
        <Problem error={invalid ?? declare.error} />
        <label htmlFor={`conflict-${caseId}`}>The conflict</label>
        <span className="hint">You will not vote on this case, and you do not count towards its quorum</span>
        <textarea id={`conflict-${caseId}`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        <button type="submit" className="secondary" disabled={declare.isPending}>
          Declare conflict
        </button>
      </form>
    </details>
  );
}

/**
 * The minutes of a sitting, as the panel administrator sends them. Panels writes them without the
 * children's names (it never has them); those allowed to read names see each case headed with it.
 */
export function Minutes() {
  const { id = '' } = useParams();
  const names = useChildNames();
  const text = useApiQuery(['panels', 'minutes.md', id], (api, signal) =>
    unwrap(api.panels.GET('/sittings/{id}/minutes.md', { params: { path: { id } }, parseAs: 'text', signal })),
  );
  const doc = useApiQuery(['panels', 'minutes', id], (api, signal) =>
    unwrap(api.panels.GET('/sittings/{id}/minutes', { params: { path: { id } }, signal })),
  );
  const caseNames = (doc.data?.cases ?? []).map((c) => names[c.childId]);
  const md = text.data ?? null;
  const error = text.error;
  const download = useMemo(() => (md === null ? null : URL.createObjectURL(new Blob([md], { type: 'text/markdown;charset=utf-8' }))), [md]);
  useEffect(() => () => void (download && URL.revokeObjectURL(download)), [download]);
  // Named from the minutes' own heading ("# Minutes: Gateway Panel, 7 Dec 2026" -> minutes-gateway-panel-7-dec-2026.md), never an id.
  const fileName = `${
    (md ?? '')
      .split('\n')[0]!
      .replace(/^#\s*/, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'minutes'
  }.md`;
  return (
    <>
      <p>
        <Link to={`/sittings/${id}`}>Back to the sitting</Link>
      </p>
      <h1>Minutes</h1>
      {error?.status === 404 ? (
        <p role="alert" className="error-summary">
          There is no such sitting in your council.
        </p>
      ) : (
        <Problem error={error} />
      )}
      {md === null && !error && <p role="status">Loading the minutes…</p>}
      {md !== null && (
        <>
          <Suspense fallback={<p>Loading…</p>}>
            <MinutesDoc text={md} caseNames={caseNames} />
          </Suspense>
          <p>
            <a href={download ?? undefined} download={fileName}>
              Download the minutes (Markdown)
            </a>
          </p>
          <details className="minutes-source">
            <summary>The minutes as Markdown, to copy into an email</summary>
            <pre className="minutes">{md}</pre>
          </details>
        </>
      )}
    </>
  );
}
