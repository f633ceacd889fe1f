/**
 * Ranking of offers (or candidate settings) for a search: a weighted score out of 100 with each
 * part shown, after the hard gates. Pure and allocation-light: it is called for every view of a
 * search and must stay fast for thousands of candidates.
 */
import { pounds } from '@placewise/contracts';
import { distanceKm } from './location.js';

export const FACTORS = ['needs', 'distance', 'education', 'siblings', 'price'] as const;
export type Factor = (typeof FACTORS)[number];
export type Weights = Record<Factor, number>;

/** Needs and matching weigh most (commissioning practice), then distance, education, price, siblings. */
export const DEFAULT_WEIGHTS: Readonly<Weights> = { needs: 40, distance: 20, education: 15, siblings: 10, price: 15 };

/** Distance scores full marks up to NEAR_KM from home and nothing from FAR_KM. */
export const NEAR_KM = 10;
export const FAR_KM = 100;
/** A setting within this distance of the child's school keeps the school (about 10 miles). */
export const SCHOOL_KM = 16;

export interface Point {
  lat: number;
  lng: number;
}

export interface RankProfile {
  needs: readonly string[];
  home: Point | null;
  school: Point | null;
  siblings: number;
}

export interface Candidate {
  id: string;
  needsMet: readonly string[];
  lat: number | null;
  lng: number | null;
  educationOnSite: boolean;
  siblingPlaces: number;
  totalWeeklyPence: number;
  /** False when a blocking gate failed: ranked after every eligible candidate. */
  eligible: boolean;
}

export interface ScorePart {
  factor: Factor;
  weight: number;
  /** 0..1 */
  value: number;
  /** What the part adds to the score out of 100. */
  points: number;
  note: string;
}

export interface Ranked<C extends Candidate = Candidate> {
  rank: number;
  candidate: C;
  score: number;
  distanceKm: number | null;
  parts: ScorePart[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Ranks candidates: eligible first, then by score, price and id. Scores are computed into typed
 * arrays and only the first `limit` results (all by default) are built with their parts, so a
 * search against thousands of settings allocates little.
 */
export function rank<C extends Candidate>(
  candidates: readonly C[],
  profile: RankProfile,
  weights: Weights = DEFAULT_WEIGHTS,
  limit = candidates.length,
): Ranked<C>[] {
  const n = candidates.length;
  const total = weights.needs + weights.distance + weights.education + weights.siblings + weights.price;
  const scale = total > 0 ? 100 / total : 0;
  let cheapest = Infinity;
  for (const c of candidates) if (c.eligible && c.totalWeeklyPence < cheapest) cheapest = c.totalWeeklyPence;
  if (cheapest === Infinity) for (const c of candidates) if (c.totalWeeklyPence < cheapest) cheapest = c.totalWeeklyPence;
  const needs = profile.needs;
  const { home, school, siblings } = profile;
  // Per candidate: the five values, the two distances (NaN: unknown), needs met and the score.
  const v = new Float64Array(n * 5);
  const dHome = new Float64Array(n);
  const dSchool = new Float64Array(n);
  const met = new Int32Array(n);
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = candidates[i]!;
    let m = 0;
    for (const x of needs) if (c.needsMet.includes(x)) m++;
    met[i] = m;
    const located = c.lat !== null && c.lng !== null;
    const dh = located && home ? distanceKm(home.lat, home.lng, c.lat!, c.lng!) : NaN;
    const ds = located && school ? distanceKm(school.lat, school.lng, c.lat!, c.lng!) : NaN;
    dHome[i] = dh;
    dSchool[i] = ds;
    const o = i * 5;
    v[o] = needs.length === 0 ? 1 : m / needs.length;
    v[o + 1] = Number.isNaN(dh) ? 0 : dh <= NEAR_KM ? 1 : dh >= FAR_KM ? 0 : (FAR_KM - dh) / (FAR_KM - NEAR_KM);
    v[o + 2] = !school ? 1 : ds <= SCHOOL_KM ? 1 : c.educationOnSite ? 0.5 : 0;
    v[o + 3] = siblings === 0 ? 1 : c.siblingPlaces >= siblings + 1 ? 1 : 0;
    v[o + 4] = c.totalWeeklyPence <= 0 ? 1 : Math.min(1, cheapest / c.totalWeeklyPence);
    score[i] = round1(
      (weights.needs * v[o]! +
        weights.distance * v[o + 1]! +
        weights.education * v[o + 2]! +
        weights.siblings * v[o + 3]! +
        weights.price * v[o + 4]!) *
        scale,
    );
  }
  const order: number[] = new Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => {
    const ca = candidates[a]!;
    const cb = candidates[b]!;
    return (
      Number(cb.eligible) - Number(ca.eligible) ||
      score[b]! - score[a]! ||
      ca.totalWeeklyPence - cb.totalWeeklyPence ||
      (ca.id < cb.id ? -1 : ca.id > cb.id ? 1 : 0)
    );
  });
  const out: Ranked<C>[] = [];
  for (let r = 0; r < Math.min(limit, n); r++) {
    const i = order[r]!;
    const c = candidates[i]!;
    const o = i * 5;
    const dh = dHome[i]!;
    const ds = dSchool[i]!;
    out.push({
      rank: r + 1,
      candidate: c,
      score: score[i]!,
      distanceKm: Number.isNaN(dh) ? null : round1(dh),
      parts: [
        part('needs', weights.needs, v[o]!, scale, needs.length === 0 ? 'no needs recorded' : `${met[i]} of ${needs.length} needs met`),
        part('distance', weights.distance, v[o + 1]!, scale, Number.isNaN(dh) ? 'distance unknown' : `${round1(dh)} km from home`),
        part(
          'education',
          weights.education,
          v[o + 2]!,
          scale,
          !school
            ? 'no school to keep'
            : ds <= SCHOOL_KM
              ? `${round1(ds)} km from school`
              : c.educationOnSite
                ? 'education on site'
                : 'school not kept',
        ),
        part(
          'siblings',
          weights.siblings,
          v[o + 3]!,
          scale,
          siblings === 0 ? 'no siblings to place' : v[o + 3] ? `takes ${siblings + 1} together` : 'cannot take the siblings together',
        ),
        part('price', weights.price, v[o + 4]!, scale, `${pounds(c.totalWeeklyPence)} a week`),
      ],
    });
  }
  return out;
}

function part(factor: Factor, weight: number, value: number, scale: number, note: string): ScorePart {
  return { factor, weight, value: Math.round(value * 1000) / 1000, points: round1(weight * value * scale), note };
}
