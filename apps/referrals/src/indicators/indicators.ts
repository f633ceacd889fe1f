import { addCalendarDays, addMonths, fromDayNumber, toDayNumber } from '@placewise/contracts/dates';

/**
 * The council's indicators from the looked-after record. Pure: plain rows in (children, episodes,
 * the council's settings, postcode locations), figures out, with the children behind each figure.
 * Days are ISO strings (YYYY-MM-DD); codes are the SSDA903's. The definitions (which episodes and
 * placements count) are written out in the README's "Indicators" section and beside each function.
 */

export interface ChildRow {
  childId: string;
  /** The council's reference (SSDA903 CHILD), or null for a child keyed in Placewise without one. */
  reference: string | null;
  dob: string;
  /** Unaccompanied asylum-seeking child, and the day that status ceased (from the characteristics). */
  uasc: boolean;
  uascCeased: string | null;
}

export interface EpisodeRow {
  childId: string;
  decom: string;
  dec: string | null;
  rne: string;
  rec: string | null;
  ls: string;
  place: string;
  homePost: string | null;
  plPost: string | null;
}

export interface Location {
  lat: number;
  long: number;
  /** The ONS local authority district code (oslaua) the postcode is in, if the directory gave one. */
  la: string | null;
}

export interface Settings {
  /** The council's 0-17 population by year (ONS mid-year estimates). */
  population: { year: number; children: number }[];
  /** Comparator rates per 10,000 children by year ending 31 March (England, statistical neighbours...). */
  comparators: { year: number; name: string; ratePer10k: number }[];
  /** Targets per month (first day of the month, YYYY-MM). */
  entryTargets: { month: string; entries: number }[];
  exitTargets: { month: string; exits: number }[];
  /** The ONS local authority codes making up the council's area (for "placed out of area"). */
  areaCodes: string[];
}

export interface Input {
  children: ChildRow[];
  episodes: EpisodeRow[];
  settings: Settings;
  /** Postcode (upper case, single space, as the ONS pcds column) to its location. */
  postcodes: Map<string, Location>;
}

export const EXIT_ROUTES = ['REUNIFICATION', 'SPECIAL_GUARDIANSHIP', 'ADOPTION', 'AGED_18_AND_OVER', 'OTHER'] as const;
export type ExitRoute = (typeof EXIT_ROUTES)[number];

/** Episodes under an agreed series of short breaks are not counted anywhere (as the DfE's figures). */
const SHORT_BREAKS = new Set(['V3', 'V4']);
/** Temporary placements (hospital, holiday, 7 days or less) are not counted as placements. */
const TEMPORARY = new Set(['T0', 'T1', 'T2', 'T3', 'T4']);
/** Placed for adoption with the current foster carers: not a change of placement. */
const ADOPTION_WITH_CURRENT_CARERS = new Set(['A3', 'A5']);
const ADOPTION_PLACEMENTS = new Set(['A3', 'A4', 'A5', 'A6']);
/** A new placement with new carers: started to be looked after, or a change of placement and carers. */
const NEW_CARERS = new Set(['S', 'P', 'B']);

/** The exit route an episode's REC gives; aged 18 and over goes by the child's age on the day care ended. */
export function exitRoute(rec: string, ageAtExit: number): ExitRoute {
  if (rec === 'E4A' || rec === 'E4B') return 'REUNIFICATION';
  if (rec === 'E45' || rec === 'E46' || rec === 'E47' || rec === 'E48') return 'SPECIAL_GUARDIANSHIP';
  if (rec === 'E11' || rec === 'E12') return 'ADOPTION';
  if (rec === 'E15' || ageAtExit >= 18) return 'AGED_18_AND_OVER';
  return 'OTHER';
}

/** Whether an episode ends care (a REC other than X1; an open episode does not). */
export function endsCare(e: Pick<EpisodeRow, 'rec' | 'dec'>): boolean {
  return e.dec !== null && e.rec !== null && e.rec !== 'X1';
}

export function ageOn(dob: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(dob.slice(0, 4));
  return day.slice(5) < dob.slice(5) ? years - 1 : years;
}

/** Great-circle distance in miles (haversine, mean Earth radius 3,958.8 miles). */
export function milesBetween(a: { lat: number; long: number }, b: { lat: number; long: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLong = rad(b.long - a.long);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLong / 2) ** 2;
  return 2 * 3958.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function normalisePostcode(p: string): string {
  const s = p.toUpperCase().replace(/\s+/g, '');
  return s.length > 3 ? `${s.slice(0, -3)} ${s.slice(-3)}` : s;
}

/** A figure and the children behind it. */
export interface Measure {
  count: number;
  children: string[];
}

export interface Rate extends Measure {
  population: number | null;
  /** Per 10,000 children aged 0-17, one decimal place; null without the year's population. */
  ratePer10k: number | null;
}

export interface Proportion {
  cohort: Measure;
  count: Measure;
  /** Whole percent, one decimal place; null for an empty cohort. */
  percent: number | null;
}

export interface Snapshot {
  at: string;
  inCare: Rate;
  inCareUasc: Measure;
  threeOrMorePlacements: Proportion;
  longTermStability: Proportion;
  distance: { cohort: Measure; outOfArea: Measure; over20Miles: Measure; unknown: Measure };
}

export interface Flows {
  entries: Measure;
  entriesUasc: Measure;
  exits: Measure;
  exitsUasc: Measure;
  byRoute: Record<ExitRoute, Measure>;
}

export interface MonthFigures extends Flows {
  month: string;
  end: Snapshot;
  entryTarget: number | null;
  exitTarget: number | null;
  /** Projected children in care at the month's end (not UASC / UASC), from the period's start. */
  projected: { others: number; uasc: number } | null;
}

export interface Indicators extends Flows {
  from: string;
  to: string;
  end: Snapshot;
  entryTarget: number | null;
  exitTarget: number | null;
  comparators: { name: string; ratePer10k: number; year: number }[];
  months: MonthFigures[];
  projection: { referenceFrom: string; referenceTo: string; uasc: ProjectionRates; others: ProjectionRates };
}

export interface ProjectionRates {
  /** Children starting to be looked after per day, and the daily chance a child in care leaves it. */
  entriesPerDay: number;
  exitRatePerDay: number;
  startStock: number;
}

const measure = (ids: Iterable<string>): Measure => {
  const children = [...new Set(ids)].sort();
  return { count: children.length, children };
};
const oneDecimal = (n: number) => Math.round(n * 10) / 10;
const percent = (count: number, cohort: number) => (cohort === 0 ? null : oneDecimal((100 * count) / cohort));

/** Months (YYYY-MM) from the one holding `from` to the one holding `to`. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = `${from.slice(0, 7)}-01`; m.slice(0, 7) <= to.slice(0, 7); m = addMonths(m, 1)) out.push(m.slice(0, 7));
  return out;
}

export function monthEnd(month: string): string {
  return addCalendarDays(addMonths(`${month}-01`, 1), -1);
}

/** The index of a council's rows, built once and asked many questions. */
export class CareRecord {
  private readonly byChild = new Map<string, EpisodeRow[]>();
  private readonly child = new Map<string, ChildRow>();

  constructor(readonly input: Input) {
    for (const c of input.children) this.child.set(c.childId, c);
    for (const e of input.episodes) {
      if (SHORT_BREAKS.has(e.ls) || !this.child.has(e.childId)) continue;
      const list = this.byChild.get(e.childId) ?? [];
      list.push(e);
      this.byChild.set(e.childId, list);
    }
    for (const list of this.byChild.values()) list.sort((a, b) => (a.decom < b.decom ? -1 : 1));
    for (const [id, list] of this.byChild)
      for (const e of list) {
        if (e.rne === 'S') this.starts.push({ childId: id, day: e.decom });
        if (endsCare(e)) this.ends.push({ childId: id, day: e.dec!, route: exitRoute(e.rec!, ageOn(this.child.get(id)!.dob, e.dec!)) });
      }
    this.starts.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    this.ends.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }

  /** Every entry (RNE S) and every exit (a REC ending care), by day: a period's are a slice. */
  private readonly starts: { childId: string; day: string }[] = [];
  private readonly ends: { childId: string; day: string; route: ExitRoute }[] = [];
  private readonly located = new Map<string, Location | null>();

  private static slice<T extends { day: string }>(xs: T[], from: string, to: string): T[] {
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]!.day < from) lo = mid + 1;
      else hi = mid;
    }
    const out: T[] = [];
    for (let i = lo; i < xs.length && xs[i]!.day <= to; i++) out.push(xs[i]!);
    return out;
  }

  /** A postcode's location (null when the table does not have it), each postcode normalised once. */
  private locate(p: string | null): Location | null {
    if (!p) return null;
    let l = this.located.get(p);
    if (l === undefined) {
      l = this.input.postcodes.get(normalisePostcode(p)) ?? null;
      this.located.set(p, l);
    }
    return l;
  }

  reference(childId: string): string | null {
    return this.child.get(childId)?.reference ?? null;
  }

  /** UASC on a day: asylum-seeking in the characteristics, and not yet ceased on that day. */
  isUasc(childId: string, day: string): boolean {
    const c = this.child.get(childId);
    return !!c?.uasc && (c.uascCeased === null || c.uascCeased > day);
  }

  /** The child's episode open on a day: started on or before it, not ended by it (DEC is the day it ended). */
  episodeOn(childId: string, day: string): EpisodeRow | null {
    const list = this.byChild.get(childId) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i]!;
      if (e.decom <= day) return e.dec === null || e.dec > day ? e : null;
    }
    return null;
  }

  /** Children looked after on a day. */
  inCareOn(day: string): string[] {
    const out: string[] = [];
    for (const id of this.byChild.keys()) if (this.episodeOn(id, day)) out.push(id);
    return out;
  }

  /** Entries: episodes starting a period of care (RNE S) from `from` to `to`, both included. */
  entries(from: string, to: string): { childId: string; day: string }[] {
    return CareRecord.slice(this.starts, from, to);
  }

  /** Exits: episodes ending care (REC other than X1) from `from` to `to`, with the route. */
  exits(from: string, to: string): { childId: string; day: string; route: ExitRoute }[] {
    return CareRecord.slice(this.ends, from, to);
  }

  /** The start of the period of care open on a day (the last RNE S on or before it). */
  private periodStart(childId: string, day: string): string | null {
    const list = this.byChild.get(childId) ?? [];
    let start: string | null = null;
    for (const e of list) if (e.decom <= day && e.rne === 'S') start = e.decom;
    return start;
  }

  /**
   * The placements (with one set of carers) a child had from `from` to `to`: the one they were in
   * on `from` and every new one after. A new placement is an episode with RNE S, P or B (new
   * carers); T, U (same carers) and L (legal status only) continue the placement; temporary
   * placements (T0-T4) and being placed for adoption with the current foster carers (A3, A5) are
   * not counted.
   */
  placementsBetween(childId: string, from: string, to: string): number {
    const list = this.byChild.get(childId) ?? [];
    let n = 0;
    const current = this.episodeOn(childId, from);
    if (current && !TEMPORARY.has(current.place)) n = 1;
    for (const e of list) {
      if (e.decom <= from || e.decom > to) continue;
      if (!NEW_CARERS.has(e.rne) || TEMPORARY.has(e.place) || ADOPTION_WITH_CURRENT_CARERS.has(e.place)) continue;
      n += 1;
    }
    return n;
  }

  /**
   * The day the child's current placement with these carers began: back through episodes that
   * continue it (RNE L, T, U, temporary placements, and A3/A5 with the current foster carers),
   * while each begins the day the one before ended.
   */
  private placementStart(childId: string, day: string): { start: string; adoption: boolean; before: string | null } | null {
    const list = (this.byChild.get(childId) ?? []).filter((e) => e.decom <= day);
    if (list.length === 0) return null;
    let i = list.length - 1;
    const adoption = ADOPTION_PLACEMENTS.has(list[i]!.place);
    const continues = (e: EpisodeRow) => !NEW_CARERS.has(e.rne) || TEMPORARY.has(e.place) || ADOPTION_WITH_CURRENT_CARERS.has(e.place);
    while (i > 0 && continues(list[i]!) && list[i - 1]!.dec === list[i]!.decom) i--;
    const start = list[i]!.decom;
    // For a child placed for adoption, the placement before the adoption placement counts with it.
    let before: string | null = null;
    if (adoption && i > 0 && list[i - 1]!.dec === start) {
      let j = i - 1;
      while (j > 0 && continues(list[j]!) && list[j - 1]!.dec === list[j]!.decom) j--;
      before = list[j]!.decom;
    }
    return { start, adoption, before };
  }

  snapshot(at: string): Snapshot {
    const s = this.input.settings;
    const inCare = this.inCareOn(at);
    const year = Number(at.slice(0, 4));
    const pop = [...s.population].filter((p) => p.year <= year).sort((a, b) => b.year - a.year)[0] ?? null;
    // Stability.
    const yearAgo = addMonths(at, -12);
    const threeOrMore = inCare.filter((id) => this.placementsBetween(id, yearAgo, at) >= 3);
    const thirtyMonthsAgo = addMonths(at, -30);
    const longCohort = inCare.filter((id) => {
      if (ageOn(this.child.get(id)!.dob, at) >= 16) return false;
      const start = this.periodStart(id, at);
      return start !== null && start <= thirtyMonthsAgo;
    });
    const twoYearsAgo = addMonths(at, -24);
    const longStable = longCohort.filter((id) => {
      const p = this.placementStart(id, at);
      if (!p) return false;
      return p.start <= twoYearsAgo || (p.adoption && p.before !== null && p.before <= twoYearsAgo);
    });
    // Distance.
    const loc = (p: string | null) => this.locate(p);
    const area = new Set(s.areaCodes);
    const outOfArea: string[] = [];
    const over20: string[] = [];
    const unknown: string[] = [];
    for (const id of inCare) {
      const e = this.episodeOn(id, at)!;
      const placed = loc(e.plPost);
      const home = loc(e.homePost);
      if (!placed || (area.size > 0 && placed.la === null)) {
        unknown.push(id);
        continue;
      }
      if (area.size > 0 && placed.la !== null && !area.has(placed.la)) outOfArea.push(id);
      if (home && milesBetween(home, placed) > 20) over20.push(id);
    }
    return {
      at,
      inCare: {
        ...measure(inCare),
        population: pop?.children ?? null,
        ratePer10k: pop && pop.children > 0 ? oneDecimal((inCare.length * 10_000) / pop.children) : null,
      },
      inCareUasc: measure(inCare.filter((id) => this.isUasc(id, at))),
      threeOrMorePlacements: { cohort: measure(inCare), count: measure(threeOrMore), percent: percent(threeOrMore.length, inCare.length) },
      longTermStability: {
        cohort: measure(longCohort),
        count: measure(longStable),
        percent: percent(longStable.length, longCohort.length),
      },
      distance: { cohort: measure(inCare), outOfArea: measure(outOfArea), over20Miles: measure(over20), unknown: measure(unknown) },
    };
  }

  flows(from: string, to: string): Flows {
    const entries = this.entries(from, to);
    const exits = this.exits(from, to);
    const byRoute = Object.fromEntries(
      EXIT_ROUTES.map((r) => [r, measure(exits.filter((x) => x.route === r).map((x) => x.childId))]),
    ) as Record<ExitRoute, Measure>;
    return {
      entries: measure(entries.map((x) => x.childId)),
      entriesUasc: measure(entries.filter((x) => this.isUasc(x.childId, x.day)).map((x) => x.childId)),
      exits: measure(exits.map((x) => x.childId)),
      exitsUasc: measure(exits.filter((x) => this.isUasc(x.childId, addCalendarDays(x.day, -1))).map((x) => x.childId)),
      byRoute,
    };
  }

  /**
   * A one-state version of the DfE demand model's stock and flow (shared/domain ssda903.md §3):
   * over the 12 months before `from`, the daily entrants and the daily chance a child in care
   * leaves (exits / child-days in care), for UASC and other children apart; then stepped daily from
   * the actual number in care the day before `from`.
   */
  projectionRates(from: string): { referenceFrom: string; referenceTo: string; uasc: ProjectionRates; others: ProjectionRates } {
    const refTo = addCalendarDays(from, -1);
    const refFrom = addMonths(from, -12);
    // Child-days in care in the reference year, UASC and not: each episode's days in it (DEC is not a day in care).
    const childDays = { uasc: 0, others: 0 };
    const [lo, hi] = [toDayNumber(refFrom), toDayNumber(refTo)];
    for (const [id, list] of this.byChild) {
      const c = this.child.get(id)!;
      const uascUntil = c.uasc ? (c.uascCeased ? toDayNumber(c.uascCeased) - 1 : Infinity) : -Infinity;
      for (const e of list) {
        const a = Math.max(lo, toDayNumber(e.decom));
        const b = Math.min(hi, e.dec ? toDayNumber(e.dec) - 1 : hi);
        if (b < a) continue;
        const u = Math.max(0, Math.min(b, uascUntil) - a + 1);
        childDays.uasc += u;
        childDays.others += b - a + 1 - u;
      }
    }
    const entries = this.entries(refFrom, refTo);
    const exits = this.exits(refFrom, refTo);
    const stock = this.inCareOn(refTo);
    const group = (uasc: boolean): ProjectionRates => {
      const days = uasc ? childDays.uasc : childDays.others;
      return {
        entriesPerDay: entries.filter((x) => this.isUasc(x.childId, x.day) === uasc).length / (hi - lo + 1),
        exitRatePerDay: days === 0 ? 0 : exits.filter((x) => this.isUasc(x.childId, addCalendarDays(x.day, -1)) === uasc).length / days,
        startStock: stock.filter((id) => this.isUasc(id, refTo) === uasc).length,
      };
    };
    return { referenceFrom: refFrom, referenceTo: refTo, uasc: group(true), others: group(false) };
  }
}

export function project(rates: ProjectionRates, from: string, days: string[]): Map<string, number> {
  const out = new Map<string, number>();
  const wanted = new Set(days);
  const last = days.reduce((a, b) => (a > b ? a : b), from);
  let stock = rates.startStock;
  for (let d = toDayNumber(from); d <= toDayNumber(last); d++) {
    stock = stock * (1 - rates.exitRatePerDay) + rates.entriesPerDay;
    const day = fromDayNumber(d);
    if (wanted.has(day)) out.set(day, Math.round(stock * 10) / 10);
  }
  return out;
}

/** Every indicator for a period (`from` to `to`, both included) and for each month in it. */
export function indicators(input: Input, from: string, to: string): Indicators {
  const record = new CareRecord(input);
  const s = input.settings;
  const months = monthsBetween(from, to);
  const target = (list: { month: string; n: number }[], ms: string[]) => {
    const found = ms.map((m) => list.find((t) => t.month === m)?.n);
    return found.every((n) => n === undefined) ? null : found.reduce<number>((a, n) => a + (n ?? 0), 0);
  };
  const entryTargets = s.entryTargets.map((t) => ({ month: t.month, n: t.entries }));
  const exitTargets = s.exitTargets.map((t) => ({ month: t.month, n: t.exits }));
  const rates = record.projectionRates(from);
  const ends = months.map((m) => (monthEnd(m) > to ? to : monthEnd(m)));
  const others = project(rates.others, from, ends);
  const uasc = project(rates.uasc, from, ends);
  const monthly: MonthFigures[] = months.map((m, i) => {
    const start = `${m}-01` < from ? from : `${m}-01`;
    const end = ends[i]!;
    return {
      month: m,
      ...record.flows(start, end),
      end: record.snapshot(end),
      entryTarget: target(entryTargets, [m]),
      exitTarget: target(exitTargets, [m]),
      projected: { others: others.get(end) ?? rates.others.startStock, uasc: uasc.get(end) ?? rates.uasc.startStock },
    };
  });
  // Comparators are published for years ending 31 March: the latest of each up to the period's end.
  const year = Number(to.slice(0, 4));
  const latest = new Map<string, { name: string; ratePer10k: number; year: number }>();
  for (const c of [...s.comparators].filter((c) => c.year <= year).sort((a, b) => a.year - b.year)) latest.set(c.name, c);
  return {
    from,
    to,
    ...record.flows(from, to),
    end: record.snapshot(to),
    entryTarget: target(entryTargets, months),
    exitTarget: target(exitTargets, months),
    comparators: [...latest.values()],
    months: monthly,
    projection: rates,
  };
}
