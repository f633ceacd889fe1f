#!/usr/bin/env node
// How long the web workspace's main pages take to show their content, against the running platform
// (npm start): for each page, from navigation until its heading is shown and no request is in flight,
// in Debian's Chromium. The baseline, measured in the same run, is the app's own shell: the sign-in
// page, which loads the same JavaScript and calls no service.
//   node apps/web/bench/pages.mjs            (WEB_URL, default http://127.0.0.1:3000; RUNS, default 15)
import { chromium } from 'playwright-core';

const WEB = process.env.WEB_URL ?? 'http://127.0.0.1:3000';
const RUNS = Number(process.env.RUNS ?? 15);
const PAGES = [
  ['social worker', /Amara Okafor/, ['/requests', '/requests/new']],
  ['approver', /Farid Khan/, ['/queue']],
  ['panel administrator', /Nina Ross/, ['/sittings']],
  ['commissioner', /Harry Evans/, ['/searches', '/placements']],
  ['finance', /Isla Murray/, ['/finance']],
  // The oversight dashboard: the indicators of the demo council's ~500 children in care and five years of history.
  ['head of service', /Dev Sharma/, ['/oversight']],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });

/** Milliseconds from navigation until the page's first heading is shown and the network is idle for 100 ms. */
async function timeLoad(path) {
  const t0 = performance.now();
  await page.goto(`${WEB}${path}`, { waitUntil: 'commit' });
  await page.locator('h1').first().waitFor();
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
  // networkidle waits 500 ms of quiet; take that off so the figure is the page's own time.
  return performance.now() - t0 - 500;
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p95: q(0.95) };
};

async function signIn(name) {
  await page.goto(WEB);
  const signOut = page.getByRole('button', { name: 'Sign out' });
  const button = page.getByRole('button', { name: 'Sign in with your council account' });
  await button.or(signOut).first().waitFor();
  if (await signOut.isVisible()) {
    await signOut.click();
    await button.waitFor();
  }
  await button.click();
  await page.getByRole('button', { name }).click();
  await page.getByRole('link', { name: 'Placewise' }).waitFor();
}

// Baseline: the shell alone (signed out: the sign-in page).
await page.goto(WEB);
const shell = [];
for (let i = 0; i < RUNS; i++) shell.push(await timeLoad('/'));
const base = stats(shell);
console.log(`baseline (the app shell, signed out): median ${base.median.toFixed(1)} ms, p95 ${base.p95.toFixed(1)} ms, ${RUNS} loads`);

for (const [who, name, paths] of PAGES) {
  await signIn(name);
  for (const path of paths) {
    await timeLoad(path); // warm
    const xs = [];
    for (let i = 0; i < RUNS; i++) xs.push(await timeLoad(path));
    const s = stats(xs);
    console.log(
      `${who.padEnd(20)} ${path.padEnd(14)} median ${s.median.toFixed(1).padStart(6)} ms (${(s.median / base.median).toFixed(1)}x the shell), p95 ${s.p95.toFixed(1)} ms`,
    );
  }
}
await browser.close();
