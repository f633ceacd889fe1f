#!/usr/bin/env node
// The indicators at council size, against a baseline measured in the same run: a council's record
// (from the demo generator, loaded through the real import) read and every figure computed for a
// year and for five, against a plain SELECT of the same rows.
//
//   npx turbo run build --filter=@placewise/referrals && DATABASE_URL=... node apps/referrals/bench/indicators.mjs [--la northshire] [--runs 7]
//
// DATABASE_URL must hold a loaded council (npm start's database does: Northshire, about 500 children
// in care and five years of history); DATABASE_SCHEMA defaults to referrals.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';

const { values } = parseArgs({ options: { la: { type: 'string', default: 'northshire' }, runs: { type: 'string', default: '7' } } });
const { PrismaService } = await import('../dist/prisma.service.js');
const { IndicatorsRepository } = await import('../dist/indicators/indicators.repository.js');
const { indicators } = await import('../dist/indicators/indicators.js');

const prisma = new PrismaService({
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/placewise',
  DATABASE_SCHEMA: process.env.DATABASE_SCHEMA ?? 'referrals',
  DATABASE_POOL_HTTP: 4,
  DATABASE_CONNECT_TIMEOUT_MS: 30_000,
  DATABASE_TX_ATTEMPTS: 1,
});
const repo = new IndicatorsRepository(prisma);
const la = values.la;
const runs = Number(values.runs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (fn) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

const input = await repo.input(la);
const last = input.episodes.reduce((m, e) => (e.dec && e.dec > m ? e.dec : e.decom > m ? e.decom : m), '0000');
const to = `${Number(last.slice(0, 4)) - (last.slice(5) < '03-31' ? 1 : 0)}-03-31`;
const year = `${Number(to.slice(0, 4)) - 1}-04-01`;
const five = `${Number(to.slice(0, 4)) - 5}-04-01`;
console.log(
  `${la}: ${input.children.length} children, ${input.episodes.length} episodes, ${input.postcodes.size} postcodes located; periods to ${to}`,
);

const baseline = [];
const read = [];
const oneYear = [];
const fiveYears = [];
for (let i = 0; i < runs; i++) {
  baseline.push(
    await time(() =>
      Promise.all([
        prisma.$queryRawUnsafe('SELECT * FROM child WHERE local_authority = $1', la),
        prisma.$queryRawUnsafe('SELECT * FROM looked_after_episode WHERE local_authority = $1', la),
      ]),
    ),
  );
  read.push(await time(() => repo.input(la)));
  oneYear.push(await time(async () => indicators(await repo.input(la), year, to)));
  fiveYears.push(await time(async () => indicators(await repo.input(la), five, to)));
}
const b = median(baseline);
console.log(`baseline: SELECT * of the council's children and episodes      median ${b.toFixed(0)} ms`);
console.log(
  `read the rows (children, episodes, settings, postcodes)        median ${median(read).toFixed(0)} ms (${(median(read) / b).toFixed(1)}x)`,
);
console.log(
  `read and compute a year (${year} to ${to}, 12 months)   median ${median(oneYear).toFixed(0)} ms (${(median(oneYear) / b).toFixed(1)}x)`,
);
console.log(
  `read and compute five years (${five} to ${to}, 60 months) median ${median(fiveYears).toFixed(0)} ms (${(median(fiveYears) / b).toFixed(1)}x)`,
);
await prisma.$disconnect();
