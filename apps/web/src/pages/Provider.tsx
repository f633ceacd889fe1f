import { londonToday } from '@placewise/contracts/dates';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, countdown, day, pounds, unwrap, when } from '../api/client';
import { useApiMutation, useApiQuery, type ApiKey } from '../api/query';
import type { ProviderSetting, Referral, ReferralDetail } from '../api/views';
import type { Api } from '../api/client';
import { label, LOCATIONS, need, OFFER_STATUSES, PLACEMENT_TYPES, REFERRAL_STATUSES, route, URGENCIES } from '../labels';
import { ErrorSummary, Field, toPence, useFormErrors, type Errors } from '../components/FormParts';
import { Problem } from '../components/Problem';

/**
 * A provider's own pages: the referrals councils sent it (a child's age and needs, never who the
 * child is, nor what the council may pay), the offers it made, and its placements (Placements.tsx).
 */

const waitingFirst = (a: Referral, b: Referral) =>
  Number(waiting(b)) - Number(waiting(a)) || a.search.deadline.localeCompare(b.search.deadline);

const what = (r: Referral) => `${label(PLACEMENT_TYPES, r.search.placementType)} for a child aged ${r.search.childAge}`;

/** What a provider's answers change: its referrals and its offers. */
const PROVIDER_KEYS: ApiKey[] = [
  ['commissioning', 'referrals'],
  ['commissioning', 'offers'],
];

/** Whether the provider still has to answer: sent, not answered, and the search still open. */
const waiting = (r: Referral) => r.status === 'SENT' && r.search.open;

/** A referral's state for the provider: closed searches say so; an answered one never reads as waiting. */
const referralStatus = (r: Referral) => (r.search.open ? label(REFERRAL_STATUSES, r.status) : 'The search has closed');

export function ProviderReferrals() {
  const referrals = useApiQuery(['commissioning', 'referrals', { take: 200 }], (api, signal) =>
    unwrap(api.commissioning.GET('/referrals', { params: { query: { take: 200 } }, signal })),
  );
  const rows = referrals.data ? [...referrals.data].sort(waitingFirst) : null;
  const error = referrals.error;
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
                    {waiting(r) && <span className={due.overdue ? 'over' : ''}> ({due.text})</span>}
                  </td>
                  <td>{referralStatus(r)}</td>
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
  const referral = useApiQuery(['commissioning', 'referrals', id], (api, signal) =>
    unwrap(api.commissioning.GET('/referrals/{id}', { params: { path: { id } }, signal })),
  );
  const providers = useApiQuery(['commissioning', 'providers'], (api, signal) => unwrap(api.commissioning.GET('/providers', { signal })));
  const settings: ProviderSetting[] = (providers.data ?? []).flatMap((p) => p.settings);
  const r = referral.data;
  const error = referral.error;
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
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
          <span className="status">{referralStatus(r)}</span>
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
          {waiting(r) && <span className={due.overdue ? 'over' : ''}>({due.text})</span>}
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
          {r.offers.map((o) => (
            <YourOffer key={o.id} offer={o} canChange={r.search.open && o.status === 'SUBMITTED'} onChanged={setDone} />
          ))}
        </ul>
      )}
      {canAnswer && (
        <OfferForm
          referralId={r.id}
          settings={settings}
          onOffered={(name) => setDone(`Your offer of ${name} has been sent to the council.`)}
        />
      )}
      {canAnswer && r.status === 'SENT' && (
        <DeclineForm referralId={r.id} onDeclined={() => setDone('You have declined this referral. The council has been told.')} />
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
  const send = useApiMutation((api, body: Parameters<typeof sendOffer>[2]) => sendOffer(api, referralId, body), PROVIDER_KEYS);
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
      await send.mutateAsync({
        settingId,
        weeklyFeePence: pence!,
        startDate,
        ...(extraPence ? { additionalServices: [oneToOne(extraPence, extraWhat)] } : {}),
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      });
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
  const decline = useApiMutation(
    (api, reason: string) =>
      unwrap(api.commissioning.POST('/referrals/{id}/decline', { params: { path: { id: referralId } }, body: { reason } })),
    PROVIDER_KEYS,
  );
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const f = useFormErrors({ reason: 'decline-reason' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    f.clear();
    if (reason.trim().length < 3) return f.invalid({ 'decline-reason': 'Say why you cannot offer' }, 'Check your answer');
    setBusy(true);
    try {
      await decline.mutateAsync(reason.trim());
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
  const offers = useApiQuery(['commissioning', 'offers', { take: 200 }], (api, signal) =>
    unwrap(api.commissioning.GET('/offers', { params: { query: { take: 200 } }, signal })),
  );
  const referrals = useApiQuery(['commissioning', 'referrals', { take: 200 }], (api, signal) =>
    unwrap(api.commissioning.GET('/referrals', { params: { query: { take: 200 } }, signal })),
  );
  const rows = offers.data ?? null;
  const error = offers.error;
  const referralBySearch: Record<string, string> = Object.fromEntries((referrals.data ?? []).map((r) => [r.searchId, r.id]));
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

type OfferBody = { settingId: string; weeklyFeePence: number; startDate: string; additionalServices?: AdditionalService[]; notes?: string };
type AdditionalService = { kind: 'ONE_TO_ONE'; weeklyPence: number; description?: string };

function sendOffer(api: Api, referralId: string, body: OfferBody) {
  return unwrap(api.commissioning.POST('/referrals/{id}/offers', { params: { path: { id: referralId } }, body }));
}

/** The one-to-one support a provider adds to its weekly fee. */
const oneToOne = (weeklyPence: number, what: string): AdditionalService => ({
  kind: 'ONE_TO_ONE',
  weeklyPence,
  ...(what.trim() ? { description: what.trim() } : {}),
});

type YourOfferData = ReferralDetail['offers'][number];

/** Pounds as typed back into a field: 95050 is "950.50", 95000 is "950". */
const poundsField = (pence: number) => (pence % 100 === 0 ? String(pence / 100) : (pence / 100).toFixed(2));

/**
 * One of the provider's offers on the referral: its terms and checks, and (while the council has not
 * chosen it) a change of price, start or notes, or its withdrawal with the reason.
 */
function YourOffer({ offer: o, canChange, onChanged }: { offer: YourOfferData; canChange: boolean; onChanged: (done: string) => void }) {
  const [mode, setMode] = useState<'none' | 'revise' | 'withdraw'>('none');
  const failed = o.gates.filter((g) => !g.passed);
  const extra = o.additionalServices.reduce((sum, x) => sum + x.weeklyPence, 0);
  return (
    <li className="card" aria-labelledby={`offer-${o.id}`}>
      <h3 id={`offer-${o.id}`}>{o.setting}</h3>
      <dl className="facts">
        <dt>Weekly total</dt>
        <dd>
          {pounds(o.totalWeeklyPence)}
          {extra > 0 && (
            <span className="hint">
              A fee of {pounds(o.weeklyFeePence)} and additional support of {pounds(extra)}
            </span>
          )}
        </dd>
        <dt>Starts</dt>
        <dd>{day(o.startDate)}</dd>
        <dt>Status</dt>
        <dd>{label(OFFER_STATUSES, o.status)}</dd>
        {o.revisedAt && (
          <>
            <dt>Changed</dt>
            <dd>{when(o.revisedAt)}</dd>
          </>
        )}
        {o.withdrawal && (
          <>
            <dt>Withdrawn</dt>
            <dd>
              {when(o.withdrawal.at)}: {o.withdrawal.reason}
            </dd>
          </>
        )}
      </dl>
      <p className={failed.length ? 'fail' : 'pass'}>
        {failed.length ? `Fails: ${failed.map((g) => g.text).join('; ')}` : 'Passes every check the council makes'}
      </p>
      {canChange && mode === 'none' && (
        <p className="actions">
          <button type="button" className="secondary" onClick={() => setMode('revise')}>
            Change this offer
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setMode('withdraw')}>
            Withdraw this offer
          </button>
        </p>
      )}
      {canChange && mode === 'revise' && (
        <ReviseForm
          offer={o}
          onCancel={() => setMode('none')}
          onRevised={() => {
            setMode('none');
            onChanged(`Your offer of ${o.setting} has been changed. The council sees the new terms.`);
          }}
        />
      )}
      {canChange && mode === 'withdraw' && (
        <WithdrawForm
          offer={o}
          onCancel={() => setMode('none')}
          onWithdrawn={() => {
            setMode('none');
            onChanged(`Your offer of ${o.setting} has been withdrawn. The council has been told.`);
          }}
        />
      )}
    </li>
  );
}

function ReviseForm({ offer: o, onCancel, onRevised }: { offer: YourOfferData; onCancel: () => void; onRevised: () => void }) {
  const extraNow = o.additionalServices.reduce((sum, x) => sum + x.weeklyPence, 0);
  const [fee, setFee] = useState(poundsField(o.weeklyFeePence));
  const [startDate, setStartDate] = useState(o.startDate);
  const [extra, setExtra] = useState(extraNow ? poundsField(extraNow) : '');
  const [notes, setNotes] = useState(o.notes ?? '');
  const revise = useApiMutation(
    (api, body: Omit<OfferBody, 'settingId'>) =>
      unwrap(api.commissioning.POST('/offers/{id}/revision', { params: { path: { id: o.id } }, body })),
    PROVIDER_KEYS,
  );
  const p = `revise-${o.id}`;
  const f = useFormErrors({ weeklyFeePence: `${p}-fee`, startDate: `${p}-start`, additionalServices: `${p}-extra`, notes: `${p}-notes` });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    f.clear();
    const errs: Errors = {};
    const pence = toPence(fee);
    const extraPence = extra.trim() ? toPence(extra) : 0;
    if (pence === null || pence <= 0) errs[`${p}-fee`] = 'Enter the weekly fee in pounds, like 950 or 950.50';
    if (!startDate) errs[`${p}-start`] = 'Enter the day the placement could start';
    else if (startDate < londonToday() && startDate !== o.startDate) errs[`${p}-start`] = 'The start cannot move into the past';
    if (extraPence === null) errs[`${p}-extra`] = 'Enter the weekly cost of additional support in pounds, or leave it empty';
    if (Object.keys(errs).length) return f.invalid(errs, 'Check the change');
    const described = o.additionalServices[0]?.description;
    const what = typeof described === 'string' ? described : '';
    try {
      await revise.mutateAsync({
        weeklyFeePence: pence!,
        startDate,
        additionalServices: extraPence ? [oneToOne(extraPence, what)] : [],
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      });
      onRevised();
    } catch (err) {
      f.refused(err);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={`Change the offer of ${o.setting}`}>
      <ErrorSummary boxRef={f.boxRef} message={f.message} errors={f.errors} others={f.others} />
      <Field id={`${p}-fee`} label="Weekly fee (£)" error={f.errors[`${p}-fee`]}>
        <input inputMode="decimal" value={fee} onChange={(e) => setFee(e.target.value)} autoComplete="off" />
      </Field>
      <Field id={`${p}-start`} label="Could start on" error={f.errors[`${p}-start`]}>
        <input type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />
      </Field>
      <Field id={`${p}-extra`} label="Additional one-to-one support, a week (£, optional)" error={f.errors[`${p}-extra`]}>
        <input inputMode="decimal" value={extra} onChange={(e) => setExtra(e.target.value)} autoComplete="off" />
      </Field>
      <Field id={`${p}-notes`} label="Notes for the council (optional)" error={f.errors[`${p}-notes`]}>
        <textarea rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </Field>
      <button type="submit" disabled={revise.isPending}>
        Save the change
      </button>{' '}
      <button type="button" className="secondary" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

function WithdrawForm({ offer: o, onCancel, onWithdrawn }: { offer: YourOfferData; onCancel: () => void; onWithdrawn: () => void }) {
  const [reason, setReason] = useState('');
  const withdraw = useApiMutation(
    (api, why: string) =>
      unwrap(api.commissioning.POST('/offers/{id}/withdrawal', { params: { path: { id: o.id } }, body: { reason: why } })),
    PROVIDER_KEYS,
  );
  const id = `withdraw-${o.id}`;
  const f = useFormErrors({ reason: id });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    f.clear();
    if (reason.trim().length < 3) return f.invalid({ [id]: 'Say why you withdraw the offer' }, 'Check your answer');
    try {
      await withdraw.mutateAsync(reason.trim());
      onWithdrawn();
    } catch (err) {
      f.refused(err);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={`Withdraw the offer of ${o.setting}`}>
      <ErrorSummary boxRef={f.boxRef} message={f.message} errors={f.errors} others={f.others} />
      <Field id={id} label="Why you withdraw the offer" hint="The council reads this" error={f.errors[id]}>
        <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <button type="submit" disabled={withdraw.isPending}>
        Withdraw the offer
      </button>{' '}
      <button type="button" className="secondary" onClick={onCancel}>
        Keep the offer
      </button>
    </form>
  );
}
