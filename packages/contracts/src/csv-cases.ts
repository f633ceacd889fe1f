/**
 * The cases every CSV writer in Placewise must pass: the services' reports (`toCsv` in @placewise/platform)
 * and the browser's figure download (`toCsv` in apps/web, which cannot import platform). Test data only:
 * each writer's unit test runs them all.
 *
 * One rule differs and is tested by each writer on its own: text that reads as a negative number ("-1.00")
 * is kept as a number by the browser (its money columns are written as text in pounds), while the services
 * prefix it like any other text starting with "-" (their tables hold numbers as numbers).
 */

/** One cell: the value in, the field written (quoted where needed, formulas defused). */
export const CSV_CELL_CASES: readonly { name: string; value: string | number | boolean | null; cell: string }[] = [
  { name: 'plain text as it is', value: 'plain', cell: 'plain' },
  { name: 'a comma is quoted', value: 'a, b', cell: '"a, b"' },
  { name: 'a quote is doubled inside quotes', value: 'say "hi"', cell: '"say ""hi"""' },
  { name: 'a line break is quoted', value: 'line\nbreak', cell: '"line\nbreak"' },
  { name: 'a carriage return is quoted', value: 'a\rb', cell: '"a\rb"' },
  { name: 'a formula is defused, then quoted', value: '=HYPERLINK("http://x")', cell: `"'=HYPERLINK(""http://x"")"` },
  { name: 'an @ formula is defused', value: '@SUM(A1)', cell: "'@SUM(A1)" },
  { name: 'a + formula is defused', value: '+1', cell: "'+1" },
  { name: 'a - formula is defused', value: '-A1+B1', cell: "'-A1+B1" },
  { name: 'a leading tab is defused', value: '\tcmd', cell: "'\tcmd" },
  { name: 'a leading carriage return is defused and quoted', value: '\r=1', cell: `"'\r=1"` },
  { name: 'a formula sign later in the text is left alone', value: 'a=b', cell: 'a=b' },
  { name: 'a negative number stays a number', value: -5_000_000, cell: '-5000000' },
  { name: 'a fraction stays a number', value: 0.05, cell: '0.05' },
  { name: 'zero', value: 0, cell: '0' },
  { name: 'nothing is an empty field', value: null, cell: '' },
  { name: 'a boolean as a word', value: true, cell: 'true' },
  { name: 'empty text is an empty field', value: '', cell: '' },
  { name: 'text beyond ASCII as it is', value: 'Weekly cost (£) – Ōtautahi', cell: 'Weekly cost (£) – Ōtautahi' },
];

/** A whole table: headings then rows, each line ended by CRLF (RFC 4180). */
export const CSV_TABLE_CASES: readonly {
  name: string;
  columns: string[];
  rows: (string | number | boolean | null)[][];
  csv: string;
}[] = [
  {
    name: 'headings, then rows, quoted where needed',
    columns: ['Month', 'Placement type', 'Children'],
    rows: [
      ['2026-04', 'Foster care, "enhanced"', 12],
      ['2026-05', 'Line\nbreak, and comma', null],
    ],
    csv: 'Month,Placement type,Children\r\n2026-04,"Foster care, ""enhanced""",12\r\n2026-05,"Line\nbreak, and comma",\r\n',
  },
  {
    name: 'formulas in headings and rows are defused; numbers are not',
    columns: ['=a', 'b'],
    rows: [
      [1, 'x'],
      [-3, '@y'],
    ],
    csv: "'=a,b\r\n1,x\r\n-3,'@y\r\n",
  },
  { name: 'headings only', columns: ['a', 'b'], rows: [], csv: 'a,b\r\n' },
];
