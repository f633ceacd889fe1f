import { londonToday } from '@placewise/contracts/dates';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, countdown, day, pounds, unwrap, when } from '../api/client';
import type { OfferListItem, ProviderSetting, Referral, ReferralDetail } from '../api/views';
import { label, LOCATIONS, need, OFFER_STATUSES, PLACEMENT_TYPES, REFERRAL_STATUSES, route, URGENCIES } from '../labels';
import { useApi } from '../session';
import { ErrorSummary, Field, toPence, useFormErrors, type Errors } from '../components/FormParts';
import { Problem } from '../components/Problem';

/**
 * A provider's own pages: the referrals councils sent it (a child's age and needs, never who the
 * child is, nor what the council may pay), the offers it made, and its placements (Placements.tsx).
 */

const waitingFirst = (a: Referral, b: Referral) =>
  Number(b.status === 'SENT' && b.search.open) - Number(a.status === 'SENT' && a.search.open) ||
  a.search.deadline.localeCompare(b.search.deadline);

const what = (r: Referral) => `${label(PLACEMENT_TYPES, r.search.placementType)} for a child aged ${r.search.childAge}`;

export function ProviderReferrals() {
  const api = useApi();
  const [rows, setRows] = useState<Referral[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    unwrap(api.commissioning.GET('/referrals', { params: { query: { take: 200 } } })).then(
      (rs) => setRows([...rs].sort(waitingFirst)),
      setError,
    );
  }, [api]);
  return (
    <>
      <h1>Referrals</h1>
      <p className="lede">
        Searches the council has sent you, those waiting for your answer first. You see the child's age and needs, not who the child is.
      </p>
      <Problem error={error} />
      {rows === null && !error && <p>Loading…</p>}
      {rows && rows.length === 0 && <p>No referrals have been sent to you.</p>}
      {rows && rows.length > 0 && (
        <table>
          <caption className="visually-hidden">Referrals sent to you, those waiting for your answer first</caption>
          <thead>
            <tr>
              <th scope="col">Referral</th>
              <th scope="col">Urgency</th>
              <th scope="col">Needs</th>
              <th scope="col">Answer by</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const due = countdown(r.search.deadline);
              return (
                <tr key={r.id}>
                  <td>
                    <Link to={`/provider/referrals/${r.id}`}>{what(r)}</Link>
                    <span className="hint">
                      {route(r.route)}, round {r.round}
                    </span>
                  </td>
                  <td>{label(URGENCIES, r.search.urgency).split(' (')[0]}</td>
                  <td>{r.search.needs.length ? r.search.needs.map(need).join(', ') : 'None recorded'}</td>
                  <td>
                    <time dateTime={r.search.deadline}>{when(r.search.deadline)}</time>
                    {r.search.open && r.status === 'SENT' && <span className={due.overdue ? 'over' : ''}> ({due.text})</span>}
                  </td>
                  <td>{r.search.open ? label(REFERRAL_STATUSES, r.status) : 'The search has closed'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

export function ProviderReferralPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const [r, setR] = useState<ReferralDetail | null>(null);
  const [settings, setSettings] = useState<ProviderSetting[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const load = useCallback(
    () => unwrap(api.commissioning.GET('/referrals/{id}', { params: { path: { id } } })).then(setR, setError),
    [api, id],
  );
  useEffect(() => {
    void load();
    unwrap(api.commissioning.GET('/providers')).then(
      (ps) => setSettings(ps.flatMap((p) => p.settings)),
      () => undefined,
    );
  }, [api, load]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  if (error instanceof ApiError && error.status === 404)
    return (
      <p role="alert" className="error-summary">
        There is no such referral sent to you.
      </p>
    );
  if (!r) return error ? <Problem error={error} /> : <p>Loading…</p>;
  const canAnswer = r.search.open && r.status !== 'DECLINED' && r.status !== 'CLOSED';
  const due = countdown(r.search.deadline);
  return (
    <>
      <p>
        <Link to="/provider/referrals">All referrals</Link>
      </p>
      <h1>{what(r)}</h1>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <span className="status">{r.search.open ? label(REFERRAL_STATUSES, r.status) : 'The search has closed'}</span>
        </dd>
        <dt>Urgency</dt>
        <dd>{label(URGENCIES, r.search.urgency)}</dd>
        <dt>Needs</dt>
        <dd>{r.search.needs.length ? r.search.needs.map(need).join(', ') : 'None recorded yet'}</dd>
        <dt>Brothers and sisters</dt>
        <dd>{r.search.siblings ? `${r.search.siblings} to be placed together` : 'None to be placed together'}</dd>
        <dt>Where</dt>
        <dd>{label(LOCATIONS, r.search.location)}</dd>
        <dt>Answer by</dt>
        <dd>
          <time dateTime={r.search.deadline}>{when(r.search.deadline)}</time>{' '}
          {canAnswer && <span className={due.overdue ? 'over' : ''}>({due.text})</span>}
        </dd>
        <dt>Sent</dt>
        <dd>
          {when(r.sentAt)}, {route(r.route)} (round {r.round})
        </dd>
        {r.declineReason && (
          <>
            <dt>You declined</dt>
            <dd>{r.declineReason}</dd>
          </>
        )}
      </dl>
      <div ref={doneRef} tabIndex={-1}>
        {done && (
          <p role="status" className="result-ok">
            {done}
          </p>
        )}
      </div>
      <h2>Your offers</h2>
      {r.offers.length === 0 && <p>You have not offered yet.</p>}
      {r.offers.length > 0 && (
        <ul className="cards">
          {r.offers.map((o) => {
            const failed = o.gates.filter((g) => !g.passed);
            return (
              <li key={o.id} className="card" aria-labelledby={`offer-${o.id}`}>
                <h3 id={`offer-${o.id}`}>{o.setting}</h3>
                <dl className="facts">
                  <dt>Weekly total</dt>
                  <dd>{pounds(o.totalWeeklyPence)}</dd>
                  <dt>Starts</dt>
                  <dd>{day(o.startDate)}</dd>
                  <dt>Status</dt>
                  <dd>{label(OFFER_STATUSES, o.status)}</dd>
                </dl>
                <p className={failed.length ? 'fail' : 'pass'}>
                  {failed.length ? `Fails: ${failed.map((g) => g.text).join('; ')}` : 'Passes every check the council makes'}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {canAnswer && (
        <OfferForm
          referralId={r.id}
          settings={settings}
          onOffered={(name) => {
            setDone(`Your offer of ${name} has been sent to the council.`);
            void load();
          }}
        />
      )}
      {canAnswer && r.status === 'SENT' && (
        <DeclineForm
          referralId={r.id}
          onDeclined={() => {
            setDone('You have declined this referral. The council has been told.');
            void load();
          }}
        />
      )}
    </>
  );
}

function OfferForm({
  referralId,
  settings,
  onOffered,
}: {
  referralId: string;
  settings: ProviderSetting[];
  onOffered: (setting: string) => void;
}) {
  const api = useApi();
  const [settingId, setSettingId] = useState('');
  const [fee, setFee] = useState('');
  const [startDate, setStartDate] = useState('');
  const [extra, setExtra] = useState('');
  const [extraWhat, setExtraWhat] = useState('');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const f = useFormErrors({
    settingId: 'ref-setting',
    weeklyFeePence: 'ref-fee',
    startDate: 'ref-start',
    additionalServices: 'ref-extra',
    notes: 'ref-notes',
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    f.clear();
    const errs: Errors = {};
    const pence = toPence(fee);
    const extraPence = extra.trim() ? toPence(extra) : 0;
    if (!settingId) errs['ref-setting'] = 'Choose the home or service you are offering';
    if (pence === null || pence <= 0) errs['ref-fee'] = 'Enter the weekly fee in pounds, like 950 or 950.50';
    if (!startDate) errs['ref-start'] = 'Enter the day the placement could start';
    else if (startDate < londonToday()) errs['ref-start'] = 'The start cannot be in the past';
    if (extraPence === null) errs['ref-extra'] = 'Enter the weekly cost of additional support in pounds, or leave it empty';
    if (Object.keys(errs).length) return f.invalid(errs, 'Check your offer');
    setBusy(true);
    try {
      await unwrap(
        api.commissioning.POST('/referrals/{id}/offers', {
          params: { path: { id: referralId } },
          body: {
            settingId,
            weeklyFeePence: pence!,
            startDate,
            ...(extraPence
              ? {
                  additionalServices: [
                    {
                      kind: 'ONE_TO_ONE' as const,
                      weeklyPence: extraPence,
                      ...(extraWhat.trim() ? { description: extraWhat.trim() } : {}),
                    },
                  ],
                }
              : {}),
            ...(notes.trim() ? { notes: notes.trim() } : {}),
          },
        }),
      );
      const name = settings.find((s) => s.id === settingId)?.name ?? 'your setting';
      setSettingId('');
      setFee('');
      setStartDate('');
      setExtra('');
      setExtraWhat('');
      setNotes('');
      onOffered(name);
    } catch (err) {
      f.refused(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="ref-offer-h" className="panel-box">
      <h2 id="ref-offer-h">Make an offer</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary boxRef={f.boxRef} message={f.message} errors={f.errors} others={f.others} />
        <Field id="ref-setting" label="Home or service" hint="One of yours with a vacancy" error={f.errors['ref-setting']}>
          <select value={settingId} onChange={(e) => setSettingId(e.target.value)}>
            <option value="">Choose the home or service</option>
            {settings.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}: {label(PLACEMENT_TYPES, s.placementType)}, ages {s.ageMin} to {s.ageMax}, {s.vacancies} vacanc
                {s.vacancies === 1 ? 'y' : 'ies'}
              </option>
            ))}
          </select>
        </Field>
        <Field id="ref-fee" label="Weekly fee (£)" error={f.errors['ref-fee']}>
          <input inputMode="decimal" value={fee} onChange={(e) => setFee(e.target.value)} autoComplete="off" />
        </Field>
        <Field id="ref-start" label="Could start on" error={f.errors['ref-start']}>
          <input type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />
        </Field>
        <Field id="ref-extra" label="Additional one-to-one support, a week (£, optional)" error={f.errors['ref-extra']}>
          <input inputMode="decimal" value={extra} onChange={(e) => setExtra(e.target.value)} autoComplete="off" />
        </Field>
        {extra.trim() && (
          <Field id="ref-extra-what" label="What the support is (optional)">
            <input value={extraWhat} onChange={(e) => setExtraWhat(e.target.value)} autoComplete="off" />
          </Field>
        )}
        <Field id="ref-notes" label="Notes for the council (optional)" error={f.errors['ref-notes']}>
          <textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </Field>
        <button type="submit" disabled={busy}>
          Send offer
        </button>
      </form>
    </section>
  );
}

function DeclineForm({ referralId, onDeclined }: { referralId: string; onDeclined: () => void }) {
  const api = useApi();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const f = useFormErrors({ reason: 'decline-reason' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    f.clear();
    if (reason.trim().length < 3) return f.invalid({ 'decline-reason': 'Say why you cannot offer' }, 'Check your answer');
    setBusy(true);
    try {
      await unwrap(
        api.commissioning.POST('/referrals/{id}/decline', { params: { path: { id: referralId } }, body: { reason: reason.trim() } }),
      );
      onDeclined();
    } catch (err) {
      f.refused(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="decline-h" className="panel-box">
      <h2 id="decline-h">Decline the referral</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary boxRef={f.boxRef} message={f.message} errors={f.errors} others={f.others} />
        <Field
          id="decline-reason"
          label="Why you cannot offer"
          hint="The council uses this to find homes that can"
          error={f.errors['decline-reason']}
        >
          <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <button type="submit" className="secondary" disabled={busy}>
          Decline referral
        </button>
      </form>
    </section>
  );
}

/** The offers the provider has made, newest first. */
export function ProviderOffers() {
  const api = useApi();
  const [rows, setRows] = useState<OfferListItem[] | null>(null);
  const [referralBySearch, setReferralBySearch] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    unwrap(api.commissioning.GET('/offers', { params: { query: { take: 200 } } })).then(setRows, setError);
    unwrap(api.commissioning.GET('/referrals', { params: { query: { take: 200 } } })).then(
      (rs) => setReferralBySearch(Object.fromEntries(rs.map((r) => [r.searchId, r.id]))),
      () => undefined,
    );
  }, [api]);
  return (
    <>
      <h1>Your offers</h1>
      <Problem error={error} />
      {rows === null && !error && <p>Loading…</p>}
      {rows && rows.length === 0 && <p>You have made no offers.</p>}
      {rows && rows.length > 0 && (
        <table>
          <caption className="visually-hidden">Your offers, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Home or service</th>
              <th scope="col" className="num">
                Weekly total
              </th>
              <th scope="col">Starts</th>
              <th scope="col">Checks</th>
              <th scope="col">Status</th>
              <th scope="col">Made</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => {
              const failed = o.gates.filter((g) => !g.passed);
              const ref = referralBySearch[o.searchId];
              return (
                <tr key={o.id}>
                  <td>{ref ? <Link to={`/provider/referrals/${ref}`}>{o.setting}</Link> : o.setting}</td>
                  <td className="num">{pounds(o.totalWeeklyPence)}</td>
                  <td>{day(o.startDate)}</td>
                  <td className={failed.length ? 'fail' : 'pass'}>{failed.length ? `Fails ${failed.length}` : 'All passed'}</td>
                  <td>{label(OFFER_STATUSES, o.status)}</td>
                  <td>{when(o.submittedAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
