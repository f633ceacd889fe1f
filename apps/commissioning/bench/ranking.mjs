#!/usr/bin/env node
// Ranking time for one search against 5,000 settings, with the baselines measured in the same run.
// Run after a build:  node apps/commissioning/bench/ranking.mjs [settings=5000] [iterations=200]
//
//   gates + rank   what GET /searches/{id}/matches does in memory: the hard gates for every setting, then rank() of the top 50
//   rank           rank() alone (score with its five parts, sort, ranks)
//   baseline: sort by price         the least any ranking must do: one numeric sort of the same candidates
//   baseline: naive comparator      scoring inside the sort comparator (O(n log n) scorings), the obvious first version
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { checkGates, failedGates } from '../dist/matching/gates.js';
import { classifyLocation, distanceKm } from '../dist/matching/location.js';
import { DEFAULT_WEIGHTS, rank } from '../dist/matching/ranking.js';

const N = Number(process.argv[2] ?? 5000);
const ITER = Number(process.argv[3] ?? 200);

// A deterministic PRNG, so every run ranks the same settings.
let seed = 42;
const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
const pick = (a) => a[Math.floor(rnd() * a.length)];
const NEEDS = ['EBD', 'CSE_RISK', 'DISABILITY', 'SELF_HARM', 'SUBSTANCE', 'MISSING', 'AUTISM', 'PARENT_CHILD'];
const AREAS = ['Northshire', 'Eastmoor', 'Westdale', 'Kent', 'Cumbria', 'Devon'];
const council = { area: 'Northshire', neighbours: ['Eastmoor', 'Westdale'] };

const settings = Array.from({ length: N }, (_, i) => ({
  id: `s${String(i).padStart(5, '0')}`,
  placementType: pick(['PRIVATE_CHILDRENS_HOME', 'LA_CHILDRENS_HOME', 'VOL_CHILDRENS_HOME']),
  ofstedUrn: rnd() < 0.97 ? `SC${100000 + i}` : null,
  ofstedRating: pick(['OUTSTANDING', 'GOOD', 'GOOD', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE']),
  registrationCategory: 'CHILDRENS_HOME',
  ageMin: pick([8, 10, 11, 12]),
  ageMax: 17,
  vacancies: Math.floor(rnd() * 3),
  area: pick(AREAS),
  latitude: 50.5 + rnd() * 4,
  longitude: -4 + rnd() * 4.5,
  needsMet: NEEDS.filter(() => rnd() < 0.35),
  educationOnSite: rnd() < 0.3,
  siblingPlaces: pick([0, 0, 0, 2, 3]),
  weeklyPricePence: 350_000 + Math.floor(rnd() * 900_000),
}));
const search = { placementType: 'PRIVATE_CHILDRENS_HOME', childAge: 14, location: 'IN_AREA' };
const profile = {
  needs: ['EBD', 'CSE_RISK', 'MISSING'],
  home: { lat: 52.8066, lng: -2.1163 },
  school: { lat: 52.81, lng: -2.12 },
  siblings: 1,
};

const candidateOf = (s, eligible) => ({
  id: s.id,
  needsMet: s.needsMet,
  lat: s.latitude,
  lng: s.longitude,
  educationOnSite: s.educationOnSite,
  siblingPlaces: s.siblingPlaces,
  totalWeeklyPence: s.weeklyPricePence,
  eligible,
});
const candidates = settings.map((s) => candidateOf(s, true));

function gatesAndRank() {
  const cands = settings.map((s) =>
    candidateOf(s, failedGates(checkGates({ search, setting: s, location: classifyLocation(council, s.area) }), 'BLOCK').length === 0),
  );
  return rank(cands, profile, DEFAULT_WEIGHTS, 50);
}

function baselineSort() {
  return candidates.slice().sort((a, b) => a.totalWeeklyPence - b.totalWeeklyPence || (a.id < b.id ? -1 : 1));
}

function naiveScore(c, cheapest) {
  const w = DEFAULT_WEIGHTS;
  const needs = profile.needs.filter((n) => c.needsMet.includes(n)).length / profile.needs.length;
  const d = distanceKm(profile.home.lat, profile.home.lng, c.lat, c.lng);
  const dist = d <= 10 ? 1 : d >= 100 ? 0 : (100 - d) / 90;
  const ds = distanceKm(profile.school.lat, profile.school.lng, c.lat, c.lng);
  const edu = ds <= 16 ? 1 : c.educationOnSite ? 0.5 : 0;
  const sib = c.siblingPlaces >= profile.siblings + 1 ? 1 : 0;
  const price = cheapest / c.totalWeeklyPence;
  return (w.needs * needs + w.distance * dist + w.education * edu + w.siblings * sib + w.price * price) / 100;
}
function baselineNaive() {
  const cheapest = Math.min(...candidates.map((c) => c.totalWeeklyPence));
  return candidates.slice().sort((a, b) => naiveScore(b, cheapest) - naiveScore(a, cheapest));
}

function measure(fn) {
  for (let i = 0; i < Math.min(20, ITER); i++) fn(); // warm up the JIT
  const t = [];
  for (let i = 0; i < ITER; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  const q = (p) => t[Math.min(t.length - 1, Math.floor(p * t.length))];
  return { median: q(0.5), p95: q(0.95), p99: q(0.99) };
}

// Sanity: the ranking is complete and ordered.
const r = rank(
  settings.map((s) =>
    candidateOf(s, failedGates(checkGates({ search, setting: s, location: classifyLocation(council, s.area) }), 'BLOCK').length === 0),
  ),
  profile,
  DEFAULT_WEIGHTS,
);
if (r.length !== N || r.some((x, i) => i > 0 && r[i - 1].candidate.eligible === x.candidate.eligible && r[i - 1].score < x.score))
  throw new Error('ranking is not ordered');

const rows = [
  ['gates + rank', measure(gatesAndRank)],
  ['rank (all 5,000 explained)', measure(() => rank(candidates, profile, DEFAULT_WEIGHTS))],
  ['rank (top 50 explained)', measure(() => rank(candidates, profile, DEFAULT_WEIGHTS, 50))],
  ['baseline: sort by price', measure(baselineSort)],
  ['baseline: naive comparator', measure(baselineNaive)],
];
const base = rows[3][1].median;
console.log(
  `ranking one search against ${N} settings, ${ITER} iterations, node ${process.version}, ${os.cpus().length} cpus (${os.cpus()[0]?.model ?? '?'})`,
);
console.log(`eligible after gates: ${r.filter((x) => x.candidate.eligible).length}; best score ${r[0].score}`);
console.log('what'.padEnd(30), 'median ms'.padStart(10), 'p95 ms'.padStart(9), 'p99 ms'.padStart(9), 'x sort'.padStart(8));
for (const [name, m] of rows)
  console.log(
    name.padEnd(30),
    m.median.toFixed(2).padStart(10),
    m.p95.toFixed(2).padStart(9),
    m.p99.toFixed(2).padStart(9),
    (m.median / base).toFixed(1).padStart(8),
  );
