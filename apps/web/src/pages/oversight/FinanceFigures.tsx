import { day, pounds, unwrap } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { Figure } from '../../components/Figure';
import { Problem } from '../../components/Problem';
import { label, PLACEMENT_TYPES } from '../../labels';

/** Money for a CSV: pounds with pence, as a spreadsheet reads it. */
const csvPounds = (v: unknown) => (typeof v === 'number' ? (v / 100).toFixed(2) : '');
const poundsOrDash = (v: unknown) => (typeof v === 'number' ? pounds(v) : '–');
/** Pounds on a bar, short: "£6,500". */
const barPounds = (pence: number) => `£${Math.round(pence / 100).toLocaleString('en-GB')}`;

interface MixRow {
  type: string;
  placements: number;
  unpriced: number;
  weeklyCostPence: number;
  averageWeeklyCostPence: number | null;
}
interface CostRow {
  type: string;
  thisYearPence: number | null;
  lastYearPence: number | null;
  changePercent: number | null;
  thisYearDays: number;
  lastYearDays: number;
}

/**
 * The council's placement mix today (open placements by type, with their weekly cost) and the average
 * weekly cost by type this financial year to date against the same days last year: two figures, each
 * with its table and CSV. Self-contained: it asks finance itself (`GET /indicators`).
 */
export function FinanceFigures({ asOf }: { asOf?: string } = {}) {
  const q = useApiQuery(['finance', 'indicators', { asOf }], (api, signal) =>
    unwrap(api.finance.GET('/indicators', { params: { query: asOf ? { asOf } : {} }, signal })),
  );
  if (q.error) return <Problem error={q.error} />;
  if (!q.data) return <p aria-busy="true">Loading the placement figures…</p>;
  const d = q.data;
  const mix: MixRow[] = d.mix.rows.map((r) => ({ ...r, type: label(PLACEMENT_TYPES, r.placementType) }));
  const cost: CostRow[] = d.costByType.rows.map((r) => ({
    type: label(PLACEMENT_TYPES, r.placementType),
    thisYearPence: r.thisYear.averageWeeklyCostPence,
    lastYearPence: r.lastYear.averageWeeklyCostPence,
    changePercent: r.changePercent,
    thisYearDays: r.thisYear.placementDays,
    lastYearDays: r.lastYear.placementDays,
  }));
  const { thisYear, lastYear } = d.costByType;
  return (
    <>
      <Figure<MixRow>
        title="Placement mix by type"
        description={
          <>
            Open placements on {day(d.asOf)} by type: {d.mix.placements} in all, costing {pounds(d.mix.weeklyCostPence)} a week
            {d.mix.unpriced > 0 ? ` (${d.mix.unpriced} without a price yet, counted but not costed)` : ''}.
          </>
        }
        rows={mix}
        x="type"
        series={[{ key: 'placements', label: 'Open placements' }]}
        columns={[
          { key: 'type', label: 'Placement type' },
          { key: 'placements', label: 'Open placements', numeric: true },
          { key: 'unpriced', label: 'Without a price', numeric: true },
          { key: 'weeklyCostPence', label: 'Weekly cost', numeric: true, format: poundsOrDash, csv: csvPounds },
          { key: 'averageWeeklyCostPence', label: 'Average weekly cost', numeric: true, format: poundsOrDash, csv: csvPounds },
        ]}
        csvName={`placement-mix-${d.asOf}`}
        height={300}
      />
      <Figure<CostRow>
        title="Average weekly cost by type"
        description={
          <>
            {thisYear.label} from {day(thisYear.from)} to {day(thisYear.to)} against the same days of {lastYear.label} ({day(lastYear.from)}{' '}
            to {day(lastYear.to)}): each placement weighted by the days it was open, each day at the price then.
          </>
        }
        rows={cost}
        x="type"
        series={[
          { key: 'lastYearPence', label: `${lastYear.label} (same days)` },
          { key: 'thisYearPence', label: `${thisYear.label} to date` },
        ]}
        valueFormat={barPounds}
        columns={[
          { key: 'type', label: 'Placement type' },
          { key: 'thisYearPence', label: `${thisYear.label} average a week`, numeric: true, format: poundsOrDash, csv: csvPounds },
          { key: 'lastYearPence', label: `${lastYear.label} average a week`, numeric: true, format: poundsOrDash, csv: csvPounds },
          {
            key: 'changePercent',
            label: 'Change',
            numeric: true,
            format: (v) => (typeof v === 'number' ? `${v > 0 ? '+' : ''}${v}%` : '–'),
          },
          { key: 'thisYearDays', label: `Placement days ${thisYear.label}`, numeric: true },
          { key: 'lastYearDays', label: `Placement days ${lastYear.label}`, numeric: true },
        ]}
        csvName={`average-weekly-cost-by-type-${d.asOf}`}
        height={320}
      />
    </>
  );
}
