#!/usr/bin/env node
// Writes the demo area's postcode sample (apps/referrals/data/postcodes-demo.csv): every postcode
// the demo council's returns use (HOME_POST, PL_POST) for the last years `npm start` can make, with
// a made-up location in the ONS Postcode Directory's columns (pcds, lat, long, oslaua). Northshire
// (NS1-NS12, oslaua E06099001) sits in a ring about 12 miles across; Southvale (SV1-SV6,
// E06099002) about 40 miles east. Both codes are invented. From the built referrals service:
//
//   node apps/referrals/scripts/demo-postcodes.mjs [--out apps/referrals/data/postcodes-demo.csv]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'apps/referrals/data/postcodes-demo.csv' } } });
const { generateDemoCouncil } = await import('../dist/ssda903/demo-council.js');

const postcodes = new Set();
// npm start loads the returns up to the year before this one: cover the years it will for a while.
for (const lastYearStart of [2025, 2026]) {
  const demo = generateDemoCouncil({ children: 520, years: 5, lastYearStart, seed: 903 });
  for (const ret of demo.years) for (const e of ret.Episodes) for (const p of [e.HOME_POST, e.PL_POST]) if (p) postcodes.add(p);
}

const CENTRE = { lat: 52.62, long: -1.15 };
const MILE_LAT = 1 / 69.05;
const MILE_LONG = 1 / (69.17 * Math.cos((CENTRE.lat * Math.PI) / 180));
function districtCentre(district) {
  const n = Number(district.slice(2));
  if (district.startsWith('NS')) {
    const angle = (2 * Math.PI * (n - 1)) / 12;
    const r = n === 1 ? 0 : 6;
    return { lat: CENTRE.lat + r * Math.sin(angle) * MILE_LAT, long: CENTRE.long + r * Math.cos(angle) * MILE_LONG };
  }
  const angle = (2 * Math.PI * (n - 1)) / 6;
  return { lat: CENTRE.lat + 3 * Math.sin(angle) * MILE_LAT, long: CENTRE.long + (40 + 3 * Math.cos(angle)) * MILE_LONG };
}
/** A stable offset of up to about 1.5 miles for the unit, from its letters. */
function offset(pc) {
  let h = 2166136261;
  for (const ch of pc) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return { dLat: (((h & 0xffff) / 0xffff) * 3 - 1.5) * MILE_LAT, dLong: ((((h >>> 16) & 0xffff) / 0xffff) * 3 - 1.5) * MILE_LONG };
}

const rows = ['pcds,lat,long,oslaua'];
for (const pc of [...postcodes].sort()) {
  const district = pc.split(' ')[0];
  const c = districtCentre(district);
  const o = offset(pc);
  rows.push(
    `${pc},${(c.lat + o.dLat).toFixed(5)},${(c.long + o.dLong).toFixed(5)},${district.startsWith('NS') ? 'E06099001' : 'E06099002'}`,
  );
}
writeFileSync(values.out, rows.join('\n') + '\n');
console.log(`${rows.length - 1} postcodes written to ${values.out}`);
