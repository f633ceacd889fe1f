import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, unwrap, when } from '../api/client';
import type { Panel, Sitting } from '../api/views';
import { label, PANELS } from '../labels';
import { can, useApi, useSession } from '../session';
import { Problem } from '../components/Problem';

/** A datetime-local value for now, in the browser's time (Europe/London for the council's people). */
function nowLocal() {
  const d = new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** "My sittings": the next sittings of the panels a person sits on (a panel administrator: every panel's), and convening one. */
export function Sittings() {
  const api = useApi();
  const { user } = useSession();
  const admin = can(user, 'panel-admin');
  const [panels, setPanels] = useState<Panel[]>([]);
  const [sittings, setSittings] = useState<Sitting[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    (async () => {
      const ps = await unwrap(api.panels.GET('/panels'));
      setPanels(ps);
      const rows = admin
        ? (await Promise.all(ps.map((p) => unwrap(api.panels.GET('/panels/{id}/sittings', { params: { path: { id: p.id } } }))))).flat()
        : await unwrap(api.panels.GET('/sittings', { params: { query: { mine: 'true' } } }));
      const weekAgo = Date.now() - 7 * 86_400_000;
      setSittings(rows.filter((s) => Date.parse(s.startsAt) >= weekAgo).sort((a, b) => a.startsAt.localeCompare(b.startsAt)));
    })().catch(setError);
  }, [api, admin]);
  const name = (id: string) => panels.find((p) => p.id === id)?.name ?? 'Panel';
  return (
    <>
      <h1>{admin ? 'Panel sittings' : 'My sittings'}</h1>
      <Problem error={error} />
      {admin && panels.length > 0 && <Convene panels={panels} />}
      <h2>{admin ? 'Sittings from a week ago' : 'Sittings of the panels you sit on'}</h2>
      {sittings && sittings.length === 0 && <p>There are no sittings of your panels from a week ago onwards.</p>}
      {sittings && sittings.length > 0 && (
        <table>
          <caption className="visually-hidden">Sittings, soonest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Panel</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Papers cut-off</th>
            </tr>
          </thead>
          <tbody>
            {sittings.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/sittings/${s.id}`}>{when(s.startsAt)}</Link>
                </td>
                <td>{name(s.panelId)}</td>
                <td>{s.kind === 'EXTRAORDINARY' ? `Extraordinary${s.reason ? `: ${s.reason}` : ''}` : 'Regular'}</td>
                <td>{s.status}</td>
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
  const api = useApi();
  const navigate = useNavigate();
  const [panelId, setPanelId] = useState(panels[0]!.id);
  const [startsAt, setStartsAt] = useState(nowLocal());
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const errs = [];
    if (!startsAt || Number.isNaN(Date.parse(startsAt))) errs.push({ field: 'starts at', reason: 'enter the date and time' });
    if (!reason.trim()) errs.push({ field: 'reason', reason: 'say why the panel must sit before its next regular sitting' });
    if (errs.length) {
      setError(new ApiError(400, 'Check the sitting before convening it', errs));
      return box.current?.focus();
    }
    setBusy(true);
    try {
      const s = await unwrap(
        api.panels.POST('/panels/{id}/sittings', {
          params: { path: { id: panelId } },
          body: { startsAt: new Date(startsAt).toISOString(), reason: reason.trim() },
        }),
      );
      void navigate(`/sittings/${s.id}`);
    } catch (err) {
      setError(err);
      box.current?.focus();
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="panel-box">
      <summary>Convene an extraordinary sitting</summary>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div ref={box} tabIndex={-1}>
          <Problem error={error} />
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
        <button type="submit" disabled={busy}>
          Convene sitting
        </button>
      </form>
    </details>
  );
}
