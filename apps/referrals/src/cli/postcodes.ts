#!/usr/bin/env node
/**
 * The postcode table the distance indicators read, from the ONS Postcode Directory's CSV (or any
 * CSV with its pcds, lat, long and optional oslaua columns):
 *   npm run postcodes -w apps/referrals -- load <file.csv>
 * Streams the file (the full directory is about 2.7 million rows), replaces each postcode by its
 * pcds (so a load can be run again), and lists every row it refused with its line and reason.
 */
import 'reflect-metadata';
import { createReadStream } from 'node:fs';
import { PrismaService } from '../prisma.service.js';
import { IndicatorsRepository } from '../indicators/indicators.repository.js';
import { loadPostcodes } from '../indicators/postcodes.js';
import { cliEnv, here } from './env.js';

const USAGE = 'usage: postcodes load <file.csv>   (the ONS Postcode Directory: pcds, lat, long, oslaua)';

async function main(): Promise<number> {
  const [command, file, ...rest] = process.argv.slice(2);
  if (command !== 'load' || !file || rest.length) {
    console.error(USAGE);
    return 2;
  }
  const prisma = new PrismaService(cliEnv());
  const repo = new IndicatorsRepository(prisma);
  try {
    const started = Date.now();
    const r = await loadPostcodes(createReadStream(here(file)), (rows) => repo.upsertPostcodes(rows));
    for (const x of r.refused.slice(0, 100)) console.error(`  line ${x.line}: ${x.reason}`);
    if (r.refused.length > 100) console.error(`  ... and ${r.refused.length - 100} more`);
    console.log(
      `${r.read} postcodes read, ${r.changed} new or changed, ${r.refused.length} refused, in ${((Date.now() - started) / 1000).toFixed(1)} s; ${await repo.postcodeCount()} in the table`,
    );
    return 0;
  } finally {
    await prisma.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  },
);
