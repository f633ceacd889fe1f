#!/usr/bin/env node
// Writing and reading a 20,000-child SSDA903 return as CSV files (and its pre-flight check), against
// JSON.stringify/parse of the same rows in the same run (the ratio is what to watch):
//
//   npx turbo run build --filter=@placewise/referrals...
//   node apps/referrals/bench/ssda903-files.mjs [children]
//
// The return is the demo council's last year, copied with new child identifiers until it holds the
// number of children asked for.
import { performance } from 'node:perf_hooks';

const N = Number(process.argv[2] ?? 20_000);
const RUNS = 5;

const { generateDemoCouncil } = await import('../dist/ssda903/demo-council.js');
const { readReturnFiles, writeReturnFiles } = await import('../dist/ssda903/files.js');
const { preflight } = await import('../dist/ssda903/preflight.js');
const { SSDA903_TABLE_NAMES, emptyReturn } = await import('@placewise/contracts/ssda903');

const base = generateDemoCouncil({ children: 500, years: 1, lastYearStart: 2025, seed: 903 }).years[0];
const ret = emptyReturn();
for (let copy = 0; ret.Header.length < N; copy++) {
  const keep = new Set(base.Header.slice(0, N - ret.Header.length).map((h) => h.CHILD));
  for (const t of SSDA903_TABLE_NAMES) {
    for (const row of base[t]) if (keep.has(row.CHILD)) ret[t].push({ ...row, CHILD: `${row.CHILD}-${copy}` });
  }
}
const rows = SSDA903_TABLE_NAMES.reduce((n, t) => n + ret[t].length, 0);

function time(fn) {
  const times = [];
  let out;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    out = fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(RUNS / 2)], out };
}

const write = time(() => writeReturnFiles(ret));
const read = time(() => readReturnFiles(write.out));
if (!read.out.ok) throw new Error(`the return did not read back: ${JSON.stringify(read.out.errors.slice(0, 3))}`);
const json = time(() => JSON.stringify(ret));
const parse = time(() => JSON.parse(json.out));
const check = time(() => preflight(ret, { collectionYear: 2025 }));
if (check.out.length > 0) throw new Error(`the return fails the pre-flight check: ${check.out[0].message}`);
const bytes = write.out.reduce((n, f) => n + Buffer.byteLength(f.content), 0);

console.log(`${N} children, ${rows} rows, ${(bytes / 1e6).toFixed(1)} MB of CSV (median of ${RUNS} runs)`);
console.log(`write CSV   ${write.ms.toFixed(0)} ms   JSON.stringify ${json.ms.toFixed(0)} ms   ratio ${(write.ms / json.ms).toFixed(1)}x`);
console.log(`read CSV    ${read.ms.toFixed(0)} ms   JSON.parse     ${parse.ms.toFixed(0)} ms   ratio ${(read.ms / parse.ms).toFixed(1)}x`);
console.log(`pre-flight ${check.ms.toFixed(0)} ms (every rule, no failures)   ratio to JSON.parse ${(check.ms / parse.ms).toFixed(1)}x`);
console.log(`(reading checks every column, date and code list and records each row's file and line)`);
