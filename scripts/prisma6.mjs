#!/usr/bin/env node
// Runs the Prisma 6.19 CLI (package `prisma`, which applies and diffs migrations) in the current
// directory with the given arguments: `node ../../scripts/prisma6.mjs migrate deploy`. The `prisma`
// command in node_modules/.bin may be Prisma 7's (the `prisma7` alias ships a bin of the same name),
// which refuses the schema's datasource url, so the apps' scripts name the CLI through this.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const cli = createRequire(`${process.cwd()}/package.json`).resolve('prisma/build/index.js');
const { status, signal } = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(status ?? (signal ? 1 : 0));
