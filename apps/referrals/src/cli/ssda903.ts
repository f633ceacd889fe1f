#!/usr/bin/env node
/**
 * The SSDA903 return from the command line, against the referrals database (no service needed):
 *   npm run ssda903 -- import --la northshire --years dir2021 dir2022 ... [--costs weekly-costs.csv]
 *   npm run ssda903 -- preflight --la northshire --year 2025
 *   npm run ssda903 -- export --la northshire --year 2025 --out northshire-2025-26.zip
 * Each year is a directory of the year's CSV files (or zips), or one zip. DATABASE_URL and
 * DATABASE_SCHEMA (default referrals) say where the record is.
 */
import 'reflect-metadata';
import { collectionYear } from '@placewise/contracts/ssda903';
import type { BaseEnv } from '@placewise/platform';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { PrismaService } from '../prisma.service.js';
import { ReturnsRepository } from '../returns/returns.repository.js';
import { Ssda903Returns } from '../returns/ssda903-returns.js';
import type { ReturnFile } from '../ssda903/files.js';

const USAGE = `usage:
  ssda903 import    --la <council> --years <dir or zip>... [--costs weekly-costs.csv] [--as <who>]
  ssda903 preflight --la <council> --year <start year, e.g. 2025>
  ssda903 export    --la <council> --year <start year> --out <file.zip>`;

function args(argv: string[]) {
  const [command, ...rest] = argv;
  const opts: Record<string, string[]> = {};
  let key: string | null = null;
  for (const a of rest) {
    if (a.startsWith('--')) opts[(key = a.slice(2))] = [];
    else if (key) opts[key]?.push(a);
    else throw new Error(`unexpected ${a}`);
  }
  const one = (k: string) => {
    const v = opts[k];
    if (!v || v.length !== 1) throw new Error(`--${k} needs one value`);
    return v[0] as string;
  };
  return { command, opts, one };
}

/** Paths are the caller's (npm run moves to the repository root; INIT_CWD is where it was run). */
const here = (p: string) => resolve(process.env.INIT_CWD ?? process.cwd(), p);

function yearFiles(path: string): ReturnFile[] {
  const full = here(path);
  if (statSync(full).isDirectory())
    return readdirSync(full)
      .filter((f) => /\.(csv|zip)$/i.test(f) && !/^weekly-costs\.csv$/i.test(f))
      .sort()
      .map((f) => ({ name: `${basename(full)}/${f}`, content: new Uint8Array(readFileSync(join(full, f))) }));
  return [{ name: basename(full), content: new Uint8Array(readFileSync(full)) }];
}

function year(text: string): number {
  const y = Number(text);
  if (!Number.isInteger(y) || y < 2000 || y > 2100)
    throw new Error(`--year must be the collection year's start, e.g. 2025 for 2025-26 (got ${text})`);
  return y;
}

async function main(): Promise<number> {
  const { command, opts, one } = args(process.argv.slice(2));
  if (!command || command === '--help' || !['import', 'preflight', 'export'].includes(command)) {
    console.error(USAGE);
    return 2;
  }
  const env = {
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/placewise',
    DATABASE_SCHEMA: process.env.DATABASE_SCHEMA ?? 'referrals',
    DATABASE_POOL_HTTP: 4,
    DATABASE_CONNECT_TIMEOUT_MS: 30_000,
    DATABASE_TX_ATTEMPTS: 1,
  } as Pick<
    BaseEnv,
    'DATABASE_URL' | 'DATABASE_SCHEMA' | 'DATABASE_POOL_HTTP' | 'DATABASE_CONNECT_TIMEOUT_MS' | 'DATABASE_TX_ATTEMPTS'
  > as BaseEnv;
  const prisma = new PrismaService(env);
  const returns = new Ssda903Returns(new ReturnsRepository(prisma));
  const la = one('la');
  try {
    if (command === 'import') {
      const years = (opts.years ?? []).map(yearFiles);
      if (!years.length) throw new Error('--years needs at least one directory or zip, oldest first');
      const costs = opts.costs ? { name: basename(one('costs')), content: new Uint8Array(readFileSync(here(one('costs')))) } : null;
      const started = Date.now();
      const out = await returns.load(la, opts.as?.[0] ?? `cli:${userInfo().username}`, years, costs);
      if (!out.ok) {
        console.error(`refused, nothing was written: ${out.errors.length} problem(s)`);
        for (const e of out.errors)
          console.error(`  ${e.file}${e.line !== null ? `:${e.line}` : ''}${e.column ? ` ${e.column}` : ''}: ${e.reason}`);
        return 1;
      }
      const r = out.result;
      console.log(
        r.unchanged
          ? `already loaded (import ${r.importId}): nothing changed`
          : `loaded ${r.children} children (${r.newChildren} new), ${r.episodes} episodes, ${r.placements} open placements in ${((Date.now() - started) / 1000).toFixed(1)} s (import ${r.importId})`,
      );
      return 0;
    }
    const y = year(one('year'));
    if (command === 'preflight') {
      const r = await returns.preflight(la, y);
      console.log(`${collectionYear(y).label}: ${r.children} children, ${r.failures.length} pre-flight failure(s)`);
      for (const f of r.failures)
        console.log(`  ${f.child}  rule ${f.rule}  ${f.table}.${f.field ?? ''}: ${f.message} -> ${f.fix}${f.path ? `  (${f.path})` : ''}`);
      return r.failures.length ? 1 : 0;
    }
    const out = one('out');
    const r = await returns.produce(la, y);
    writeFileSync(here(out), r.zip);
    console.log(
      `${collectionYear(y).label}: ${r.children} children written to ${out}; ${r.failures.length} pre-flight failure(s) (npm run ssda903 -- preflight --la ${la} --year ${y})`,
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
    console.error(USAGE);
    process.exit(2);
  },
);
