import { toDayNumber } from '@placewise/contracts/dates';
import {
  Accommodation,
  Activity,
  CategoryOfNeed,
  Ethnicity,
  InTouch,
  LegalStatus903,
  MissingType,
  Place,
  PlaceProvider,
  PreviousPermanence,
  ReasonEpisodeCeased,
  ReasonNewEpisode,
  ReasonPlacedCeased,
  ReasonPlaceChange,
  ReviewParticipation,
  SdqReason,
  Sex903,
  SocialWorkerChangeReason,
  SSDA903_DATE_COLUMNS,
  SSDA903_TABLE_NAMES,
  SSDA903_TABLES,
  UPN_PATTERN,
  UpnUnknown,
  emptyReturn,
  type Ssda903Return,
  type Ssda903Table,
} from '@placewise/contracts/ssda903';
import { parse } from 'csv-parse/sync';
import { strToU8, unzipSync, zipSync } from 'fflate';

/**
 * The SSDA903 return's file layer: CSV files (and zips of them) in, a checked `Ssda903Return` out,
 * and back. Pure: no database, no framework.
 *
 * Files follow the DfE's rules: a table is recognised by its exact set of columns (the file's name
 * and the column order do not matter), text is UTF-8 (a BOM is allowed), an empty cell is null, all
 * text is upper-cased, and dates are DD/MM/YYYY (in memory they are ISO days, YYYY-MM-DD). Every
 * problem in every file is reported, each with its file, line (the header is line 1) and column.
 *
 * Written files use CRLF line endings (RFC 4180; the DfE's tool reads CRLF and LF alike).
 */

export type FileError = { file: string; line: number | null; column: string | null; reason: string };
/** Where each row came from: per table, per row index, the file and the line the row starts on. */
export type Provenance = { [T in Ssda903Table]: { file: string; line: number }[] };
export type ReadResult = { ok: true; value: Ssda903Return; provenance: Provenance } | { ok: false; errors: FileError[] };
export type ReturnFile = { name: string; content: Uint8Array | string };

/** The file each table is written to. */
export const SSDA903_FILE_NAMES: { readonly [T in Ssda903Table]: string } = {
  Header: 'header.csv',
  Episodes: 'episodes.csv',
  Reviews: 'reviews.csv',
  UASC: 'uasc.csv',
  OC2: 'oc2.csv',
  OC3: 'oc3.csv',
  AD1: 'ad1.csv',
  PlacedAdoption: 'placed_for_adoption.csv',
  PrevPerm: 'previous_permanence.csv',
  Missing: 'missing.csv',
  SWEpisodes: 'social_worker_episodes.csv',
  DoLo: 'dolo.csv',
};

/** Longest CHILD identifier the DfE accepts. */
export const MAX_CHILD_ID_LENGTH = 40;
/** Files (or zip entries) larger than this are refused before they are read. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;
/** After this many problems in one file the rest are summarised in one line. */
export const MAX_ERRORS_PER_FILE = 500;

const FLAG = ['0', '1'] as const;

/** The code list of every coded column, by table. */
export const SSDA903_CODED_COLUMNS: { readonly [T in Ssda903Table]?: { readonly [column: string]: readonly string[] } } = {
  Header: { SEX: Sex903.codes, ETHNIC: Ethnicity.codes, MOTHER: FLAG },
  Episodes: {
    RNE: ReasonNewEpisode.codes,
    LS: LegalStatus903.codes,
    CIN: CategoryOfNeed.codes,
    PLACE: Place.codes,
    PLACE_PROVIDER: PlaceProvider.codes,
    REC: ReasonEpisodeCeased.codes,
    REASON_PLACE_CHANGE: ReasonPlaceChange.codes,
  },
  Reviews: { REVIEW_CODE: ReviewParticipation.codes },
  UASC: { SEX: Sex903.codes },
  OC2: {
    SDQ_REASON: SdqReason.codes,
    CONVICTED: FLAG,
    HEALTH_CHECK: FLAG,
    IMMUNISATIONS: FLAG,
    TEETH_CHECK: FLAG,
    HEALTH_ASSESSMENT: FLAG,
    SUBSTANCE_MISUSE: FLAG,
    INTERVENTION_RECEIVED: FLAG,
    INTERVENTION_OFFERED: FLAG,
  },
  OC3: { IN_TOUCH: InTouch.codes, ACTIV: Activity.codes, ACCOM: Accommodation.codes },
  AD1: {
    FOSTER_CARE: FLAG,
    NB_ADOPTR: ['1', '2'],
    SEX_ADOPTR: ['M1', 'F1', 'MM', 'FF', 'MF'],
    LS_ADOPTR: ['L0', 'L11', 'L12', 'L2', 'L3', 'L4'],
  },
  PlacedAdoption: { REASON_PLACED_CEASED: ReasonPlacedCeased.codes },
  PrevPerm: { PREV_PERM: PreviousPermanence.codes },
  Missing: { MISSING: MissingType.codes },
  SWEpisodes: { SW_REASON: SocialWorkerChangeReason.codes },
};

const DATE_SETS = Object.fromEntries(SSDA903_TABLE_NAMES.map((t) => [t, new Set<string>(SSDA903_DATE_COLUMNS[t])])) as Record<
  Ssda903Table,
  Set<string>
>;

const UPN_UNKNOWN = new Set<string>(UpnUnknown.codes);

/** DD/MM/YYYY to an ISO day, or the reason it is not a date the return accepts. */
export function parseFileDate(text: string): { ok: true; day: string } | { ok: false; reason: string } {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (!m) return { ok: false, reason: `"${text}" is not a date written DD/MM/YYYY` };
  const day = `${m[3]}-${m[2]}-${m[1]}`;
  const year = Number(m[3]);
  if (year < 1900 || year > 2100) return { ok: false, reason: `"${text}" has a year outside 1900 to 2100` };
  try {
    toDayNumber(day);
  } catch {
    return { ok: false, reason: `"${text}" is not a day of the calendar` };
  }
  return { ok: true, day };
}

/** An ISO day to DD/MM/YYYY (throws on anything that is not an ISO day). */
export function formatFileDate(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  return `${m[3]}/${m[2]}/${m[1]}`;
}

type Collector = { errors: FileError[]; perFile: Map<string, number> };

function report(c: Collector, e: FileError): void {
  const n = (c.perFile.get(e.file) ?? 0) + 1;
  c.perFile.set(e.file, n);
  if (n <= MAX_ERRORS_PER_FILE) c.errors.push(e);
}

function isZip(f: ReturnFile): boolean {
  if (/\.zip$/i.test(f.name)) return true;
  const c = f.content;
  return typeof c !== 'string' && c.length >= 4 && c[0] === 0x50 && c[1] === 0x4b && c[2] === 0x03 && c[3] === 0x04;
}

/** Expands zips into their CSV entries (named `archive.zip/entry.csv`); other files pass through. */
function expand(files: ReturnFile[], c: Collector): ReturnFile[] {
  const out: ReturnFile[] = [];
  for (const f of files) {
    if (!isZip(f)) {
      out.push(f);
      continue;
    }
    if (typeof f.content === 'string') {
      report(c, { file: f.name, line: null, column: null, reason: 'A zip file must be sent as bytes, not text' });
      continue;
    }
    let entries: Record<string, Uint8Array>;
    try {
      let tooBig: string | null = null;
      entries = unzipSync(f.content, {
        filter: (e) => {
          if (e.originalSize > MAX_FILE_BYTES) tooBig = e.name;
          return tooBig === null && !e.name.endsWith('/');
        },
      });
      if (tooBig !== null) {
        report(c, { file: `${f.name}/${tooBig}`, line: null, column: null, reason: 'The file is too large to read' });
        continue;
      }
    } catch {
      report(c, { file: f.name, line: null, column: null, reason: 'The zip file cannot be opened: it is damaged or not a zip' });
      continue;
    }
    for (const [name, bytes] of Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const base = name.split('/').pop() ?? name;
      if (name.startsWith('__MACOSX/') || base.startsWith('.')) continue;
      const file = `${f.name}/${name}`;
      if (!/\.csv$/i.test(base)) {
        report(c, { file, line: null, column: null, reason: 'Only CSV files are read from a zip: this file is not a .csv' });
        continue;
      }
      out.push({ name: file, content: bytes });
    }
  }
  return out;
}

/** The file's text without a BOM, or null when it is not UTF-8 (the reason is reported). */
function decode(f: ReturnFile, c: Collector): string | null {
  if (typeof f.content === 'string') return f.content.startsWith('\uFEFF') ? f.content.slice(1) : f.content;
  const b = f.content;
  if (b.length > MAX_FILE_BYTES) {
    report(c, { file: f.name, line: null, column: null, reason: 'The file is too large to read' });
    return null;
  }
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) {
    report(c, { file: f.name, line: null, column: null, reason: 'The file is UTF-16 text: save it as UTF-8 (CSV UTF-8)' });
    return null;
  }
  const sample = b.subarray(0, 1000);
  let zeros = 0;
  for (const x of sample) if (x === 0) zeros++;
  if (sample.length >= 4 && zeros * 4 >= sample.length) {
    report(c, { file: f.name, line: null, column: null, reason: 'The file looks like UTF-16 text: save it as UTF-8 (CSV UTF-8)' });
    return null;
  }
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(b);
  if (text.includes('\uFFFD')) {
    let line = 1;
    for (const ch of text) {
      if (ch === '\n') line++;
      else if (ch === '\uFFFD')
        report(c, { file: f.name, line, column: null, reason: 'The file is not UTF-8 text here: save it as UTF-8 (CSV UTF-8)' });
    }
    return null;
  }
  return text;
}

/** Reports NUL bytes, other control characters and lone surrogates, with their line. */
function checkCharacters(file: string, text: string, c: Collector): boolean {
  let line = 1;
  let clean = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a) {
      line++;
      continue;
    }
    if (code === 0x0d) {
      if (text.charCodeAt(i + 1) !== 0x0a) line++;
      continue;
    }
    let bad: string | null = null;
    if (code === 0) bad = 'a NUL byte';
    else if ((code < 0x20 && code !== 0x09) || (code >= 0x7f && code <= 0x9f))
      bad = `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
    else if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else bad = 'a broken character (a lone surrogate)';
    } else if (code >= 0xdc00 && code <= 0xdfff) bad = 'a broken character (a lone surrogate)';
    if (bad !== null) {
      clean = false;
      report(c, { file, line, column: null, reason: `The file contains ${bad}` });
    }
  }
  return clean;
}

/** Line starts of a UTF-8 buffer (a line ends at LF, CRLF or a lone CR), for csv-parse's byte offsets. */
function lineIndex(buf: Uint8Array): { lineAt: (offset: number) => number; firstContent: (offset: number) => number } {
  const starts: number[] = [0];
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === 0x0a) starts.push(i + 1);
    else if (buf[i] === 0x0d && buf[i + 1] !== 0x0a) starts.push(i + 1);
  }
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const firstContent = (offset: number): number => {
    let o = offset;
    while (o < buf.length && (buf[o] === 0x0a || buf[o] === 0x0d)) o++;
    return o;
  };
  return { lineAt, firstContent };
}

type ParsedRecord = { fields: string[]; line: number };

/** Parses CSV with csv-parse: records with their starting line, and every syntax error. */
function parseCsv(file: string, text: string, c: Collector): ParsedRecord[] {
  const buf = Buffer.from(text, 'utf8');
  const lines = lineIndex(buf);
  const records: ParsedRecord[] = [];
  let consumed = 0;
  let broken = false;
  parse(buf, {
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (fields, context) => {
      records.push({ fields, line: lines.lineAt(lines.firstContent(consumed)) });
      consumed = context.bytes;
      return null;
    },
    on_skip: (err) => {
      const start = lines.lineAt(lines.firstContent(consumed));
      if (typeof err?.bytes === 'number') consumed = Math.max(consumed, err.bytes);
      // After a quote error csv-parse cannot find where records start again: report the first only.
      if (broken) return undefined;
      if (err?.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
        report(c, { file, line: start, column: null, reason: 'This line has a different number of cells from the header' });
      } else {
        broken = true;
        const why =
          err?.code === 'CSV_QUOTE_NOT_CLOSED'
            ? 'a quoted cell is never closed'
            : err?.code === 'CSV_INVALID_CLOSING_QUOTE'
              ? 'a quoted cell has text after its closing quote'
              : 'the CSV cannot be read here';
        report(c, { file, line: start, column: null, reason: `CSV syntax error: ${why}` });
      }
      return undefined;
    },
  });
  return records;
}

/** Which table a header names, or the reason it names none. */
function recogniseTable(header: string[]): { table: Ssda903Table } | { reason: string } {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const h of header) (seen.has(h) ? repeated : seen).add(h);
  if (repeated.size > 0) return { reason: `The header repeats the column ${[...repeated].join(', ')}` };
  let best: { table: Ssda903Table; missing: string[]; extra: string[] } | null = null;
  for (const t of SSDA903_TABLE_NAMES) {
    const cols: readonly string[] = SSDA903_TABLES[t];
    const missing = cols.filter((col) => !seen.has(col));
    const extra = header.filter((h) => !cols.includes(h));
    if (missing.length === 0 && extra.length === 0) return { table: t };
    const overlap = cols.length - missing.length;
    const bestOverlap = best ? SSDA903_TABLES[best.table].length - best.missing.length : -1;
    if (
      !best ||
      overlap > bestOverlap ||
      (overlap === bestOverlap && missing.length + extra.length < best.missing.length + best.extra.length)
    ) {
      best = { table: t, missing, extra };
    }
  }
  if (!best || SSDA903_TABLES[best.table].length - best.missing.length === 0) {
    return { reason: 'The columns do not match any SSDA903 table' };
  }
  const parts = [
    best.missing.length > 0 ? `missing ${best.missing.join(', ')}` : null,
    best.extra.length > 0 ? `unexpected ${best.extra.map((e) => (e === '' ? '(a blank column name)' : e)).join(', ')}` : null,
  ].filter((p) => p !== null);
  return { reason: `The columns do not match any SSDA903 table: nearest is ${best.table}, ${parts.join('; ')}` };
}

function checkCell(table: Ssda903Table, column: string, value: string | null): { value: string | null; reason: string | null } {
  if (column === 'CHILD') {
    if (value === null) return { value, reason: 'CHILD is empty: every row needs the child’s identifier' };
    if (value.length > MAX_CHILD_ID_LENGTH) return { value, reason: `CHILD is longer than ${MAX_CHILD_ID_LENGTH} characters` };
    return { value, reason: null };
  }
  if (value === null) return { value, reason: null };
  if (DATE_SETS[table].has(column)) {
    const d = parseFileDate(value);
    return d.ok ? { value: d.day, reason: null } : { value, reason: d.reason };
  }
  const list = SSDA903_CODED_COLUMNS[table]?.[column];
  if (list && !list.includes(value)) {
    const shown = list.length <= 30 ? `: expected one of ${list.join(', ')}` : '';
    return { value, reason: `"${value}" is not a ${column} code${shown}` };
  }
  if (table === 'Header' && column === 'UPN' && !UPN_PATTERN.test(value) && !UPN_UNKNOWN.has(value)) {
    return { value, reason: `"${value}" is not a UPN (a letter and 12 digits) nor one of UN1 to UN5` };
  }
  if (table === 'OC2' && column === 'SDQ_SCORE' && !(/^\d{1,2}$/.test(value) && Number(value) <= 40)) {
    return { value, reason: `"${value}" is not an SDQ score (a whole number from 0 to 40)` };
  }
  return { value, reason: null };
}

/**
 * Reads ONE year's set of files (CSV files and zips of CSV files). Every error in every file is
 * reported; the return is given only when there are none. A table with no file is empty.
 */
export function readReturnFiles(files: ReturnFile[]): ReadResult {
  const c: Collector = { errors: [], perFile: new Map() };
  const value = emptyReturn();
  const provenance = emptyProvenance();
  const fileOf = new Map<Ssda903Table, string>();
  for (const f of expand(files, c)) {
    const text = decode(f, c);
    if (text === null) continue;
    checkCharacters(f.name, text, c);
    const records = parseCsv(f.name, text, c);
    const head = records[0];
    if (!head) {
      report(c, { file: f.name, line: 1, column: null, reason: 'The file is empty: it needs at least the header row' });
      continue;
    }
    const header = head.fields.map((h) => h.trim().toUpperCase());
    const which = recogniseTable(header);
    if ('reason' in which) {
      report(c, { file: f.name, line: head.line, column: null, reason: which.reason });
      continue;
    }
    const table = which.table;
    const earlier = fileOf.get(table);
    if (earlier !== undefined) {
      report(c, {
        file: f.name,
        line: head.line,
        column: null,
        reason: `A second file for the ${table} table (the first is ${earlier}): send one file per table for a year`,
      });
      continue;
    }
    fileOf.set(table, f.name);
    const rows = value[table] as Record<string, string | null>[];
    const where = provenance[table];
    for (const rec of records.slice(1)) {
      // A row of empty cells (",,,,", as spreadsheets leave at the end) carries nothing: skip it.
      if (rec.fields.every((f) => f.trim() === '')) continue;
      const row: Record<string, string | null> = {};
      let rowOk = true;
      header.forEach((column, i) => {
        const raw = (rec.fields[i] ?? '').trim();
        const checked = checkCell(table, column, raw === '' ? null : raw.toUpperCase());
        if (checked.reason !== null) {
          rowOk = false;
          report(c, { file: f.name, line: rec.line, column, reason: checked.reason });
        }
        row[column] = checked.value;
      });
      if (!rowOk) continue;
      const ordered: Record<string, string | null> = {};
      for (const col of SSDA903_TABLES[table]) ordered[col] = row[col] ?? null;
      rows.push(ordered);
      where.push({ file: f.name, line: rec.line });
    }
  }
  for (const [file, n] of c.perFile) {
    if (n > MAX_ERRORS_PER_FILE) {
      c.errors.push({ file, line: null, column: null, reason: `${n - MAX_ERRORS_PER_FILE} more problems in this file are not listed` });
    }
  }
  return c.errors.length > 0 ? { ok: false, errors: c.errors } : { ok: true, value, provenance };
}

export function emptyProvenance(): Provenance {
  return Object.fromEntries(SSDA903_TABLE_NAMES.map((t) => [t, []])) as unknown as Provenance;
}

function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One table as CSV text: the header row, then the rows (CRLF, dates DD/MM/YYYY, upper case). */
export function writeTable(table: Ssda903Table, rows: readonly Readonly<Record<string, string | null>>[]): string {
  const cols = SSDA903_TABLES[table] as readonly string[];
  const dates = DATE_SETS[table];
  const out: string[] = [cols.join(',')];
  for (const row of rows) {
    out.push(
      cols
        .map((col) => {
          const v = row[col];
          if (v === null || v === undefined || v === '') return '';
          return csvCell(dates.has(col) ? formatFileDate(v) : v.toUpperCase());
        })
        .join(','),
    );
  }
  return out.join('\r\n') + '\r\n';
}

/** Every table (all 12, in the order of SSDA903_TABLES) as a CSV file, with its header even when empty. */
export function writeReturnFiles(ret: Ssda903Return): { name: string; content: string }[] {
  return SSDA903_TABLE_NAMES.map((t) => ({ name: SSDA903_FILE_NAMES[t], content: writeTable(t, ret[t]) }));
}

/**
 * The return's CSV files in one zip. Deterministic: every entry has the same fixed timestamp
 * (1 January 1980, built in local time so that the DOS time fields do not depend on the zone).
 */
export function zipReturn(ret: Ssda903Return): Uint8Array {
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  const entries: Record<string, [Uint8Array, { mtime: Date; level: 6 }]> = {};
  for (const f of writeReturnFiles(ret)) entries[f.name] = [strToU8(f.content), { mtime, level: 6 }];
  return zipSync(entries, { mtime, level: 6 });
}
