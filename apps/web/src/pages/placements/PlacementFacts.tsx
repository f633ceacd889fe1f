import { Link } from 'react-router';
import { day, pounds } from '../../api/client';
import type { Placement } from '../../api/views';
import { END_REASONS, label, LOCATIONS, REVIEW_KINDS } from '../../labels';
import { Due, placementStatus } from './due';

/** A placement's facts: status, provider, the agreement, the next review and any notice or end. */
export function PlacementFacts({ placement: p, commissioner }: { placement: Placement; commissioner: boolean }) {
  return (
    <dl className="facts">
      <dt>Status</dt>
      <dd>
        <span className="status">{placementStatus(p)}</span>
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
  );
}
