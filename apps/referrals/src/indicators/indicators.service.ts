import { ForbiddenException, Injectable } from '@nestjs/common';
import { addMonths, dayOf, londonToday } from '@placewise/contracts/dates';
import { ValidationFailed, type Principal } from '@placewise/platform';
import { PrismaService } from '../prisma.service.js';
import { indicators, CareRecord, type Flows, type Indicators, type Measure, type Snapshot } from './indicators.js';
import { IndicatorsRepository } from './indicators.repository.js';
import type { MEASURES } from './indicators.dto.js';
import type { Table } from '@placewise/platform';

/** Roles that may see which children are behind a figure (by the council's reference). */
export const SEE_CHILDREN = ['approver:HOS', 'approver:AD', 'approver:DCS', 'performance', 'auditor'] as const;
export const mayListChildren = (user: Principal) => user.roles.some((r) => (SEE_CHILDREN as readonly string[]).includes(r));

type MeasureName = (typeof MEASURES)[number];

/** The default period: the last 12 months, from the first of the month 11 months ago to today. */
export function period(from?: string, to?: string): { from: string; to: string } {
  const end = to ?? londonToday();
  return { from: from ?? `${addMonths(end, -11).slice(0, 7)}-01`, to: end };
}

const snapshotView = (s: Snapshot) => ({
  at: s.at,
  inCare: s.inCare.count,
  inCareUasc: s.inCareUasc.count,
  population: s.inCare.population,
  ratePer10k: s.inCare.ratePer10k,
  threeOrMorePlacements: {
    cohort: s.threeOrMorePlacements.cohort.count,
    count: s.threeOrMorePlacements.count.count,
    percent: s.threeOrMorePlacements.percent,
  },
  longTermStability: {
    cohort: s.longTermStability.cohort.count,
    count: s.longTermStability.count.count,
    percent: s.longTermStability.percent,
  },
  distance: {
    cohort: s.distance.cohort.count,
    outOfArea: s.distance.outOfArea.count,
    over20Miles: s.distance.over20Miles.count,
    unknown: s.distance.unknown.count,
  },
});

const flowsView = (f: Flows, entryTarget: number | null, exitTarget: number | null) => ({
  entries: f.entries.count,
  entriesUasc: f.entriesUasc.count,
  exits: f.exits.count,
  exitsUasc: f.exitsUasc.count,
  byRoute: {
    REUNIFICATION: f.byRoute.REUNIFICATION.count,
    SPECIAL_GUARDIANSHIP: f.byRoute.SPECIAL_GUARDIANSHIP.count,
    ADOPTION: f.byRoute.ADOPTION.count,
    AGED_18_AND_OVER: f.byRoute.AGED_18_AND_OVER.count,
    OTHER: f.byRoute.OTHER.count,
  },
  entryTarget,
  exitTarget,
});

export type IndicatorsResult = ReturnType<typeof viewOf>;

export function viewOf(r: Indicators, drillDown: boolean) {
  return {
    from: r.from,
    to: r.to,
    ...flowsView(r, r.entryTarget, r.exitTarget),
    end: snapshotView(r.end),
    comparators: r.comparators,
    months: r.months.map((m) => ({
      month: m.month,
      ...flowsView(m, m.entryTarget, m.exitTarget),
      end: snapshotView(m.end),
      projected: m.projected,
    })),
    projection: r.projection,
    drillDown,
  };
}

/** The figure a drill-down lists, from a period's (or a month's) flows and end snapshot. */
export function pick(f: Flows, s: Snapshot, m: MeasureName): Measure {
  switch (m) {
    case 'in-care':
      return s.inCare;
    case 'in-care-uasc':
      return s.inCareUasc;
    case 'entries':
      return f.entries;
    case 'entries-uasc':
      return f.entriesUasc;
    case 'exits':
      return f.exits;
    case 'exits-uasc':
      return f.exitsUasc;
    case 'exits-reunification':
      return f.byRoute.REUNIFICATION;
    case 'exits-special-guardianship':
      return f.byRoute.SPECIAL_GUARDIANSHIP;
    case 'exits-adoption':
      return f.byRoute.ADOPTION;
    case 'exits-aged-18-and-over':
      return f.byRoute.AGED_18_AND_OVER;
    case 'exits-other':
      return f.byRoute.OTHER;
    case 'three-or-more-placements':
      return s.threeOrMorePlacements.count;
    case 'three-or-more-placements-cohort':
      return s.threeOrMorePlacements.cohort;
    case 'long-term-stability':
      return s.longTermStability.count;
    case 'long-term-stability-cohort':
      return s.longTermStability.cohort;
    case 'out-of-area':
      return s.distance.outOfArea;
    case 'over-20-miles':
      return s.distance.over20Miles;
    case 'distance-unknown':
      return s.distance.unknown;
  }
}

/** The period's figures and each month's, as one CSV table (the period first). */
export function indicatorsTable(r: IndicatorsResult): Table {
  const row = (
    label: string,
    f: ReturnType<typeof flowsView>,
    s: ReturnType<typeof snapshotView>,
    projected: { others: number; uasc: number } | null,
  ) => [
    label,
    s.at,
    s.inCare,
    s.inCareUasc,
    s.ratePer10k,
    f.entries,
    f.entryTarget,
    f.exits,
    f.exitTarget,
    f.byRoute.REUNIFICATION,
    f.byRoute.SPECIAL_GUARDIANSHIP,
    f.byRoute.ADOPTION,
    f.byRoute.AGED_18_AND_OVER,
    f.byRoute.OTHER,
    projected?.others ?? null,
    projected?.uasc ?? null,
    s.threeOrMorePlacements.count,
    s.threeOrMorePlacements.percent,
    s.longTermStability.count,
    s.longTermStability.cohort,
    s.longTermStability.percent,
    s.distance.outOfArea,
    s.distance.over20Miles,
    s.distance.unknown,
  ];
  return {
    columns: [
      'period',
      'in care on',
      'children in care',
      'of whom asylum-seeking',
      'rate per 10,000',
      'entries',
      'entries target',
      'exits',
      'exits target',
      'exits: reunification',
      'exits: special guardianship',
      'exits: adoption',
      'exits: 18 and over',
      'exits: other',
      'projected (not asylum-seeking)',
      'projected (asylum-seeking)',
      'three or more placements in 12 months',
      'three or more placements %',
      'long-term stable',
      'long-term cohort',
      'long-term stable %',
      'placed out of area',
      'placed more than 20 miles from home',
      'distance not known',
    ],
    rows: [row(`${r.from} to ${r.to}`, r, r.end, null), ...r.months.map((m) => row(m.month, m, m.end, m.projected))],
  };
}

@Injectable()
export class IndicatorsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: IndicatorsRepository,
  ) {}

  /** The indicators' settings as they stand, and the last 200 changes to them. */
  async settings(user: Principal) {
    const [population, comparators, entryTargets, exitTargets, area, changes] = await this.repo.settings(user.localAuthority);
    return {
      population: population.map((p) => ({ year: p.year, children: p.children, setBy: p.setBy })),
      comparators: comparators.map((c) => ({ year: c.year, name: c.name, ratePer10k: c.ratePer10k, setBy: c.setBy })),
      entryTargets: entryTargets.map((t) => ({ month: dayOf(t.month).slice(0, 7), entries: t.entries, setBy: t.setBy })),
      exitTargets: exitTargets.map((t) => ({ month: dayOf(t.month).slice(0, 7), exits: t.exits, setBy: t.setBy })),
      area: area ? { laCodes: area.laCodes, setBy: area.setBy } : null,
      changes: changes.map((c) => ({
        setting: c.setting,
        key: c.key,
        before: c.before,
        after: c.after,
        reason: c.reason,
        by: c.actor,
        at: c.at.toISOString(),
      })),
    };
  }

  private change(user: Principal, setting: string, key: string, before: unknown, after: unknown, reason: string | undefined) {
    return {
      localAuthority: user.localAuthority,
      setting,
      key,
      before: before === null || before === undefined ? undefined : (JSON.parse(JSON.stringify(before)) as object),
      after: JSON.parse(JSON.stringify(after)) as object,
      reason: reason ?? null,
      actor: user.sub,
    };
  }

  async setPopulation(user: Principal, year: number, body: { children: number; reason?: string }) {
    return this.prisma.$transaction(async (tx) => {
      const before = await this.repo.population(user.localAuthority, year, tx);
      await this.repo.setPopulation(user.localAuthority, year, body.children, user.sub, tx);
      await this.repo.audit(
        this.change(user, 'population', String(year), before && { children: before.children }, { children: body.children }, body.reason),
        tx,
      );
      return { year, children: body.children };
    });
  }

  async setComparators(user: Principal, year: number, body: { comparators: { name: string; ratePer10k: number }[]; reason?: string }) {
    return this.prisma.$transaction(async (tx) => {
      const before = await this.repo.comparators(user.localAuthority, year, tx);
      await this.repo.setComparators(user.localAuthority, year, body.comparators, user.sub, tx);
      await this.repo.audit(
        this.change(
          user,
          'comparators',
          String(year),
          before.length ? before.map((c) => ({ name: c.name, ratePer10k: c.ratePer10k })) : null,
          body.comparators,
          body.reason,
        ),
        tx,
      );
      return { year, comparators: body.comparators };
    });
  }

  async setEntryTarget(user: Principal, month: string, body: { entries: number; reason?: string }) {
    return this.prisma.$transaction(async (tx) => {
      const before = await this.repo.entryTarget(user.localAuthority, month, tx);
      await this.repo.setEntryTarget(user.localAuthority, month, body.entries, user.sub, tx);
      await this.repo.audit(
        this.change(user, 'entry-target', month, before && { entries: before.entries }, { entries: body.entries }, body.reason),
        tx,
      );
      return { month, entries: body.entries };
    });
  }

  async setArea(user: Principal, body: { laCodes: string[]; reason?: string }) {
    const laCodes = [...new Set(body.laCodes)].sort();
    return this.prisma.$transaction(async (tx) => {
      const before = await this.repo.area(user.localAuthority, tx);
      await this.repo.setArea(user.localAuthority, laCodes, user.sub, tx);
      await this.repo.audit(this.change(user, 'area', 'area', before && { laCodes: before.laCodes }, { laCodes }, body.reason), tx);
      return { laCodes };
    });
  }

  async compute(localAuthority: string, from: string, to: string): Promise<Indicators> {
    return indicators(await this.repo.input(localAuthority), from, to);
  }

  async figures(user: Principal, q: { from?: string; to?: string }) {
    const p = period(q.from, q.to);
    return viewOf(await this.compute(user.localAuthority, p.from, p.to), mayListChildren(user));
  }

  async children(user: Principal, q: { measure: MeasureName; from?: string; to?: string; month?: string }) {
    if (!mayListChildren(user)) throw new ForbiddenException('your role sees the figures, not the children behind them');
    const p = period(q.from, q.to);
    if (q.month && (q.month < p.from.slice(0, 7) || q.month > p.to.slice(0, 7)))
      throw new ValidationFailed([{ field: 'month', reason: `must be a month of the period ${p.from} to ${p.to}` }]);
    const input = await this.repo.input(user.localAuthority);
    const r = indicators(input, p.from, p.to);
    const month = q.month ? r.months.find((m) => m.month === q.month) : undefined;
    const found = month ? pick(month, month.end, q.measure) : pick(r, r.end, q.measure);
    const record = new CareRecord(input);
    return {
      measure: q.measure,
      from: p.from,
      to: p.to,
      month: q.month ?? null,
      count: found.count,
      children: found.children
        .map((id) => ({ reference: record.reference(id) ?? 'no reference' }))
        .sort((a, b) => a.reference.localeCompare(b.reference)),
    };
  }
}
