import { END_REASONS, KINDS, LEGAL_STATUSES, LOCATIONS, PANELS, PLACEMENT_TYPES, TIERS, URGENCIES } from '../../labels';
import { day, pounds, when } from '../../api/client';

/**
 * A subject access document in words: each service's rows as field/value pairs a person reads. Ids (which
 * mean nothing to the child or the family), the council's code and file contents are left out of the page;
 * the JSON download keeps everything.
 */

/** The label map for a field, by its name (the same code can mean different things in different fields). */
const BY_FIELD: Record<string, Record<string, string>> = {
  placementType: PLACEMENT_TYPES,
  kind: KINDS,
  legalStatus: LEGAL_STATUSES,
  location: LOCATIONS,
  urgency: URGENCIES,
  approver: TIERS,
  approverTier: TIERS,
  panel: PANELS,
  reason: END_REASONS,
  endReason: END_REASONS,
};

const HIDDEN = /^(id|localAuthority|correlationId|eventId|seq)$|Id$|Ids$/;

/** "weeklyCostPence" -> "Weekly cost", "decom" -> "Decom", "dateOfBirth" -> "Date of birth". */
export function fieldWords(name: string): string {
  const plain = name
    .replace(/Pence$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return plain.charAt(0).toUpperCase() + plain.slice(1);
}

/** A code in words: from the field's label map, else "APPROVED_WITH_CONDITIONS" -> "Approved with conditions". */
export function codeWords(code: string, field = ''): string {
  const words = BY_FIELD[field]?.[code];
  if (words) return words;
  const plain = code.replace(/[_:]/g, ' ').toLowerCase();
  return plain.charAt(0).toUpperCase() + plain.slice(1);
}

export type Shown = string | Field[][];
export interface Field {
  label: string;
  value: Shown;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const MIDNIGHT = /T00:00:00(\.000)?Z$/;
const CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$|^[A-Z]{4,}$/;

export function valueWords(name: string, value: unknown): Shown {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return /Pence$/.test(name) ? pounds(value) : value.toLocaleString('en-GB');
  if (typeof value === 'string') {
    // A day is stored as midnight UTC; an instant is shown in London time.
    if (INSTANT.test(value)) return MIDNIGHT.test(value) ? day(value.slice(0, 10)) : when(value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return day(value);
    if (CODE.test(value) || BY_FIELD[name]?.[value]) return codeWords(value, name);
    return value;
  }
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null)) return value.map((v) => valueWords(name, v) as string).join(', ') || '–';
    return value.map((v) => rowFields(v as Record<string, unknown>));
  }
  if (typeof value === 'object') return [rowFields(value as Record<string, unknown>)];
  return String(value);
}

const HAS_UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

export function rowFields(row: Record<string, unknown>): Field[] {
  return (
    Object.entries(row)
      // A link or reference made of ids says nothing to a reader (the download keeps it).
      .filter(([k, v]) => !HIDDEN.test(k) && !(typeof v === 'string' && HAS_UUID.test(v)))
      .map(([k, v]) => ({ label: fieldWords(k), value: valueWords(k, v) }))
  );
}
