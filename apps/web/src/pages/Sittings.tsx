import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, unwrap, when } from '../api/client';
import { useApiMutation, useApiQuery } from '../api/query';
import type { Panel, Sitting } from '../api/views';
import { label, PANELS } from '../labels';
import { can, useSession } from '../session';
import { Problem } from '../components/Problem';

/** A datetime-local value for now, in the browser's time (Europe/London for the council's people). */
function nowLocal() {
  const d = new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** A sitting's state in words: scheduled, held (it has heard every case on it) or cancelled. */
export function sittingState(s: Pick<Sitting, 'status' | 'held'>): string {
  return s.status === 'CANCELLED' ? 'Cancelled' : s.held ? 'Held' : 'Scheduled';
}

/** "3 cases, 1 waiting", and any moved off it unheard. */
export function caseCount(c: Sitting['cases']): string {
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  if (c.total === 0 && c.movedAway === 0) return 'No cases';
  return [n(c.total, 'case'), c.total ? `${c.waiting} waiting` : null, c.movedAway ? `${c.movedAway} moved to another sitting` : null]
    .filter(Boolean)
    .join(', ');
}

/** "My sittings": the next sittings of the panels a person sits on (a panel administrator: every panel's), and convening one. */
export function Sittings() {
  const { user } = useSession();
  const admin = can(user, 'panel-admin');
  const panels = useApiQuery(['panels', 'panels'], (api, signal) => unwrap(api.panels.GET('/panels', { signal })));
  const sittings = useApiQuery(
    ['panels', 'sittings', { admin, panels: (panels.data ?? []).map((p) => p.id) }],
    async (api, signal) => {
      const rows = admin
        ? (
            await Promise.all(
              panels.data!.map((p) => unwrap(api.panels.GET('/panels/{id}/sittings', { params: { path: { id: p.id } }, signal }))),
            )
          ).flat()
        : await unwrap(api.panels.GET('/sittings', { params: { query: { mine: 'true' } }, signal }));
      const weekAgo = Date.now() - 7 * 86_400_000;
      return rows.filter((s) => Date.parse(s.startsAt) >= weekAgo).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    },
    { enabled: !!panels.data },
  );
  const list = panels.data ?? [];
  const rows = sittings.data ?? null;
  const name = (id: string) => list.find((p) => p.id === id)?.name ?? 'Panel';
  return (
    <>
      <h1>{admin ? 'Panel sittings' : 'My sittings'}</h1>
      <Problem error={panels.error ?? sittings.error} />
      {admin && list.length > 0 && <Convene panels={list} />}
      <h2>{admin ? 'Sittings from a week ago' : 'Sittings of the panels you sit on'}</h2>
      {!rows && !panels.error && !sittings.error && <p role="status">Loading the sittings…</p>}
      {rows && rows.length === 0 && <p>There are no sittings of your panels from a week ago onwards.</p>}
      {rows && rows.length > 0 && (
        <table>
          <caption className="visually-hidden">Sittings, soonest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Panel</th>
              <th scope="col">Kind</th>
              <th scope="col">Cases</th>
              <th scope="col">Status</th>
              <th scope="col">Papers cut-off</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/sittings/${s.id}`}>{when(s.startsAt)}</Link>
                </td>
                <td>{name(s.panelId)}</td>
                <td>{s.kind === 'EXTRAORDINARY' ? `Extraordinary${s.reason ? `: ${s.reason}` : ''}` : 'Regular'}</td>
                <td>{caseCount(s.cases)}</td>
                <td>
                  <span className={`status status-${sittingState(s).toLowerCase()}`}>{sittingState(s)}</span>
                </td>
                <td>{when(s.cutOffAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Convene({ panels }: { panels: Panel[] }) {
  const navigate = useNavigate();
  const [panelId, setPanelId] = useState(panels[0]!.id);
  const [startsAt, setStartsAt] = useState(nowLocal());
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<ApiError | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const convene = useApiMutation(
    (api, body: { panelId: string; startsAt: string; reason: string }) =>
      unwrap(
        api.panels.POST('/panels/{id}/sittings', {
          params: { path: { id: body.panelId } },
          body: { startsAt: body.startsAt, reason: body.reason },
        }),
      ),
    [['panels', 'sittings']],
    {
      onSuccess: (s) => void navigate(`/sittings/${s.id}`),
      onError: () => box.current?.focus(),
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setInvalid(null);
    const errs = [];
    if (!startsAt || Number.isNaN(Date.parse(startsAt))) errs.push({ field: 'starts at', reason: 'enter the date and time' });
    if (!reason.trim()) errs.push({ field: 'reason', reason: 'say why the panel must sit before its next regular sitting' });
    if (errs.length) {
      setInvalid(new ApiError(400, 'Check the sitting before convening it', errs));
      return box.current?.focus();
    }
    convene.mutate({ panelId, startsAt: new Date(startsAt).toISOString(), reason: reason.trim() });
  };
  return (
    <details className="panel-box">
      <summary>Convene an extraordinary sitting</summary>
      <form onSubmit={submit} noValidate>
        <div ref={box} tabIndex={-1}>
          <Problem error={invalid ?? convene.error} />
        </div>
        <label htmlFor="convene-panel">Panel</label>
        <select id="convene-panel" value={panelId} onChange={(e) => setPanelId(e.target.value)}>
          {panels.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({label(PANELS, p.type)})
            </option>
          ))}
        </select>
        <label htmlFor="convene-at">Starts at</label>
        <input id="convene-at" type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
        <label htmlFor="convene-reason">Why it must sit now</label>
        <textarea id="convene-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        <button type="submit" disabled={convene.isPending}>
          Convene sitting
        </button>
      </form>
    </details>
  );
}
