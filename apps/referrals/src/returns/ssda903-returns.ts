import { Injectable } from '@nestjs/common';
import { londonToday } from '@placewise/contracts/dates';
import { type Ssda903Table } from '@placewise/contracts/ssda903';
import { createHash } from 'node:crypto';
import { ageOn } from '../children/children.dto.js';
import { readReturnFiles, zipReturn, type FileError, type ReturnFile } from '../ssda903/files.js';
import { mergeReturns } from '../ssda903/merge.js';
import { preflight, type PreflightFailure } from '../ssda903/preflight.js';
import { healthOutcomeOf, openPlacement, recordToReturn, returnToRecords, yearOfReturn, type ChildRecord } from './convert.js';
import { ReturnsRepository, type LoadPlan, type LoadResult } from './returns.repository.js';
import { readWeeklyCosts, weeklyCostOf } from './weekly-costs.js';

/** Where in the workspace each table's rows are put right (the child's record, at its section). */
const SECTION: Record<Ssda903Table, string> = {
  Header: 'characteristics',
  UASC: 'characteristics',
  Episodes: 'episodes',
  Reviews: 'reviews',
  Missing: 'missing',
  SWEpisodes: 'social-workers',
  OC3: 'care-leaver',
  OC2: 'characteristics',
  AD1: 'adoption',
  PlacedAdoption: 'adoption',
  PrevPerm: 'previous-permanence',
  DoLo: 'liberty-orders',
};

export interface PreflightItem {
  child: string;
  rule: string;
  table: string;
  field: string | null;
  message: string;
  fix: string;
  /** The workspace page where it is put right (null for a child Placewise does not know). */
  path: string | null;
}

export type LoadOutcome = { ok: true; result: LoadResult } | { ok: false; errors: FileError[] };

/** The hash of a load: every year's files (by name and content, in order) and the cost file. */
export function loadHash(years: ReturnFile[][], costs: ReturnFile | null): string {
  const h = createHash('sha256');
  const add = (f: ReturnFile) => {
    h.update(f.name.replace(/^.*[\\/]/, ''));
    h.update('\0');
    h.update(typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : f.content);
    h.update('\0');
  };
  years.forEach((files, i) => {
    h.update(`year ${i}\0`);
    [...files].sort((a, b) => (a.name < b.name ? -1 : 1)).forEach(add);
  });
  if (costs) add(costs);
  return h.digest('hex');
}

/**
 * Loading a council's previous SSDA903 returns into the record, and producing a year's return from
 * it with its pre-flight check. Used by the API (a background job for the export) and by the CLI.
 */
@Injectable()
export class Ssda903Returns {
  constructor(private readonly repo: ReturnsRepository) {}

  /**
   * Reads one or more years (oldest first) and an optional weekly-cost file, checks them (the file
   * layer, then the pre-flight rules as a consistency check) and loads them in one transaction.
   * A refused load lists every bad row (file, line, column, reason) and writes nothing.
   */
  async load(localAuthority: string, actor: string, years: ReturnFile[][], costsFile: ReturnFile | null): Promise<LoadOutcome> {
    if (!years.length || years.some((y) => !y.length))
      return { ok: false, errors: [{ file: '', line: null, column: null, reason: 'Send at least one year of return files' }] };
    // Each year read on its own (every file error of every year listed), then merged as
    // readReturnYears does; each year is checked against the pre-flight rules as the return of its
    // own collection year, with the year before it as last year's.
    const reads = years.map((files) => readReturnFiles(files));
    const costs = costsFile ? readWeeklyCosts(costsFile.name, costsFile.content) : null;
    const errors: FileError[] = [...reads.flatMap((r) => (r.ok ? [] : r.errors)), ...(costs && !costs.ok ? costs.errors : [])];
    if (errors.length) return { ok: false, errors };
    const loaded = reads.flatMap((r) => (r.ok ? [{ ret: r.value, provenance: r.provenance, year: yearOfReturn(r.value) }] : []));
    loaded.forEach((l, i) => {
      if (l.year === null)
        errors.push({
          file: years[i]?.[0]?.name ?? '',
          line: null,
          column: null,
          reason: 'This year holds no episodes, reviews or missing episodes',
        });
      else if (i > 0 && (loaded[i - 1]?.year ?? -1) >= l.year)
        errors.push({
          file: years[i]?.[0]?.name ?? '',
          line: null,
          column: null,
          reason: `Years must be sent oldest first, one return each: this is ${l.year}`,
        });
    });
    if (errors.length) return { ok: false, errors };
    loaded.forEach((l, i) => {
      const previous = i > 0 && loaded[i - 1]?.year === (l.year as number) - 1 ? loaded[i - 1]?.ret : undefined;
      for (const f of preflight(l.ret, { collectionYear: l.year as number, ...(previous ? { previous } : {}) })) {
        const at = f.rowIndex === null ? undefined : l.provenance[f.table][f.rowIndex];
        errors.push({
          file: at?.file ?? f.table,
          line: at?.line ?? null,
          column: f.field,
          reason: `${f.child}: ${f.message} (rule ${f.rule})`,
        });
      }
    });
    if (errors.length) return { ok: false, errors };
    const merged = mergeReturns(loaded.map((l) => l.ret));
    const latest = loaded.at(-1)?.year as number;
    // OC3 carries no year: each row is the year of the return it came from.
    const oc3Years = new Map<string, number>();
    for (const l of loaded) for (const o of l.ret.OC3) oc3Years.set(JSON.stringify(o), l.year as number);
    const records = returnToRecords(merged, (i) => oc3Years.get(JSON.stringify(merged.OC3[i])) ?? latest);
    // OC2 likewise: every year's outcomes are kept (the merge keeps the latest year's row per child).
    const health = new Map<string, ChildRecord['healthOutcomes']>();
    for (const l of loaded)
      for (const o of l.ret.OC2)
        if (o.CHILD)
          health.set(o.CHILD, [...(health.get(o.CHILD) ?? []).filter((x) => x.year !== l.year), healthOutcomeOf(o, l.year as number)]);
    for (const r of records) r.healthOutcomes = health.get(r.reference) ?? [];
    // The merge keeps one OC3 row per child (the latest year's): every year's outcome is kept in the record.
    const outcomes = new Map<string, ChildRecord['careLeaverOutcomes']>();
    for (const l of loaded)
      for (const o of l.ret.OC3)
        if (o.CHILD && o.IN_TOUCH)
          outcomes.set(o.CHILD, [
            ...(outcomes.get(o.CHILD) ?? []).filter((x) => x.year !== l.year),
            { year: l.year as number, inTouch: o.IN_TOUCH, activity: o.ACTIV, accommodation: o.ACCOM },
          ]);
    for (const r of records) r.careLeaverOutcomes = outcomes.get(r.reference) ?? r.careLeaverOutcomes;
    const today = londonToday();
    const importKeyOf = (reference: string, start: string) => `ssda903:${localAuthority}:${reference}:${start}`;
    const placements: LoadPlan['placements'] = [];
    for (const r of records) {
      const open = openPlacement(r.episodes);
      if (!open) continue;
      placements.push({
        reference: r.reference,
        importKey: importKeyOf(r.reference, open.start),
        childReference: r.reference,
        childAge: Math.min(25, Math.max(0, ageOn(r.dob, today))),
        placementStart: open.start,
        place: open.episode.place,
        placeProvider: open.episode.placeProvider,
        urn: open.episode.urn,
        placePostcode: open.episode.plPost,
        legalStatus: open.episode.ls,
        weeklyCostPence: weeklyCostOf(costs?.ok ? costs.value : null, r.reference, open.episode.place),
      });
    }
    const result = await this.repo.load(localAuthority, actor, {
      hash: loadHash(years, costsFile),
      years: years.length,
      records,
      placements,
    });
    return { ok: true, result };
  }

  /** The pre-flight check of a collection year's return as Placewise would produce it now. */
  async preflight(localAuthority: string, startYear: number): Promise<{ children: number; failures: PreflightItem[] }> {
    const { ret, ids, previous } = await this.build(localAuthority, startYear);
    const failures = preflight(ret, { collectionYear: startYear, previous });
    return { children: ret.Header.length, failures: failures.map((f) => this.item(f, ids)) };
  }

  /** A collection year's return as a zip of every table, with what the pre-flight check found. */
  async produce(localAuthority: string, startYear: number, progress: (pct: number) => Promise<void> = async () => undefined) {
    const { ret, ids, previous } = await this.build(localAuthority, startYear, progress);
    const failures = preflight(ret, { collectionYear: startYear, previous });
    await progress(80);
    const zip = zipReturn(ret);
    await progress(95);
    const childIds = ret.Header.map((h) => ids.get(h.CHILD ?? '')).filter((id): id is string => id !== undefined);
    return { zip, children: ret.Header.length, childIds, failures: failures.map((f) => this.item(f, ids)) };
  }

  private async build(localAuthority: string, startYear: number, progress: (pct: number) => Promise<void> = async () => undefined) {
    const all = await this.repo.records(localAuthority);
    await progress(30);
    const ids = new Map(all.map((r) => [r.record.reference, r.id]));
    const records = all.map((r) => r.record);
    const ret = recordToReturn(records, startYear);
    const previous = recordToReturn(records, startYear - 1);
    await progress(60);
    return { ret, ids, previous };
  }

  private item(f: PreflightFailure, ids: Map<string, string>): PreflightItem {
    const id = ids.get(f.child);
    return {
      child: f.child,
      rule: f.rule,
      table: f.table,
      field: f.field,
      message: f.message,
      fix: f.fix,
      path: id ? `/children/${id}/record#${SECTION[f.table]}` : null,
    };
  }
}
