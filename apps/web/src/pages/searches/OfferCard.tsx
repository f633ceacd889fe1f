import { useState } from 'react';
import { ApiError, day, pounds, unwrap } from '../../api/client';
import type { HeldForReapproval, Offer, Placement } from '../../api/views';
import { Problem } from '../../components/Problem';
import { label, LOCATIONS, OFFER_STATUSES } from '../../labels';
import { useApiMutation } from '../../api/query';
import type { AwardResult } from './award';
import { Exemption, needsExemption } from './Exemption';
import { FACTORS } from './words';

/** What each of commissioning's hard gates checks, for the ones that do not apply to an offer. */
const GATE_WORDS: Record<string, string> = {
  'placement-type': 'the type of placement approved',
  registration: 'Ofsted registration (not required for this type)',
  'registration-category': 'the Ofsted registration category',
  'ofsted-rating': 'the Ofsted rating (the setting is not registered)',
  'age-range': "the setting's age range",
  'reg-27A': 'no other arrangements for a child under 16 (reg 27A: the child is 16 or over)',
  'reg-27C': 'registered supported accommodation for a 16 or 17 year old (reg 27C)',
  'unregistered-childrens-home': 'an unregistered children’s home',
  location: 'how far from home, against the approval (not assessed: the council’s or the setting’s area is not recorded)',
  vacancy: 'a vacancy',
};

/** An offer: its total, gates and the score's parts; the commissioner awards it, a head of service exempts it. */
export function OfferCard({
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
  const awardOffer = useApiMutation(
    async (api, weeks: number) => {
      const res = await api.commissioning.POST('/offers/{id}/award', { params: { path: { id: o.id } }, body: { noticeWeeks: weeks } });
      return { status: res.response.status, body: await unwrap(Promise.resolve(res)) };
    },
    [
      ['commissioning', 'searches'],
      ['commissioning', 'placements'],
      ['commissioning', 'offers'],
      ['commissioning', 'referrals'],
    ],
  );
  const [noticeWeeks, setNoticeWeeks] = useState('4');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const failed = o.gates.filter((g) => !g.passed);
  // A gate that does not apply to this child and setting is not a pass: it is named apart.
  const applying = o.gates.filter((g) => g.applies !== false);
  const notApplying = o.gates.filter((g) => g.applies === false);
  const hid = `offer-${o.id}`;
  const award = async () => {
    setError(null);
    if (!/^\d{1,2}$/.test(noticeWeeks) || Number(noticeWeeks) > 52)
      return setError(new ApiError(400, 'Check the notice period', [{ field: 'notice', reason: 'enter whole weeks, 0 to 52' }]));
    setBusy(true);
    try {
      const { status, body } = await awardOffer.mutateAsync(Number(noticeWeeks));
      onAwarded(status === 202 ? { kind: 'held', held: body as HeldForReapproval } : { kind: 'placed', placement: body as Placement });
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
      <h4>Gates {failed.length ? `(${failed.length} failed)` : '(all that apply passed)'}</h4>
      <ul className="gate-list">
        {applying.map((g) => (
          <li key={g.id} className={g.passed ? 'pass' : 'fail'}>
            {g.passed ? 'Passed' : g.effect === 'BLOCK' ? 'Failed' : 'Needs re-approval'}: {g.text}
            {g.regulation ? ` (${g.regulation})` : ''}
          </li>
        ))}
      </ul>
      {notApplying.length > 0 && <p className="hint">Do not apply here: {notApplying.map((g) => GATE_WORDS[g.id] ?? g.id).join('; ')}.</p>}
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
