import { day, unwrap } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { EdgeOfCareEntry } from '../../api/views';
import { label } from '../../labels';
import { can, useSession } from '../../session';
import { DiversionForm } from './DiversionForm';
import { useChildNames } from './names';
import { ALTERNATIVES, EXIT_WRITERS } from './words';

/** A milestone in words: "Kept out of care (at 15 Apr 2026)", "Entered care (on 1 Sep 2026)", "Not yet known (on 15 Apr 2026)". */
export function milestoneWords(m: EdgeOfCareEntry['milestones'][number], enteredCareOn: string | null): string {
  if (m.status === 'KEPT_OUT') return `Kept out of care (at ${day(m.on)})`;
  if (m.status === 'ENTERED_CARE') return `Entered care${enteredCareOn ? ` (on ${day(enteredCareOn)})` : ''}`;
  return `Not yet known (on ${day(m.on)})`;
}

/** Entries to care diverted, and whether each child was still out of care 3, 6 and 12 months later. */
export function EdgeOfCare() {
  const { user } = useSession();
  const data = useApiQuery(['referrals', 'exits', 'edge-of-care'], (api, signal) =>
    unwrap(api.referrals.GET('/exits/edge-of-care', { signal })),
  );
  const e = data.data;
  const name = useChildNames(e?.entries.map((x) => x.childId) ?? []);
  return (
    <section aria-labelledby="edge-h">
      <h2 id="edge-h">Edge of care</h2>
      <p className="hint">
        Requests to bring a child into care that were declined or diverted to another kind of help. A child counts as kept out of care at 3,
        6 and 12 months only if they have not entered care by then (a looked-after episode or an entry placement); until that day it is not
        yet known.
      </p>
      {data.error && (
        <p role="alert" className="error-summary">
          {data.error.message}
        </p>
      )}
      {e && e.diverted === 0 && <p>No entries to care have been diverted.</p>}
      {e && e.diverted > 0 && (
        <>
          <table>
            <caption>
              {e.diverted} {e.diverted === 1 ? 'diversion' : 'diversions'} from care, as at {day(e.asOf)}
            </caption>
            <thead>
              <tr>
                <th scope="col">After</th>
                <th scope="col" className="num">
                  Kept out of care
                </th>
                <th scope="col" className="num">
                  Entered care
                </th>
                <th scope="col" className="num">
                  Not yet known
                </th>
              </tr>
            </thead>
            <tbody>
              {e.milestones.map((m) => (
                <tr key={m.months}>
                  <th scope="row">{m.months} months</th>
                  <td className="num">{m.keptOut}</td>
                  <td className="num">{m.enteredCare}</td>
                  <td className="num">{m.notYetKnown}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <caption>Kept out of care by what was used instead</caption>
            <thead>
              <tr>
                <th scope="col">Instead of care</th>
                <th scope="col" className="num">
                  Diverted
                </th>
                {[3, 6, 12].map((n) => (
                  <th key={n} scope="col" className="num">
                    Kept out at {n} months
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Object.entries(e.byAlternative).map(([alt, a]) => (
                <tr key={alt}>
                  <th scope="row">{label(ALTERNATIVES, alt)}</th>
                  <td className="num">{a.diverted}</td>
                  {a.milestones.map((m) => (
                    <td key={m.months} className="num">
                      {m.keptOut} of {m.keptOut + m.enteredCare} known
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <caption>Each diversion</caption>
            <thead>
              <tr>
                <th scope="col">Child</th>
                <th scope="col">Instead of care</th>
                <th scope="col">Diverted on</th>
                <th scope="col">At 3 months</th>
                <th scope="col">At 6 months</th>
                <th scope="col">At 12 months</th>
              </tr>
            </thead>
            <tbody>
              {e.entries.map((x, i) => (
                <tr key={x.requestId}>
                  <td>{name(x.childId, i)}</td>
                  <td>{label(ALTERNATIVES, x.alternative)}</td>
                  <td>{day(x.divertedOn)}</td>
                  {x.milestones.map((m) => (
                    <td key={m.months} className={m.status === 'ENTERED_CARE' ? 'over' : undefined}>
                      {milestoneWords(m, x.enteredCareOn)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {e && can(user, ...EXIT_WRITERS) && <DiversionForm diverted={e.entries.map((x) => x.requestId)} />}
    </section>
  );
}
