import { emptyReturn, SSDA903_TABLE_NAMES, type Ssda903Return, type Ssda903Row, type Ssda903Table } from '@placewise/contracts/ssda903';
import { emptyProvenance, readReturnFiles, type FileError, type Provenance, type ReturnFile } from './files.js';

/**
 * Several years' returns as one load (oldest first), as the DfE's demand model reads them:
 *
 * - Header, UASC, OC2, OC3, AD1 and PrevPerm: one row per child, the latest year's.
 * - Episodes: every year's, then per child deduplicated. Episodes with the same start (DECOM): the
 *   one with the latest end (DEC) is kept, an open episode counting as the latest, except that an
 *   episode a later return closed replaces the open one an earlier return sent. Then episodes with
 *   the same end: one is kept (the later year's; in one year, the later start). Sorted by start.
 * - Reviews, Missing, SWEpisodes, DoLo and PlacedAdoption: deduplicated on their natural key
 *   (child and review date, missing start, social worker start, order start, date placed), the
 *   latest year's row winning.
 *
 * Each surviving row keeps where it came from (file and line), so a failure can point at it.
 */

type Sourced<T extends Ssda903Table> = { row: Ssda903Row<T>; year: number; from: { file: string; line: number } };
type Load = { ret: Ssda903Return; provenance: Provenance };

const PER_CHILD: readonly Ssda903Table[] = ['Header', 'UASC', 'OC2', 'OC3', 'AD1', 'PrevPerm'];
const NATURAL_KEY: { readonly [T in Ssda903Table]?: string } = {
  Reviews: 'REVIEW',
  Missing: 'MIS_START',
  SWEpisodes: 'SW_DECOM',
  DoLo: 'DOLO_START',
  PlacedAdoption: 'DATE_PLACED',
};

function sourced<T extends Ssda903Table>(loads: Load[], table: T): Sourced<T>[] {
  return loads.flatMap(({ ret, provenance }, year) =>
    (ret[table] as Ssda903Row<T>[]).map((row, i) => ({ row, year, from: provenance[table][i] ?? { file: '', line: 0 } })),
  );
}

/** Latest year's row per key, in the order keys were first seen. */
function latestByKey<T extends Ssda903Table>(rows: Sourced<T>[], key: (r: Record<string, string | null>) => string): Sourced<T>[] {
  const out = new Map<string, Sourced<T>>();
  for (const r of rows) {
    const k = key(r.row as Record<string, string | null>);
    const seen = out.get(k);
    if (!seen || r.year >= seen.year) out.set(k, r);
  }
  return [...out.values()];
}

/** Which of two episodes with the same start to keep. */
function betterSameStart(a: Sourced<'Episodes'>, b: Sourced<'Episodes'>): Sourced<'Episodes'> {
  const aOpen = a.row.DEC === null;
  const bOpen = b.row.DEC === null;
  if (aOpen && bOpen) return b.year >= a.year ? b : a;
  if (aOpen !== bOpen) {
    const [open, closed] = aOpen ? [a, b] : [b, a];
    return open.year >= closed.year ? open : closed;
  }
  if (a.row.DEC !== b.row.DEC) return (a.row.DEC ?? '') > (b.row.DEC ?? '') ? a : b;
  return b.year >= a.year ? b : a;
}

function betterSameEnd(a: Sourced<'Episodes'>, b: Sourced<'Episodes'>): Sourced<'Episodes'> {
  if (a.year !== b.year) return a.year > b.year ? a : b;
  return (b.row.DECOM ?? '') >= (a.row.DECOM ?? '') ? b : a;
}

function mergeEpisodes(rows: Sourced<'Episodes'>[]): Sourced<'Episodes'>[] {
  const byChild = new Map<string, Sourced<'Episodes'>[]>();
  for (const r of rows) {
    const k = r.row.CHILD ?? '';
    const list = byChild.get(k) ?? [];
    list.push(r);
    byChild.set(k, list);
  }
  const out: Sourced<'Episodes'>[] = [];
  for (const list of byChild.values()) {
    const byStart = new Map<string, Sourced<'Episodes'>>();
    for (const r of list) {
      const k = r.row.DECOM ?? '';
      const seen = byStart.get(k);
      byStart.set(k, seen ? betterSameStart(seen, r) : r);
    }
    const byEnd = new Map<string, Sourced<'Episodes'>>();
    const open: Sourced<'Episodes'>[] = [];
    for (const r of byStart.values()) {
      if (r.row.DEC === null) {
        open.push(r);
        continue;
      }
      const seen = byEnd.get(r.row.DEC);
      byEnd.set(r.row.DEC, seen ? betterSameEnd(seen, r) : r);
    }
    const kept = [...byEnd.values(), ...open];
    kept.sort((a, b) => ((a.row.DECOM ?? '') < (b.row.DECOM ?? '') ? -1 : (a.row.DECOM ?? '') > (b.row.DECOM ?? '') ? 1 : 0));
    out.push(...kept);
  }
  return out;
}

function mergeLoads(loads: Load[]): Load {
  const ret = emptyReturn();
  const provenance = emptyProvenance();
  const put = <T extends Ssda903Table>(table: T, rows: Sourced<T>[]) => {
    (ret[table] as Ssda903Row<T>[]) = rows.map((r) => r.row);
    provenance[table] = rows.map((r) => r.from);
  };
  for (const table of SSDA903_TABLE_NAMES) {
    if (table === 'Episodes') put('Episodes', mergeEpisodes(sourced(loads, 'Episodes')));
    else if (PER_CHILD.includes(table))
      put(
        table,
        latestByKey(sourced(loads, table), (r) => r.CHILD ?? ''),
      );
    else {
      const col = NATURAL_KEY[table];
      put(
        table,
        latestByKey(sourced(loads, table), (r) => `${r.CHILD ?? ''}\u0000${col ? (r[col] ?? '') : ''}`),
      );
    }
  }
  return { ret, provenance };
}

/** Several years' returns (oldest first) as one. */
export function mergeReturns(years: Ssda903Return[]): Ssda903Return {
  return mergeLoads(years.map((ret) => ({ ret, provenance: emptyProvenance() }))).ret;
}

/**
 * Reads several years' files (each inner list is one year's set, oldest first) and merges them.
 * Every file error of every year is reported. Name files so they are told apart across years (for
 * example `2024-25/episodes.csv`): the provenance and the errors carry the names given.
 */
export function readReturnYears(
  years: ReturnFile[][],
): { ok: true; value: Ssda903Return; provenance: Provenance } | { ok: false; errors: FileError[] } {
  const loads: Load[] = [];
  const errors: FileError[] = [];
  for (const files of years) {
    const read = readReturnFiles(files);
    if (read.ok) loads.push({ ret: read.value, provenance: read.provenance });
    else errors.push(...read.errors);
  }
  if (errors.length > 0) return { ok: false, errors };
  const merged = mergeLoads(loads);
  return { ok: true, value: merged.ret, provenance: merged.provenance };
}
