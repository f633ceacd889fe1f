import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.js';

describe('csv', () => {
  it('quotes what needs quoting and defuses formulas, leaving numbers alone', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-5_000_000)).toBe('-5000000');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(
      toCsv({
        columns: ['a', 'b'],
        rows: [
          [1, 'x'],
          [null, '-1'],
        ],
      }),
    ).toBe("a,b\r\n1,x\r\n,'-1\r\n");
  });
});
