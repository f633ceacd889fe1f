import { emptyReturn } from '@placewise/contracts/ssda903';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseFileDate, readReturnFiles, writeReturnFiles, zipReturn, type FileError } from './files.js';
import { returnOf, sampleReturn } from './fixtures.js';

const EPISODES_HEADER = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN';
const HEADER_HEADER = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB';

function errorsOf(files: { name: string; content: Uint8Array | string }[]): FileError[] {
  const r = readReturnFiles(files);
  if (r.ok) throw new Error('expected the files to be refused');
  return r.errors;
}

function episodes(...lines: string[]): { name: string; content: string } {
  return { name: 'episodes.csv', content: [EPISODES_HEADER, ...lines].join('\r\n') + '\r\n' };
}

describe('writeReturnFiles and readReturnFiles', () => {
  it('round-trips a return unchanged, with each row’s file and line', () => {
    const ret = sampleReturn();
    const read = readReturnFiles(writeReturnFiles(ret));
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.value).toEqual(ret);
    expect(read.provenance.Episodes).toEqual([
      { file: 'episodes.csv', line: 2 },
      { file: 'episodes.csv', line: 3 },
      { file: 'episodes.csv', line: 4 },
    ]);
    expect(read.provenance.OC2).toEqual([]);
  });

  it('writes all 12 tables with their exact columns, a header even when empty, CRLF, DD/MM/YYYY and upper case', () => {
    const files = writeReturnFiles(sampleReturn());
    expect(files.map((f) => f.name)).toEqual([
      'header.csv',
      'episodes.csv',
      'reviews.csv',
      'uasc.csv',
      'oc2.csv',
      'oc3.csv',
      'ad1.csv',
      'placed_for_adoption.csv',
      'previous_permanence.csv',
      'missing.csv',
      'social_worker_episodes.csv',
      'dolo.csv',
    ]);
    expect(files[4]?.content).toBe(
      'CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\r\n',
    );
    expect(files[0]?.content).toBe(`${HEADER_HEADER}\r\nC1,F,01/05/2012,WBRI,A123456789012,0,\r\nC2,M,20/09/2007,BAFR,UN2,,\r\n`);
  });

  it('quotes a cell only when it needs it', () => {
    const ret = returnOf({ Header: [{ CHILD: 'A,"B"', SEX: 'f' }] });
    const [header] = writeReturnFiles(ret);
    expect(header?.content.split('\r\n')[1]).toBe('"A,""B""",F,,,,,');
    const read = readReturnFiles([header!]);
    expect(read.ok && read.value.Header[0]?.CHILD).toBe('A,"B"');
  });

  it('refuses to write a date that is not an ISO day', () => {
    expect(() => writeReturnFiles(returnOf({ Header: [{ CHILD: 'C1', DOB: '01/05/2012' }] }))).toThrow(/YYYY-MM-DD/);
  });

  it('reads any column order, LF line endings, a BOM, lower case and blank cells as null; absent tables are empty', () => {
    const read = readReturnFiles([
      { name: 'whatever.txt', content: '\uFEFFsex,child,dob,ethnic,upn,mother,mc_dob\nf,c1,01/05/2012,wbri, a123456789012 ,,\n' },
    ]);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.value).toEqual({
      ...emptyReturn(),
      Header: [{ CHILD: 'C1', SEX: 'F', DOB: '2012-05-01', ETHNIC: 'WBRI', UPN: 'A123456789012', MOTHER: null, MC_DOB: null }],
    });
    expect(read.provenance.Header).toEqual([{ file: 'whatever.txt', line: 2 }]);
  });

  it('skips rows whose cells are all empty, as spreadsheets leave them', () => {
    const read = readReturnFiles([{ name: 'h.csv', content: `${HEADER_HEADER}\r\nC1,F,,,,,\r\n,,,,,,\r\n , ,,,,,\r\n` }]);
    expect(read.ok && read.value.Header.map((h) => h.CHILD)).toEqual(['C1']);
  });

  it('reads bytes with a UTF-8 BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(`${HEADER_HEADER}\r\nC1,F,01/05/2012,WBRI,UN1,,\r\n`)]);
    const read = readReturnFiles([{ name: 'header.csv', content: bytes }]);
    expect(read.ok && read.value.Header.length).toBe(1);
  });

  it('gives a row the line it starts on, across blank lines and cells with line breaks', () => {
    const read = readReturnFiles([{ name: 'h.csv', content: `${HEADER_HEADER}\r\n\r\n"C\r\n1",F,,,,,\r\nC2,M,,,,,\r\n` }]);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.provenance.Header).toEqual([
      { file: 'h.csv', line: 3 },
      { file: 'h.csv', line: 5 },
    ]);
  });
});

describe('zipReturn', () => {
  it('zips every CSV, gives the same bytes for the same return, and reads back unchanged', () => {
    const a = zipReturn(sampleReturn());
    const b = zipReturn(sampleReturn());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Object.keys(unzipSync(a))).toHaveLength(12);
    const read = readReturnFiles([{ name: 'return.zip', content: a }]);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.value).toEqual(sampleReturn());
    expect(read.provenance.Episodes[0]).toEqual({ file: 'return.zip/episodes.csv', line: 2 });
  });

  it('refuses a damaged zip and a non-CSV entry, naming them', () => {
    expect(errorsOf([{ name: 'bad.zip', content: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) }])).toEqual([
      { file: 'bad.zip', line: null, column: null, reason: expect.stringMatching(/cannot be opened/) },
    ]);
    const zip = zipSync({ 'notes.docx': strToU8('x'), 'header.csv': strToU8(`${HEADER_HEADER}\r\n`) });
    expect(errorsOf([{ name: 'y.zip', content: zip }])).toEqual([
      { file: 'y.zip/notes.docx', line: null, column: null, reason: expect.stringMatching(/not a \.csv/) },
    ]);
  });
});

describe('readReturnFiles refuses bad files with the file, line, column and reason', () => {
  it('an unknown code in every coded column', () => {
    const errors = errorsOf([
      episodes(
        'C1,01/06/2025,Q,C9,N9,ZZ,PR9,,X9,NOPE,,,',
        'C2,01/06/2025,S,C2,N1,U6,PR1,,,CARPL,,,', // fine
      ),
      { name: 'header.csv', content: `${HEADER_HEADER}\r\nC1,X,01/01/2010,WHAT,UN1,2,\r\n` },
    ]);
    expect(errors.map((e) => [e.file, e.line, e.column])).toEqual([
      ['episodes.csv', 2, 'RNE'],
      ['episodes.csv', 2, 'LS'],
      ['episodes.csv', 2, 'CIN'],
      ['episodes.csv', 2, 'PLACE'],
      ['episodes.csv', 2, 'PLACE_PROVIDER'],
      ['episodes.csv', 2, 'REC'],
      ['episodes.csv', 2, 'REASON_PLACE_CHANGE'],
      ['header.csv', 2, 'SEX'],
      ['header.csv', 2, 'ETHNIC'],
      ['header.csv', 2, 'MOTHER'],
    ]);
    expect(errors[3]?.reason).toMatch(/^"ZZ" is not a PLACE code: expected one of A3, A4/);
  });

  it('unknown codes in the other tables', () => {
    const errors = errorsOf([
      { name: 'r.csv', content: 'CHILD,DOB,REVIEW,REVIEW_CODE\r\nC1,,,PN9\r\n' },
      { name: 'm.csv', content: 'CHILD,DOB,MISSING,MIS_START,MIS_END\r\nC1,,X,,\r\n' },
      { name: 'o.csv', content: 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\r\nC1,,MAYBE,Z9,S1\r\n' },
      { name: 's.csv', content: 'CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\r\nC1,,SW1,,,BORED\r\n' },
      { name: 'p.csv', content: 'CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM\r\nC1,,P9,,\r\n' },
      { name: 'pa.csv', content: 'CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\r\nC1,,,,RD9\r\n' },
      {
        name: 'oc2.csv',
        content:
          'CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\r\nC1,,41,SDQ9,2,Y,,,,,,\r\n',
      },
      { name: 'u.csv', content: 'CHILD,SEX,DOB,DUC\r\nC1,1,,\r\n' },
    ]);
    expect(errors.map((e) => `${e.file}:${e.column}`)).toEqual([
      'r.csv:REVIEW_CODE',
      'm.csv:MISSING',
      'o.csv:IN_TOUCH',
      'o.csv:ACTIV',
      'o.csv:ACCOM',
      's.csv:SW_REASON',
      'p.csv:PREV_PERM',
      'pa.csv:REASON_PLACED_CEASED',
      'oc2.csv:SDQ_SCORE',
      'oc2.csv:SDQ_REASON',
      'oc2.csv:CONVICTED',
      'oc2.csv:HEALTH_CHECK',
      'u.csv:SEX',
    ]);
  });

  it.each([
    ['31/02/2024', 'is not a day of the calendar'],
    ['2024-01-01', 'is not a date written DD/MM/YYYY'],
    ['1/2/2024', 'is not a date written DD/MM/YYYY'],
    ['00/00/0000', 'has a year outside 1900 to 2100'],
    ['01/01/0000', 'has a year outside 1900 to 2100'],
    ['31/12/1899', 'has a year outside 1900 to 2100'],
    ['01/01/2101', 'has a year outside 1900 to 2100'],
    ['00/01/2024', 'is not a day of the calendar'],
  ])('the date %s', (date, why) => {
    expect(errorsOf([{ name: 'header.csv', content: `${HEADER_HEADER}\r\nC1,F,${date},,,,\r\n` }])).toEqual([
      { file: 'header.csv', line: 2, column: 'DOB', reason: `"${date}" ${why}` },
    ]);
  });

  it('accepts 29/02 in a leap year and the years 1900 and 2100', () => {
    for (const d of ['29/02/2024', '01/01/1900', '31/12/2100']) expect(parseFileDate(d).ok).toBe(true);
    expect(parseFileDate('29/02/2023').ok).toBe(false);
  });

  it('a missing column, an extra column, a repeated column, an unknown set of columns', () => {
    const errors = errorsOf([
      { name: 'e.csv', content: EPISODES_HEADER.replace(',URN', '') + '\r\n' },
      { name: 'h.csv', content: `${HEADER_HEADER},NAME\r\n` },
      { name: 'r.csv', content: 'CHILD,DOB,REVIEW,REVIEW_CODE,REVIEW\r\n' },
      { name: 'x.csv', content: 'FOO,BAR\r\n1,2\r\n' },
    ]);
    expect(errors).toEqual([
      { file: 'e.csv', line: 1, column: null, reason: 'The columns do not match any SSDA903 table: nearest is Episodes, missing URN' },
      { file: 'h.csv', line: 1, column: null, reason: 'The columns do not match any SSDA903 table: nearest is Header, unexpected NAME' },
      { file: 'r.csv', line: 1, column: null, reason: 'The header repeats the column REVIEW' },
      { file: 'x.csv', line: 1, column: null, reason: 'The columns do not match any SSDA903 table' },
    ]);
  });

  it('two files for the same table', () => {
    expect(errorsOf([episodes(), { name: 'episodes-2.csv', content: EPISODES_HEADER + '\n' }])).toEqual([
      {
        file: 'episodes-2.csv',
        line: 1,
        column: null,
        reason: expect.stringMatching(/^A second file for the Episodes table \(the first is episodes\.csv\)/),
      },
    ]);
  });

  it('a bad UPN, an empty CHILD and one longer than 40 characters', () => {
    const errors = errorsOf([
      {
        name: 'header.csv',
        content: [
          HEADER_HEADER,
          'C1,F,,,I123456789012,,',
          ',F,,,UN1,,',
          `${'X'.repeat(41)},F,,,UN6,,`,
          `${'X'.repeat(40)},F,,,12345678901A,,`,
        ].join('\n'),
      },
    ]);
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'UPN'],
      [3, 'CHILD'],
      [4, 'CHILD'],
      [4, 'UPN'],
    ]);
    expect(errors[1]?.reason).toMatch(/CHILD is empty/);
    expect(errors[2]?.reason).toMatch(/longer than 40/);
  });

  it('NUL bytes, control characters and lone surrogates, with their line', () => {
    const errors = errorsOf([{ name: 'h.csv', content: `${HEADER_HEADER}\nC1\u0000,F,,,,,\nC2\u0007,F,,,,,\nC3\uD800,F,,,,,\n` }]);
    expect(errors.map((e) => [e.line, e.reason])).toEqual([
      [2, 'The file contains a NUL byte'],
      [3, 'The file contains a control character (U+0007)'],
      [4, 'The file contains a broken character (a lone surrogate)'],
    ]);
  });

  it('UTF-16 and bytes that are not UTF-8', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(HEADER_HEADER, 'utf16le')]);
    const utf16NoBom = new Uint8Array(Buffer.from(`${HEADER_HEADER}\r\n`, 'utf16le'));
    const latin1 = new Uint8Array([...strToU8(`${HEADER_HEADER}\nC1,F,,,,,\nC`), 0xe9, ...strToU8(',F,,,,,\n')]);
    expect(
      errorsOf([
        { name: 'a.csv', content: utf16 },
        { name: 'b.csv', content: utf16NoBom },
        { name: 'c.csv', content: latin1 },
      ]),
    ).toEqual([
      { file: 'a.csv', line: null, column: null, reason: 'The file is UTF-16 text: save it as UTF-8 (CSV UTF-8)' },
      { file: 'b.csv', line: null, column: null, reason: 'The file looks like UTF-16 text: save it as UTF-8 (CSV UTF-8)' },
      { file: 'c.csv', line: 3, column: null, reason: 'The file is not UTF-8 text here: save it as UTF-8 (CSV UTF-8)' },
    ]);
  });

  it('CSV syntax errors: a wrong number of cells, an unclosed quote', () => {
    const errors = errorsOf([
      { name: 'h.csv', content: `${HEADER_HEADER}\r\nC1,F,,,,\r\nC2,F,,,,,\r\nC3,F,,,,,,\r\nC4,"F,,,,,\r\nC5,F,,,,,\r\n` },
    ]);
    expect(errors).toEqual([
      { file: 'h.csv', line: 2, column: null, reason: 'This line has a different number of cells from the header' },
      { file: 'h.csv', line: 4, column: null, reason: 'This line has a different number of cells from the header' },
      { file: 'h.csv', line: 5, column: null, reason: 'CSV syntax error: a quoted cell is never closed' },
    ]);
  });

  it('an empty file', () => {
    expect(errorsOf([{ name: 'e.csv', content: '' }])).toEqual([
      { file: 'e.csv', line: 1, column: null, reason: 'The file is empty: it needs at least the header row' },
    ]);
  });

  it('collects every error in every file, not the first', () => {
    const errors = errorsOf([
      episodes('C1,31/02/2025,S,C2,N1,U6,PR1,,,,,,', 'C2,01/06/2025,S,C2,N1,ZZ,PR1,,,,,,'),
      { name: 'header.csv', content: `${HEADER_HEADER}\r\nC1,Q,,,,,\r\n` },
    ]);
    expect(errors.map((e) => `${e.file}:${e.line}:${e.column}`)).toEqual([
      'episodes.csv:2:DECOM',
      'episodes.csv:3:PLACE',
      'header.csv:2:SEX',
    ]);
  });
});
