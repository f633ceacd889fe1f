import { addMonths, londonDate, workingDaysBetween } from '@placewise/contracts/dates';
import { RequestFactsSchema, type RequestFacts } from './types.js';

/**
 * Which facts a person types and which Placewise works out. The request API and the web form accept
 * exactly the rules' facts minus the derived ones (`requestInputShape`), so the two cannot drift.
 */

/** Facts worked out from what Placewise already knows: never typed on a request. */
export const DERIVED_FACTS = {
  /** Whole years on the placement's start date, from the date of birth (Europe/London days). */
  childAge: true,
  /** England school year (Reception 0, Year 1 ... Year 13) on the start date, from the date of birth. */
  schoolYear: true,
  /** Years 10 and 11 on the start date, from the date of birth. */
  keyStage4: true,
  /** The moment the request is recorded. */
  submittedAt: true,
  /** From submittedAt and the council's office hours. */
  outOfHours: true,
} as const;

/**
 * Facts that come from the child's looked-after record (episodes and placements), worked out on the
 * request's start day when it is submitted (`factsFromRecord`): never typed on a request.
 */
export const RECORD_FACTS = {
  placementMovesLast12Months: true,
  lookedAfterSince: true,
} as const;

/** Facts kept only so that stored requests and old files still parse: a request no longer sends them. */
export const LEGACY_FACTS = {
  /** Replaced by keyStage4 (derived) and educationDisrupted (typed). */
  ks4EducationDisrupted: true,
} as const;

/** The rules' facts a request carries, typed by a person: every fact that is neither derived, from the record, nor legacy. */
export const RequestInputFactsSchema = RequestFactsSchema.omit({ ...DERIVED_FACTS, ...RECORD_FACTS, ...LEGACY_FACTS });
export type RequestInputFacts = ReturnType<typeof RequestInputFactsSchema.parse>;

export const requestInputFactKeys = (): string[] => Object.keys(RequestInputFactsSchema.shape);
export const derivedFactKeys = (): string[] => Object.keys(DERIVED_FACTS);
export const recordFactKeys = (): string[] => Object.keys(RECORD_FACTS);
export const legacyFactKeys = (): string[] => Object.keys(LEGACY_FACTS);

/** Whole years between a date of birth and a day, both YYYY-MM-DD (a 29 February birthday counts from 1 March). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * The England school year a child belongs to on a day, by age (1 September cut-off): a child
 * born from 1 September of one year to 31 August of the next starts Reception (0) in the September
 * after their fourth birthday; Year 10 and Year 11 are key stage 4. Negative before Reception.
 */
export function schoolYearOn(dateOfBirth: string, on: string): number {
  const [by, bm] = dateOfBirth.split('-').map(Number) as [number, number];
  const [y, m] = on.split('-').map(Number) as [number, number];
  const cohort = bm >= 9 ? by : by - 1; // the school year (starting 1 September) the child was born in
  const current = m >= 9 ? y : y - 1;
  return current - cohort - 5;
}

/** The day the request is about: the day placed, the planned start, the day it takes effect, else the day submitted (London). */
export function startDayOf(f: {
  placedAt?: string | null;
  plannedStartDate?: string;
  effectiveDate?: string;
  submittedAt: string;
}): string {
  return f.placedAt ?? f.plannedStartDate ?? f.effectiveDate ?? londonDate(f.submittedAt);
}

/** The child's facts on the start day, derived from the date of birth. */
export function childFactsOn(dateOfBirth: string, on: string): { childAge: number; schoolYear: number; keyStage4: boolean } {
  const schoolYear = schoolYearOn(dateOfBirth, on);
  return { childAge: ageOn(dateOfBirth, on), schoolYear, keyStage4: schoolYear === 10 || schoolYear === 11 };
}

/**
 * A request as typed, plus what Placewise knows: the child's date of birth, the moment of
 * submission and, when given, the child's looked-after record. Returns the rules' facts, derived
 * values filled in (the child's on the start day, the record's on the start day). Pure (no clock):
 * the caller passes `submittedAt`.
 */
export function factsFromRequest(
  input: RequestInputFacts | (Omit<RequestInputFacts, 'placedAt'> & { placedAt?: string | null }),
  known: { dateOfBirth: string; submittedAt: string; record?: LookedAfterRecord },
): RequestFacts {
  const placedAt = input.placedAt ?? null;
  const start = startDayOf({ ...input, placedAt, submittedAt: known.submittedAt });
  const child = childFactsOn(known.dateOfBirth, start);
  const facts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (v !== undefined && !(k in RECORD_FACTS)) facts[k] = v;
  const record = known.record ? factsFromRecord(known.record, start) : {};
  return { ...(facts as RequestInputFacts), placedAt, submittedAt: known.submittedAt, ...child, ...record };
}

/** What the looked-after record knows about the child (the seam the record fills in). */
export interface LookedAfterRecord {
  /** Start days (YYYY-MM-DD) of the child's placements, any order. */
  placementStarts: readonly string[];
  /** The first day of the current period of being looked after, if looked after now. */
  lookedAfterSince: string | null;
}

/**
 * The record's facts on a day: placement moves in the 12 months up to it (every placement that
 * started in the window is a move, except the child's very first placement of all) and since when
 * the child has been looked after.
 */
export function factsFromRecord(record: LookedAfterRecord, on: string): { placementMovesLast12Months: number; lookedAfterSince?: string } {
  const starts = [...record.placementStarts].filter((d) => d <= on).sort();
  const windowStart = addMonths(on, -12);
  // every placement that started in the 12 months is a move, except the child's very first placement
  const moves = starts.filter((d, i) => i > 0 && d > windowStart).length;
  return { placementMovesLast12Months: moves, ...(record.lookedAfterSince ? { lookedAfterSince: record.lookedAfterSince } : {}) };
}

/** Working days looked after up to a day (the day itself not counted), or null if not known. */
export function lookedAfterWorkingDays(lookedAfterSince: string | undefined, on: string): number | null {
  if (!lookedAfterSince) return null;
  return lookedAfterSince > on ? 0 : workingDaysBetween(lookedAfterSince, on);
}
