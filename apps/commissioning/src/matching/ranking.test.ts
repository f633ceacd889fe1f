import { describe, expect, it } from 'vitest';
import { classifyLocation, distanceKm } from './location.js';
import { DEFAULT_WEIGHTS, rank, type Candidate, type RankProfile } from './ranking.js';

// Stafford town centre, and places at known distances from it.
const HOME = { lat: 52.8066, lng: -2.1163 };
const base: Candidate = {
  id: 'x',
  needsMet: [],
  lat: HOME.lat,
  lng: HOME.lng,
  educationOnSite: false,
  siblingPlaces: 0,
  totalWeeklyPence: 600_000,
  eligible: true,
};
const c = (id: string, over: Partial<Candidate>): Candidate => ({ ...base, id, ...over });
const profile: RankProfile = { needs: ['EBD', 'CSE_RISK'], home: HOME, school: HOME, siblings: 1 };

describe('distance and location', () => {
  it('measures great-circle distance', () => {
    expect(distanceKm(51.5074, -0.1278, 48.8566, 2.3522)).toBeCloseTo(343.5, 0); // London to Paris
    expect(distanceKm(1, 1, 1, 1)).toBe(0);
  });
  it("classifies in area, adjoining and at a distance from the council's neighbours", () => {
    const council = { area: 'Northshire', neighbours: ['Eastmoor', 'Westdale'] };
    expect(classifyLocation(council, 'northshire')).toBe('IN_AREA');
    expect(classifyLocation(council, 'Eastmoor')).toBe('OUT_OF_AREA_ADJOINING');
    expect(classifyLocation(council, 'Kent')).toBe('OUT_OF_AREA_AT_DISTANCE');
    expect(classifyLocation(null, 'Kent')).toBeNull();
    expect(classifyLocation(council, null)).toBeNull();
  });
});

describe('ranking', () => {
  it('shows each part of the score and its points, adding up to the score', () => {
    const [r] = rank([c('a', { needsMet: ['EBD'], siblingPlaces: 2 })], profile);
    expect(r!.parts.map((p) => [p.factor, p.value])).toEqual([
      ['needs', 0.5],
      ['distance', 1],
      ['education', 1],
      ['siblings', 1],
      ['price', 1],
    ]);
    expect(r!.score).toBe(80); // 100 - half of the needs' 40
    expect(r!.parts.reduce((s, p) => s + p.points, 0)).toBeCloseTo(r!.score, 5);
    expect(r!.parts[0]!.note).toBe('1 of 2 needs met');
  });

  it('orders by the weights: needs first by default, price first when the council weights price', () => {
    const cheapFar = c('cheap', { totalWeeklyPence: 400_000, lat: 53.4808, lng: -2.2426, needsMet: [] }); // Manchester, ~76 km
    const dearNear = c('near', { totalWeeklyPence: 600_000, needsMet: ['EBD', 'CSE_RISK'], siblingPlaces: 2 });
    expect(rank([cheapFar, dearNear], profile).map((r) => r.candidate.id)).toEqual(['near', 'cheap']);
    const priceOnly = { needs: 0, distance: 0, education: 0, siblings: 0, price: 1 };
    const byPrice = rank([cheapFar, dearNear], profile, priceOnly);
    expect(byPrice.map((r) => r.candidate.id)).toEqual(['cheap', 'near']);
    expect(byPrice.map((r) => r.score)).toEqual([100, 66.7]);
  });

  it('scores distance linearly from 10 km to nothing at 100 km, and unknown distance as nothing', () => {
    const far = c('far', { lat: HOME.lat + 0.5 }); // ~55.6 km north
    const [r] = rank([far], { ...profile, school: null }, { ...DEFAULT_WEIGHTS });
    const d = r!.parts.find((p) => p.factor === 'distance')!;
    expect(r!.distanceKm).toBeCloseTo(55.6, 0);
    expect(d.value).toBeCloseTo((100 - 55.6) / 90, 2);
    const [u] = rank([c('u', { lat: null, lng: null })], profile);
    expect(u!.parts.find((p) => p.factor === 'distance')!.value).toBe(0);
    expect(u!.distanceKm).toBeNull();
  });

  it('keeps the school within 16 km, half marks for education on site, none otherwise', () => {
    const away = { lat: HOME.lat + 0.5, lng: HOME.lng };
    const edu = (over: Partial<Candidate>) => rank([c('e', over)], profile)[0]!.parts.find((p) => p.factor === 'education')!.value;
    expect(edu({})).toBe(1);
    expect(edu({ ...away, educationOnSite: true })).toBe(0.5);
    expect(edu(away)).toBe(0);
  });

  it('puts a candidate failing a blocking gate last whatever its score', () => {
    const blocked = c('blocked', { eligible: false, needsMet: ['EBD', 'CSE_RISK'], siblingPlaces: 3, totalWeeklyPence: 100 });
    const ok = c('ok', { totalWeeklyPence: 900_000 });
    const r = rank([blocked, ok], profile);
    expect(r.map((x) => [x.candidate.id, x.rank])).toEqual([
      ['ok', 1],
      ['blocked', 2],
    ]);
    // The price part compares with the cheapest eligible candidate.
    expect(r[0]!.parts.find((p) => p.factor === 'price')!.value).toBe(1);
    // The note a commissioner reads is in pounds.
    expect(r[0]!.parts.find((p) => p.factor === 'price')!.note).toBe('£9,000.00 a week');
  });

  it('breaks ties by price then id, so the order is stable', () => {
    const r = rank(
      [c('b', {}), c('a', {}), c('c', { totalWeeklyPence: 599_999 })],
      { needs: [], home: null, school: null, siblings: 0 },
      { ...DEFAULT_WEIGHTS, price: 0 },
    );
    expect(r.map((x) => x.candidate.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('ranking a long list', () => {
  it('returns only the first `limit`, the same as the head of the full ranking', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      c(`s${String(i).padStart(3, '0')}`, {
        totalWeeklyPence: 400_000 + ((i * 7919) % 300) * 1000,
        needsMet: i % 3 ? ['EBD'] : [],
        lat: HOME.lat + (i % 50) / 100,
        eligible: i % 11 !== 0,
      }),
    );
    const all = rank(many, profile);
    const top = rank(many, profile, DEFAULT_WEIGHTS, 10);
    expect(top).toEqual(all.slice(0, 10));
    expect(all).toHaveLength(300);
    expect(
      all.every((r, i) => i === 0 || Number(all[i - 1]!.candidate.eligible) > Number(r.candidate.eligible) || all[i - 1]!.score >= r.score),
    ).toBe(true);
    expect(all.filter((r) => !r.candidate.eligible).every((r) => r.rank > 272)).toBe(true);
  });
});
