import { describe, expect, it } from 'vitest';
import { writeReturnFiles } from './files.js';
import { returnOf } from './fixtures.js';
import { mergeReturns, readReturnYears } from './merge.js';

const epi = (DECOM: string, DEC: string | null, extra: Record<string, string> = {}) => ({
  CHILD: 'C1',
  DECOM,
  DEC,
  RNE: 'S',
  LS: 'C2',
  PLACE: 'U4',
  ...extra,
});

describe('mergeReturns', () => {
  it('keeps the latest year’s header, UASC and outcome rows per child, in first-seen order', () => {
    const merged = mergeReturns([
      returnOf({
        Header: [
          { CHILD: 'C1', UPN: 'UN4' },
          { CHILD: 'C2', UPN: 'UN2' },
        ],
        UASC: [{ CHILD: 'C2', DUC: '2030-01-01' }],
      }),
      returnOf({ Header: [{ CHILD: 'C1', UPN: 'A123456789012' }], UASC: [{ CHILD: 'C2', DUC: '2029-01-01' }] }),
    ]);
    expect(merged.Header.map((h) => [h.CHILD, h.UPN])).toEqual([
      ['C1', 'A123456789012'],
      ['C2', 'UN2'],
    ]);
    expect(merged.UASC.map((u) => u.DUC)).toEqual(['2029-01-01']);
  });

  it('an episode open last year and closed this year is kept closed', () => {
    const merged = mergeReturns([
      returnOf({ Episodes: [epi('2024-06-01', null)] }),
      returnOf({ Episodes: [epi('2024-06-01', '2025-07-01', { REC: 'E4A' })] }),
    ]);
    expect(merged.Episodes.map((e) => [e.DECOM, e.DEC, e.REC])).toEqual([['2024-06-01', '2025-07-01', 'E4A']]);
  });

  it('same start: the latest end is kept, an open episode counting as the latest', () => {
    const merged = mergeReturns([
      returnOf({ Episodes: [epi('2023-06-01', '2023-09-01'), epi('2024-01-01', '2024-02-01')] }),
      returnOf({ Episodes: [epi('2023-06-01', '2023-08-01'), epi('2024-01-01', null)] }),
    ]);
    expect(merged.Episodes.map((e) => [e.DECOM, e.DEC])).toEqual([
      ['2023-06-01', '2023-09-01'],
      ['2024-01-01', null],
    ]);
  });

  it('same end: one is kept (the later year’s); the result is in date order per child', () => {
    const merged = mergeReturns([
      returnOf({ Episodes: [epi('2023-06-01', '2023-09-01'), { ...epi('2020-01-01', null), CHILD: 'C0' }] }),
      returnOf({ Episodes: [epi('2023-06-02', '2023-09-01', { PLACE: 'K2' }), epi('2023-01-01', '2023-06-01', { REC: 'X1' })] }),
    ]);
    expect(merged.Episodes.map((e) => [e.CHILD, e.DECOM, e.PLACE])).toEqual([
      ['C1', '2023-01-01', 'U4'],
      ['C1', '2023-06-02', 'K2'],
      ['C0', '2020-01-01', 'U4'],
    ]);
  });

  it('reviews, missing, social worker episodes and DoLOs are deduplicated on their natural keys', () => {
    const year = (end: string | null) =>
      returnOf({
        Reviews: [{ CHILD: 'C1', REVIEW: '2024-05-01', REVIEW_CODE: 'PN1' }],
        Missing: [{ CHILD: 'C1', MISSING: 'M', MIS_START: '2025-03-30', MIS_END: end }],
        SWEpisodes: [{ CHILD: 'C1', SW_ID: 'SW1', SW_DECOM: '2024-01-01' }],
        DoLo: [{ CHILD: 'C1', DOLO_START: '2025-01-01' }],
      });
    const merged = mergeReturns([year(null), year('2025-04-02')]);
    expect([merged.Reviews.length, merged.Missing.length, merged.SWEpisodes.length, merged.DoLo.length]).toEqual([1, 1, 1, 1]);
    expect(merged.Missing[0]?.MIS_END).toBe('2025-04-02');
  });
});

describe('readReturnYears', () => {
  const named = (prefix: string, files: { name: string; content: string }[]) => files.map((f) => ({ ...f, name: `${prefix}/${f.name}` }));

  it('reads and merges several years, each surviving row pointing at its file and line', () => {
    const y1 = returnOf({
      Header: [{ CHILD: 'C1', SEX: 'F' }],
      Episodes: [epi('2024-06-01', null), { ...epi('2024-07-01', null), CHILD: 'C2' }],
    });
    const y2 = returnOf({ Header: [{ CHILD: 'C1', SEX: 'F' }], Episodes: [epi('2024-06-01', '2025-07-01', { REC: 'E4A' })] });
    const read = readReturnYears([named('2024-25', writeReturnFiles(y1)), named('2025-26', writeReturnFiles(y2))]);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.value.Episodes.map((e) => [e.CHILD, e.DEC])).toEqual([
      ['C1', '2025-07-01'],
      ['C2', null],
    ]);
    expect(read.provenance.Episodes).toEqual([
      { file: '2025-26/episodes.csv', line: 2 },
      { file: '2024-25/episodes.csv', line: 3 },
    ]);
    expect(read.provenance.Header).toEqual([{ file: '2025-26/header.csv', line: 2 }]);
  });

  it('reports every year’s file errors', () => {
    const read = readReturnYears([
      [{ name: '2024-25/header.csv', content: 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nC1,Q,,,,,\r\n' }],
      [{ name: '2025-26/header.csv', content: 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nC1,F,31/02/2025,,,,\r\n' }],
    ]);
    expect(read.ok ? [] : read.errors.map((e) => `${e.file}:${e.line}:${e.column}`)).toEqual([
      '2024-25/header.csv:2:SEX',
      '2025-26/header.csv:2:DOB',
    ]);
  });
});
