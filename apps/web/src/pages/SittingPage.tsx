import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, pounds, unwrap, when } from '../api/client';
import type { AgendaItem, CaseSummary, SittingDetail } from '../api/views';
import { label, PLACEMENT_TYPES } from '../labels';
import { can, useApi, useSession } from '../session';
import { CasePapers } from '../components/CasePapers';
import { DecisionForm } from '../components/DecisionForm';
import { Problem } from '../components/Problem';

/** The minutes rendered from Markdown: react-markdown is loaded only when minutes are read. */
const MinutesDoc = lazy(() => import('./MinutesDoc'));

const ROLES: Record<string, string> = {
  CHAIR: 'chair',
  VICE_CHAIR: 'vice chair',
  SOCIAL_CARE: 'social care',
  FINANCE: 'finance',
  HEALTH: 'health',
  EDUCATION: 'education',
  IRO: 'IRO',
  LEGAL: 'legal',
  COMMISSIONING: 'commissioning',
  ADVISER: 'adviser',
};
const OUTCOME_WORDS: Record<string, string> = {
  APPROVED: 'Approved',
  APPROVED_WITH_CONDITIONS: 'Approved with conditions',
  DECLINED: 'Declined',
  DEFERRED: 'Deferred',
  REFERRED_UP: 'Referred up',
};

/** A sitting: attendance, the agenda with each case's papers, conflicts and votes, and the chair's decisions. */
export function SittingPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const { user } = useSession();
  const [s, setS] = useState<SittingDetail | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => unwrap(api.panels.GET('/sittings/{id}', { params: { path: { id } } })).then(setS, setError), [api, id]);
  useEffect(() => {
    void load();
    unwrap(api.referrals.GET('/children', { params: { query: { take: 200 } } })).then(
      (cs) => setNames(Object.fromEntries(cs.map((c) => [c.id, c.displayName]))),
      () => undefined,
    );
  }, [api, load]);
  if (error instanceof ApiError && error.status === 404)
    return (
      <p role="alert" className="error-summary">
        There is no such sitting in your council.
      </p>
    );
  if (!s) return error ? <Problem error={error} /> : <p>Loading…</p>;
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
        {s.kind === 'EXTRAORDINARY' ? 'Extraordinary sitting' : 'Regular sitting'} · <span className="status">{s.status}</span>
        {s.reason ? ` · ${s.reason}` : ''} · <Link to={`/sittings/${s.id}/minutes`}>Minutes</Link>
      </p>
      <Problem error={error} />
      <Attendance sitting={s} canRecord={(admin || chair) && started && s.status === 'SCHEDULED'} onSaved={setS} />
      {admin && s.status === 'SCHEDULED' && <ListCase sitting={s} names={names} onListed={setS} />}
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
          reload={load}
        />
      ))}
    </>
  );
}

function Attendance({ sitting, canRecord, onSaved }: { sitting: SittingDetail; canRecord: boolean; onSaved: (s: SittingDetail) => void }) {
  const api = useApi();
  const [present, setPresent] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(sitting.attendance.map((m) => [m.userId, m.present ?? false])),
  );
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      onSaved(
        await unwrap(
          api.panels.POST('/sittings/{id}/attendance', {
            params: { path: { id: sitting.id } },
            body: { members: sitting.attendance.filter((m) => m.active).map((m) => ({ userId: m.userId, present: !!present[m.userId] })) },
          }),
        ),
      );
      setSaved(true);
    } catch (err) {
      setError(err);
    }
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
              {m.name} ({ROLES[m.role] ?? m.role}
              {m.voting ? '' : ', not voting'})
            </label>
          ) : (
            <>
              {m.name} ({ROLES[m.role] ?? m.role}): {m.present === null ? 'not recorded' : m.present ? 'present' : 'absent'}
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
        <form onSubmit={(e) => void save(e)}>
          <Problem error={error} />
          <fieldset>
            <legend>Who is present</legend>
            {rows}
          </fieldset>
          <button type="submit">Save attendance</button>
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

function ListCase({
  sitting,
  names,
  onListed,
}: {
  sitting: SittingDetail;
  names: Record<string, string>;
  onListed: (s: SittingDetail) => void;
}) {
  const api = useApi();
  const [cases, setCases] = useState<CaseSummary[]>([]);
  const [caseId, setCaseId] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    unwrap(api.panels.GET('/cases', { params: { query: { status: 'OPEN', take: 200 } } })).then(
      (cs) => setCases(cs.filter((c) => c.panel === sitting.panel.type && c.sittingId !== sitting.id && !c.awaitingInformation)),
      setError,
    );
  }, [api, sitting.panel.type, sitting.id]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!caseId)
      return setError(new ApiError(400, 'Choose the case to list', [{ field: 'case', reason: 'choose a case waiting for this panel' }]));
    try {
      onListed(await unwrap(api.panels.POST('/sittings/{id}/agenda', { params: { path: { id: sitting.id } }, body: { caseId } })));
      setCases(cases.filter((c) => c.id !== caseId));
      setCaseId('');
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="list-h">
      <h2 id="list-h">List a case</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Problem error={error} />
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
        <button type="submit">List case</button>
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
  reload,
}: {
  n: number;
  item: AgendaItem;
  sitting: SittingDetail;
  childName?: string;
  isMember: boolean;
  isChair: boolean;
  started: boolean;
  reload: () => Promise<void>;
}) {
  const { user } = useSession();
  const p = item.papers;
  const hid = `case-${p.caseId}`;
  const open = p.status === 'OPEN' && item.agendaStatus === 'LISTED' && sitting.status === 'SCHEDULED';
  const myVote = item.votes.find((v) => v.userId === user?.sub);
  const conflicted = item.conflicts.some((c) => c.userId === user?.sub);
  return (
    <section className="agenda-item" aria-labelledby={hid}>
      <h3 id={hid}>
        {n}. {childName ?? `Child aged ${p.request.childAge}`}: {label(PLACEMENT_TYPES, p.request.placementType)},{' '}
        {pounds(p.request.requestedWeeklyCostPence)} a week
      </h3>
      {item.decision && (
        <p className="decided">
          <strong>{OUTCOME_WORDS[item.decision.outcome] ?? item.decision.outcome}</strong> by {item.decision.decidedBy},{' '}
          {when(item.decision.decidedAt)}: {item.decision.reason}
          {item.decision.conditions?.maxWeeklyCostPence ? ` Maximum ${pounds(item.decision.conditions.maxWeeklyCostPence)} a week.` : ''}
          {item.decision.informationRequested?.length ? ` Information asked for: ${item.decision.informationRequested.join('; ')}.` : ''}
        </p>
      )}
      <CasePapers
        papers={p}
        childName={childName}
        canEvidence={open && can(user, 'panel-member', 'panel-chair', 'panel-admin')}
        onChanged={() => void reload()}
        headingLevel={3}
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
              {v.name}: {v.vote.toLowerCase()}
              {v.comment ? ` (“${v.comment}”)` : ''}
            </li>
          ))}
        </ul>
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
          <VoteForm sittingId={sitting.id} caseId={p.caseId} current={myVote?.vote} onSaved={reload} />
          <ConflictForm sittingId={sitting.id} caseId={p.caseId} onSaved={reload} />
        </div>
      )}
      {open && isMember && !started && <p className="hint">Voting opens when the sitting starts, {when(sitting.startsAt)}.</p>}
      {open && isChair && p.status === 'OPEN' && (
        <DecisionForm caseId={p.caseId} onDecided={() => void reload()}>
          {!started && <p className="over">The sitting has not started: the decision can be recorded from {when(sitting.startsAt)}.</p>}
          {started && !item.quorum.met && <p className="over">Not quorate: record who is present, or a decision will be refused.</p>}
          {started && p.gates.some((g) => !g.evidenced) && (
            <p className="over">Some gates are not evidenced: an approval will be refused until they are.</p>
          )}
        </DecisionForm>
      )}
    </section>
  );
}

function VoteForm({
  sittingId,
  caseId,
  current,
  onSaved,
}: {
  sittingId: string;
  caseId: string;
  current?: string;
  onSaved: () => Promise<void>;
}) {
  const api = useApi();
  const [vote, setVote] = useState(current ?? '');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const box = useRef<HTMLDivElement>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!vote) {
      setError(new ApiError(400, 'Choose your vote', [{ field: 'vote', reason: 'approve, decline or abstain' }]));
      return box.current?.focus();
    }
    try {
      await unwrap(
        api.panels.POST('/sittings/{id}/cases/{caseId}/votes', {
          params: { path: { id: sittingId, caseId } },
          body: { vote: vote as 'APPROVE', ...(comment.trim() ? { comment: comment.trim() } : {}) },
        }),
      );
      setComment('');
      await onSaved();
    } catch (err) {
      setError(err);
      box.current?.focus();
    }
  };
  const p = (s: string) => `${s}-${caseId}`;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby={p('vh')}>
      <h4 id={p('vh')}>Your vote{current ? ` (you voted ${current.toLowerCase()}; you can change it)` : ''}</h4>
      <div ref={box} tabIndex={-1}>
        <Problem error={error} />
      </div>
      <fieldset>
        <legend>Vote</legend>
        {['APPROVE', 'DECLINE', 'ABSTAIN'].map((v) => (
          <label key={v} className="radio">
            <input type="radio" name={p('vote')} value={v} checked={vote === v} onChange={() => setVote(v)} />{' '}
            {v[0] + v.slice(1).toLowerCase()}
          </label>
        ))}
      </fieldset>
      <label htmlFor={p('comment')}>Comment (optional)</label>
      <textarea id={p('comment')} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      <button type="submit">Cast vote</button>
    </form>
  );
}

function ConflictForm({ sittingId, caseId, onSaved }: { sittingId: string; caseId: string; onSaved: () => Promise<void> }) {
  const api = useApi();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!reason.trim())
      return setError(new ApiError(400, 'Say what the conflict is', [{ field: 'reason', reason: 'enter the conflict of interest' }]));
    try {
      await unwrap(
        api.panels.POST('/sittings/{id}/cases/{caseId}/conflicts', {
          params: { path: { id: sittingId, caseId } },
          body: { reason: reason.trim() },
        }),
      );
      await onSaved();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <details className="inline-form">
      <summary>Declare a conflict of interest</summary>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Problem error={error} />
        <label htmlFor={`conflict-${caseId}`}>The conflict</label>
        <span className="hint">You will not vote on this case, and you do not count towards its quorum</span>
        <textarea id={`conflict-${caseId}`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        <button type="submit" className="secondary">
          Declare conflict
        </button>
      </form>
    </details>
  );
}

/** The minutes of a sitting, as the panel administrator sends them. */
export function Minutes() {
  const { id = '' } = useParams();
  const api = useApi();
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    unwrap(api.panels.GET('/sittings/{id}/minutes.md', { params: { path: { id } }, parseAs: 'text' })).then(setText, setError);
  }, [api, id]);
  const download = useMemo(
    () => (text === null ? null : URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }))),
    [text],
  );
  useEffect(() => () => void (download && URL.revokeObjectURL(download)), [download]);
  return (
    <>
      <p>
        <Link to={`/sittings/${id}`}>Back to the sitting</Link>
      </p>
      <h1>Minutes</h1>
      {error instanceof ApiError && error.status === 404 ? (
        <p role="alert" className="error-summary">
          There is no such sitting in your council.
        </p>
      ) : (
        <Problem error={error} />
      )}
      {text === null && !error && <p>Loading…</p>}
      {text !== null && (
        <>
          <Suspense fallback={<p>Loading…</p>}>
            <MinutesDoc text={text} />
          </Suspense>
          <p>
            <a href={download ?? undefined} download={`minutes-${id}.md`}>
              Download the minutes (Markdown)
            </a>
          </p>
          <details className="minutes-source">
            <summary>The minutes as Markdown, to copy into an email</summary>
            <pre className="minutes">{text}</pre>
          </details>
        </>
      )}
    </>
  );
}
