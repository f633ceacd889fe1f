import { Link } from 'react-router';
import { day, pounds } from '../../api/client';
import type { NoticeGiven, Placement, PriceChangeResult } from '../../api/views';

/** What a change to a placement did: a price changed or sent for re-approval, notice recorded, the placement ended. */
export type Change =
  { kind: 'price'; r: PriceChangeResult; status: number } | { kind: 'notice'; r: NoticeGiven } | { kind: 'ended'; r: Placement };

/** The outcome of the last change, said where the focus goes. */
export function ChangeResult({ result, commissioner }: { result: Change | null; commissioner: boolean }) {
  return (
    <>
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
            price variation, so it goes back for approval. The placement stays at {pounds(result.r.previousWeeklyPence)} a week until it is
            decided; the new price applies from {day(result.r.effectiveFrom)} if it is approved.
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
    </>
  );
}
