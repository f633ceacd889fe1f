import { unwrap } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { Figure } from '../../components/Figure';
import { Problem } from '../../components/Problem';

interface MonthRow {
  month: string;
  label: string;
  due: number;
  onTime: number;
  doneLate: number;
  openLate: number;
  open: number;
  onTimePercent: number | null;
}

const percent = (v: unknown) => (typeof v === 'number' ? `${v}%` : '–');

/**
 * Statutory clocks on time, month by month: the child's reviews and first visits (and any other kind
 * due in the months), each a figure of done on time, done late and still open and late, with its table
 * and CSV. Self-contained: it asks panels itself (`GET /clocks/indicators`).
 */
export function ClockFigures({ from, to }: { from?: string; to?: string } = {}) {
  const q = useApiQuery(['panels', 'clocks', 'indicators', { from, to }], (api, signal) =>
    unwrap(api.panels.GET('/clocks/indicators', { params: { query: { ...(from ? { from } : {}), ...(to ? { to } : {}) } }, signal })),
  );
  if (q.error) return <Problem error={q.error} />;
  if (!q.data) return <p aria-busy="true">Loading the statutory clocks…</p>;
  return (
    <>
      {q.data.kinds.map((k) => (
        <Figure<MonthRow>
          key={k.purpose}
          title={`${k.what} on time`}
          description={
            <>
              By the month each was due. {k.total.due} due in all: {k.total.onTime} done on time, {k.total.doneLate} done late,{' '}
              {k.total.openLate} still open and late
              {k.total.open ? `, ${k.total.open} not yet due` : ''}
              {k.total.onTimePercent === null ? '.' : ` (${k.total.onTimePercent}% on time).`}
            </>
          }
          rows={k.months}
          x="label"
          series={[
            { key: 'onTime', label: 'Done on time', stack: 'clocks' },
            { key: 'doneLate', label: 'Done late', stack: 'clocks' },
            { key: 'openLate', label: 'Open and late', stack: 'clocks' },
          ]}
          columns={[
            { key: 'label', label: 'Month due' },
            { key: 'due', label: 'Due', numeric: true },
            { key: 'onTime', label: 'Done on time', numeric: true },
            { key: 'doneLate', label: 'Done late', numeric: true },
            { key: 'openLate', label: 'Open and late', numeric: true },
            { key: 'open', label: 'Not yet due', numeric: true },
            { key: 'onTimePercent', label: 'On time', numeric: true, format: percent, csv: (v) => (typeof v === 'number' ? v : '') },
          ]}
          csvName={`${k.purpose.toLowerCase().replace(/_/g, '-')}-on-time`}
        />
      ))}
    </>
  );
}
