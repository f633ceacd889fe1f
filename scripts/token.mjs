#!/usr/bin/env node
// Mints a development access token for a demo user: npm run token -- <user>   (npm run token -- --list)
import { devIssuer } from './dev-env.mjs';

const { DEMO_USERS, mintToken } = await import('@placewise/platform');
const who = process.argv[2];
if (!who || who === '--list') {
  console.log('Demo users (npm run token -- <user>):');
  for (const u of DEMO_USERS) console.log(`  ${u.sub.padEnd(10)} ${u.la.padEnd(10)} ${u.roles.join(', ').padEnd(34)} ${u.name}`);
  process.exit(who ? 0 : 2);
}
const user = DEMO_USERS.find((u) => u.sub === who);
if (!user) {
  console.error(`unknown demo user "${who}"; npm run token -- --list`);
  process.exit(2);
}
console.log(await mintToken(await devIssuer(), user));
