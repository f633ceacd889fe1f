import { addCalendarDays, londonToday } from '@placewise/contracts/dates';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, day, pounds, unwrap } from '../api/client';
import type { NoticeGiven, Placement, PriceChangeResult } from '../api/views';
import { END_REASONS, label, LOCATIONS, PLACEMENT_STATUSES, PLACEMENT_TYPES, PRICE_REASONS, REVIEW_KINDS } from '../labels';
import { can, useApi, useSession } from '../session';
import { Problem } from './CasePapers';
import { Due, dueIn, ErrorSummary, Field, Radios, toPence, useFormErrors, type Errors } from './FormParts';

const WINDOWS = [7, 14, 28, 56, 91];
const STATUS_FILTERS: [string, string][] = [
  ['RUNNING', 'Active and under notice'],
  ['ACTIVE', 'Active'],
  ['NOTICE_GIVEN', 'Under notice'],
  ['ENDED', 'Ended'],
];

/** "Brightwater Lodge (Brightwater Care Ltd): Private children's home, child aged 14". */
const title = (p: Placement) => `${p.setting} (${p.provider}): ${label(PLACEMENT_TYPES, p.placementType)}, child aged ${p.childAge}`;

/** What is due on a placement within the horizon, soonest first: its notice's last day and its next review. */
function dueItems(p: Placement, horizon?: string): { what: string; date: string; hint?: string }[] {
  const items: { what: string; date: string; hint?: string }[] = [];
  if (p.status === 'NOTICE_GIVEN' && p.notice?.endDate) items.push({ what: 'Notice ends (last day)', date: p.notice.endDate });
  if (p.nextReview) items.push({ what: label(REVIEW_KINDS, p.nextReview.kind), date: p.nextReview.due, hint: p.nextReview.regulation });
  return items.filter((i) => !horizon || i.date <= horizon).sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Placements: those with a review or the end of a notice due soonest first (with countdowns), then
 * every placement by status. A commissioner sees the council's; a provider its own.
 */
export function Placements() {
  const api = useApi();
  const { user } = useSession();
  const [within, setWithin] = useState(28);
  const [due, setDue] = useState<Placement[] | null>(null);
  const [status, setStatus] = useState('RUNNING');
  const [all, setAll] = useState<Placement[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setDue(null);
    unwrap(api.commissioning.GET('/placements', { params: { query: { due: 'any', within, take: 200 } } })).then(setDue, setError);
  }, [api, within]);
  useEffect(() => {
    setAll(null);
    const query = status === 'RUNNING' ? { take: 200 } : { status: status as 'ACTIVE', take: 200 };
    unwrap(api.commissioning.GET('/placements', { params: { query } })).then(
      (ps) => setAll(status === 'RUNNING' ? ps.filter((p) => p.status !== 'ENDED') : ps),
      setError,
    );
  }, [api, status]);
  const horizon = addCalendarDays(londonToday(), within);
  const provider = can(user, 'provider') && !can(user, 'commissioner');
  return (
    <>
      <h1>Placements</h1>
      <p className="lede">
        {provider
          ? "Your placements for this council. Reviews of the child's case are the council's; you are asked to contribute."
          : "Reviews of each child's case fall due by law (CPPCR 2010 reg 33: the first within 20 working days, the second within 3 months of it, then every 6 months, and before a placement ends); a notice's last day is when the child must have moved."}
      </p>
      <Problem error={error} />
      <section aria-labelledby="due-h">
        <h2 id="due-h">Review or notice due</h2>
        <label htmlFor="due-within">Due within</label>
        <select id="due-within" value={within} onChange={(e) => setWithin(Number(e.target.value))}>
          {WINDOWS.map((w) => (
            <option key={w} value={w}>
              {w} days
            </option>
          ))}
        </select>
        {due === null && !error && <p>Loading…</p>}
        {due && due.length === 0 && <p>Nothing is due in the next {within} days.</p>}
        {due && due.length > 0 && (
          <table>
            <caption className="visually-hidden">
              Placements with a review or the end of a notice due within {within} days, soonest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Placement</th>
                <th scope="col">What is due</th>
                <th scope="col" className="num">
                  Weekly cost
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {due.map((p) => (
                <tr key={p.id} className={dueItems(p, horizon).some((i) => dueIn(i.date).overdue) ? 'row-overdue' : undefined}>
                  <td>
                    <Link to={`/placements/${p.id}`}>{title(p)}</Link>
                  </td>
                  <td>
                    <ul className="due-list">
                      {dueItems(p, horizon).map((i) => (
                        <li key={i.what}>
                          {i.what} by <time dateTime={i.date}>{day(i.date)}</time> <Due date={i.date} />
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="num">{pounds(p.weeklyCostPence)}</td>
                  <td>{label(PLACEMENT_STATUSES, p.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="all-h">
        <h2 id="all-h">All placements</h2>
        <label htmlFor="placement-status">Show</label>
        <select id="placement-status" value={status} onChange={(e) => setStatus(e.target.value)}>
          {STATUS_FILTERS.map(([v, t]) => (
            <option key={v} value={v}>
              {t}
            </option>
          ))}
        </select>
        {all === null && !error && <p>Loading…</p>}
        {all && all.length === 0 && <p>No placements.</p>}
        {all && all.length > 0 && (
          <table>
            <caption className="visually-hidden">Placements, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Placement</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col" className="num">
                  Weekly cost
                </th>
                <th scope="col">Next review</th>
              </tr>
            </thead>
            <tbody>
              {all.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/placements/${p.id}`}>{title(p)}</Link>
                  </td>
                  <td>{label(PLACEMENT_STATUSES, p.status)}</td>
                  <td>{p.startDate ? day(p.startDate) : ''}</td>
                  <td className="num">{pounds(p.weeklyCostPence)}</td>
                  <td>{p.nextReviewDue ? day(p.nextReviewDue) : 'None (ended)'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

/** A placement: its agreement, what is due, its price changes; a commissioner changes the price, records notice or ends it; a provider gives notice. */
export function PlacementPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const { user } = useSession();
  const [p, setP] = useState<Placement | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<
    { kind: 'price'; r: PriceChangeResult; status: number } | { kind: 'notice'; r: NoticeGiven } | { kind: 'ended'; r: Placement } | null
  >(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const load = useCallback(
    () => unwrap(api.commissioning.GET('/placements/{id}', { params: { path: { id } } })).then(setP, setError),
    [api, id],
  );
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);
  if (error instanceof ApiError && error.status === 404)
    return (
      <p role="alert" className="error-summary">
        There is no such placement that you can see.
      </p>
    );
  if (!p) return error ? <Problem error={error} /> : <p>Loading…</p>;
  const commissioner = can(user, 'commissioner');
  const provider = can(user, 'provider') && !commissioner;
  const pending = p.priceChanges?.some((c) => c.status === 'AWAITING_REAPPROVAL');
  const done = (r: NonNullable<typeof result>) => {
    setResult(r);
    void load();
  };
  return (
    <>
      <p>
        <Link to="/placements">All placements</Link>
      </p>
      <h1>
        {p.setting}: {label(PLACEMENT_TYPES, p.placementType)}
      </h1>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <span className="status">{label(PLACEMENT_STATUSES, p.status)}</span>
        </dd>
        <dt>Provider</dt>
        <dd>
          {p.provider}
          {p.provision === 'IN_HOUSE' ? ' (in-house)' : ''}
        </dd>
        <dt>Child</dt>
        <dd>Aged {p.childAge} when placed</dd>
        <dt>Where</dt>
        <dd>{label(LOCATIONS, p.location) || 'Not assessed'}</dd>
        <dt>Started</dt>
        <dd>{p.startDate ? day(p.startDate) : ''}</dd>
        {p.plannedEndDate && (
          <>
            <dt>Planned end</dt>
            <dd>{day(p.plannedEndDate)}</dd>
          </>
        )}
        <dt>Weekly cost</dt>
        <dd>
          {pounds(p.weeklyCostPence)}
          <span className="hint">
            Agreed at the start: a fee of {pounds(p.agreement.weeklyFeePence)} a week
            {Array.isArray(p.agreement.additionalServices) && p.agreement.additionalServices.length ? ', with additional services' : ''}
          </span>
        </dd>
        {p.approvedCeilingPence !== null && (
          <>
            <dt>Approved up to</dt>
            <dd>{pounds(p.approvedCeilingPence)} a week</dd>
          </>
        )}
        <dt>Notice period</dt>
        <dd>
          {p.noticeWeeks} week{p.noticeWeeks === 1 ? '' : 's'} (the provider may not move the child without the council's written approval)
        </dd>
        <dt>Next review</dt>
        <dd>
          {p.nextReview ? (
            <>
              {label(REVIEW_KINDS, p.nextReview.kind)} by <time dateTime={p.nextReview.due}>{day(p.nextReview.due)}</time>{' '}
              <Due date={p.nextReview.due} />
              <span className="hint">
                {p.nextReview.regulation}. Counted from this placement's start; the IRO's record of the reviews held governs.
              </span>
            </>
          ) : (
            'None: the placement has ended'
          )}
        </dd>
        {p.notice && (
          <>
            <dt>Notice</dt>
            <dd>
              Given by the {p.notice.givenBy === 'PROVIDER' ? 'provider' : 'council'}
              {p.notice.givenOn ? ` on ${day(p.notice.givenOn)}` : ''}
              {p.notice.endDate && (
                <>
                  ; the last day is <time dateTime={p.notice.endDate}>{day(p.notice.endDate)}</time>{' '}
                  {p.status === 'NOTICE_GIVEN' && <Due date={p.notice.endDate} />}
                </>
              )}
              {p.notice.replacementSearchId && commissioner && (
                <>
                  {' · '}
                  <Link to={`/searches/${p.notice.replacementSearchId}`}>The replacement search</Link>
                </>
              )}
            </dd>
          </>
        )}
        {p.status === 'ENDED' && (
          <>
            <dt>Ended</dt>
            <dd>
              {p.endDate ? day(p.endDate) : ''} ({label(END_REASONS, p.endReason)})
            </dd>
          </>
        )}
      </dl>

      <div ref={resultRef} tabIndex={-1}>
        {result?.kind === 'price' && result.status === 201 && (
          <div role="status" className="result-ok">
            <h2>Price changed</h2>
            <p>
              {pounds(result.r.weeklyCostPence)} a week from {day(result.r.effectiveFrom)} (was {pounds(result.r.previousWeeklyPence)}).
              Finance has been told.
            </p>
          </div>
        )}
        {result?.kind === 'price' && result.status === 202 && (
          <div role="status" className="result-held">
            <h2>Not changed yet: sent for re-approval</h2>
            <p>
              {pounds(result.r.weeklyCostPence)} a week (from {pounds(result.r.previousWeeklyPence)}) is above the council's limits for a
              price variation, so it goes back for approval. The placement stays at {pounds(result.r.previousWeeklyPence)} a week until it
              is decided; the new price applies from {day(result.r.effectiveFrom)} if it is approved.
            </p>
          </div>
        )}
        {result?.kind === 'notice' && (
          <div role="status" className="result-ok">
            <h2>Notice recorded</h2>
            <p>
              The placement ends on {result.r.notice?.endDate ? day(result.r.notice.endDate) : 'the date given'}.
              {result.r.shortNotice ? ' That is shorter than the notice period in the agreement.' : ''}{' '}
              {result.r.notice?.replacementSearchId ? (
                commissioner ? (
                  <>
                    A replacement search is open:{' '}
                    <Link to={`/searches/${result.r.notice.replacementSearchId}`}>open the replacement search</Link>.
                  </>
                ) : (
                  'The council is looking for a new placement.'
                )
              ) : (
                'No replacement search was opened.'
              )}
            </p>
          </div>
        )}
        {result?.kind === 'ended' && (
          <div role="status" className="result-ok">
            <h2>Placement ended</h2>
            <p>
              The last day was {result.r.endDate ? day(result.r.endDate) : ''}. The vacancy has gone back to {result.r.setting}, and finance
              stops the commitment.
            </p>
          </div>
        )}
      </div>

      {p.priceChanges && p.priceChanges.length > 0 && (
        <table>
          <caption>Price changes</caption>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col" className="num">
                Was
              </th>
              <th scope="col" className="num">
                Now
              </th>
              <th scope="col">Reason</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {p.priceChanges.map((c) => (
              <tr key={c.id}>
                <td>{c.effectiveFrom ? day(c.effectiveFrom) : ''}</td>
                <td className="num">{pounds(c.previousWeeklyPence)}</td>
                <td className="num">{pounds(c.weeklyCostPence)}</td>
                <td>{label(PRICE_REASONS, c.reason)}</td>
                <td>{c.status === 'AWAITING_REAPPROVAL' ? 'Waiting for re-approval' : c.status === 'APPLIED' ? 'Applied' : 'Declined'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {commissioner && p.status !== 'ENDED' && (
        <>
          <PriceChangeForm placement={p} pending={!!pending} onDone={(r, status) => done({ kind: 'price', r, status })} />
          {p.status === 'ACTIVE' && <NoticeForm placement={p} asProvider={false} onDone={(r) => done({ kind: 'notice', r })} />}
          <EndForm placement={p} onDone={(r) => done({ kind: 'ended', r })} />
        </>
      )}
      {provider && p.status === 'ACTIVE' && <NoticeForm placement={p} asProvider onDone={(r) => done({ kind: 'notice', r })} />}
    </>
  );
}

function PriceChangeForm({
  placement: p,
  pending,
  onDone,
}: {
  placement: Placement;
  pending: boolean;
  onDone: (r: PriceChangeResult, status: number) => void;
}) {
  const api = useApi();
  const [amount, setAmount] = useState('');
  const [from, setFrom] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const f = useFormErrors({ weeklyCostPence: 'price-amount', effectiveFrom: 'price-from', reason: 'price-reason' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    f.clear();
    const pence = toPence(amount);
    const errs: Errors = {};
    if (pence === null || pence <= 0) errs['price-amount'] = 'Enter the new weekly total in pounds, like 4750 or 4750.50';
    else if (pence === p.weeklyCostPence) errs['price-amount'] = `The price is already ${pounds(p.weeklyCostPence)} a week`;
    if (!from) errs['price-from'] = 'Enter the day the new price takes effect';
    else if (p.startDate && from < p.startDate)
      errs['price-from'] = `The new price cannot take effect before the placement started (${day(p.startDate)})`;
    else if (reason === 'ANNUAL_UPLIFT' && !from.endsWith('-04-01')) errs['price-from'] = 'An annual uplift takes effect on 1 April';
    if (!reason) errs['price-reason'] = 'Choose why the price changes';
    if (Object.keys(errs).length) return f.invalid(errs, 'Check the price change');
    setBusy(true);
    try {
      const res = await api.commissioning.POST('/placements/{id}/price-changes', {
        params: { path: { id: p.id } },
        body: { weeklyCostPence: pence!, effectiveFrom: from, reason: reason as 'VARIATION' },
      });
      const body = await unwrap(Promise.resolve(res));
      setAmount('');
      setFrom('');
      setReason('');
      onDone(body, res.response.status);
    } catch (err) {
      f.refused(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="price-h" className="panel-box">
      <h2 id="price-h">Change the weekly price</h2>
      <p className="hint">
        A rise above the council's limits (by default more than 5% or more than £250 a week) goes back for approval before it applies.
        {pending ? ' A change is already waiting for re-approval.' : ''}
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary boxRef={f.boxRef} message={f.message} errors={f.errors} others={f.others} />
        <Field
          id="price-amount"
          label="New weekly total (£)"
          hint={`Fee and additional services; now ${pounds(p.weeklyCostPence)}`}
          error={f.errors['price-amount']}
        >
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} autoComplete="off" />
        </Field>
        <Field id="price-from" label="Takes effect from" error={f.errors['price-from']}>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Radios
          name="price-reason"
          legend="Why the price changes"
          error={f.errors['price-reason']}
          options={Object.entries(PRICE_REASONS)}
          value={reason}
          onChange={setReason}
        />
        <button type="submit" disabled={busy}>
          Change price
        </button>
      </form>
    </section>
  );
}

function NoticeForm({ placement: p, asProvider, onDone }: { placement: Placement; asProvider: boolean; onDone: (r: NoticeGiven) => void }) {
  const api = useApi();
  const [givenBy, setGivenBy] = useState(asProvider ? 'PROVIDER' : '');
  const [givenOn, setGivenOn] = useState('');
  const [endDate, setEndDate] = useState('');
  const [replace, setReplace] = useState(true);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const f = useFormErrors({ givenBy: 'notice-by', givenOn: 'notice-on', endDate: 'notice-end', reason: 'notice-reason' });
  const today = londonToday();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    f.clear();
    const errs: Errors = {};
    if (!givenBy) errs['notice-by'] = 'Choose who gave notice';
    if (givenOn && givenOn > today) errs['notice-on'] = 'Notice cannot be given on a day still to come';
    const on = givenOn || today;
    if (endDate && endDate <= on) errs['notice-end'] = `The last day must be after the notice is given (${day(on)})`;
    if (reason.trim().length < 3) errs['notice-reason'] = 'Say why notice is given';
    if (Object.keys(errs).length) return f.invalid(errs, 'Check the notice');
    setBusy(true);
    try {
      onDone(
        await unwrap(
          api.commissioning.POST('/placements/{id}/notice', {
            params: { path: { id: p.id } },
            body: {
              givenBy: givenBy as 'PROVIDER',
              reason: reason.trim(),
              ...(givenOn ? { givenOn } : {}),
              ...(endDate ? { endDate } : {}),
              ...(asProvider ? {} : { replace: givenBy === 'PROVIDER' || replace }),
            },
          }),
        ),
      );
    } catch (err) {
      f.refused(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="notice-h" className="panel-box">
      <h2 id="notice-h">{asProvider ? 'Give notice' : 'Record notice'}</h2>
      <p className="hint">
        {asProvider
          ? `The agreement's notice period is ${p.noticeWeeks} weeks. The council opens a search for a new placement at once.`
          : `The agreement's notice period is ${p.noticeWeeks} weeks. A review of the child's case is due before the placement ends (CPPCR reg 14(1) and reg 32(2)).`}
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary boxRef={f.boxRef} message={f.message} errors={f.errors} others={f.others} />
        {!asProvider && (
          <Radios
            name="notice-by"
            legend="Who gave notice"
            error={f.errors['notice-by']}
            options={[
              ['PROVIDER', 'The provider'],
              ['COUNCIL', 'The council'],
            ]}
            value={givenBy}
            onChange={setGivenBy}
          />
        )}
        <Field id="notice-on" label="Notice given on (optional)" hint="Today if left empty" error={f.errors['notice-on']}>
          <input type="date" value={givenOn} max={today} onChange={(e) => setGivenOn(e.target.value)} />
        </Field>
        <Field
          id="notice-end"
          label="Last day of the placement (optional)"
          hint={`${p.noticeWeeks} weeks from the day notice is given if left empty`}
          error={f.errors['notice-end']}
        >
          <input type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} />
        </Field>
        {!asProvider && givenBy === 'COUNCIL' && (
          <label className="radio">
            <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> Open a replacement search now
          </label>
        )}
        <Field id="notice-reason" label="Why notice is given" error={f.errors['notice-reason']}>
          <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <button type="submit" disabled={busy}>
          {asProvider ? 'Give notice' : 'Record notice'}
        </button>
      </form>
    </section>
  );
}

function EndForm({ placement: p, onDone }: { placement: Placement; onDone: (r: Placement) => void }) {
  const api = useApi();
  const [endDate, setEndDate] = useState(p.notice?.endDate ?? '');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const f = useFormErrors({ endDate: 'end-date', reason: 'end-reason' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    f.clear();
    const errs: Errors = {};
    if (!endDate) errs['end-date'] = 'Enter the last day of the placement';
    if (!reason) errs['end-reason'] = 'Choose why the placement ends';
    if (Object.keys(errs).length) return f.invalid(errs, 'Check the end of the placement');
    setBusy(true);
    try {
      onDone(
        await unwrap(
          api.commissioning.POST('/placements/{id}/end', {
            params: { path: { id: p.id } },
            body: { endDate, reason: reason as 'PLANNED_END' },
          }),
        ),
      );
    } catch (err) {
      f.refused(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="end-h" className="panel-box">
      <h2 id="end-h">End the placement</h2>
      <p className="hint">
        Except where there is an immediate risk of significant harm, the council ends a placement only after a review of the child's case
        (CPPCR reg 14). The vacancy goes back to the setting.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary boxRef={f.boxRef} message={f.message} errors={f.errors} others={f.others} />
        <Field id="end-date" label="Last day of the placement" error={f.errors['end-date']}>
          <input type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} />
        </Field>
        <Field id="end-reason" label="Why it ends" error={f.errors['end-reason']}>
          <select value={reason} onChange={(e) => setReason(e.target.value)}>
            <option value="">Choose the reason</option>
            {Object.entries(END_REASONS).map(([v, t]) => (
              <option key={v} value={v}>
                {t}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" disabled={busy}>
          End placement
        </button>
      </form>
    </section>
  );
}
