#!/usr/bin/env node
// Where a service's CPU time went: sums the self time of a V8 CPU profile (.cpuprofile, written by
// `node --cpu-prof`, e.g. by `PROFILE_DIR=/tmp/prof npm run bench:load`) by package, and lists the
// functions that took most.
//   node tests/bench/cpu-profile.mjs /tmp/prof/CPU.*.cpuprofile
import { readFileSync } from 'node:fs';

const TOP = Number(process.env.TOP ?? 12);

/** The package a script belongs to: node_modules/<pkg>, a workspace (apps/x, packages/x), or Node itself. */
function packageOf(url) {
  if (!url) return '(native or V8)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const ws = /\/(apps|packages)\/([^/]+)\//.exec(url);
  if (ws) return `${ws[1]}/${ws[2]}`;
  if (url.startsWith('node:')) return 'node';
  return url;
}

for (const file of process.argv.slice(2)) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // The profiler's own start (tests/bench/cpu-profile-hook.mjs, a few hundred ms as it walks the
  // loaded code) is not the service's work: samples under the hook's frames are left out.
  const hook = new Set();
  const mark = (id) => {
    hook.add(id);
    for (const c of byId.get(id).children ?? []) mark(c);
  };
  for (const n of profile.nodes) if (n.callFrame.url.endsWith('cpu-profile-hook.mjs') && !hook.has(n.id)) mark(n.id);
  const self = new Map();
  // samples[i] is a node id; timeDeltas[i] the microseconds since the previous sample.
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byPackage = new Map();
  const byFunction = new Map();
  let total = 0;
  let idle = 0;
  for (const [id, us] of self) {
    if (hook.has(id)) continue;
    const node = byId.get(id);
    const name = node.callFrame.functionName || '(anonymous)';
    if (name === '(idle)') {
      idle += us;
      continue;
    }
    total += us;
    const pkg = name === '(garbage collector)' ? '(garbage collector)' : packageOf(node.callFrame.url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const key = `${name} (${pkg}${node.callFrame.url ? `:${node.callFrame.lineNumber + 1}` : ''})`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const pct = (us) => `${((us * 100) / total).toFixed(1).padStart(5)}%`;
  console.log(`${file}: ${(total / 1e6).toFixed(1)} s busy, ${(idle / 1e6).toFixed(1)} s idle`);
  for (const [pkg, us] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${pct(us)}  ${pkg}`);
  console.log('  functions:');
  for (const [fn, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${pct(us)}  ${fn}`);
}
