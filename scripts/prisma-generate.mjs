#!/usr/bin/env node
// Generates the Prisma 7 client (generator prisma-client-js, engineType "client") of the service in the
// current directory: its build script runs `node ../../scripts/prisma-generate.mjs`.
//
// Migrations stay on the Prisma 6.19 CLI (package `prisma`), whose migrate needs the datasource's `url` in
// prisma/schema.prisma; Prisma 7 refuses that `url` (P1012). So Prisma 7 (package `prisma7`, an alias)
// generates from a copy of the schema without it, written to generated/schema.prisma: generated/ sits
// beside prisma/, so the generator's relative output (../generated/client) resolves to the same place.
// PRISMA_SCHEMA_ENGINE_BINARY points at a stub that exits 1, so that generate never downloads an engine.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const source = 'prisma/schema.prisma';
const copy = 'generated/schema.prisma';
const lines = readFileSync(source, 'utf8').split('\n');
let inDatasource = false;
let removed = 0;
const kept = lines.map((line) => {
  if (/^\s*datasource\s+\w+\s*\{/.test(line)) inDatasource = true;
  else if (inDatasource && /^\s*\}/.test(line)) inDatasource = false;
  else if (inDatasource && /^\s*(url|directUrl|shadowDatabaseUrl)\s*=/.test(line)) {
    removed++;
    return '  // (url left out for Prisma 7; the Prisma 6.19 CLI reads it from prisma/schema.prisma)'; // keeps line numbers
  }
  return line;
});
if (!removed) console.warn(`prisma-generate: ${source} has no datasource url to leave out`);
for (const line of kept) {
  const output = /^\s*output\s*=\s*"([^"]+)"/.exec(line)?.[1];
  if (output && !output.startsWith('../')) {
    console.error(`prisma-generate: output "${output}" would resolve elsewhere from ${copy}; use a path starting with ../`);
    process.exit(1);
  }
}
mkdirSync('generated', { recursive: true });
writeFileSync(copy, kept.join('\n'));

const cli = createRequire(import.meta.url).resolve('prisma7/build/index.js');
const { status, signal } = spawnSync(process.execPath, [cli, 'generate', '--schema', copy], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: fileURLToPath(new URL('no-schema-engine.sh', import.meta.url)),
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
process.exit(status ?? (signal ? 1 : 0));
