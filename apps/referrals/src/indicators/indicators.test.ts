import { describe, expect, it } from 'vitest';
import { exitRoute, indicators, milesBetween, normalisePostcode, type EpisodeRow, type Input } from './indicators.js';

const ep = (
  childId: string,
  decom: string,
  rne: string,
  ls: string,
  place: string,
  dec: string | null,
  rec: string | null,
  plPost: string | null,
  homePost: string | null = 'NS1 1AA',
): EpisodeRow => ({
  childId,
  decom,
  rne,
  ls,
  place,
  dec,
  rec,
  plPost,
  homePost,
});

/**
 * A hand-made cohort. Period 1 April to 30 June 2025; population 10,000; the council's area is E1.
 * NS1 1AA and NS2 1AA are in E1, 0.1 degree of latitude apart (6.9 miles); SV1 1AA is in E2,
 * half a degree north of NS1 1AA (34.5 miles).
 */
function cohort(): Input {
  return {
    children: [
      { childId: 'a', reference: 'A1', dob: '2015-05-10', uasc: false, uascCeased: null },
      { childId: 'b', reference: 'B2', dob: '2012-03-01', uasc: true, uascCeased: null },
      { childId: 'c', reference: 'C3', dob: '2007-06-15', uasc: false, uascCeased: null },
      { childId: 'd', reference: 'D4', dob: '2018-01-01', uasc: false, uascCeased: null },
      { childId: 'e', reference: 'E5', dob: '2010-01-01', uasc: false, uascCeased: null },
      { childId: 'f', reference: 'F6', dob: '2011-01-01', uasc: false, uascCeased: null },
      { childId: 'g', reference: 'G7', dob: '2009-01-01', uasc: false, uascCeased: null },
    ],
    episodes: [
      // A: in care since January 2022, three placements with different carers in the last year.
      ep('a', '2022-01-10', 'S', 'C2', 'U4', '2024-08-01', 'X1', 'NS2 1AA'),
      ep('a', '2024-08-01', 'P', 'C2', 'K2', '2024-12-01', 'X1', 'SV1 1AA'),
      ep('a', '2024-12-01', 'P', 'C2', 'U6', null, null, 'NS2 1AA'),
      // B: asylum-seeking, in 15 April, out 20 May (E8, aged 13: other).
      ep('b', '2025-04-15', 'S', 'V2', 'U6', '2025-05-20', 'E8', 'SV1 1AA', null),
      // C: one carer since 2020 (T: same carers), leaves on 18th birthday (E17).
      ep('c', '2020-01-01', 'S', 'C2', 'U4', '2021-03-01', 'X1', 'NS1 1AA'),
      ep('c', '2021-03-01', 'T', 'C2', 'U4', '2025-06-15', 'E17', 'NS1 1AA'),
      // D: legal status change (L) in the same placement, then placed for adoption with new carers in May 2023.
      ep('d', '2022-06-01', 'S', 'C1', 'U6', '2022-09-01', 'X1', 'NS2 1AA'),
      ep('d', '2022-09-01', 'L', 'C2', 'U6', '2023-05-01', 'X1', 'NS2 1AA'),
      ep('d', '2023-05-01', 'P', 'C2', 'A6', null, null, 'SV1 1AA'),
      // E: in 10 June at a postcode the directory does not know.
      ep('e', '2025-06-10', 'S', 'C1', 'U6', null, null, 'ZZ9 9ZZ'),
      // F: short breaks only: never counted.
      ep('f', '2025-05-01', 'S', 'V3', 'U6', null, null, 'NS1 1AA'),
      // G: in 1 October 2024, home 30 January 2025 (E4A): only in the projection's reference year.
      ep('g', '2024-10-01', 'S', 'V2', 'U6', '2025-01-30', 'E4A', 'NS1 1AA'),
    ],
    settings: {
      population: [
        { year: 2024, children: 9_000 },
        { year: 2025, children: 10_000 },
      ],
      comparators: [
        { year: 2024, name: 'England', ratePer10k: 70 },
        { year: 2025, name: 'England', ratePer10k: 71 },
        { year: 2026, name: 'England', ratePer10k: 72 },
      ],
      entryTargets: [{ month: '2025-04', entries: 1 }],
      exitTargets: [
        { month: '2025-05', exits: 2 },
        { month: '2025-06', exits: 1 },
      ],
      areaCodes: ['E1'],
    },
    postcodes: new Map([
      ['NS1 1AA', { lat: 52.0, long: -1.0, la: 'E1' }],
      ['NS2 1AA', { lat: 52.1, long: -1.0, la: 'E1' }],
      ['SV1 1AA', { lat: 52.5, long: -1.0, la: 'E2' }],
    ]),
  };
}

describe('indicators over a hand-made cohort', () => {
  const r = indicators(cohort(), '2025-04-01', '2025-06-30');

  it('counts children in care at the end, the rate per 10,000 and the comparators of the year', () => {
    expect(r.end.inCare.children).toEqual(['a', 'd', 'e']);
    expect(r.end.inCare.ratePer10k).toBe(3.0);
    expect(r.end.inCare.population).toBe(10_000);
    expect(r.end.inCareUasc.count).toBe(0);
    expect(r.comparators).toEqual([{ name: 'England', ratePer10k: 71, year: 2025 }]);
  });

  it('counts entries (RNE S) and exits (a REC ending care) by route against the targets', () => {
    expect(r.entries.children).toEqual(['b', 'e']);
    expect(r.entriesUasc.children).toEqual(['b']);
    expect(r.exits.children).toEqual(['b', 'c']);
    expect(r.exitsUasc.children).toEqual(['b']);
    expect(r.byRoute.OTHER.children).toEqual(['b']);
    expect(r.byRoute.AGED_18_AND_OVER.children).toEqual(['c']);
    expect(r.byRoute.REUNIFICATION.count).toBe(0);
    expect(r.entryTarget).toBe(1);
    expect(r.exitTarget).toBe(3);
  });

  it('counts three or more placements in the 12 months, and long-term stability', () => {
    expect(r.end.threeOrMorePlacements.cohort.count).toBe(3);
    expect(r.end.threeOrMorePlacements.count.children).toEqual(['a']);
    expect(r.end.threeOrMorePlacements.percent).toBe(33.3);
    // Under 16 and in care 2.5 years: A and D; D placed for adoption more than 2 years ago.
    expect(r.end.longTermStability.cohort.children).toEqual(['a', 'd']);
    expect(r.end.longTermStability.count.children).toEqual(['d']);
    expect(r.end.longTermStability.percent).toBe(50);
  });

  it('places children out of area and more than 20 miles from home from the postcodes', () => {
    expect(r.end.distance.outOfArea.children).toEqual(['d']);
    expect(r.end.distance.over20Miles.children).toEqual(['d']);
    expect(r.end.distance.unknown.children).toEqual(['e']);
  });

  it('gives each month its own figures', () => {
    expect(r.months.map((m) => m.month)).toEqual(['2025-04', '2025-05', '2025-06']);
    expect(r.months.map((m) => m.end.inCare.count)).toEqual([4, 3, 3]);
    expect(r.months.map((m) => m.end.inCareUasc.count)).toEqual([1, 0, 0]);
    expect(r.months.map((m) => m.entries.count)).toEqual([1, 0, 1]);
    expect(r.months.map((m) => m.exits.count)).toEqual([0, 1, 1]);
    expect(r.months.map((m) => m.entryTarget)).toEqual([1, null, null]);
    expect(r.months.map((m) => m.exitTarget)).toEqual([null, 2, 1]);
    // At the end of April, C had been with the same carers since 2020: stable, but 17 (not under 16).
    expect(r.months[0]!.end.longTermStability.cohort.children).toEqual(['a', 'd']);
  });

  it('projects from the year before: rates by hand', () => {
    // Reference year 1 April 2024 - 31 March 2025: G came in and went home; A, C and D were in care throughout.
    expect(r.projection.referenceFrom).toBe('2024-04-01');
    expect(r.projection.others.startStock).toBe(3);
    expect(r.projection.others.entriesPerDay).toBeCloseTo(1 / 365, 12);
    // Child-days: 3 x 365 + G's 121 (1 October to 29 January).
    expect(r.projection.others.exitRatePerDay).toBeCloseTo(1 / 1216, 12);
    expect(r.projection.uasc).toEqual({ entriesPerDay: 0, exitRatePerDay: 0, startStock: 0 });
    // 3 -> 3.3315 (1216/365) as (1 - 1/1216)^n: 3.008 after 30 days, 3.024 after 91.
    expect(r.months[0]!.projected).toEqual({ others: 3.0, uasc: 0 });
    expect(r.months[2]!.projected).toEqual({ others: 3.0, uasc: 0 });
  });
});

describe('pieces', () => {
  it('routes REC codes', () => {
    expect(exitRoute('E4A', 10)).toBe('REUNIFICATION');
    expect(exitRoute('E4B', 17)).toBe('REUNIFICATION');
    expect(exitRoute('E46', 5)).toBe('SPECIAL_GUARDIANSHIP');
    expect(exitRoute('E12', 3)).toBe('ADOPTION');
    expect(exitRoute('E17', 18)).toBe('AGED_18_AND_OVER');
    expect(exitRoute('E5', 18)).toBe('AGED_18_AND_OVER');
    expect(exitRoute('E15', 17)).toBe('AGED_18_AND_OVER');
    expect(exitRoute('E5', 17)).toBe('OTHER');
    expect(exitRoute('E41', 9)).toBe('OTHER');
  });

  it('measures great-circle miles', () => {
    expect(milesBetween({ lat: 52, long: -1 }, { lat: 52.5, long: -1 })).toBeCloseTo(34.546, 2);
    // London (51.5072, -0.1276) to Manchester (53.4808, -2.2426): about 163 miles.
    expect(Math.round(milesBetween({ lat: 51.5072, long: -0.1276 }, { lat: 53.4808, long: -2.2426 }))).toBe(163);
  });

  it('normalises postcodes as the ONS pcds column', () => {
    expect(normalisePostcode('ns1  1aa')).toBe('NS1 1AA');
    expect(normalisePostcode('SW1A1AA')).toBe('SW1A 1AA');
  });
});
