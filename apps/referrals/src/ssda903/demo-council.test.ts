import type { Ssda903Return } from '@placewise/contracts/ssda903';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCouncil, type DemoCouncil } from './demo-council.js';
import { readReturnFiles, writeReturnFiles } from './files.js';
import { preflight } from './preflight.js';

const OPTS = { children: 500, years: 5, lastYearStart: 2025, seed: 903 };

function inCareAt(ret: Ssda903Return, day: string): Set<string> {
  return new Set(ret.Episodes.filter((e) => e.DECOM! <= day && (e.DEC === null || e.DEC > day)).map((e) => e.CHILD!));
}

function ageOn(dob: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(dob.slice(0, 4));
  return day.slice(5) < dob.slice(5) ? years - 1 : years;
}

describe('generateDemoCouncil', () => {
  let demo: DemoCouncil;
  beforeAll(() => {
    demo = generateDemoCouncil(OPTS);
  });

  it('gives one return per year, each passing the pre-flight check with no failures', () => {
    expect(demo.years).toHaveLength(5);
    demo.years.forEach((ret, i) => {
      const failures = preflight(ret, { collectionYear: 2021 + i, previous: i > 0 ? demo.years[i - 1] : undefined });
      expect(failures.slice(0, 5)).toEqual([]);
    });
  });

  it.each([1, 2, 3, 4])('passes the pre-flight check for seed %i too (a smaller council)', (seed) => {
    const other = generateDemoCouncil({ children: 150, years: 3, lastYearStart: 2024, seed });
    other.years.forEach((ret, i) => {
      expect(preflight(ret, { collectionYear: 2022 + i, previous: other.years[i - 1] }).slice(0, 5)).toEqual([]);
    });
  });

  it('round-trips every year through the CSV files unchanged', () => {
    for (const ret of demo.years) {
      const read = readReturnFiles(writeReturnFiles(ret));
      if (!read.ok) throw new Error(JSON.stringify(read.errors.slice(0, 5)));
      expect(read.value).toEqual(ret);
    }
  });

  it('is deterministic from the seed, and another seed gives another council', () => {
    const again = generateDemoCouncil(OPTS);
    expect(again).toEqual(demo);
    const other = generateDemoCouncil({ ...OPTS, seed: 904 });
    expect(other.years[4]!.Episodes).not.toEqual(demo.years[4]!.Episodes);
  });

  it('has about 500 looked after at each 31 March, roughly steady', () => {
    const counts = demo.years.map((ret, i) => inCareAt(ret, `${2022 + i}-03-31`).size);
    for (const n of counts) {
      expect(n).toBeGreaterThan(430);
      expect(n).toBeLessThan(570);
    }
  });

  it('has 20 to 35 entries and exits a month', () => {
    const last = demo.years[4]!;
    const starts = last.Episodes.filter((e) => e.RNE === 'S' && e.DECOM! >= '2025-04-01').length;
    const exits = last.Episodes.filter((e) => e.REC !== null && e.REC !== 'X1').length;
    expect(starts / 12).toBeGreaterThan(20);
    expect(starts / 12).toBeLessThan(35);
    expect(exits / 12).toBeGreaterThan(20);
    expect(exits / 12).toBeLessThan(35);
  });

  it('is shaped like a shire county: ages, legal status, placements, UASC, exits, moves', () => {
    const last = demo.years[4]!;
    const end = '2026-03-31';
    const open = last.Episodes.filter((e) => e.DEC === null);
    const n = open.length;
    const share = (f: (e: (typeof open)[number]) => boolean) => open.filter(f).length / n;
    const dob = new Map(last.Header.map((h) => [h.CHILD!, h.DOB!]));
    const age = (e: (typeof open)[number]) => ageOn(dob.get(e.CHILD!)!, end);
    expect(share((e) => age(e) < 1)).toBeGreaterThan(0.02);
    expect(share((e) => age(e) < 1)).toBeLessThan(0.1);
    expect(share((e) => age(e) >= 10 && age(e) <= 15)).toBeGreaterThan(0.28);
    expect(share((e) => age(e) >= 16)).toBeGreaterThan(0.15);
    expect(share((e) => age(e) >= 16)).toBeLessThan(0.35);
    expect(share((e) => ['C1', 'C2'].includes(e.LS!))).toBeGreaterThan(0.6);
    expect(share((e) => e.LS === 'V2')).toBeGreaterThan(0.08);
    expect(share((e) => e.LS === 'E1')).toBeGreaterThan(0.02);
    expect(share((e) => e.PLACE!.startsWith('U'))).toBeGreaterThan(0.6);
    expect(share((e) => e.PLACE!.startsWith('U'))).toBeLessThan(0.8);
    expect(share((e) => e.PLACE === 'K2')).toBeGreaterThan(0.06);
    expect(share((e) => e.PLACE === 'K3')).toBeGreaterThan(0.04);
    expect(share((e) => e.PLACE === 'P1')).toBeGreaterThan(0.03);
    const uasc = new Set(last.UASC.map((u) => u.CHILD));
    expect(share((e) => uasc.has(e.CHILD))).toBeGreaterThan(0.04);
    expect(share((e) => uasc.has(e.CHILD))).toBeLessThan(0.12);
    expect(last.Episodes.filter((e) => uasc.has(e.CHILD)).every((e) => e.HOME_POST === null)).toBe(true);

    const exits = demo.years.flatMap((r) => r.Episodes.filter((e) => e.REC !== null && e.REC !== 'X1').map((e) => e.REC!));
    const exitShare = (codes: string[]) => exits.filter((c) => codes.includes(c)).length / exits.length;
    expect(exitShare(['E4A', 'E4B'])).toBeGreaterThan(0.2);
    expect(exitShare(['E45', 'E46', 'E47', 'E48'])).toBeGreaterThan(0.06);
    expect(exitShare(['E11', 'E12'])).toBeGreaterThan(0.05);
    expect(exitShare(['E17', 'E5', 'E6'])).toBeGreaterThan(0.2);

    // Some fostered children are away on holiday (T2) and come back to the same carers (rule 383 passes).
    expect(last.Episodes.filter((e) => e.PLACE === 'T2').length).toBeGreaterThan(20);

    // Some children have three or more placements in the year.
    const placements = new Map<string, number>();
    for (const e of last.Episodes) if (e.RNE !== 'L') placements.set(e.CHILD!, (placements.get(e.CHILD!) ?? 0) + 1);
    expect([...placements.values()].filter((k) => k >= 3).length).toBeGreaterThan(10);
  });

  it('fills the outcome modules: OC2 for a year in care, OC3 for care leavers, AD1 and the adoption decision', () => {
    const last = demo.years[4]!;
    const withEpisodes = new Set(last.Episodes.map((e) => e.CHILD));
    const inCare = inCareAt(last, '2026-03-31');
    expect(last.OC2.length).toBeGreaterThan(200);
    for (const o of last.OC2) expect(inCare.has(o.CHILD!)).toBe(true);
    expect(last.OC3.length).toBeGreaterThan(30);
    const headers = new Set(last.Header.map((h) => h.CHILD));
    for (const o of last.OC3) {
      expect(headers.has(o.CHILD)).toBe(true);
      expect(withEpisodes.has(o.CHILD)).toBe(false);
    }
    const adopted = new Set(last.Episodes.filter((e) => e.REC === 'E11' || e.REC === 'E12').map((e) => e.CHILD));
    expect(new Set(last.AD1.map((a) => a.CHILD))).toEqual(adopted);
    expect(last.PlacedAdoption.filter((p) => p.REASON_PLACED_CEASED === 'RD1').length).toBe(adopted.size);
    expect(new Set(last.Header.map((h) => h.CHILD)).size).toBe(last.Header.length);
  });

  it('uses well-formed made-up postcodes and Ofsted-style URNs reused across children', () => {
    const last = demo.years[4]!;
    for (const e of last.Episodes) {
      expect(e.PL_POST).toMatch(/^(NS|SV)\d{1,2} \d[A-Z]{2}$/);
      if (e.URN !== null && e.PLACE !== 'S1') expect(e.URN).toMatch(/^SC\d{6}$/);
    }
    const homes = new Set(last.Episodes.filter((e) => e.PLACE === 'K2').map((e) => e.URN));
    expect(homes.size).toBeGreaterThan(10);
    expect(homes.size).toBeLessThan(40);
  });

  it('costs children at a real council’s prices: tens of millions a year', () => {
    const { byChild, bySetting } = demo.weeklyCosts;
    const last = demo.years[4]!;
    expect(Object.keys(byChild).sort()).toEqual([...inCareAt(last, '2026-03-31')].sort());
    const open = new Map(last.Episodes.filter((e) => e.DEC === null).map((e) => [e.CHILD!, e]));
    const weekly = (place: string) =>
      Object.entries(byChild)
        .filter(([c]) => open.get(c)?.PLACE === place)
        .map(([, p]) => p);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(weekly('K2'))).toBeGreaterThan(500000);
    expect(mean(weekly('K2'))).toBeLessThan(800000);
    expect(mean(weekly('K3'))).toBeGreaterThan(140000);
    expect(Object.values(bySetting).every((p) => Number.isInteger(p) && p > 0)).toBe(true);
    const yearly = Object.values(byChild).reduce((a, b) => a + b, 0) * 52;
    expect(yearly).toBeGreaterThan(15_000_000_00);
    expect(yearly).toBeLessThan(90_000_000_00);
  });
});
