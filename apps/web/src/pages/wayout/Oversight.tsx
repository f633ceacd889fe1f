import { day, month as monthWords, pounds, unwrap } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { Figure } from '../../components/Figure';
import { label, PLACEMENT_TYPES } from '../../labels';
import { useChildNames } from './names';

const SHOWN = 12;

/** A list of children by name, the first dozen, and how many more. */
function Children({ ids, name }: { ids: string[]; name: (id: string) => string }) {
  if (ids.length === 0) return <>none</>;
  const more = ids.length - SHOWN;
  return (
    <>
      {ids
        .slice(0, SHOWN)
        .map((id) => name(id))
        .join(', ')}
      {more > 0 ? ` and ${more} more` : ''}
    </>
  );
}

/** The manager's view: exit plans and their slippage, plans missing, the step-down pipeline with its saving, the trajectory. */
export function Oversight() {
  const data = useApiQuery(['referrals', 'exits', 'oversight'], (api, signal) => unwrap(api.referrals.GET('/oversight', { signal })));
  const o = data.data;
  const listed = o
    ? [
        ...o.exitsDueThisMonth.slice(0, SHOWN),
        ...o.exitsOverdue.slice(0, SHOWN),
        ...o.exitDatesSlipping.slice(0, SHOWN),
        ...o.exitDatesMovedMoreThanOnce.slice(0, SHOWN),
        ...o.stepDownPipeline.map((p) => p.childId),
      ]
    : [];
  const name = useChildNames(listed);
  const pipeline = o?.stepDownPipeline ?? [];
  const saving = (ready: boolean | null) =>
    pipeline.filter((p) => ready === null || p.ready === ready).reduce((sum, p) => sum + (p.weeklySavingPence ?? 0), 0);
  return (
    <>
      <section aria-labelledby="plans-h">
        <h2 id="plans-h">Exit plans</h2>
        {data.error && (
          <p role="alert" className="error-summary">
            {data.error.message}
          </p>
        )}
        {o && (
          <table>
            <caption>Exit plans for the {o.childrenInCare} children in care</caption>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col" className="num">
                  Children
                </th>
                <th scope="col">Who</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Estimated to leave care this month</th>
                <td className="num">{o.exitsDueThisMonth.length}</td>
                <td>
                  <Children ids={o.exitsDueThisMonth} name={name} />
                </td>
              </tr>
              <tr>
                <th scope="row">Past their estimated exit date, still in care</th>
                <td className="num">{o.exitsOverdue.length}</td>
                <td>
                  <Children ids={o.exitsOverdue} name={name} />
                </td>
              </tr>
              <tr>
                <th scope="row">Exit date slipping (moved later)</th>
                <td className="num">{o.exitDatesSlipping.length}</td>
                <td>
                  <Children ids={o.exitDatesSlipping} name={name} />
                </td>
              </tr>
              <tr>
                <th scope="row">Exit date moved more than once</th>
                <td className="num">{o.exitDatesMovedMoreThanOnce.length}</td>
                <td>
                  <Children ids={o.exitDatesMovedMoreThanOnce} name={name} />
                </td>
              </tr>
              <tr>
                <th scope="row">In care without an exit plan</th>
                <td className="num">{o.childrenWithoutExitPlan.length}</td>
                <td>–</td>
              </tr>
              <tr>
                <th scope="row">In residential care without a step-down plan</th>
                <td className="num">{o.residentialWithoutStepDownPlan.length}</td>
                <td>–</td>
              </tr>
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="stepdown-h">
        <h2 id="stepdown-h">Step-down pipeline</h2>
        <p className="hint">
          Children in residential care with a plan to step down to a family or less intensive placement, and what it saves each week
          (today's weekly cost less the planned one).
        </p>
        {o && pipeline.length === 0 && <p>No child in residential care has a step-down plan yet.</p>}
        {o && pipeline.length > 0 && (
          <>
            <p className="lede">
              Weekly saving when every plan is carried out: <strong>{pounds(saving(null))}</strong> ({pounds(saving(true))} from children
              ready now).
            </p>
            <table>
              <caption className="visually-hidden">Step-down pipeline</caption>
              <thead>
                <tr>
                  <th scope="col">Child</th>
                  <th scope="col">Now</th>
                  <th scope="col" className="num">
                    Weekly cost now
                  </th>
                  <th scope="col">Stepping down to</th>
                  <th scope="col">Ready from</th>
                  <th scope="col" className="num">
                    Weekly saving
                  </th>
                </tr>
              </thead>
              <tbody>
                {pipeline.map((p) => (
                  <tr key={p.childId}>
                    <td>{name(p.childId)}</td>
                    <td>{label(PLACEMENT_TYPES, p.currentType)}</td>
                    <td className="num">{p.currentWeeklyCostPence === null ? '–' : pounds(p.currentWeeklyCostPence)}</td>
                    <td>{label(PLACEMENT_TYPES, p.stepDownTo)}</td>
                    <td>
                      {p.readyFrom ? day(p.readyFrom) : '–'}
                      {p.ready ? ' (ready now)' : ''}
                    </td>
                    <td className="num">{p.weeklySavingPence === null ? '–' : pounds(p.weeklySavingPence)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
      {o && (
        <Figure
          title="Entries to care and exits by month"
          description="Children entering care (an entry-to-care placement starting) and leaving it each month for the last 12 months, beside the same month a year before."
          rows={o.trajectory}
          x="month"
          xFormat={(m) => monthWords(String(m))}
          series={[
            { key: 'entries', label: 'Entries' },
            { key: 'exits', label: 'Exits' },
            { key: 'entriesYearBefore', label: 'Entries a year before', kind: 'line', dashed: true },
            { key: 'exitsYearBefore', label: 'Exits a year before', kind: 'line', dashed: true },
          ]}
          columns={[
            { key: 'month', label: 'Month', format: (m) => monthWords(String(m)) },
            { key: 'entries', label: 'Entries', numeric: true },
            { key: 'exits', label: 'Exits', numeric: true },
            { key: 'entriesYearBefore', label: 'Entries a year before', numeric: true },
            { key: 'exitsYearBefore', label: 'Exits a year before', numeric: true },
          ]}
          csvName="entries-and-exits"
        />
      )}
    </>
  );
}
