import { day, pounds } from '../../api/client';
import type { AwardResult } from './award';
import { HELD_REASONS } from './words';

/** What the award did: the placement made, or the offer held for re-approval and why. */
export function AwardOutcome({ result }: { result: AwardResult | null }) {
  return (
    <>
      {result?.kind === 'placed' && (
        <div role="status" className="result-ok">
          <h2>Placement awarded</h2>
          <p>
            The placement starts on {day(result.placement.startDate)} at {pounds(result.placement.weeklyCostPence)} a week. Finance has been
            told and commits its cost.
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
    </>
  );
}
