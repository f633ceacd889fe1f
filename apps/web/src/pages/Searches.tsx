import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, countdown, day, pounds, unwrap, when } from '../api/client';
import type { HeldForReapproval, Match, Offer, Placement, SearchDetail, SearchSummary } from '../api/views';
import { label, LOCATIONS, PLACEMENT_TYPES, URGENCIES } from '../labels';
import { useApi } from '../session';
import { Problem } from './CasePapers';

const URGENCY_ORDER: Record<string, number> = { EMERGENCY: 0, URGENT: 1, PLANNED: 2 };
const STAGES: Record<string, string> = { IN_HOUSE: 'In-house first', EXTERNAL: 'With external providers', SPOT: 'Spot purchase' };
const FACTORS: Record<string, string> = { needs: 'Needs met', distance: 'Distance from home', price: 'Price', education: 'Education', siblings: 'Siblings', quality: 'Quality' };

/** A commissioner's open searches, the most urgent first, with their deadlines; and placements whose notice is running. */
export function Searches() {
  const api = useApi();
  const [rows, setRows] = useState<SearchSummary[] | null>(null);
  const [placements, setPlacements] = useState<Placement[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    unwrap(api.commissioning.GET('/searches', { params: { query: { status: 'OPEN', take: 200 } } })).then(
      (s) => setRows([...s].sort((a, b) => (URGENCY_ORDER[a.urgency] ?? 9) - (URGENCY_ORDER[b.urgency] ?? 9) || a.deadline.localeCompare(b.deadline))),
      setError,
    );
    unwrap(api.commissioning.GET('/placements', { params: { query: { status: 'NOTICE_GIVEN', take: 200 } } })).then(setPlacements, setError);
  }, [api]);
  return (
    <>
      <h1>Open searches</h1>
      <Problem error={error} />
      {rows && rows.length === 0 && <p>No searches are open.</p>}
      {rows && rows.length > 0 && (
        <table>
          <caption className="visually-hidden">Open searches, most urgent first</caption>
          <thead>
            <tr>
              <th scope="col">Search</th>
              <th scope="col">Urgency</th>
              <th scope="col">Where</th>
              <th scope="col" className="num">Approved up to</th>
              <th scope="col">Stage</th>
              <th scope="col">Deadline</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => {
              const due = countdown(s.deadline);
              return (
                <tr key={s.id}>
                  <td>
                    <Link to={`/searches/${s.id}`}>
                      {label(PLACEMENT_TYPES, s.placementType)} for a child aged {s.childAge}
                    </Link>
                  </td>
                  <td>{label(URGENCIES, s.urgency).split(' (')[0]}</td>
                  <td>{label(LOCATIONS, s.location)}</td>
                  <td className="num">{pounds(s.ceilingPence)} a week</td>
                  <td>{STAGES[s.stage] ?? s.stage}</td>
                  <td>
                    <time dateTime={s.deadline}>{when(s.deadline)}</time> <span className={due.overdue ? 'over' : ''}>({due.text})</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h2>Placements under notice</h2>
      {placements && placements.length === 0 && <p>No placement is under notice.</p>}
      {placements && placements.length > 0 && (
        <table>
          <caption className="visually-hidden">Placements under notice, with their last day</caption>
          <thead>
            <tr>
              <th scope="col">Placement</th>
              <th scope="col" className="num">Weekly cost</th>
              <th scope="col">Notice given</th>
              <th scope="col">Last day</th>
              <th scope="col">Replacement search</th>
            </tr>
          </thead>
          <tbody>
            {placements.map((p) => (
              <tr key={p.id}>
                <td>{label(PLACEMENT_TYPES, p.placementType)}</td>
                <td className="num">{pounds(p.weeklyCostPence)}</td>
                <td>
                  {p.notice?.givenOn ? day(p.notice.givenOn) : 'Not recorded'}
                  {p.notice?.givenBy ? ` by the ${p.notice.givenBy.toLowerCase()}` : ''}
                </td>
                <td>{p.notice?.endDate ? day(p.notice.endDate) : 'Not set'}</td>
                <td>{p.notice?.replacementSearchId ? <Link to={`/searches/${p.notice.replacementSearchId}`}>Open the search</Link> : 'None'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

type AwardResult = { kind: 'placed'; placement: Placement } | { kind: 'held'; held: HeldForReapproval };
const HELD_REASONS: Record<string, string> = { ABOVE_CEILING: 'the weekly cost is above what was approved', CHANGED_TYPE: 'it is a different type of placement from the one approved', CHANGED_LOCATION: 'it is further from home than approved' };

/** A search: in-house matches first, then the offers side by side with their gates and the score's parts; release, offer, award. */
export function SearchPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const [s, setS] = useState<SearchDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<AwardResult | null>(null);
  const [settingId, setSettingId] = useState('');
  const load = useCallback(() => unwrap(api.commissioning.GET('/searches/{id}', { params: { path: { id } } })).then(setS, setError), [api, id]);
  useEffect(() => void load(), [load]);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => resultRef.current?.focus(), [result]);
  if (error instanceof ApiError && error.status === 404) return <p role="alert" className="error-summary">There is no such search in your council.</p>;
  if (!s) return error ? <Problem error={error} /> : <p>Loading…</p>;
  const due = countdown(s.deadline);
  const open = s.status === 'OPEN';
  return (
    <>
      <p>
        <Link to="/searches">All open searches</Link>
      </p>
      <h1>
        {label(PLACEMENT_TYPES, s.placementType)} for a child aged {s.childAge}
      </h1>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <span className="status">{s.status}</span> · {STAGES[s.stage] ?? s.stage}
          {s.round ? `, round ${s.round}` : ''}
        </dd>
        <dt>Urgency</dt>
        <dd>{label(URGENCIES, s.urgency)}</dd>
        <dt>Where</dt>
        <dd>{label(LOCATIONS, s.location)}</dd>
        <dt>Approved up to</dt>
        <dd>{pounds(s.ceilingPence)} a week</dd>
        <dt>Deadline</dt>
        <dd>
          <time dateTime={s.deadline}>{when(s.deadline)}</time> <span className={due.overdue ? 'over' : ''}>({due.text})</span>
        </dd>
        {s.released && (
          <>
            <dt>Released</dt>
            <dd>
              {when(s.released.at)} by {s.released.by}: {s.released.reason}
            </dd>
          </>
        )}
      </dl>
      <div ref={resultRef} tabIndex={-1}>
        {result?.kind === 'placed' && (
          <div role="status" className="result-ok">
            <h2>Placement awarded</h2>
            <p>
              The placement starts on {day(result.placement.startDate)} at {pounds(result.placement.weeklyCostPence)} a week. Finance has been told and commits its cost.
            </p>
          </div>
        )}
        {result?.kind === 'held' && (
          <div role="status" className="result-held">
            <h2>Not awarded yet: held for re-approval</h2>
            <p>
              The offer ({pounds(result.held.weeklyCostPence)} a week, approved up to {pounds(result.held.ceilingPence)}) goes back for approval because {result.held.reasons.map((r) => HELD_REASONS[r] ?? r).join('; ')}. The bed is held while it waits.
            </p>
          </div>
        )}
      </div>
      <Problem error={error} />

      <h2>In-house matches</h2>
      {s.inHouseMatches.length === 0 ? (
        <p>No in-house setting has a vacancy for this search.</p>
      ) : (
        <table>
          <caption className="visually-hidden">The council's own settings with a vacancy, best first</caption>
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Setting</th>
              <th scope="col">Vacancies</th>
              <th scope="col" className="num">Weekly price</th>
              <th scope="col">Where</th>
              <th scope="col" className="num">Score</th>
              {open && <th scope="col">Offer</th>}
            </tr>
          </thead>
          <tbody>
            {s.inHouseMatches.map((m) => (
              <tr key={m.settingId}>
                <td>{m.rank}</td>
                <th scope="row">
                  {m.name} <span className="hint">{m.provider}</span>
                </th>
                <td>{m.vacancies}</td>
                <td className="num">{pounds(m.weeklyPricePence)}</td>
                <td>{label(LOCATIONS, m.location)}</td>
                <td className="num">{m.score}</td>
                {open && (
                  <td>
                    <button type="button" className="secondary" onClick={() => setSettingId(m.settingId)}>
                      Offer {m.name}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && s.stage === 'IN_HOUSE' && <Release searchId={s.id} onReleased={setS} />}

      <h2>Offers</h2>
      {s.offers.length === 0 && <p>No offers yet.</p>}
      {s.offers.length > 0 && (
        <ul className="cards">
          {s.offers.map((o) => (
            <OfferCard key={o.id} offer={o} canAward={open && o.status === 'SUBMITTED'} onAwarded={(r) => {
              setResult(r);
              void load();
            }} />
          ))}
        </ul>
      )}
      {open && <OfferForm searchId={s.id} settingId={settingId} setSettingId={setSettingId} onOffered={() => void load()} />}
    </>
  );
}

function Release({ searchId, onReleased }: { searchId: string; onReleased: (s: SearchDetail) => void }) {
  const api = useApi();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (reason.trim().length < 3) return setError(new ApiError(400, 'Say why the in-house vacancies will not do', [{ field: 'reason', reason: 'at least 3 characters' }]));
    try {
      onReleased(await unwrap(api.commissioning.POST('/searches/{id}/release', { params: { path: { id: searchId } }, body: { reason: reason.trim() } })));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="release-h" className="panel-box">
      <h2 id="release-h">Release to external providers</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Problem error={error} />
        <label htmlFor="release-reason">Why the in-house vacancies will not do</label>
        <span className="hint">Recorded on the search: in-house first is the council's policy</span>
        <textarea id="release-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        <button type="submit">Release search</button>
      </form>
    </section>
  );
}

function OfferCard({ offer: o, canAward, onAwarded }: { offer: Offer; canAward: boolean; onAwarded: (r: AwardResult) => void }) {
  const api = useApi();
  const [noticeWeeks, setNoticeWeeks] = useState('4');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const failed = o.gates.filter((g) => !g.passed);
  const hid = `offer-${o.id}`;
  const award = async () => {
    setError(null);
    if (!/^\d{1,2}$/.test(noticeWeeks) || Number(noticeWeeks) > 52) return setError(new ApiError(400, 'Check the notice period', [{ field: 'notice', reason: 'enter whole weeks, 0 to 52' }]));
    setBusy(true);
    try {
      const res = await api.commissioning.POST('/offers/{id}/award', { params: { path: { id: o.id } }, body: { noticeWeeks: Number(noticeWeeks) } });
      const body = await unwrap(Promise.resolve(res));
      onAwarded(res.response.status === 202 ? { kind: 'held', held: body as HeldForReapproval } : { kind: 'placed', placement: body as Placement });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="card" aria-labelledby={hid}>
      <h3 id={hid}>
        {o.rank}. {o.setting}
      </h3>
      <p className="hint">
        {o.provider}
        {o.inHouse ? ' (in-house)' : ''} · {o.status}
      </p>
      <dl className="facts">
        <dt>Weekly total</dt>
        <dd>
          {pounds(o.totalWeeklyPence)}
          {o.withinCeiling === false && <span className="over"> above what was approved</span>}
        </dd>
        <dt>Starts</dt>
        <dd>{day(o.startDate)}</dd>
        <dt>Where</dt>
        <dd>{label(LOCATIONS, o.location)}</dd>
        <dt>Score</dt>
        <dd>{o.score} out of 100</dd>
      </dl>
      <h4>Gates {failed.length ? `(${failed.length} failed)` : '(all passed)'}</h4>
      <ul className="gate-list">
        {o.gates.map((g) => (
          <li key={g.id} className={g.passed ? 'pass' : 'fail'}>
            {g.passed ? 'Passed' : g.effect === 'BLOCK' ? 'Failed' : 'Needs re-approval'}: {g.text}
            {g.regulation ? ` (${g.regulation})` : ''}
          </li>
        ))}
      </ul>
      <table className="parts">
        <caption>The score's parts</caption>
        <thead>
          <tr>
            <th scope="col">Factor</th>
            <th scope="col" className="num">Weight</th>
            <th scope="col" className="num">Points</th>
          </tr>
        </thead>
        <tbody>
          {o.parts.map((p) => (
            <tr key={p.factor}>
              <th scope="row">
                {FACTORS[p.factor] ?? p.factor}
                <span className="hint">{p.note}</span>
              </th>
              <td className="num">{p.weight}</td>
              <td className="num">{p.points}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canAward && (
        <div className="award">
          <Problem error={error} />
          <label htmlFor={`notice-${o.id}`}>Notice period (weeks)</label>
          <input id={`notice-${o.id}`} inputMode="numeric" value={noticeWeeks} onChange={(e) => setNoticeWeeks(e.target.value)} />
          <button type="button" disabled={busy} onClick={() => void award()}>
            Award {o.setting}
          </button>
        </div>
      )}
    </li>
  );
}

function OfferForm({ searchId, settingId, setSettingId, onOffered }: { searchId: string; settingId: string; setSettingId: (s: string) => void; onOffered: () => void }) {
  const api = useApi();
  const [matches, setMatches] = useState<Match[]>([]);
  const [fee, setFee] = useState('');
  const [startDate, setStartDate] = useState('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<unknown>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    unwrap(api.commissioning.GET('/searches/{id}/matches', { params: { path: { id: searchId }, query: { take: 100 } } })).then((m) => setMatches(m.matches), setError);
  }, [api, searchId]);
  useEffect(() => {
    const m = matches.find((x) => x.settingId === settingId);
    if (m && !fee) setFee(String(m.weeklyPricePence / 100));
  }, [settingId, matches, fee]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const errs = [];
    if (!settingId) errs.push({ field: 'setting', reason: 'choose the setting that offers' });
    if (!/^\d{1,7}(\.\d{1,2})?$/.test(fee.trim()) || Number(fee) <= 0) errs.push({ field: 'weekly fee', reason: 'enter pounds, like 6050 or 6050.50' });
    if (!startDate) errs.push({ field: 'start date', reason: 'enter the day the placement would start' });
    if (errs.length) {
      setError(new ApiError(400, 'Check the offer before entering it', errs));
      return box.current?.focus();
    }
    try {
      await unwrap(api.commissioning.POST('/searches/{id}/offers', { params: { path: { id: searchId } }, body: { settingId, weeklyFeePence: Math.round(Number(fee) * 100), startDate, ...(notes.trim() ? { notes: notes.trim() } : {}) } }));
      setSettingId('');
      setFee('');
      setStartDate('');
      setNotes('');
      onOffered();
    } catch (err) {
      setError(err);
      box.current?.focus();
    }
  };
  return (
    <section aria-labelledby="offer-h" className="panel-box">
      <h2 id="offer-h">Enter an offer</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div ref={box} tabIndex={-1}>
          <Problem error={error} />
        </div>
        <label htmlFor="offer-setting">Setting</label>
        <span className="hint">Every setting that could meet the search, best match first; failed gates are named</span>
        <select id="offer-setting" value={settingId} onChange={(e) => setSettingId(e.target.value)}>
          <option value="">Choose the setting</option>
          {matches.map((m) => (
            <option key={m.settingId} value={m.settingId}>
              {m.name} ({m.provider}
              {m.inHouse ? ', in-house' : ''}), {pounds(m.weeklyPricePence)} a week{m.failedGates.length ? `, fails: ${m.failedGates.join(', ')}` : ''}
            </option>
          ))}
        </select>
        <label htmlFor="offer-fee">Weekly fee (£)</label>
        <input id="offer-fee" inputMode="decimal" value={fee} onChange={(e) => setFee(e.target.value)} />
        <label htmlFor="offer-start">Start date</label>
        <input id="offer-start" type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />
        <label htmlFor="offer-notes">Notes (optional)</label>
        <textarea id="offer-notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
        <button type="submit">Enter offer</button>
      </form>
    </section>
  );
}
