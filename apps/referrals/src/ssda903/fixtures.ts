import { emptyReturn, SSDA903_TABLES, type Ssda903Return, type Ssda903Row, type Ssda903Table } from '@placewise/contracts/ssda903';

/**
 * Small builders for SSDA903 rows, for tests (here and in the record's import and export): every
 * column present, null unless given.
 */
export function row<T extends Ssda903Table>(table: T, values: Partial<Ssda903Row<T>>): Ssda903Row<T> {
  const out: Record<string, string | null> = {};
  const given = values as Record<string, string | null | undefined>;
  for (const col of SSDA903_TABLES[table]) out[col] = given[col] ?? null;
  return out as Ssda903Row<T>;
}

/** A return built from partial tables. */
export function returnOf(tables: { [T in Ssda903Table]?: Partial<Ssda903Row<T>>[] }): Ssda903Return {
  const ret = emptyReturn();
  for (const t of Object.keys(tables) as Ssda903Table[]) {
    const rows = (tables[t] ?? []) as Partial<Ssda903Row<typeof t>>[];
    (ret[t] as Ssda903Row<typeof t>[]) = rows.map((r) => row(t, r));
  }
  return ret;
}

/**
 * A small valid return for 2025-26: one girl (C1) who came into care in June 2025 and moved once,
 * and one unaccompanied asylum-seeking boy (C2) who left care at 18.
 */
export function sampleReturn(): Ssda903Return {
  return returnOf({
    Header: [
      { CHILD: 'C1', SEX: 'F', DOB: '2012-05-01', ETHNIC: 'WBRI', UPN: 'A123456789012', MOTHER: '0' },
      { CHILD: 'C2', SEX: 'M', DOB: '2007-09-20', ETHNIC: 'BAFR', UPN: 'UN2' },
    ],
    Episodes: [
      {
        CHILD: 'C1',
        DECOM: '2025-06-01',
        RNE: 'S',
        LS: 'C2',
        CIN: 'N1',
        PLACE: 'U6',
        PLACE_PROVIDER: 'PR1',
        DEC: '2025-09-10',
        REC: 'X1',
        REASON_PLACE_CHANGE: 'CARPL',
        HOME_POST: 'NS1',
        PL_POST: 'NS4',
        URN: 'SC100001',
      },
      {
        CHILD: 'C1',
        DECOM: '2025-09-10',
        RNE: 'P',
        LS: 'C2',
        CIN: 'N1',
        PLACE: 'K2',
        PLACE_PROVIDER: 'PR4',
        HOME_POST: 'NS1',
        PL_POST: 'NS7',
        URN: 'SC200002',
      },
      {
        CHILD: 'C2',
        DECOM: '2024-11-02',
        RNE: 'S',
        LS: 'V2',
        CIN: 'N8',
        PLACE: 'K3',
        PLACE_PROVIDER: 'PR4',
        DEC: '2025-09-20',
        REC: 'E5',
        PL_POST: 'NS2',
        URN: 'SC300003',
      },
    ],
    Reviews: [{ CHILD: 'C1', DOB: '2012-05-01', REVIEW: '2025-06-20', REVIEW_CODE: 'PN1' }],
    UASC: [{ CHILD: 'C2', SEX: 'M', DOB: '2007-09-20', DUC: '2025-09-20' }],
    Missing: [{ CHILD: 'C1', DOB: '2012-05-01', MISSING: 'M', MIS_START: '2025-10-03', MIS_END: '2025-10-04' }],
    SWEpisodes: [{ CHILD: 'C1', DOB: '2012-05-01', SW_ID: 'SW0001', SW_DECOM: '2025-06-01', SW_REASON: 'TSPROC' }],
  });
}
