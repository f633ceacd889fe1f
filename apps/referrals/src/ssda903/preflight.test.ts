import type { Ssda903Return } from '@placewise/contracts/ssda903';
import { describe, expect, it } from 'vitest';
import { row, sampleReturn } from './fixtures.js';
import { readReturnFiles, writeReturnFiles } from './files.js';
import { PREFLIGHT_RULES, failureLocation, preflight, runRule } from './preflight.js';

const OPTS = { collectionYear: 2025 };

/** The sample return changed by `edit`. */
function changed(edit: (r: Ssda903Return) => void): Ssda903Return {
  const r = structuredClone(sampleReturn());
  edit(r);
  return r;
}

/** C1's two episodes: the first (ending with a move) and the second (open). */
const ep = (r: Ssda903Return, i: number) => r.Episodes[i]!;

type Case = { rule: string; pass?: (r: Ssda903Return) => void; fail: (r: Ssda903Return) => void; field: string; rowIndex?: number | null };

const CASES: Case[] = [
  { rule: '101', fail: (r) => (r.Header[0]!.SEX = '1'), field: 'SEX' },
  { rule: '103', fail: (r) => (r.Header[0]!.ETHNIC = 'WBR'), field: 'ETHNIC' },
  { rule: '143', fail: (r) => (ep(r, 1).RNE = 'Q'), field: 'RNE' },
  { rule: '144', fail: (r) => (ep(r, 1).LS = 'C3'), field: 'LS' },
  { rule: '145', fail: (r) => (ep(r, 1).CIN = 'N0'), field: 'CIN' },
  { rule: '146', fail: (r) => (ep(r, 1).PLACE = 'H5'), field: 'PLACE' },
  { rule: '149', fail: (r) => (ep(r, 2).REC = 'E1'), field: 'REC' },
  { rule: '167', fail: (r) => (r.Reviews[0]!.REVIEW_CODE = 'PN8'), field: 'REVIEW_CODE' },
  { rule: '1006', fail: (r) => (r.Missing[0]!.MISSING = 'X'), field: 'MISSING' },
  { rule: '1009', fail: (r) => (ep(r, 0).REASON_PLACE_CHANGE = 'BORED'), field: 'REASON_PLACE_CHANGE' },
  { rule: '102', fail: (r) => (r.Header[0]!.DOB = '2012-02-30'), field: 'DOB' },
  { rule: '302', fail: (r) => (r.Header[0]!.DOB = '2025-07-01'), field: 'DECOM', rowIndex: 0 },
  { rule: '356', fail: (r) => (ep(r, 2).DEC = '2024-11-01'), field: 'DEC', rowIndex: 2 },
  {
    rule: '357',
    pass: (r) => (ep(r, 2).RNE = 'P'), // started before the year: its earlier episodes are not in this return
    fail: (r) => (ep(r, 0).RNE = 'P'),
    field: 'RNE',
    rowIndex: 0,
  },
  { rule: '142', fail: (r) => ((ep(r, 0).DEC = null), (ep(r, 0).REC = null)), field: 'DEC', rowIndex: 0 },
  { rule: '501', fail: (r) => (ep(r, 1).DECOM = '2025-09-01'), field: 'DECOM', rowIndex: 1 },
  {
    rule: '432',
    pass: (r) => {
      Object.assign(ep(r, 0), { REC: 'E4A', REASON_PLACE_CHANGE: null });
      Object.assign(ep(r, 1), { RNE: 'S', DECOM: '2025-09-11' }); // back in care the next day
    },
    fail: (r) => ((ep(r, 0).REC = 'E4A'), (ep(r, 0).REASON_PLACE_CHANGE = null)),
    field: 'RNE',
    rowIndex: 1,
  },
  {
    rule: '431',
    pass: (r) => r.Episodes.push(row('Episodes', { ...ep(r, 2), DECOM: '2025-09-21', DEC: null, REC: null })), // C2 back in care the next day
    fail: (r) => r.Episodes.push(row('Episodes', { ...ep(r, 2), DECOM: '2025-09-20', DEC: null, REC: null })),
    field: 'RNE',
    rowIndex: 3,
  },
  { rule: '433', fail: (r) => (ep(r, 1).DECOM = '2025-09-12'), field: 'DECOM', rowIndex: 1 },
  {
    rule: '434',
    pass: (r) => {
      const second = ep(r, 1);
      Object.assign(second, { ...ep(r, 0), DECOM: '2025-09-10', RNE: 'L', LS: 'E1', DEC: null, REC: null, REASON_PLACE_CHANGE: null });
      ep(r, 0).REASON_PLACE_CHANGE = null;
    },
    fail: (r) => (ep(r, 1).RNE = 'L'),
    field: 'RNE',
    rowIndex: 1,
  },
  {
    rule: '435',
    fail: (r) => Object.assign(ep(r, 1), { PLACE: 'U6', PLACE_PROVIDER: 'PR1', PL_POST: 'NS4', URN: 'SC100001' }),
    field: 'RNE',
    rowIndex: 1,
  },
  {
    rule: '436',
    pass: (r) => ((ep(r, 1).RNE = 'B'), (ep(r, 1).LS = 'E1')),
    fail: (r) => (ep(r, 1).RNE = 'B'),
    field: 'RNE',
    rowIndex: 1,
  },
  {
    rule: '217',
    pass: (r) => Object.assign(ep(r, 1), { PLACE: 'A3', RNE: 'T', PLACE_PROVIDER: 'PR1', URN: 'SC100001' }),
    fail: (r) => Object.assign(ep(r, 1), { PLACE: 'A3', RNE: 'P', PLACE_PROVIDER: 'PR1', URN: 'SC100001' }),
    field: 'RNE',
    rowIndex: 1,
  },
  { rule: '225', fail: (r) => (ep(r, 0).REASON_PLACE_CHANGE = null), field: 'REASON_PLACE_CHANGE', rowIndex: 0 },
  {
    rule: '226',
    pass: (r) => Object.assign(ep(r, 0), { PLACE: 'T1', PLACE_PROVIDER: null, URN: null, REASON_PLACE_CHANGE: null }),
    fail: (r) => Object.assign(ep(r, 0), { PLACE: 'T1', PLACE_PROVIDER: null, URN: null }),
    field: 'REASON_PLACE_CHANGE',
    rowIndex: 0,
  },
  {
    rule: '226',
    pass: (r) => {
      Object.assign(ep(r, 1), { PLACE: 'T0', PLACE_PROVIDER: null, URN: null });
      ep(r, 0).REASON_PLACE_CHANGE = null;
    },
    fail: (r) => Object.assign(ep(r, 1), { PLACE: 'T0', PLACE_PROVIDER: null, URN: null }), // the move into it still gives a reason
    field: 'REASON_PLACE_CHANGE',
    rowIndex: 1,
  },
  {
    rule: '383',
    pass: (r) => {
      Object.assign(ep(r, 1), { PLACE: 'T2', PLACE_PROVIDER: null, URN: null, DEC: '2025-09-20', REC: 'X1' });
      ep(r, 0).REASON_PLACE_CHANGE = null;
      r.Episodes.push(row('Episodes', { ...ep(r, 0), DECOM: '2025-09-20', RNE: 'P', DEC: null, REC: null, REASON_PLACE_CHANGE: null }));
    },
    fail: (r) => {
      Object.assign(ep(r, 1), { PLACE: 'T2', PLACE_PROVIDER: null, URN: null, DEC: '2025-09-20', REC: 'X1' });
      ep(r, 0).REASON_PLACE_CHANGE = null;
      r.Episodes.push(
        row('Episodes', { ...ep(r, 0), DECOM: '2025-09-20', RNE: 'P', DEC: null, REC: null, REASON_PLACE_CHANGE: null, PL_POST: 'NS9' }),
      );
    },
    field: 'PLACE',
    rowIndex: 3,
  },
  { rule: '233', fail: (r) => (ep(r, 2).REASON_PLACE_CHANGE = 'CHILD'), field: 'REASON_PLACE_CHANGE', rowIndex: 2 },
  {
    rule: '213',
    pass: (r) => Object.assign(ep(r, 1), { PLACE: 'Z11', PLACE_PROVIDER: null, URN: null }),
    fail: (r) => Object.assign(ep(r, 1), { PLACE: 'Z11', URN: null }),
    field: 'PLACE_PROVIDER',
    rowIndex: 1,
  },
  { rule: '178', fail: (r) => (ep(r, 1).PLACE_PROVIDER = null), field: 'PLACE_PROVIDER', rowIndex: 1 },
  { rule: '218', fail: (r) => (ep(r, 1).URN = 'XXXXXXX'), field: 'URN', rowIndex: 1 },
  {
    rule: '222',
    pass: (r) => Object.assign(ep(r, 1), { PLACE: 'P1', PLACE_PROVIDER: 'PR0', URN: 'XXXXXXX' }),
    fail: (r) => Object.assign(ep(r, 1), { PLACE: 'P1', PLACE_PROVIDER: 'PR0' }),
    field: 'URN',
    rowIndex: 1,
  },
  {
    rule: '406',
    pass: (r) => ((r.UASC[0]!.DUC = '2025-01-01'), (ep(r, 2).HOME_POST = 'NS3'), (ep(r, 2).DECOM = '2025-02-01')),
    fail: (r) => (ep(r, 2).HOME_POST = 'NS3'),
    field: 'HOME_POST',
    rowIndex: 2,
  },
  { rule: '168', fail: (r) => (r.Header[0]!.UPN = 'A12345678901'), field: 'UPN' },
  {
    rule: '209',
    pass: (r) => Object.assign(r.Header[0]!, { UPN: 'UN1', DOB: '2021-05-01' }),
    fail: (r) => (r.Header[0]!.UPN = 'UN1'),
    field: 'UPN',
  },
  {
    rule: '210',
    pass: (r) => (r.Header[1]!.UPN = 'UN4'), // C2 left care in September
    fail: (r) => (r.Header[0]!.UPN = 'UN4'),
    field: 'UPN',
  },
  {
    rule: '174',
    pass: (r) => (r.Header[1]!.MOTHER = null),
    fail: (r) => (r.Header[1]!.MOTHER = '0'),
    field: 'MOTHER',
  },
  { rule: 'PW-REV1', fail: (r) => (r.Reviews[0]!.REVIEW = '2025-05-20'), field: 'REVIEW' },
  {
    rule: '440',
    pass: (r) => ((r.Header[0]!.DOB = '2022-06-01'), (r.Reviews[0]!.DOB = '2022-06-01'), (r.Reviews[0]!.REVIEW_CODE = 'PN0')),
    fail: (r) => (r.Reviews[0]!.REVIEW_CODE = 'PN0'),
    field: 'REVIEW_CODE',
  },
  { rule: '581/578', fail: (r) => (r.Missing[0]!.MIS_START = '2025-05-01'), field: 'MIS_START' },
  { rule: '567', fail: (r) => (r.Missing[0]!.MIS_END = '2025-10-01'), field: 'MIS_END' },
  {
    rule: '574',
    pass: (r) => r.Missing.push(row('Missing', { CHILD: 'C1', MISSING: 'A', MIS_START: '2025-10-05', MIS_END: '2025-10-05' })),
    fail: (r) => r.Missing.push(row('Missing', { CHILD: 'C1', MISSING: 'A', MIS_START: '2025-10-04' })),
    field: 'MIS_START',
  },
  { rule: 'SW02', fail: (r) => (r.SWEpisodes[0]!.SW_ID = 'AB123'), field: 'SW_ID' },
  {
    rule: 'SW13',
    pass: (r) => r.SWEpisodes.push(row('SWEpisodes', { CHILD: 'C1', SW_ID: 'SW0002', SW_DECOM: '2025-08-01', SW_REASON: 'LEFTRL' })),
    fail: (r) => r.SWEpisodes.push(row('SWEpisodes', { CHILD: 'C1', SW_ID: 'SW0002', SW_DECOM: '2025-08-01' })),
    field: 'SW_REASON',
  },
  {
    rule: '700',
    pass: (r) => r.DoLo.push(row('DoLo', { CHILD: 'C1', DOLO_START: '2025-10-01', DOLO_END: '2025-12-01' })),
    fail: (r) => r.DoLo.push(row('DoLo', { CHILD: 'C1', DOLO_END: '2025-12-01' })),
    field: 'DOLO_START',
  },
  {
    rule: '701',
    pass: (r) => r.DoLo.push(row('DoLo', { CHILD: 'C1', DOLO_START: '2025-10-01', DOLO_END: '2025-12-01' })),
    fail: (r) => r.DoLo.push(row('DoLo', { CHILD: 'C1', DOLO_START: '2025-10-01', DOLO_END: '2025-09-30' })),
    field: 'DOLO_END',
  },
  {
    rule: '702',
    pass: (r) =>
      r.DoLo.push(
        row('DoLo', { CHILD: 'C1', DOLO_START: '2025-10-01', DOLO_END: '2025-11-01' }),
        row('DoLo', { CHILD: 'C1', DOLO_START: '2025-11-02' }),
      ),
    fail: (r) =>
      r.DoLo.push(
        row('DoLo', { CHILD: 'C1', DOLO_START: '2025-10-01', DOLO_END: '2025-11-01' }),
        row('DoLo', { CHILD: 'C1', DOLO_START: '2025-11-01' }),
      ),
    field: 'DOLO_START',
  },
  {
    rule: '703',
    pass: (r) => r.DoLo.push(row('DoLo', { CHILD: 'C1', DOLO_START: '2025-10-01' })), // C1 is in a children's home (K2) by then
    fail: (r) => r.DoLo.push(row('DoLo', { CHILD: 'C1', DOLO_START: '2025-08-01' })), // still with foster carers (U6)
    field: 'PLACE',
    rowIndex: 0,
  },
];

/** What a person should not meet in a failure's message: the code stays in its rule and field. */
const CODES_IN_WORDS: [string, RegExp][] = [
  ['an ISO date', /\b\d{4}-\d{2}-\d{2}\b/],
  ['a DD/MM/YYYY date', /\b\d{1,2}\/\d{1,2}\/\d{4}\b/],
  ['a 903 column', /\b(RNE|REC|LS|PLACE|PLACE_PROVIDER|REASON_PLACE_CHANGE|PN\d|UN\d)\b/],
  ['a 903 code', /(?<!")\b(?:[A-Z]\d{1,2}|X1|PR\d)\b(?!")/],
];
const codesIn = (message: string) => CODES_IN_WORDS.filter(([, re]) => re.test(message.replace(/"[^"]*"/g, '""'))).map(([what]) => what);

/**
 * Acronyms people read as words, not DfE codes: "NHS" (a placement type's meaning) and "PACE" (the
 * Police and Criminal Evidence Act, in a legal status's meaning).
 */
const WORDS_IN_CAPITALS = new Set(['NHS', 'PACE']);

/**
 * What a fix says outside brackets: the words a person reads. DfE columns and codes belong in
 * brackets after the words they stand for ("the date the episode started (DECOM)").
 */
function outsideBrackets(fix: string): string {
  let t = fix;
  for (let before = ''; before !== t;) [before, t] = [t, t.replace(/\([^()]*\)/g, '')];
  return t;
}
/** Capitalised tokens of three or more letters or digits (DECOM, CARPL, PR1, XXXXXXX) a fix shows outside brackets. */
const bareCodes = (fix: string) => (outsideBrackets(fix).match(/\b[A-Z][A-Z0-9_]{2,}\b/g) ?? []).filter((t) => !WORDS_IN_CAPITALS.has(t));

describe('preflight', () => {
  it('passes the sample return', () => {
    expect(preflight(sampleReturn(), OPTS)).toEqual([]);
  });

  it('documents every rule, once', () => {
    const ids = PREFLIGHT_RULES.map((r) => r.rule);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([...new Set(CASES.map((c) => c.rule)), '503']));
    expect(PREFLIGHT_RULES.every((r) => r.title.length > 10)).toBe(true);
  });

  describe.each(CASES)('rule $rule', ({ rule, pass, fail, field, rowIndex }) => {
    it('passes', () => {
      const ret = pass ? changed(pass) : sampleReturn();
      expect(runRule(rule, ret, OPTS)).toEqual([]);
      expect(preflight(ret, OPTS)).toEqual([]);
    });
    it('fails, naming the child, field and row, in words with a fix', () => {
      const failures = runRule(rule, changed(fail), OPTS);
      expect(failures.length).toBeGreaterThan(0);
      const [f] = failures;
      expect(f?.field).toBe(field);
      expect(f?.rule).toBe(rule === '581/578' ? '581' : rule);
      if (rowIndex !== undefined) expect(f?.rowIndex).toBe(rowIndex);
      expect(f?.child).toMatch(/^C[12]$/);
      expect(f?.message.length).toBeGreaterThan(15);
      expect(f?.fix.length).toBeGreaterThan(10);
      // The message is words: no date but "7 Dec 2026", no 903 code but a value as it was typed ("...").
      for (const x of failures) expect(codesIn(x.message), x.message).toEqual([]);
    });
  });

  it('says every fix in words, with a DfE column or code only in brackets after the words it stands for', () => {
    const previous = changed((r) => {
      r.Episodes = [Object.assign(ep(r, 2), { DEC: null, REC: null })];
    });
    const returns: [string, Ssda903Return, typeof OPTS & { previous?: Ssda903Return }][] = [
      ...CASES.map(({ rule, fail }) => [rule, changed(fail), OPTS] as [string, Ssda903Return, typeof OPTS]),
      ['102', changed((r) => (ep(r, 1).DECOM = null)), OPTS],
      ['178', changed((r) => (ep(r, 1).PLACE_PROVIDER = 'PR9')), OPTS],
      ['434', changed((r) => Object.assign(ep(r, 1), { RNE: 'L', LS: 'E1' })), OPTS],
      ['503', changed((r) => (ep(r, 2).PLACE_PROVIDER = 'PR5')), { ...OPTS, previous }],
      ['503', changed((r) => r.Episodes.splice(2, 1)), { ...OPTS, previous }],
      ['703', changed((r) => (r.DoLo.push(row('DoLo', { CHILD: 'C1', DOLO_START: '2025-08-01' })), (ep(r, 0).PLACE = 'K1'))), OPTS],
      [
        'SW13',
        changed((r) => r.SWEpisodes.push(row('SWEpisodes', { CHILD: 'C1', SW_ID: 'SW0002', SW_DECOM: '2025-08-01', SW_REASON: 'BORED' }))),
        OPTS,
      ],
    ];
    const fixes = new Set(returns.flatMap(([rule, ret, opts]) => runRule(rule, ret, opts).map((f) => f.fix)));
    expect(fixes.size).toBeGreaterThan(40);
    for (const fix of fixes) {
      expect(bareCodes(fix), fix).toEqual([]);
      // Words, not a code alone: at least three words outside the brackets.
      expect(outsideBrackets(fix).match(/[a-z]{2,}/gi)?.length ?? 0, fix).toBeGreaterThanOrEqual(3);
    }
    // The check catches a fix that names a column or code bare.
    expect(bareCodes('Enter the DECOM date')).toEqual(['DECOM']);
    expect(bareCodes('Record why the placement ended (for example CARPL)')).toEqual([]);
    expect(bareCodes('Record why, for example CARPL (a change to the care plan)')).toEqual(['CARPL']);
    expect(bareCodes('Leave the URN blank (or XXXXXXX)')).toEqual(['URN']);
  });

  it('names a missing date in words, with its DfE column in brackets in the fix', () => {
    expect(
      runRule(
        '102',
        changed((r) => (ep(r, 1).DECOM = null)),
        OPTS,
      ),
    ).toEqual([
      expect.objectContaining({
        field: 'DECOM',
        message: 'The date the episode started is missing',
        fix: 'Enter the date the episode started (DECOM)',
      }),
    ]);
    expect(
      runRule(
        '102',
        changed((r) => (r.Header[0]!.DOB = '2012-02-30')),
        OPTS,
      ),
    ).toEqual([
      expect.objectContaining({
        message: 'The child\'s date of birth "2012-02-30" is not a real date',
        fix: "Correct the child's date of birth (DOB)",
      }),
    ]);
  });

  it('gives a code a person enters with its meaning', () => {
    expect(
      runRule(
        '225',
        changed((r) => (ep(r, 0).REASON_PLACE_CHANGE = null)),
        OPTS,
      )[0]?.fix,
    ).toBe(
      "Record the reason for the placement change (REASON_PLACE_CHANGE), for example 'change to or carrying out of the care plan' (CARPL)",
    );
    expect(
      runRule(
        '178',
        changed((r) => (ep(r, 1).PLACE_PROVIDER = null)),
        OPTS,
      )[0]?.fix,
    ).toBe("Record who provides the placement (PLACE_PROVIDER), for example the council's own provision (PR1)");
    expect(
      runRule(
        '101',
        changed((r) => (r.Header[0]!.SEX = '1')),
        OPTS,
      )[0]?.fix,
    ).toBe('Record the sex as one of: Male (M), Female (F), Unknown (U)');
    expect(
      runRule(
        '222',
        changed((r) => Object.assign(ep(r, 1), { PLACE: 'P1', PLACE_PROVIDER: 'PR0' })),
        OPTS,
      )[0]?.fix,
    ).toBe('Leave the Ofsted unique reference number (URN) blank, or record that there is none (XXXXXXX)');
    expect(
      runRule(
        '431',
        changed((r) => r.Episodes.push(row('Episodes', { ...ep(r, 2), DECOM: '2025-09-20', DEC: null, REC: null }))),
        OPTS,
      )[0]?.fix,
    ).toBe(
      "If the child stayed in care, record what changed as the reason for the new episode (RNE L for legal status only, P or T for the placement only, B or U for both) and end the previous episode with 'episode ended and a new one began the same day' (REC X1); if they left care, correct the dates",
    );
    const moved = runRule(
      '503',
      changed((r) => (ep(r, 2).PLACE_PROVIDER = 'PR5')),
      {
        ...OPTS,
        previous: changed((r) => {
          r.Episodes = [Object.assign(ep(r, 2), { DEC: null, REC: null })];
        }),
      },
    );
    expect(moved[0]?.message).toMatch(/but its placement provider differs from what was sent then$/);
  });

  it('explains a move recorded with the same placement in plain words', () => {
    const ret = changed((r) => Object.assign(ep(r, 1), { PLACE: 'U6', PLACE_PROVIDER: 'PR1', PL_POST: 'NS4', URN: 'SC100001' }));
    expect(runRule('435', ret, OPTS)).toEqual([
      {
        child: 'C1',
        rule: '435',
        table: 'Episodes',
        rowIndex: 1,
        field: 'RNE',
        message:
          "The episode starting 10 Sep 2025 is a change of placement ('change of placement and carers only') but the placement details are the same as the previous episode's",
        fix: 'Record the move with its new placement, or make it a change of legal status (RNE L)',
      },
    ]);
  });

  it('finds overlapping episodes and an episode after the child left care', () => {
    const ret = changed((r) => {
      ep(r, 1).DECOM = '2025-08-01';
      r.Episodes.push(row('Episodes', { ...ep(r, 2), DECOM: '2025-10-01', RNE: 'P', DEC: null, REC: null }));
    });
    const failures = preflight(ret, OPTS);
    expect(failures.map((f) => [f.rule, f.child, f.rowIndex])).toEqual(
      expect.arrayContaining([
        ['501', 'C1', 1],
        ['432', 'C2', 3],
      ]),
    );
  });

  it('finds an asylum-seeking child with a home postcode', () => {
    const failures = preflight(
      changed((r) => (ep(r, 2).HOME_POST = 'NS3')),
      OPTS,
    );
    expect(failures).toEqual([expect.objectContaining({ rule: '406', child: 'C2', table: 'Episodes', rowIndex: 2, field: 'HOME_POST' })]);
  });

  it('rule 503: the episode open at the end of last year carries on unchanged', () => {
    const previous = changed((r) => {
      r.Episodes = [Object.assign(ep(r, 2), { DEC: null, REC: null })];
    });
    expect(runRule('503', sampleReturn(), { ...OPTS, previous })).toEqual([]);
    const moved = changed((r) => (ep(r, 2).PLACE_PROVIDER = 'PR5'));
    expect(runRule('503', moved, { ...OPTS, previous })).toEqual([
      expect.objectContaining({ rule: '503', child: 'C2', rowIndex: 2, field: 'PLACE_PROVIDER' }),
    ]);
    const dropped = changed((r) => r.Episodes.splice(2, 1));
    expect(runRule('503', dropped, { ...OPTS, previous })).toEqual([expect.objectContaining({ rule: '503', child: 'C2', rowIndex: null })]);
  });

  it('points each failure of a return read from files at its file, line and column', () => {
    const files = writeReturnFiles(
      changed((r) => {
        ep(r, 1).DECOM = '2025-09-01'; // overlaps the first episode, which ends 10/09/2025
        ep(r, 2).HOME_POST = 'NS3 4AB'; // an asylum-seeking child's home postcode
        r.Episodes.push(row('Episodes', { ...ep(r, 2), DECOM: '2025-10-01', RNE: 'P', DEC: null, REC: null, HOME_POST: null })); // after C2 left care
      }),
    ).map((f) => ({ ...f, name: `2025-26/${f.name}` }));
    const read = readReturnFiles(files);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const located = preflight(read.value, OPTS).map((f) => [f.rule, failureLocation(f, read.provenance)]);
    expect(located).toEqual(
      expect.arrayContaining([
        ['501', { file: '2025-26/episodes.csv', line: 3, column: 'DECOM' }],
        ['406', { file: '2025-26/episodes.csv', line: 4, column: 'HOME_POST' }],
        ['432', { file: '2025-26/episodes.csv', line: 5, column: 'RNE' }],
      ]),
    );
  });
});
