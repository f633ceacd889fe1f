#!/usr/bin/env node
// Writes the demo council's SSDA903 returns and weekly costs to a directory, from the built
// referrals service (dist/):
//
//   npx turbo run build --filter=@placewise/referrals...
//   node apps/referrals/scripts/demo-903.mjs <dir> [--children 500] [--years 5] [--last-year 2025] [--seed 903]
//
// <dir>/<year>/ (for example 2025-26/) holds that year's 12 CSV files as the council would send them
// to the DfE; <dir>/weekly-costs.csv holds the weekly cost of each child in care at the last 31 March
// in the format the import reads (CHILD,PLACE,WEEKLY_COST, in pounds), so the directory loads as it is:
//
//   npm run ssda903 -- import --la northshire --years <dir>/2021-22 ... <dir>/2025-26 --costs <dir>/weekly-costs.csv
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    children: { type: 'string', default: '500' },
    years: { type: 'string', default: '5' },
    'last-year': { type: 'string', default: '2025' },
    seed: { type: 'string', default: '903' },
  },
});
const dir = positionals[0];
if (!dir) {
  console.error('usage: node apps/referrals/scripts/demo-903.mjs <dir> [--children 500] [--years 5] [--last-year 2025] [--seed 903]');
  process.exit(2);
}
const opts = {
  children: Number(values.children),
  years: Number(values.years),
  lastYearStart: Number(values['last-year']),
  seed: Number(values.seed),
};
for (const [k, v] of Object.entries(opts)) {
  if (!Number.isInteger(v) || v <= 0) {
    console.error(`--${k} must be a positive whole number`);
    process.exit(2);
  }
}

const { generateDemoCouncil } = await import('../dist/ssda903/demo-council.js');
const { writeReturnFiles } = await import('../dist/ssda903/files.js');
const { preflight } = await import('../dist/ssda903/preflight.js');
const { writeWeeklyCosts } = await import('../dist/returns/weekly-costs.js');
const { collectionYear } = await import('@placewise/contracts/ssda903');

const demo = generateDemoCouncil(opts);
demo.years.forEach((ret, i) => {
  const start = opts.lastYearStart - opts.years + 1 + i;
  const failures = preflight(ret, { collectionYear: start, previous: demo.years[i - 1] });
  if (failures.length > 0)
    throw new Error(`the demo's ${collectionYear(start).label} return fails the pre-flight check: ${failures[0].message}`);
  const yearDir = join(dir, collectionYear(start).label);
  mkdirSync(yearDir, { recursive: true });
  for (const f of writeReturnFiles(ret)) writeFileSync(join(yearDir, f.name), f.content);
  const end = collectionYear(start).end;
  const inCare = new Set(ret.Episodes.filter((e) => e.DEC === null).map((e) => e.CHILD)).size;
  console.log(
    `${collectionYear(start).label}: ${ret.Header.length} children in the return, ${inCare} looked after at ${end}, ${ret.Episodes.length} episodes`,
  );
});
writeFileSync(join(dir, 'weekly-costs.csv'), writeWeeklyCosts({ byChild: demo.weeklyCosts.byChild }));
const weekly = Object.values(demo.weeklyCosts.byChild).reduce((a, b) => a + b, 0);
console.log(
  `weekly-costs.csv: ${Object.keys(demo.weeklyCosts.byChild).length} children, £${Math.round((weekly * 52) / 100).toLocaleString('en-GB')} a year at today's placements`,
);
