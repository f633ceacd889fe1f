import { londonToday } from '@placewise/contracts/dates';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, day, pounds, stamp, unwrap } from '../api/client';
import { useApiMutation, useApiQuery } from '../api/query';
import { Outcome, type OutcomeData } from '../components/Outcome';
import { Problem } from '../components/Problem';
import {
  DECISION_OUTCOMES,
  KINDS,
  label,
  LEGAL_STATUSES,
  LOCATIONS,
  PANELS,
  PLACEMENT_TYPES,
  REQUEST_STATUSES,
  TIERS,
  URGENCIES,
} from '../labels';
import { can, useSession } from '../session';
import { placementStatus } from './placements/due';
import { READERS_OF_NAMES } from './Requests';
import { ChildLink, RECORD_READERS } from '../components/ChildLink';

/** What a decision's conditions say, in words (the panels' DecisionConditions). */
interface Conditions {
  maxWeeklyCostPence?: number;
  fundingEndDate?: string;
  reviewDate?: string;
  notes?: string[];
}

export function conditionsInWords(c: Conditions | null | undefined): string[] {
  if (!c) return [];
  return [
    ...(typeof c.maxWeeklyCostPence === 'number' ? [`At most ${pounds(c.maxWeeklyCostPence)} a week`] : []),
    ...(c.fundingEndDate ? [`Funded until ${day(c.fundingEndDate)}`] : []),
    ...(c.reviewDate ? [`To be reviewed by ${day(c.reviewDate)}`] : []),
    ...(Array.isArray(c.notes) ? c.notes.filter((n) => typeof n === 'string' && n.trim()) : []),
  ];
}

/** Statuses after which the rules' deadlines for a placement no longer apply: nothing is to be placed. */
const NOTHING_TO_PLACE = new Set(['DECLINED', 'REFUSED']);

/**
 * One request: the child, its status and history, the decision with its conditions, the placement
 * made (by its setting), the rules' outcome with every reason, and (when deferred) the resubmission.
 */
export function RequestPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const [items, setItems] = useState('');
  const request = useApiQuery(['referrals', 'requests', id], (api, signal) =>
    unwrap(api.referrals.GET('/requests/{id}', { params: { path: { id } }, signal })),
  );
  const r = request.data;
  const childId = r?.childId ?? '';
  const child = useApiQuery(
    ['referrals', 'children', childId],
    (api, signal) => unwrap(api.referrals.GET('/children/{id}', { params: { path: { id: childId } }, signal })),
    { enabled: !!childId && can(user, ...READERS_OF_NAMES) },
  );
  const placementId = r?.placementId ?? '';
  const placement = useApiQuery(
    ['commissioning', 'placements', placementId],
    (api, signal) => unwrap(api.commissioning.GET('/placements/{id}', { params: { path: { id: placementId } }, signal })),
    { enabled: !!placementId && can(user, 'social-worker', 'commissioner', 'finance', 'auditor') },
  );
  const resubmit = useApiMutation(
    (api, itemsProvided: string[]) =>
      unwrap(api.referrals.POST('/requests/{id}/resubmission', { params: { path: { id } }, body: { itemsProvided } })),
    [['referrals', 'requests']],
  );
  if (request.error)
    return (
      <p role="alert" className="error-summary">
        {request.error instanceof ApiError && request.error.status === 404
          ? 'There is no such request in your council.'
          : request.error.message}
      </p>
    );
  if (!r) return <p>Loading…</p>;
  const name = child.data?.displayName;
  const conditions = conditionsInWords(r.decision?.conditions as Conditions | undefined);
  const outcome = r.outcome as unknown as OutcomeData;
  const shownOutcome = NOTHING_TO_PLACE.has(r.status) ? { ...outcome, deadlines: [] } : outcome;
  const decider = r.panel ? `the ${label(PANELS, r.panel)}` : `the ${label(TIERS, r.approver)}`;
  return (
    <>
      <p>
        <Link to="/requests">All requests</Link>
      </p>
      <h1>
        {label(KINDS, r.kind)}: {label(PLACEMENT_TYPES, r.placementType)}
        {name ? ` for ${name}` : ''}
      </h1>
      <p className="lede">
        Status <span className={`status status-${r.status.toLowerCase()}`}>{label(REQUEST_STATUSES, r.status)}</span>
      </p>
      <dl className="facts">
        <dt>Child</dt>
        <dd>{name ? `${name}, aged ${r.childAge}` : `Aged ${r.childAge}`}</dd>
        {can(user, ...RECORD_READERS) && (
          <>
            <dt>Child&apos;s record</dt>
            <dd>
              <ChildLink id={r.childId} name="The looked-after record" />
            </dd>
          </>
        )}
        <dt>Legal status</dt>
        <dd>{label(LEGAL_STATUSES, r.legalStatus)}</dd>
        <dt>Weekly cost</dt>
        <dd>{pounds(r.weeklyCostPence)}</dd>
        <dt>Where</dt>
        <dd>{label(LOCATIONS, r.location)}</dd>
        <dt>Urgency</dt>
        <dd>{label(URGENCIES, r.urgency)}</dd>
        {r.decision && (
          <>
            <dt>Decision</dt>
            <dd>
              {label(DECISION_OUTCOMES, r.decision.outcome)} by {decider} on {day(r.decision.decidedAt)}
              {r.decision.reason ? `: ${r.decision.reason}` : ''}
            </dd>
            {conditions.length > 0 && (
              <>
                <dt>Conditions</dt>
                <dd>
                  <ul className="conditions">
                    {conditions.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </>
        )}
        {r.placementId && (
          <>
            <dt>Placement</dt>
            <dd>
              {placement.data ? (
                <>
                  {placement.data.setting} ({placement.data.provider}):{' '}
                  {placementStatus(placement.data).replace(/^./, (c) => c.toLowerCase())}
                  {placement.data.startDate && placement.data.startDate <= londonToday() ? `, since ${day(placement.data.startDate)}` : ''}
                </>
              ) : placement.error ? (
                'Placed (the placement could not be read)'
              ) : (
                'Loading…'
              )}
            </dd>
          </>
        )}
      </dl>
      {r.status === 'DEFERRED' && r.informationRequested && (
        <section className="panel-box">
          <h2>The panel asked for</h2>
          <ul>
            {r.informationRequested.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
          {can(user, 'social-worker') && (
            <>
              <Problem error={resubmit.error} />
              <label htmlFor="items">What you now provide, one item a line</label>
              <textarea id="items" rows={3} value={items} onChange={(e) => setItems(e.target.value)} />
              <button
                type="button"
                disabled={resubmit.isPending}
                onClick={() =>
                  resubmit.mutate(
                    items
                      .split('\n')
                      .map((s) => s.trim())
                      .filter(Boolean),
                  )
                }
              >
                Resubmit to the next sitting
              </button>
            </>
          )}
        </section>
      )}
      <Outcome outcome={shownOutcome} heading="What the rules require" />
      {NOTHING_TO_PLACE.has(r.status) && <p>No placement deadlines apply: nothing is to be placed on this request.</p>}
      <h2>History</h2>
      <ol className="history">
        {r.history?.map((h, i) => (
          <li key={i}>
            <time dateTime={h.at}>{stamp(h.at)}</time> · {label(REQUEST_STATUSES, h.toStatus)}
            {h.note ? ` · ${h.note}` : ''}
          </li>
        ))}
      </ol>
    </>
  );
}
