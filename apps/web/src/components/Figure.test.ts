import { describe, expect, it } from 'vitest';
import { CSV_CELL_CASES, CSV_TABLE_CASES } from '@placewise/contracts/csv-cases';
import { toCsv, type FigureColumn } from './Figure';

interface Row {
  month: string;
  label: string;
  costPence: number;
  count: number | null;
}

const columns: FigureColumn<Row>[] = [
  { key: 'month', label: 'Month' },
  { key: 'label', label: 'Placement type' },
  { key: 'costPence', label: 'Weekly cost (£)', csv: (v) => ((v as number) / 100).toFixed(2) },
  { key: 'count', label: 'Children', numeric: true },
];

describe('toCsv', () => {
  it('writes the headings, quotes what needs quoting and writes money in pounds', () => {
    const csv = toCsv<Row>(
      [
        { month: '2026-04', label: 'Foster care, "enhanced"', costPence: 61_000_00, count: 12 },
        { month: '2026-05', label: 'Line\nbreak, and comma', costPence: 5, count: null },
      ],
      columns,
    );
    expect(csv).toBe(
      'Month,Placement type,Weekly cost (£),Children\r\n' +
        '2026-04,"Foster care, ""enhanced""",61000.00,12\r\n' +
        '2026-05,"Line\nbreak, and comma",0.05,\r\n',
    );
  });

  it('does not let a spreadsheet run text as a formula', () => {
    const csv = toCsv<Row>([{ month: '=HYPERLINK("x")', label: '+1', costPence: -100, count: -3 }], columns);
    const line = csv.split('\r\n')[1];
    // Text starting with = or + is prefixed; negative numbers stay numbers.
    expect(line).toBe(`"'=HYPERLINK(""x"")",'+1,-1.00,-3`);
  });

  // The same cases the services' CSV (toCsv in @placewise/platform) passes.
  it.each(CSV_CELL_CASES)('a cell: $name', ({ value, cell }) => {
    expect(toCsv([{ v: value }], [{ key: 'v', label: 'Heading' }])).toBe(`Heading\r\n${cell}\r\n`);
  });

  it.each(CSV_TABLE_CASES)('a table: $name', ({ columns, rows, csv }) => {
    type Cells = Record<string, string | number | boolean | null>;
    const keyed: Cells[] = rows.map((r) => Object.fromEntries(r.map((v, i) => [`c${i}`, v])));
    expect(
      toCsv<Cells>(
        keyed,
        columns.map((label, i) => ({ key: `c${i}`, label })),
      ),
    ).toBe(csv);
  });
});
