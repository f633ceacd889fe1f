import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, countdown, day, pounds, unwrap, when } from '../api/client';
import type { HeldForReapproval, Match, Offer, Placement, SearchDetail, SearchSent, SearchSummary } from '../api/views';
import { label, LOCATIONS, OFFER_STATUSES, PLACEMENT_TYPES, route, URGENCIES } from '../labels';
import { can, useApi, useSession } from '../session';
import { Problem } from './CasePapers';
import { ErrorSummary, Field, useFormErrors, type Errors } from './FormParts';

const URGENCY_ORDER: Record<string, number> = { EMERGENCY: 0, URGENT: 1, PLANNED: 2 };
const STAGES: Record<string, string> = { IN_HOUSE: 'In-house first', EXTERNAL: 'With external providers', SPOT: 'Spot purchase' };
const FACTORS: Record<string, string> = {
  needs: 'Needs met',
  distance: 'Distance from home',
  price: 'Price',
  education: 'Education',
  siblings: 'Siblings',
  quality: 'Quality',
};

/** A commissioner's open searches, the most urgent first, with their deadlines; and placements whose notice is running. */
export function Searches() {
  const api = useApi();
  const [rows, setRows] = useState<SearchSummary[] | null>(null);
  const [placements, setPlacements] = useState<Placement[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    unwrap(api.commissioning.GET('/searches', { params: { query: { status: 'OPEN', take: 200 } } })).then(
      (s) =>
        setRows(
          [...s].sort((a, b) => (URGENCY_ORDER[a.urgency] ?? 9) - (URGENCY_ORDER[b.urgency] ?? 9) || a.deadline.localeCompare(b.deadline)),
        ),
      setError,
    );
    unwrap(api.commissioning.GET('/placements', { params: { query: { status: 'NOTICE_GIVEN', take: 200 } } })).then(
      setPlacements,
      setError,
    );
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
              <th scope="col" className="num">
                Approved up to
              </th>
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
      <p>
        <Link to="/placements">Placements with a review or notice due</Link>, soonest first.
      </p>
      {placements && placements.length === 0 && <p>No placement is under notice.</p>}
      {placements && placements.length > 0 && (
        <table>
          <caption className="visually-hidden">Placements under notice, with their last day</caption>
          <thead>
            <tr>
              <th scope="col">Placement</th>
              <th scope="col" className="num">
                Weekly cost
              </th>
              <th scope="col">Notice given</th>
              <th scope="col">Last day</th>
              <th scope="col">Replacement search</th>
            </tr>
          </thead>
          <tbody>
            {placements.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/placements/${p.id}`}>
                    {p.setting}: {label(PLACEMENT_TYPES, p.placementType)}
                  </Link>
                </td>
                <td className="num">{pounds(p.weeklyCostPence)}</td>
                <td>
                  {p.notice?.givenOn ? day(p.notice.givenOn) : 'Not recorded'}
                  {p.notice?.givenBy ? ` by the ${p.notice.givenBy.toLowerCase()}` : ''}
                </td>
                <td>{p.notice?.endDate ? day(p.notice.endDate) : 'Not set'}</td>
                <td>
                  {p.notice?.replacementSearchId ? <Link to={`/searches/${p.notice.replacementSearchId}`}>Open the search</Link> : 'None'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

type AwardResult = { kind: 'placed'; placement: Placement } | { kind: 'held'; held: HeldForReapproval };
const HELD_REASONS: Record<string, string> = {
  ABOVE_CEILING: 'the weekly cost is above what was approved',
  CHANGED_TYPE: 'it is a different type of placement from the one approved',
  CHANGED_LOCATION: 'it is further from home than approved',
};

/** A search: in-house matches first, then the offers side by side with their gates and the score's parts; release, offer, award. */
export function SearchPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const { user } = useSession();
  const [s, setS] = useState<SearchDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<AwardResult | null>(null);
  const [settingId, setSettingId] = useState('');
  const [providers, setProviders] = useState<Record<string, string>>({});
  const load = useCallback(
    () => unwrap(api.commissioning.GET('/searches/{id}', { params: { path: { id } } })).then(setS, setError),
    [api, id],
  );
  useEffect(() => void load(), [load]);
  const commissioner = can(user, 'commissioner');
  useEffect(() => {
    if (commissioner)
      unwrap(api.commissioning.GET('/providers')).then(
        (ps) => setProviders(Object.fromEntries(ps.map((p) => [p.id, p.name]))),
        () => undefined,
      );
  }, [api, commissioner]);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => resultRef.current?.focus(), [result]);
  if (error instanceof ApiError && error.status === 404)
    return (
      <p role="alert" className="error-summary">
        There is no such search in your council.
      </p>
    );
  if (error instanceof ApiError && error.status === 403)
    return (
      <p role="alert" className="error-summary">
        Searches are the commissioners' (a head of service or above reads one to decide an exemption).
      </p>
    );
  if (!s) return error ? <Problem error={error} /> : <p>Loading…</p>;
  const due = countdown(s.deadline);
  const open = s.status === 'OPEN';
  const exempter = can(user, 'approver:HOS', 'approver:AD', 'approver:DCS');
  return (
    <>
      {commissioner && (
        <p>
          <Link to="/searches">All open searches</Link>
        </p>
      )}
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
              The placement starts on {day(result.placement.startDate)} at {pounds(result.placement.weeklyCostPence)} a week. Finance has
              been told and commits its cost.
            </p>
          </div>
        )}
        {result?.kind === 'held' && (
          <div role="status" className="result-held">
            <h2>Not awarded yet: held for re-approval</h2>
            <p>
              The offer ({pounds(result.held.weeklyCostPence)} a week, approved up to {pounds(result.held.ceilingPence)}) goes back for
              approval because {result.held.reasons.map((r) => HELD_REASONS[r] ?? r).join('; ')}. The bed is held while it waits.
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
              <th scope="col" className="num">
                Weekly price
              </th>
              <th scope="col">Where</th>
              <th scope="col" className="num">
                Score
              </th>
              {open && commissioner && <th scope="col">Offer</th>}
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
                {open && commissioner && (
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
      {open && commissioner && s.stage === 'IN_HOUSE' && <Release searchId={s.id} onReleased={setS} />}
      {commissioner && <Profile search={s} canEdit={open} onSaved={setS} />}
      {s.stage !== 'IN_HOUSE' && (
        <Referrals search={s} providers={{ ...Object.fromEntries(s.offers.map((o) => [o.providerId, o.provider])), ...providers }} />
      )}
      {open && commissioner && s.stage !== 'IN_HOUSE' && <Widen search={s} onSent={setS} />}

      <h2>Offers</h2>
      {s.offers.length === 0 && <p>No offers yet.</p>}
      {s.offers.length > 0 && (
        <ul className="cards">
          {s.offers.map((o) => (
            <OfferCard
              key={o.id}
              offer={o}
              canAward={commissioner && open && o.status === 'SUBMITTED'}
              canExempt={exempter && open && o.status === 'SUBMITTED'}
              onAwarded={(r) => {
                setResult(r);
                void load();
              }}
              onExempted={() => void load()}
            />
          ))}
        </ul>
      )}
      {open && commissioner && (
        <OfferForm searchId={s.id} settingId={settingId} setSettingId={setSettingId} onOffered={() => void load()} />
      )}
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
    if (reason.trim().length < 3)
      return setError(
        new ApiError(400, 'Say why the in-house vacancies will not do', [{ field: 'reason', reason: 'at least 3 characters' }]),
      );
    try {
      onReleased(
        await unwrap(
          api.commissioning.POST('/searches/{id}/release', { params: { path: { id: searchId } }, body: { reason: reason.trim() } }),
        ),
      );
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

function OfferCard({
  offer: o,
  canAward,
  canExempt,
  onAwarded,
  onExempted,
}: {
  offer: Offer;
  canAward: boolean;
  canExempt: boolean;
  onAwarded: (r: AwardResult) => void;
  onExempted: () => void;
}) {
  const api = useApi();
  const [noticeWeeks, setNoticeWeeks] = useState('4');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const failed = o.gates.filter((g) => !g.passed);
  const hid = `offer-${o.id}`;
  const award = async () => {
    setError(null);
    if (!/^\d{1,2}$/.test(noticeWeeks) || Number(noticeWeeks) > 52)
      return setError(new ApiError(400, 'Check the notice period', [{ field: 'notice', reason: 'enter whole weeks, 0 to 52' }]));
    setBusy(true);
    try {
      const res = await api.commissioning.POST('/offers/{id}/award', {
        params: { path: { id: o.id } },
        body: { noticeWeeks: Number(noticeWeeks) },
      });
      const body = await unwrap(Promise.resolve(res));
      onAwarded(
        res.response.status === 202 ? { kind: 'held', held: body as HeldForReapproval } : { kind: 'placed', placement: body as Placement },
      );
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
        {o.inHouse ? ' (in-house)' : ''} · {label(OFFER_STATUSES, o.status)}
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
      {needsExemption(o) && !canExempt && o.status === 'SUBMITTED' && (
        <p className="hint">
          Rated Inadequate: it cannot be awarded unless a head of service, assistant director or director records an exemption, with the
          reason, on this page.
        </p>
      )}
      {needsExemption(o) && canExempt && <Exemption offer={o} onExempted={onExempted} />}
      <table className="parts">
        <caption>The score's parts</caption>
        <thead>
          <tr>
            <th scope="col">Factor</th>
            <th scope="col" className="num">
              Weight
            </th>
            <th scope="col" className="num">
              Points
            </th>
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

function OfferForm({
  searchId,
  settingId,
  setSettingId,
  onOffered,
}: {
  searchId: string;
  settingId: string;
  setSettingId: (s: string) => void;
  onOffered: () => void;
}) {
  const api = useApi();
  const [matches, setMatches] = useState<Match[]>([]);
  const [fee, setFee] = useState('');
  const [startDate, setStartDate] = useState('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<unknown>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    unwrap(api.commissioning.GET('/searches/{id}/matches', { params: { path: { id: searchId }, query: { take: 100 } } })).then(
      (m) => setMatches(m.matches),
      setError,
    );
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
    if (!/^\d{1,7}(\.\d{1,2})?$/.test(fee.trim()) || Number(fee) <= 0)
      errs.push({ field: 'weekly fee', reason: 'enter pounds, like 6050 or 6050.50' });
    if (!startDate) errs.push({ field: 'start date', reason: 'enter the day the placement would start' });
    if (errs.length) {
      setError(new ApiError(400, 'Check the offer before entering it', errs));
      return box.current?.focus();
    }
    try {
      await unwrap(
        api.commissioning.POST('/searches/{id}/offers', {
          params: { path: { id: searchId } },
          body: { settingId, weeklyFeePence: Math.round(Number(fee) * 100), startDate, ...(notes.trim() ? { notes: notes.trim() } : {}) },
        }),
      );
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
              {m.inHouse ? ', in-house' : ''}), {pounds(m.weeklyPricePence)} a week
              {m.failedGates.length ? `, fails: ${m.failedGates.join(', ')}` : ''}
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

/** An offer from a setting rated Inadequate that no one has exempted yet. */
const needsExemption = (o: Offer) => !o.exemption && o.gates.some((g) => g.id === 'ofsted-rating' && !g.passed);

/** A head of service (or above) exempts an offer from a setting rated Inadequate, with the reason: then it can be awarded. */
function Exemption({ offer: o, onExempted }: { offer: Offer; onExempted: () => void }) {
  const api = useApi();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const id = `exempt-${o.id}`;
  const f = useFormErrors({ reason: id });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    f.clear();
    if (reason.trim().length < 3)
      return f.invalid({ [id]: "Say why this placement is in the child's interests despite the rating" }, 'Check the exemption');
    setBusy(true);
    try {
      await unwrap(api.commissioning.POST('/offers/{id}/exemption', { params: { path: { id: o.id } }, body: { reason: reason.trim() } }));
      onExempted();
    } catch (err) {
      f.refused(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="exemption" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>Exemption for a setting rated Inadequate</h4>
      <ErrorSummary boxRef={f.boxRef} message={f.message} errors={f.errors} others={f.others} />
      <Field
        id={id}
        label="Why the placement is in the child's interests"
        hint="Recorded in your name with the offer's gates; the offer can then be awarded"
        error={f.errors[id]}
      >
        <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <button type="submit" disabled={busy}>
        Record exemption
      </button>
    </form>
  );
}

const SENT_STATUS: Record<string, string> = { SENT: 'Waiting for an answer', OFFERED: 'Offered', DECLINED: 'Declined', CLOSED: 'Closed' };

/** Who the search has gone to, round by round, and what they answered. */
function Referrals({ search: s, providers }: { search: SearchDetail; providers: Record<string, string> }) {
  return (
    <>
      <h2>Sent to providers</h2>
      {s.referrals.length === 0 ? (
        <p>No provider has been sent this search.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Providers sent this search, by round</caption>
          <thead>
            <tr>
              <th scope="col">Round</th>
              <th scope="col">Provider</th>
              <th scope="col">Route</th>
              <th scope="col">Answer</th>
            </tr>
          </thead>
          <tbody>
            {s.referrals.map((r) => (
              <tr key={r.id}>
                <td>{r.round}</td>
                <td>{providers[r.providerId] ?? 'A provider'}</td>
                <td>{route(r.route)}</td>
                <td>
                  {SENT_STATUS[r.status] ?? r.status}
                  {r.declineReason ? `: ${r.declineReason}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** Sends the search to the next round: the next framework tier, then the DPS, then spot purchase. */
function Widen({ search: s, onSent }: { search: SearchDetail; onSent: (s: SearchDetail) => void }) {
  const api = useApi();
  const [sent, setSent] = useState<SearchSent['sent'] | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const widen = async () => {
    setError(null);
    setSent(undefined);
    setBusy(true);
    try {
      const r = await unwrap(api.commissioning.POST('/searches/{id}/widen', { params: { path: { id: s.id } } }));
      setSent(r.sent);
      onSent(r);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      setTimeout(() => box.current?.focus(), 0);
    }
  };
  return (
    <section aria-labelledby="widen-h" className="panel-box">
      <h2 id="widen-h">Send to more providers</h2>
      <p className="hint">
        {s.stage === 'SPOT' ? 'The search has gone out for spot purchase.' : `Sent in ${s.round} round${s.round === 1 ? '' : 's'} so far.`}{' '}
        The next round goes to the next framework tier, then the dynamic purchasing system, then spot purchase.
      </p>
      <div ref={box} tabIndex={-1}>
        <Problem error={error} />
        {sent && (
          <p role="status" className="result-ok">
            Round {sent.round} sent to {sent.providersSent} provider{sent.providersSent === 1 ? '' : 's'} (
            {sent.routes.map(route).join(', ')});{' '}
            {sent.roundsLeft === 0 ? 'no rounds are left.' : `${sent.roundsLeft} round${sent.roundsLeft === 1 ? '' : 's'} left.`}
          </p>
        )}
      </div>
      <button type="button" className="secondary" disabled={busy} onClick={() => void widen()}>
        Send to the next round
      </button>
    </section>
  );
}

const NEED = /^[A-Z0-9_]{2,40}$/;
const coordinate = (text: string, min: number, max: number) =>
  text.trim() === ''
    ? undefined
    : /^-?\d{1,3}(\.\d+)?$/.test(text.trim()) && Number(text) >= min && Number(text) <= max
      ? Number(text)
      : null;

/** The matching profile: the child's needs, where home and school are (an area, not an address) and siblings; the ranking uses it. */
function Profile({ search: s, canEdit, onSaved }: { search: SearchDetail; canEdit: boolean; onSaved: (s: SearchDetail) => void }) {
  const api = useApi();
  const p = s.profile;
  const [needs, setNeeds] = useState(p.needs.join(', '));
  const [homeLat, setHomeLat] = useState(p.home ? String(p.home.lat) : '');
  const [homeLng, setHomeLng] = useState(p.home ? String(p.home.lng) : '');
  const [schoolLat, setSchoolLat] = useState(p.school ? String(p.school.lat) : '');
  const [schoolLng, setSchoolLng] = useState(p.school ? String(p.school.lng) : '');
  const [siblings, setSiblings] = useState(String(p.siblings));
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const f = useFormErrors({
    needs: 'profile-needs',
    'home.lat': 'profile-home-lat',
    'home.lng': 'profile-home-lng',
    home: 'profile-home-lat',
    'school.lat': 'profile-school-lat',
    'school.lng': 'profile-school-lng',
    school: 'profile-school-lat',
    siblings: 'profile-siblings',
  });
  const summary = `${p.needs.length ? `needs ${p.needs.join(', ')}` : 'no needs recorded'}; home ${p.home ? 'set' : 'not set'}; school ${p.school ? 'set' : 'not set'}; ${p.siblings} sibling${p.siblings === 1 ? '' : 's'}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    f.clear();
    setSaved(false);
    const errs: Errors = {};
    const list = needs
      .split(/[,\s]+/)
      .map((n) => n.trim().toUpperCase())
      .filter(Boolean);
    const bad = list.filter((n) => !NEED.test(n));
    if (bad.length) errs['profile-needs'] = `Use need codes such as EBD or CSE_RISK (not ${bad.join(', ')})`;
    const point = (lat: string, lng: string, key: string) => {
      const a = coordinate(lat, 49.8, 60.9);
      const b = coordinate(lng, -8.7, 1.8);
      if (a === null) errs[`profile-${key}-lat`] = 'Enter a latitude in England, like 52.81';
      if (b === null) errs[`profile-${key}-lng`] = 'Enter a longitude in England, like -2.12';
      if (a !== null && b !== null && (a === undefined) !== (b === undefined))
        errs[`profile-${key}-${a === undefined ? 'lat' : 'lng'}`] = 'Enter both the latitude and the longitude, or neither';
      return typeof a === 'number' && typeof b === 'number' ? { lat: a, lng: b } : null;
    };
    const home = point(homeLat, homeLng, 'home');
    const school = point(schoolLat, schoolLng, 'school');
    if (!/^\d{1,2}$/.test(siblings.trim()) || Number(siblings) > 10) errs['profile-siblings'] = 'Enter a number from 0 to 10';
    if (Object.keys(errs).length) return f.invalid(errs, 'Check the matching profile');
    setBusy(true);
    try {
      const r = await unwrap(
        api.commissioning.PUT('/searches/{id}/profile', {
          params: { path: { id: s.id } },
          body: { needs: list, home, school, siblings: Number(siblings) },
        }),
      );
      setNeeds(r.profile.needs.join(', '));
      setSaved(true);
      onSaved(r);
    } catch (err) {
      f.refused(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="panel-box profile">
      <summary>Matching profile: {summary}</summary>
      {!canEdit ? (
        <p>The search is no longer open.</p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Matching profile">
          <p className="hint">
            The ranking scores each setting against these. Record where home and school are as an area (a point near them), never an
            address.
          </p>
          <ErrorSummary boxRef={f.boxRef} message={f.message} errors={f.errors} others={f.others} />
          <Field
            id="profile-needs"
            label="Needs"
            hint="Codes separated by commas, such as EBD, CSE_RISK or DISABILITY"
            error={f.errors['profile-needs']}
          >
            <input value={needs} onChange={(e) => setNeeds(e.target.value)} autoComplete="off" />
          </Field>
          <div className="pair">
            <Field id="profile-home-lat" label="Home area latitude" error={f.errors['profile-home-lat']}>
              <input inputMode="decimal" value={homeLat} onChange={(e) => setHomeLat(e.target.value)} autoComplete="off" />
            </Field>
            <Field id="profile-home-lng" label="Home area longitude" error={f.errors['profile-home-lng']}>
              <input inputMode="decimal" value={homeLng} onChange={(e) => setHomeLng(e.target.value)} autoComplete="off" />
            </Field>
          </div>
          <div className="pair">
            <Field id="profile-school-lat" label="School area latitude" error={f.errors['profile-school-lat']}>
              <input inputMode="decimal" value={schoolLat} onChange={(e) => setSchoolLat(e.target.value)} autoComplete="off" />
            </Field>
            <Field id="profile-school-lng" label="School area longitude" error={f.errors['profile-school-lng']}>
              <input inputMode="decimal" value={schoolLng} onChange={(e) => setSchoolLng(e.target.value)} autoComplete="off" />
            </Field>
          </div>
          <Field id="profile-siblings" label="Brothers and sisters to be placed together" error={f.errors['profile-siblings']}>
            <input inputMode="numeric" value={siblings} onChange={(e) => setSiblings(e.target.value)} autoComplete="off" />
          </Field>
          <button type="submit" disabled={busy}>
            Save profile
          </button>
          {saved && (
            <p role="status" className="ok">
              Profile saved: the offers are ranked again.
            </p>
          )}
        </form>
      )}
    </details>
  );
}
