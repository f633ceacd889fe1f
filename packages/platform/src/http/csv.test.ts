import { describe, expect, it } from 'vitest';
import { CSV_CELL_CASES, CSV_TABLE_CASES } from '@placewise/contracts/csv-cases';
import { csvCell, toCsv } from './csv.js';

describe('csv', () => {
  it.each(CSV_CELL_CASES)('a cell: $name', ({ value, cell }) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each(CSV_TABLE_CASES)('a table: $name', ({ columns, rows, csv }) => {
    expect(toCsv({ columns, rows })).toBe(csv);
  });

  it('prefixes text that reads as a negative number, like any text starting with "-" (the tables hold numbers as numbers)', () => {
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('-1.00')).toBe("'-1.00");
  });

  it('writes a large whole number as its digits', () => {
    expect(csvCell(12_345_678_901_234_567_890n)).toBe('12345678901234567890');
  });
});
