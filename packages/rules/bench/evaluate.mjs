#!/usr/bin/env node
// Benchmark: full rule-set evaluations per second on one core, and latency percentiles, against
// json-rules-engine running one trivial rule in the same process. Run after a build:
//   npx tsc -p tsconfig.build.json && node bench/evaluate.mjs [seconds-per-case]
// Not a test: it prints numbers and exits 0 (exit 1 only if --check is given and a target is missed).
import { performance } from 'node:perf_hooks';
import { Engine } from 'json-rules-engine';
import { fromDayNumber } from '@placewise/contracts/dates';
import { evaluate, validatePolicy, DEFAULT_POLICY } from '../dist/index.js';

const SECONDS = Number(process.argv.find((a) => /^\d+(\.\d+)?$/.test(a)) ?? 3);
const CHECK = process.argv.includes('--check');

const base = {
  kind: 'PLACEMENT',
  childAge: 10,
  legalStatus: 'CO_S31',
  placementType: 'INHOUSE_FOSTER',
  provision: 'IN_HOUSE',
  weeklyCostPence: 45_000,
  location: 'IN_AREA',
  urgency: 'PLANNED',
  submittedAt: '2026-11-24T10:00:00+00:00',
  placedAt: null,
};
// A mix of requests that exercises most rules (bands, locations, blocks, entry routes, deadlines).
const REQUESTS = [
  base,
  { ...base, placementType: 'IFA_FOSTER', provision: 'EXTERNAL', weeklyCostPence: 95_000, location: 'OUT_OF_AREA_ADJOINING' },
  {
    ...base,
    placementType: 'PRIVATE_CHILDRENS_HOME',
    provision: 'EXTERNAL',
    weeklyCostPence: 650_000,
    location: 'OUT_OF_AREA_AT_DISTANCE',
    urgency: 'EMERGENCY',
    placedAt: '2026-12-18',
  },
  { ...base, childAge: 15, placementType: 'SUPPORTED_ACCOM_REGISTERED', provision: 'EXTERNAL', weeklyCostPence: 150_000 },
  {
    ...base,
    kind: 'ENTRY_TO_CARE',
    legalStatus: 'S20',
    urgency: 'EMERGENCY',
    submittedAt: '2026-11-28T02:00:00+00:00',
    placedAt: '2026-11-28',
  },
  { ...base, kind: 'ENTRY_TO_CARE', legalStatus: 'ICO_S38', proceedingsIssuedOn: '2026-11-02' },
  { ...base, kind: 'ENTRY_TO_CARE', legalStatus: 'PP_S46', protectionStartedAt: '2026-10-24T23:00:00+01:00', urgency: 'EMERGENCY' },
  {
    ...base,
    childAge: 13,
    placementType: 'UNREGISTERED_CHILDRENS_HOME',
    provision: 'EXTERNAL',
    weeklyCostPence: 1_200_000,
    hasDolOrder: true,
  },
  {
    ...base,
    kind: 'VARIATION',
    placementType: 'PRIVATE_CHILDRENS_HOME',
    provision: 'EXTERNAL',
    weeklyCostPence: 520_000,
    previousWeeklyCostPence: 500_000,
  },
  { ...base, placementType: 'KINSHIP_FOSTER', connectedPersonTempApprovalWeeks: 22, placedAt: '2026-11-02' },
];

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(name, fn) {
  // warm up for a second (JIT tiers, engine pools, caches), then measure
  const warm = performance.now() + 1000;
  for (let i = 0; performance.now() < warm; i++) await fn(i);
  const lat = [];
  const end = performance.now() + SECONDS * 1000;
  let i = 0;
  const t0 = performance.now();
  while (performance.now() < end) {
    const s = performance.now();
    await fn(i++);
    lat.push(performance.now() - s);
  }
  const elapsed = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  const r = {
    case: name,
    'evals/s': Math.round(i / elapsed),
    'p50 ms': +percentile(lat, 50).toFixed(4),
    'p99 ms': +percentile(lat, 99).toFixed(4),
    'max ms': +lat[lat.length - 1].toFixed(3),
    n: i,
  };
  return r;
}

const trivial = new Engine([{ conditions: { all: [{ fact: 'x', operator: 'equal', value: 1 }] }, event: { type: 't' } }]);
const otherPolicy = validatePolicy({ nominatedOfficer: 'DCS', costBands: { aMaxWeeklyPence: 80_000 } });

const results = [];
results.push(await measure('json-rules-engine, 1 trivial rule (reference)', () => trivial.run({ x: 1 })));
results.push(
  await measure('placewise evaluate, full rule set, default policy', (i) => evaluate(REQUESTS[i % REQUESTS.length], DEFAULT_POLICY)),
);
// Every call with its own timestamps and dates, so no date conversion is served from the memo.
const DAY = 86_400_000;
const varied = (i) => {
  const r = REQUESTS[i % REQUESTS.length];
  const t = Date.UTC(2026, 0, 1) + i * 97_000;
  const day = fromDayNumber(Date.UTC(2025, 0, 1) / DAY + (i % 5000));
  return { ...r, submittedAt: new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z'), placedAt: r.placedAt ? day : null };
};
results.push(await measure('placewise evaluate, full rule set, unique timestamps/dates per call', (i) => evaluate(varied(i + 1e6))));
results.push(
  await measure('placewise evaluate, full rule set, 2 policies alternating', (i) =>
    evaluate(REQUESTS[i % REQUESTS.length], i % 2 ? otherPolicy : DEFAULT_POLICY),
  ),
);
// Throughput with overlapping calls (100 in flight), as a busy service would call it.
{
  const t0 = performance.now();
  let n = 0;
  const end = t0 + SECONDS * 1000;
  while (performance.now() < end) {
    await Promise.all(Array.from({ length: 100 }, (_, k) => evaluate(REQUESTS[(n + k) % REQUESTS.length])));
    n += 100;
  }
  results.push({ case: 'placewise evaluate, 100 concurrent in flight', 'evals/s': Math.round(n / ((performance.now() - t0) / 1000)), n });
}

console.log(`node ${process.version}, ${SECONDS}s per case, one thread (one core)`);
console.table(results);
const full = results[1];
const ok = full['evals/s'] >= 5000 && full['p99 ms'] < 1;
console.log(`target (>= 5,000 evals/s and p99 < 1 ms for the full rule set): ${ok ? 'MET' : 'MISSED'}`);
console.log(`full evaluation costs ${(results[0]['evals/s'] / full['evals/s']).toFixed(1)}x one trivial json-rules-engine run`);
if (CHECK && !ok) process.exit(1);
