import { addMonths, londonToday } from '@placewise/contracts/dates';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { day, month, unwrap } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { Figure } from '../../components/Figure';
import { Problem } from '../../components/Problem';
import { ClockFigures } from './ClockFigures';
import { FinanceFigures } from './FinanceFigures';
import { can, useSession } from '../../session';

/**
 * The oversight dashboard for heads of service, directors, finance, the performance team and
 * auditors: the council's indicators from the looked-after record, each a chart with its figures on
 * the bars, its table and a CSV download. Those who may see children follow a figure to the children
 * behind it, by the council's reference.
 */

/** Who sees the page (the nav link and the route). */
/** Who reads the statutory clocks on time (panels' `GET /clocks/indicators`); finance sees the rest. */
const CLOCK_FIGURE_ROLES = ['approver:HOS', 'approver:AD', 'approver:DCS', 'performance', 'auditor'];

export const OVERSIGHT_ROLES = ['approver:HOS', 'approver:AD', 'approver:DCS', 'finance', 'performance', 'auditor'] as const;

const ROUTES = [
  ['REUNIFICATION', 'Home to family'],
  ['SPECIAL_GUARDIANSHIP', 'Special guardianship'],
  ['ADOPTION', 'Adoption'],
  ['AGED_18_AND_OVER', '18 and over'],
  ['OTHER', 'Other'],
] as const;
const ROUTE_MEASURE: Record<(typeof ROUTES)[number][0], string> = {
  REUNIFICATION: 'exits-reunification',
  SPECIAL_GUARDIANSHIP: 'exits-special-guardianship',
  ADOPTION: 'exits-adoption',
  AGED_18_AND_OVER: 'exits-aged-18-and-over',
  OTHER: 'exits-other',
};

function lastTwelveMonths(): { from: string; to: string } {
  const to = londonToday();
  return { from: `${addMonths(to, -11).slice(0, 7)}-01`, to };
}

/** Financial years (1 April to 31 March) named by their start: this one and the last. */
function financialYear(start: number): { from: string; to: string } {
  return { from: `${start}-04-01`, to: `${start + 1}-03-31` };
}

const pct = (v: number | null) => (v === null ? '–' : `${v}%`);
const num = (v: unknown) => (v === null || v === undefined ? '–' : String(v));

export function Oversight() {
  const [params, setParams] = useSearchParams();
  const { user } = useSession();
  const la = user?.la ?? '';
  const council = la.charAt(0).toUpperCase() + la.slice(1) || 'This council';
  const fallback = lastTwelveMonths();
  const from = params.get('from') ?? fallback.from;
  const to = params.get('to') ?? fallback.to;
  const [draft, setDraft] = useState({ from, to });
  const figures = useApiQuery(['referrals', 'indicators', { from, to }], (api, signal) =>
    unwrap(api.referrals.GET('/indicators', { params: { query: { from, to } }, signal })),
  );
  const show = (p: { from: string; to: string }) => {
    setDraft(p);
    setParams(p);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    show(draft);
  };
  const today = londonToday();
  const fyStart = Number(today.slice(0, 4)) - (today.slice(5) < '04-01' ? 1 : 0);
  const d = figures.data;
  const drill = (measure: string, text: string, count: number, m?: string) =>
    d?.drillDown && count > 0 ? (
      <li key={`${measure}-${m ?? ''}`}>
        <Link to={`/oversight/children?${new URLSearchParams({ measure, from, to, ...(m ? { month: m } : {}) }).toString()}`}>
          {text} ({count})
        </Link>
      </li>
    ) : null;

  const months = (d?.months ?? []).map((m) => ({
    month: m.month,
    inCare: m.end.inCare,
    others: m.end.inCare - m.end.inCareUasc,
    uasc: m.end.inCareUasc,
    projectedOthers: m.projected?.others ?? null,
    projectedUasc: m.projected?.uasc ?? null,
    ratePer10k: m.end.ratePer10k,
    entries: m.entries,
    entryTarget: m.entryTarget,
    exits: m.exits,
    exitTarget: m.exitTarget,
    ...m.byRoute,
    threeOrMore: m.end.threeOrMorePlacements.percent,
    threeOrMoreCount: m.end.threeOrMorePlacements.count,
    longTerm: m.end.longTermStability.percent,
    longTermCount: m.end.longTermStability.count,
    longTermCohort: m.end.longTermStability.cohort,
    outOfArea: m.end.distance.outOfArea,
    over20Miles: m.end.distance.over20Miles,
    unknown: m.end.distance.unknown,
  }));
  type Row = (typeof months)[number];
  const comparators = d
    ? [
        { name: council, ratePer10k: d.end.ratePer10k, year: Number(d.to.slice(0, 4)) },
        ...d.comparators.map((c) => ({ name: c.name, ratePer10k: c.ratePer10k as number | null, year: c.year })),
      ]
    : [];
  const last = d?.months[d.months.length - 1];

  return (
    <section aria-labelledby="oversight-h">
      <h1 id="oversight-h">Oversight</h1>
      <form className="period" onSubmit={submit} aria-label="Period">
        <label>
          From <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} required />
        </label>
        <label>
          To <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} required />
        </label>
        <button type="submit">Show</button>
        <button type="button" className="link-button" onClick={() => show(lastTwelveMonths())}>
          Last 12 months
        </button>
        <button type="button" className="link-button" onClick={() => show(financialYear(fyStart))}>
          This financial year
        </button>
        <button type="button" className="link-button" onClick={() => show(financialYear(fyStart - 1))}>
          Last financial year
        </button>
      </form>
      <Problem error={figures.error} />
      {figures.isPending && <p>Loading the indicators…</p>}
      {d && (
        <>
          <p className="lead" data-testid="oversight-summary">
            {day(d.from)} to {day(d.to)}: <strong>{d.end.inCare}</strong> children in care on {day(d.end.at)} ({d.end.inCareUasc}{' '}
            asylum-seeking), {d.end.ratePer10k === null ? 'no population set for the rate' : `${d.end.ratePer10k} per 10,000 children`};{' '}
            <strong>{d.entries}</strong> entries (target {num(d.entryTarget)}) and <strong>{d.exits}</strong> exits (target{' '}
            {num(d.exitTarget)}).
          </p>

          <Figure<Row>
            title="Children in care, actual and projected"
            description={
              <>
                Children looked after at the end of each month, asylum-seeking children shown apart, against the projection made at the
                start of the period from the 12 months before it ({day(d.projection.referenceFrom)} to {day(d.projection.referenceTo)}): the
                daily rate of entries and the daily chance of leaving care, for each group.
              </>
            }
            rows={months}
            x="month"
            xFormat={(v) => month(String(v))}
            series={[
              { key: 'others', label: 'In care (not asylum-seeking)', stack: 'in' },
              { key: 'uasc', label: 'In care (asylum-seeking)', stack: 'in' },
              { key: 'projectedOthers', label: 'Projected (not asylum-seeking)', kind: 'line', dashed: true },
              { key: 'projectedUasc', label: 'Projected (asylum-seeking)', kind: 'line', dashed: true },
            ]}
            columns={[
              { key: 'month', label: 'Month', format: (v) => month(String(v)) },
              { key: 'inCare', label: 'In care at the month end', numeric: true },
              { key: 'uasc', label: 'Of whom asylum-seeking', numeric: true },
              { key: 'projectedOthers', label: 'Projected (not asylum-seeking)', numeric: true, format: num },
              { key: 'projectedUasc', label: 'Projected (asylum-seeking)', numeric: true, format: num },
              { key: 'ratePer10k', label: 'Per 10,000 children', numeric: true, format: num },
            ]}
            csvName="children-in-care"
          >
            <ul className="drill">
              {drill('in-care', `Children in care on ${day(d.end.at)}`, d.end.inCare)}
              {drill('in-care-uasc', `Asylum-seeking children in care on ${day(d.end.at)}`, d.end.inCareUasc)}
            </ul>
          </Figure>

          <Figure
            title="Children in care per 10,000 children"
            description={
              <>
                On {day(d.end.at)}, per 10,000 children aged 0-17 (the council's ONS mid-year estimate for {d.end.population ?? 'no year'}
                {d.end.population ? `: ${d.end.population.toLocaleString('en-GB')} children` : ''}), beside the comparators the council
                entered (their latest year to 31 March).
              </>
            }
            rows={comparators}
            x="name"
            series={[{ key: 'ratePer10k', label: 'Per 10,000 children' }]}
            columns={[
              { key: 'name', label: 'Who' },
              { key: 'year', label: 'Year', numeric: true },
              { key: 'ratePer10k', label: 'Per 10,000 children', numeric: true, format: num },
            ]}
            csvName="rate-per-10000"
          />

          <Figure<Row>
            title="Entries and exits against targets"
            description="Children starting a period of care (an episode with reason S) and leaving it (an episode ending with a reason other than X1) each month, against the council's targets."
            rows={months}
            x="month"
            xFormat={(v) => month(String(v))}
            series={[
              { key: 'entries', label: 'Entries' },
              { key: 'exits', label: 'Exits' },
              { key: 'entryTarget', label: 'Entries target', kind: 'line', dashed: true },
              { key: 'exitTarget', label: 'Exits target', kind: 'line', dashed: true },
            ]}
            columns={[
              { key: 'month', label: 'Month', format: (v) => month(String(v)) },
              { key: 'entries', label: 'Entries', numeric: true },
              { key: 'entryTarget', label: 'Entries target', numeric: true, format: num },
              { key: 'exits', label: 'Exits', numeric: true },
              { key: 'exitTarget', label: 'Exits target', numeric: true, format: num },
            ]}
            csvName="entries-and-exits"
          >
            <ul className="drill">
              {drill('entries', `Entries, ${day(d.from)} to ${day(d.to)}`, d.entries)}
              {drill('exits', `Exits, ${day(d.from)} to ${day(d.to)}`, d.exits)}
              {last && drill('entries', `Entries in ${month(last.month)}`, last.entries, last.month)}
              {last && drill('exits', `Exits in ${month(last.month)}`, last.exits, last.month)}
            </ul>
          </Figure>

          <Figure<Row>
            title="Exits by route"
            description="How children left care, from the reason their last episode ended: home to family (E4A, E4B), special guardianship (E45-E48), adoption (E11, E12), 18 and over (aged 18 on leaving, or E15), other."
            rows={months}
            x="month"
            xFormat={(v) => month(String(v))}
            series={ROUTES.map(([key, label]) => ({ key, label, stack: 'routes' }))}
            columns={[
              { key: 'month', label: 'Month', format: (v) => month(String(v)) },
              ...ROUTES.map(([key, label]) => ({ key, label, numeric: true })),
            ]}
            csvName="exits-by-route"
          >
            <ul className="drill">
              {ROUTES.map(([key, label]) => drill(ROUTE_MEASURE[key], `${label}, ${day(d.from)} to ${day(d.to)}`, d.byRoute[key]))}
            </ul>
          </Figure>

          <Figure<Row>
            title="Placement stability"
            description={
              <>
                At each month end, the DfE's two measures. Three or more placements: children in care with three or more placements in the
                12 months before. Long-term stability: children under 16 in care for 2½ years or more who have lived with the same carers
                for 2 years, or are placed for adoption and, with the placement before, have for 2 years. A placement is a new set of
                carers; temporary placements and being placed for adoption with the current foster carers do not count.
              </>
            }
            rows={months}
            x="month"
            xFormat={(v) => month(String(v))}
            valueFormat={(v) => `${v}%`}
            series={[
              { key: 'threeOrMore', label: 'Three or more placements (%)' },
              { key: 'longTerm', label: 'Long-term stable (%)' },
            ]}
            columns={[
              { key: 'month', label: 'Month', format: (v) => month(String(v)) },
              { key: 'threeOrMoreCount', label: 'Three or more placements', numeric: true },
              { key: 'threeOrMore', label: 'Of those in care', numeric: true, format: (v) => pct(v as number | null) },
              { key: 'longTermCount', label: 'Long-term stable', numeric: true },
              { key: 'longTermCohort', label: 'Under 16, in care 2½ years', numeric: true },
              { key: 'longTerm', label: 'Long-term stable (%)', numeric: true, format: (v) => pct(v as number | null) },
            ]}
            csvName="placement-stability"
          >
            <ul className="drill">
              {drill('three-or-more-placements', `Three or more placements, on ${day(d.end.at)}`, d.end.threeOrMorePlacements.count)}
              {drill('long-term-stability-cohort', `Under 16 and in care 2½ years, on ${day(d.end.at)}`, d.end.longTermStability.cohort)}
              {drill('long-term-stability', `Long-term stable, on ${day(d.end.at)}`, d.end.longTermStability.count)}
            </ul>
          </Figure>

          <Figure<Row>
            title="Placed away from home"
            description="At each month end: children placed outside the council's area, and more than 20 miles from the home they came into care from (great-circle miles between the two postcodes); where a placement's postcode is not in the postcode table, the distance is not known."
            rows={months}
            x="month"
            xFormat={(v) => month(String(v))}
            series={[
              { key: 'outOfArea', label: 'Out of area' },
              { key: 'over20Miles', label: 'More than 20 miles' },
            ]}
            columns={[
              { key: 'month', label: 'Month', format: (v) => month(String(v)) },
              { key: 'outOfArea', label: 'Out of area', numeric: true },
              { key: 'over20Miles', label: 'More than 20 miles from home', numeric: true },
              { key: 'unknown', label: 'Not known', numeric: true },
            ]}
            csvName="placed-away-from-home"
          >
            <ul className="drill">
              {drill('out-of-area', `Out of area, on ${day(d.end.at)}`, d.end.distance.outOfArea)}
              {drill('over-20-miles', `More than 20 miles from home, on ${day(d.end.at)}`, d.end.distance.over20Miles)}
              {drill('distance-unknown', `Distance not known, on ${day(d.end.at)}`, d.end.distance.unknown)}
            </ul>
          </Figure>
          {!d.drillDown && (
            <p className="hint">Your role sees the figures; the children behind them are listed for managers and the performance team.</p>
          )}
          <h2>Placements and their cost</h2>
          <FinanceFigures asOf={d.to} />
          {can(user, ...CLOCK_FIGURE_ROLES) && (
            <>
              <h2>Reviews and visits on time</h2>
              <ClockFigures from={d.from} to={d.to} />
            </>
          )}
        </>
      )}
    </section>
  );
}

const MEASURE_WORDS: Record<string, string> = {
  'in-care': 'Children in care',
  'in-care-uasc': 'Asylum-seeking children in care',
  entries: 'Entries to care',
  'entries-uasc': 'Asylum-seeking children entering care',
  exits: 'Exits from care',
  'exits-uasc': 'Asylum-seeking children leaving care',
  'exits-reunification': 'Exits home to family',
  'exits-special-guardianship': 'Exits to special guardianship',
  'exits-adoption': 'Exits to adoption',
  'exits-aged-18-and-over': 'Exits at 18 and over',
  'exits-other': 'Exits by other routes',
  'three-or-more-placements': 'Three or more placements in 12 months',
  'three-or-more-placements-cohort': 'Children in care (stability)',
  'long-term-stability': 'Long-term stable',
  'long-term-stability-cohort': 'Under 16 and in care 2½ years',
  'out-of-area': 'Placed out of area',
  'over-20-miles': 'Placed more than 20 miles from home',
  'distance-unknown': 'Distance not known',
};

/** The children behind a figure, by the council's reference. */
export function OversightChildren() {
  const [params] = useSearchParams();
  const measure = params.get('measure') ?? 'in-care';
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const m = params.get('month') ?? undefined;
  const list = useApiQuery(['referrals', 'indicators', 'children', { measure, from, to, m }], (api, signal) =>
    unwrap(
      api.referrals.GET('/indicators/children', {
        params: { query: { measure: measure as never, ...(from ? { from } : {}), ...(to ? { to } : {}), ...(m ? { month: m } : {}) } },
        signal,
      }),
    ),
  );
  const data = list.data;
  const title = MEASURE_WORDS[measure] ?? 'Children';
  return (
    <section aria-labelledby="drill-h">
      <p>
        <Link to={`/oversight?${new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) }).toString()}`}>
          Back to oversight
        </Link>
      </p>
      <h1 id="drill-h">{title}</h1>
      <Problem error={list.error} />
      {data && (
        <>
          <p data-testid="drill-count">
            {data.month ? month(data.month) : `${day(data.from)} to ${day(data.to)}`}: {data.count}{' '}
            {data.count === 1 ? 'child' : 'children'}, by the council's reference.
          </p>
          <ul className="references">
            {data.children.map((c, i) => (
              <li key={`${c.reference}-${i}`}>{c.reference}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
