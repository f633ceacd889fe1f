import { useId, type ReactNode } from 'react';
import { Bar, CartesianGrid, ComposedChart, LabelList, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** A column of a figure's table (and of its CSV): the heading a person reads and how a value is shown. */
export interface FigureColumn<R> {
  key: keyof R & string;
  label: string;
  /** How the table shows the value (the CSV keeps the plain value: pence stay pence, counts stay counts). */
  format?: (value: R[keyof R], row: R) => string;
  /** How the CSV writes the value (default: the plain value); money in pounds, e.g. (v) => (v / 100).toFixed(2). */
  csv?: (value: R[keyof R], row: R) => string | number;
  numeric?: boolean;
}

/** A series drawn on the chart: bars (with their figures on them) or a line. */
export interface FigureSeries<R> {
  key: keyof R & string;
  label: string;
  kind?: 'bar' | 'line';
  /** Bars of the same stack are drawn on top of one another. */
  stack?: string;
  /** Dashed, for a target or a projection drawn against what happened. */
  dashed?: boolean;
}

export interface FigureProps<R extends object> {
  title: string;
  /** One or two sentences: what is counted and how (which placements count, from what date). */
  description?: ReactNode;
  rows: R[];
  /** The category axis (a month, a placement type...). */
  x: keyof R & string;
  /** How an x value reads on the axis, e.g. "2026-04" -> "Apr 2026". */
  xFormat?: (value: R[keyof R]) => string;
  series: FigureSeries<R>[];
  columns: FigureColumn<R>[];
  /** How a series value reads on the bars and in the tooltip (default: as is). */
  valueFormat?: (value: number) => string;
  /** The downloaded file's name, without ".csv". */
  csvName: string;
  /** Under the table: links to the children behind a figure, notes on the source. */
  children?: ReactNode;
  height?: number;
}

// Colours with at least 3:1 contrast against white, told apart without colour by the legend's order.
const COLOURS = ['#1d4ed8', '#b45309', '#00703c', '#6b21a8', '#b10e1e', '#0f766e', '#484949'];

/**
 * One indicator as people read it at a glance: a chart with the figures on the bars, the same figures as a
 * table (what a screen reader reads, and what can be copied), and a CSV download of the rows.
 */
export function Figure<R extends object>(props: FigureProps<R>) {
  const { title, description, rows, x, xFormat, series, columns, valueFormat, csvName, children, height = 260 } = props;
  const id = useId();
  const show = (v: unknown) => (typeof v === 'number' && valueFormat ? valueFormat(v) : String(v ?? ''));
  const cell = (c: FigureColumn<R>, r: R) => {
    const v = r[c.key];
    return c.format ? c.format(v, r) : v === null || v === undefined ? '–' : String(v);
  };
  return (
    <section className="figure" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {description && <p className="hint">{description}</p>}
      {rows.length === 0 ? (
        <p>Nothing to show for this period.</p>
      ) : (
        <>
          <div className="figure-chart" aria-hidden="true">
            <ResponsiveContainer width="100%" height={height}>
              {/* No keyboard layer: the chart is hidden from assistive technology (the table carries the figures), so it must not take focus. */}
              <ComposedChart data={rows} margin={{ top: 20, right: 16, bottom: 4, left: 8 }} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey={String(x)} tickFormatter={xFormat ? (v) => xFormat(v as R[keyof R]) : undefined} />
                <YAxis tickFormatter={(v: number) => show(v)} width={72} />
                <Tooltip
                  formatter={(v) => show(v)}
                  labelFormatter={xFormat ? (v) => xFormat(v as R[keyof R]) : undefined}
                  isAnimationActive={false}
                />
                <Legend />
                {series.map((s, i) =>
                  s.kind === 'line' ? (
                    <Line
                      key={s.key}
                      dataKey={s.key}
                      name={s.label}
                      stroke={COLOURS[i % COLOURS.length]}
                      strokeWidth={2}
                      strokeDasharray={s.dashed ? '6 4' : undefined}
                      dot={false}
                      isAnimationActive={false}
                      connectNulls
                    />
                  ) : (
                    <Bar
                      key={s.key}
                      dataKey={String(s.key)}
                      name={s.label}
                      stackId={s.stack}
                      fill={COLOURS[i % COLOURS.length]}
                      isAnimationActive={false}
                    >
                      {rows.length <= 24 && (
                        <LabelList
                          dataKey={s.key}
                          position={s.stack ? 'inside' : 'top'}
                          formatter={(v: unknown) => show(v)}
                          fontSize={11}
                        />
                      )}
                    </Bar>
                  ),
                )}
              </ComposedChart>
            </ResponsiveContainer>
          </div>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  {columns.map((c) => (
                    <td key={c.key} className={c.numeric ? 'num' : undefined}>
                      {cell(c, r)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <button type="button" className="link-button" onClick={() => download(`${csvName}.csv`, toCsv(rows, columns))}>
              Download {title.toLowerCase()} as CSV
            </button>
          </p>
        </>
      )}
      {children}
    </section>
  );
}

/**
 * The rows as CSV with the table's headings: fields quoted where they hold a comma, quote or line break, and
 * text that a spreadsheet would run as a formula (=, +, -, @ at the start) prefixed with an apostrophe.
 */
export function toCsv<R extends object>(rows: R[], columns: FigureColumn<R>[]): string {
  const field = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    let s = String(v);
    // A number written as text ("-1.00") stays a number.
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [
    columns.map((c) => field(c.label)).join(','),
    ...rows.map((r) => columns.map((c) => field(c.csv ? c.csv(r[c.key], r) : r[c.key])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
