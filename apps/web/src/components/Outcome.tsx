import { day } from '../api/client';
import { label, PANELS, TIERS } from '../labels';

export interface OutcomeData {
  approver: string;
  panel: string | null;
  costBand: string | null;
  blocked: boolean;
  retrospective: boolean;
  blocks?: { id: string; regulation: string; text: string }[];
  gates?: { id: string; text: string }[];
  deadlines?: { id: string; due: string; text: string }[];
  reasons: { ruleId: string; text: string }[];
}

/** The rules' outcome as a panel member reads it: blocks, who decides, evidence, deadlines, and every reason. */
export function Outcome({ outcome, heading }: { outcome: OutcomeData; heading?: string }) {
  return (
    <section className="outcome">
      {heading && <h2>{heading}</h2>}
      {!!outcome.blocks?.length && (
        <ul className="blocks">
          {outcome.blocks.map((b) => (
            <li key={b.id}>
              <strong>{b.regulation}:</strong> {b.text}
            </li>
          ))}
        </ul>
      )}
      {!outcome.blocked && (
        <dl>
          <dt>Decided by</dt>
          <dd>
            {outcome.panel ? `${label(PANELS, outcome.panel)}, ${label(TIERS, outcome.approver)} sign-off` : label(TIERS, outcome.approver)}
          </dd>
          {outcome.costBand && (
            <>
              <dt>Cost band</dt>
              <dd>{outcome.costBand}</dd>
            </>
          )}
          {outcome.retrospective && (
            <>
              <dt>Approval</dt>
              <dd>Retrospective: the child is already placed</dd>
            </>
          )}
        </dl>
      )}
      {!!outcome.gates?.length && (
        <>
          <h3>Evidence needed before approval</h3>
          <ul>
            {outcome.gates.map((g) => (
              <li key={g.id}>{g.text}</li>
            ))}
          </ul>
        </>
      )}
      {!!outcome.deadlines?.length && (
        <>
          <h3>Deadlines</h3>
          <ul>
            {outcome.deadlines.map((d) => (
              <li key={d.id}>
                <time dateTime={d.due}>{day(d.due)}</time>: {d.text}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Why</h3>
      <ul className="reasons">
        {outcome.reasons.map((r, i) => (
          <li key={`${r.ruleId}-${i}`}>{r.text}</li>
        ))}
      </ul>
    </section>
  );
}
