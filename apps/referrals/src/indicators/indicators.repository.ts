import { Injectable } from '@nestjs/common';
import { asDate, dayOf } from '@placewise/contracts/dates';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Prisma } from '../../generated/client/index.js';
import type { ChildRow, EpisodeRow, Input, Location } from './indicators.js';

/**
 * The only code that touches the indicators' tables, and the record's in bulk for them: a handful
 * of statements for a council whatever its size (no query per child).
 */
@Injectable()
export class IndicatorsRepository {
  constructor(readonly prisma: PrismaService) {}

  /** The council's rows the indicators are computed from. */
  async input(localAuthority: string, tx: Tx = this.prisma): Promise<Input> {
    // Plain statements with days as text: thousands of rows, no Date objects to make and undo.
    // At most three connections at once: a dashboard's calls must not take the whole HTTP pool.
    const [children, episodes, located] = await Promise.all([
      tx.$queryRaw<ChildRow[]>`
        SELECT c.id AS "childId", c.reference, to_char(c.date_of_birth, 'YYYY-MM-DD') AS dob, c.uasc,
               to_char(c.uasc_ceased, 'YYYY-MM-DD') AS "uascCeased"
        FROM child c WHERE c.local_authority = ${localAuthority}
          AND EXISTS (SELECT 1 FROM looked_after_episode e WHERE e.child_id = c.id)`,
      tx.$queryRaw<EpisodeRow[]>`
        SELECT child_id AS "childId", to_char(decom, 'YYYY-MM-DD') AS decom, to_char(dec, 'YYYY-MM-DD') AS dec,
               rne, rec, ls, place, home_post AS "homePost", pl_post AS "plPost"
        FROM looked_after_episode WHERE local_authority = ${localAuthority}`,
      // The postcodes the council's episodes name (the 903 writes them as the directory does: upper case, one space).
      tx.$queryRaw<{ pcds: string; lat: number; long: number; la: string | null }[]>`
        SELECT p.pcds, p.lat, p.long, p.la FROM postcode p
        WHERE p.pcds IN (SELECT upper(home_post) FROM looked_after_episode WHERE local_authority = ${localAuthority}
                         UNION SELECT upper(pl_post) FROM looked_after_episode WHERE local_authority = ${localAuthority})`,
    ]);
    const [population, comparators, entryTargets, exitTargets, area] = await Promise.all([
      tx.indicatorPopulation.findMany({ where: { localAuthority }, orderBy: { year: 'asc' } }),
      tx.indicatorComparator.findMany({ where: { localAuthority }, orderBy: [{ year: 'asc' }, { name: 'asc' }] }),
      tx.entryTarget.findMany({ where: { localAuthority }, orderBy: { month: 'asc' } }),
      tx.exitTarget.findMany({ where: { localAuthority }, orderBy: { month: 'asc' } }),
      tx.councilArea.findUnique({ where: { localAuthority } }),
    ]);
    return {
      children,
      episodes,
      settings: {
        population: population.map((p) => ({ year: p.year, children: p.children })),
        comparators: comparators.map((c) => ({ year: c.year, name: c.name, ratePer10k: c.ratePer10k })),
        entryTargets: entryTargets.map((t) => ({ month: dayOf(t.month).slice(0, 7), entries: t.entries })),
        exitTargets: exitTargets.map((t) => ({ month: dayOf(t.month).slice(0, 7), exits: t.exits })),
        areaCodes: area?.laCodes ?? [],
      },
      postcodes: new Map<string, Location>(located.map((p) => [p.pcds, { lat: p.lat, long: p.long, la: p.la }])),
    };
  }

  settings(localAuthority: string) {
    return Promise.all([
      this.prisma.indicatorPopulation.findMany({ where: { localAuthority }, orderBy: { year: 'asc' } }),
      this.prisma.indicatorComparator.findMany({ where: { localAuthority }, orderBy: [{ year: 'asc' }, { name: 'asc' }] }),
      this.prisma.entryTarget.findMany({ where: { localAuthority }, orderBy: { month: 'asc' } }),
      this.prisma.exitTarget.findMany({ where: { localAuthority }, orderBy: { month: 'asc' } }),
      this.prisma.councilArea.findUnique({ where: { localAuthority } }),
      this.prisma.indicatorSettingChange.findMany({ where: { localAuthority }, orderBy: { id: 'desc' }, take: 200 }),
    ]);
  }

  population(localAuthority: string, year: number, tx: Tx) {
    return tx.indicatorPopulation.findUnique({ where: { localAuthority_year: { localAuthority, year } } });
  }

  setPopulation(localAuthority: string, year: number, children: number, setBy: string, tx: Tx) {
    return tx.indicatorPopulation.upsert({
      where: { localAuthority_year: { localAuthority, year } },
      create: { localAuthority, year, children, setBy },
      update: { children, setBy, setAt: new Date() },
    });
  }

  comparators(localAuthority: string, year: number, tx: Tx) {
    return tx.indicatorComparator.findMany({ where: { localAuthority, year }, orderBy: { name: 'asc' } });
  }

  /** The year's comparators, replaced as a whole. */
  async setComparators(localAuthority: string, year: number, rows: { name: string; ratePer10k: number }[], setBy: string, tx: Tx) {
    await tx.indicatorComparator.deleteMany({ where: { localAuthority, year } });
    await tx.indicatorComparator.createMany({ data: rows.map((r) => ({ localAuthority, year, ...r, setBy })) });
  }

  entryTarget(localAuthority: string, month: string, tx: Tx) {
    return tx.entryTarget.findUnique({ where: { localAuthority_month: { localAuthority, month: asDate(`${month}-01`) } } });
  }

  setEntryTarget(localAuthority: string, month: string, entries: number, setBy: string, tx: Tx) {
    const m = asDate(`${month}-01`);
    return tx.entryTarget.upsert({
      where: { localAuthority_month: { localAuthority, month: m } },
      create: { localAuthority, month: m, entries, setBy },
      update: { entries, setBy },
    });
  }

  area(localAuthority: string, tx: Tx) {
    return tx.councilArea.findUnique({ where: { localAuthority } });
  }

  setArea(localAuthority: string, laCodes: string[], setBy: string, tx: Tx) {
    return tx.councilArea.upsert({
      where: { localAuthority },
      create: { localAuthority, laCodes, setBy },
      update: { laCodes, setBy, setAt: new Date() },
    });
  }

  audit(row: Omit<Prisma.IndicatorSettingChangeUncheckedCreateInput, 'id' | 'at'>, tx: Tx) {
    return tx.indicatorSettingChange.create({ data: row });
  }

  /** Postcodes, inserted or replaced by their pcds: a load can be run again. */
  async upsertPostcodes(rows: { pcds: string; lat: number; long: number; la: string | null }[]): Promise<number> {
    if (rows.length === 0) return 0;
    const values = rows.map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`).join(', ');
    return this.prisma.$executeRawUnsafe(
      `INSERT INTO postcode (pcds, lat, long, la) VALUES ${values}
       ON CONFLICT (pcds) DO UPDATE SET lat = EXCLUDED.lat, long = EXCLUDED.long, la = EXCLUDED.la
       WHERE (postcode.lat, postcode.long, postcode.la) IS DISTINCT FROM (EXCLUDED.lat, EXCLUDED.long, EXCLUDED.la)`,
      ...rows.flatMap((r) => [r.pcds, r.lat, r.long, r.la]),
    );
  }

  postcodeCount() {
    return this.prisma.postcode.count();
  }
}
