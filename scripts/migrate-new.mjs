#!/usr/bin/env node
// Makes a new migration for the service in the current directory from the difference between the
// last migrated schema (prisma/migrations/schema.snapshot.prisma) and prisma/schema.prisma.
// `prisma migrate dev` cannot run offline with the JS schema engine; this is the supported route.
// Usage (from the repo root): npm run migrate:new -w apps/<service> -- <name>
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: migrate:new <name>   (lower-case letters, digits and _)');
  process.exit(2);
}
// `migrate diff` with the JS engine connects to DATABASE_URL even between two schema files.
const { ensureDatabase } = await import('@placewise/platform');
await ensureDatabase(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/placewise');

const snapshot = 'prisma/migrations/schema.snapshot.prisma';
const from = existsSync(snapshot) ? ['--from-schema-datamodel', snapshot] : ['--from-empty'];
const cli = createRequire(`${process.cwd()}/package.json`).resolve('prisma/build/index.js');
const sql = execFileSync(process.execPath, [cli, 'migrate', 'diff', ...from, '--to-schema-datamodel', 'prisma/schema.prisma', '--script'], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
})
  // Tables go to the service's schema through search_path (created before migrating), so the
  // migration names no schema and the same files serve any DATABASE_SCHEMA.
  .replace(/^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "[^"]+";\n\n/gm, '');
if (!sql.trim() || /^-- This is an empty migration\.?\s*$/.test(sql.trim())) {
  console.log('no schema changes: nothing written');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = `prisma/migrations/${stamp}_${name}`;
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/migration.sql`, sql);
copyFileSync('prisma/schema.prisma', snapshot);
console.log(`wrote ${dir}/migration.sql`);
