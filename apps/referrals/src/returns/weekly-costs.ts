import { Place } from '@placewise/contracts/ssda903';

/** A problem in an uploaded file, where it is: the same shape as the 903 file layer's. */
export interface CostFileError {
  file: string;
  line: number | null;
  column: string | null;
  reason: string;
}

/** Weekly costs in pence: by child reference, and a default per placement type (PLACE). */
export interface WeeklyCosts {
  byChild: Map<string, number>;
  byPlace: Map<string, number>;
}

/** Pounds as written by a person (1234, 1234.5, 1,234.50, £1234) to whole pence, or null. */
export function poundsToPence(text: string): number | null {
  const t = text.replace(/^£/, '').replace(/,/g, '').trim();
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(t)) return null;
  const [whole, frac = ''] = t.split('.') as [string, string?];
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/**
 * Reads the council's weekly-cost file: a CSV whose header has WEEKLY_COST and CHILD and/or PLACE;
 * each row gives a child's weekly cost, or the default for a placement type, in pounds. Every bad
 * row is reported with its line and column.
 */
export function readWeeklyCosts(
  name: string,
  content: Uint8Array | string,
): { ok: true; value: WeeklyCosts } | { ok: false; errors: CostFileError[] } {
  const text = (typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content)).replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  const errors: CostFileError[] = [];
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toUpperCase());
  const col = (c: string) => header.indexOf(c);
  const value: WeeklyCosts = { byChild: new Map(), byPlace: new Map() };
  const unknown = header.filter((h) => !['CHILD', 'PLACE', 'WEEKLY_COST'].includes(h));
  if (col('WEEKLY_COST') < 0 || (col('CHILD') < 0 && col('PLACE') < 0) || unknown.length) {
    return {
      ok: false,
      errors: [
        {
          file: name,
          line: 1,
          column: null,
          reason: 'The header must be CHILD,WEEKLY_COST or PLACE,WEEKLY_COST (or CHILD,PLACE,WEEKLY_COST)',
        },
      ],
    };
  }
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (!raw.trim()) return;
    const cells = raw.split(',').map((c) => c.trim());
    const child = col('CHILD') >= 0 ? (cells[col('CHILD')] ?? '').toUpperCase() : '';
    const place = col('PLACE') >= 0 ? (cells[col('PLACE')] ?? '').toUpperCase() : '';
    const pence = poundsToPence(cells[col('WEEKLY_COST')] ?? '');
    if (pence === null)
      return errors.push({ file: name, line, column: 'WEEKLY_COST', reason: 'is not an amount in pounds (e.g. 1234.50)' });
    if (child && place)
      return errors.push({ file: name, line, column: 'PLACE', reason: 'give a child or a placement type on a row, not both' });
    if (child) {
      if (value.byChild.has(child)) return errors.push({ file: name, line, column: 'CHILD', reason: `${child} has a weekly cost already` });
      value.byChild.set(child, pence);
    } else if (place) {
      if (!(Place.codes as readonly string[]).includes(place))
        return errors.push({ file: name, line, column: 'PLACE', reason: `"${place}" is not a PLACE code` });
      value.byPlace.set(place, pence);
    } else errors.push({ file: name, line, column: 'CHILD', reason: 'needs a child reference or a placement type' });
  });
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

/**
 * Writes a weekly-cost file that readWeeklyCosts reads back: `CHILD,PLACE,WEEKLY_COST`, a row per
 * child and per placement type's default, in pounds with pence (the demo's files are written with it).
 */
export function writeWeeklyCosts(costs: { byChild?: Record<string, number>; byPlace?: Record<string, number> }): string {
  const pounds = (pence: number) => {
    if (!Number.isInteger(pence) || pence < 0) throw new Error(`a weekly cost must be whole pence, not ${pence}`);
    return `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
  };
  const lines = ['CHILD,PLACE,WEEKLY_COST'];
  for (const [child, pence] of Object.entries(costs.byChild ?? {})) lines.push(`${child},,${pounds(pence)}`);
  for (const [place, pence] of Object.entries(costs.byPlace ?? {})) lines.push(`,${place},${pounds(pence)}`);
  return lines.join('\r\n') + '\r\n';
}

/** The weekly cost of a child's open placement: theirs, else the default for its placement type, else none. */
export function weeklyCostOf(costs: WeeklyCosts | null, reference: string, place: string): number | null {
  return costs?.byChild.get(reference) ?? costs?.byPlace.get(place) ?? null;
}
