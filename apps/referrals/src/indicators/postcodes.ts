import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { normalisePostcode } from './indicators.js';

/**
 * Reading the ONS Postcode Directory (or any CSV with its columns): pcds (the postcode), lat and
 * long (WGS84), and oslaua (the local authority district code) when present. Streaming: a row at a
 * time, whatever the file's size. A row that cannot be used is refused with its line and reason;
 * the directory marks a postcode with no grid reference with lat 99.999999, which is refused too.
 */
export interface PostcodeRow {
  pcds: string;
  lat: number;
  long: number;
  la: string | null;
}
export type Parsed = { line: number; row: PostcodeRow } | { line: number; reason: string };

const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/;
const LA_CODE = /^[EWSNL]\d{8}$/;

export function postcodeRow(line: number, rec: Record<string, string | undefined>): Parsed {
  const raw = rec.pcds?.trim() ?? '';
  if (!raw) return { line, reason: 'pcds is empty' };
  const pcds = normalisePostcode(raw);
  if (!POSTCODE.test(pcds)) return { line, reason: `pcds "${raw.slice(0, 20)}" is not a postcode` };
  const lat = Number(rec.lat);
  const long = Number(rec.long);
  if (!rec.lat?.trim() || !Number.isFinite(lat)) return { line, reason: 'lat is not a number' };
  if (!rec.long?.trim() || !Number.isFinite(long)) return { line, reason: 'long is not a number' };
  if (lat === 99.999999) return { line, reason: 'the directory gives no location for this postcode (lat 99.999999)' };
  if (lat < 49 || lat > 61.5) return { line, reason: `lat ${lat} is outside the United Kingdom` };
  if (long < -9 || long > 2.5) return { line, reason: `long ${long} is outside the United Kingdom` };
  const laRaw = rec.oslaua?.trim() ?? '';
  if (laRaw && !LA_CODE.test(laRaw)) return { line, reason: `oslaua "${laRaw.slice(0, 20)}" is not an ONS local authority code` };
  return { line, row: { pcds, lat, long, la: laRaw || null } };
}

/** The rows of a postcode CSV, in order; refuses a file without the pcds, lat and long columns. */
export async function* readPostcodes(input: Readable): AsyncGenerator<Parsed> {
  const parser = input.pipe(
    parse({
      columns: (h: string[]) =>
        h.map((c) =>
          c
            .trim()
            .replace(/^\uFEFF/, '')
            .toLowerCase(),
        ),
      bom: true,
      relax_column_count: true,
      info: true,
    }),
  );
  let checked = false;
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    if (!checked) {
      const missing = ['pcds', 'lat', 'long'].filter((c) => !(c in record));
      if (missing.length) throw new Error(`the file has no ${missing.join(', ')} column (the ONS Postcode Directory's pcds, lat, long)`);
      checked = true;
    }
    yield postcodeRow(info.lines, record);
  }
}

/** Loads a postcode CSV in batches; a load can be run again (each postcode is replaced by its pcds). */
export async function loadPostcodes(
  input: Readable,
  upsert: (rows: PostcodeRow[]) => Promise<number>,
  batch = 2000,
): Promise<{ read: number; changed: number; refused: { line: number; reason: string }[] }> {
  let pending: PostcodeRow[] = [];
  let read = 0;
  let changed = 0;
  const refused: { line: number; reason: string }[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    // One postcode once per statement (ON CONFLICT cannot touch a row twice): the last one wins.
    const unique = new Map(pending.map((r) => [r.pcds, r]));
    changed += await upsert([...unique.values()]);
    pending = [];
  };
  for await (const p of readPostcodes(input)) {
    if ('reason' in p) {
      refused.push(p);
      continue;
    }
    read++;
    pending.push(p.row);
    if (pending.length >= batch) await flush();
  }
  await flush();
  return { read, changed, refused };
}
