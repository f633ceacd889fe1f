#!/usr/bin/env node
// Request-to-commitment latency of the whole journey, over N sequential requests (default 100).
// Starts the four services as processes on a scratch database (dropped at the end), then for each
// request: submit -> case opened (panels) -> decide -> search opened (commissioning) -> offer and
// award -> commitment visible in finance. The people's steps are made at once by the script, so the
// figures are the system's own: HTTP handling plus three event hops through outbox, Redis and inbox.
// Baseline, measured in the same run: an authenticated GET round trip to one service.
//   npm run bench:journey            (N=100)
//   N=20 npm run bench:journey
import { freePort, launchService, migrateAll, SERVICE_NAMES } from '@placewise/platform/launcher';
import { createTestDatabase, createTestIssuer, dropQueueKeys, TEST_REDIS_URL } from '@placewise/platform/testing';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const N = Number(process.env.N ?? 100);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const now = () => performance.now();
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const db = await createTestDatabase('bench');
const prefix = `bench-${randomUUID().slice(0, 8)}`;
const services = {};
try {
  await migrateAll(ROOT, db.url);
  const issuer = await createTestIssuer();
  for (const name of SERVICE_NAMES) {
    services[name] = await launchService({
      root: ROOT,
      name,
      port: await freePort(),
      env: { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn', ...issuer.env },
    });
  }
  const tok = async (roles) => `Bearer ${await issuer.token({ sub: roles.join('+'), roles })}`;
  const T = {
    sw: await tok(['social-worker']),
    dcs: await tok(['approver:DCS', 'panel-chair']),
    com: await tok(['commissioner']),
    fin: await tok(['finance']),
  };
  const call = async (svc, method, path, auth, body) => {
    const res = await fetch(services[svc].url + path, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${svc}${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const until = async (probe) => {
    for (;;) {
      const v = await probe();
      if (v) return v;
      await new Promise((r) => setTimeout(r, 2));
    }
  };

  const provider = await call('commissioning', 'POST', '/providers', T.com, { name: 'Bench Homes', sector: 'PRIVATE' });
  const setting = await call('commissioning', 'POST', `/providers/${provider.id}/settings`, T.com, {
    name: 'Bench House',
    placementType: 'PRIVATE_CHILDRENS_HOME',
    ofstedUrn: 'SC100001',
    ofstedRating: 'GOOD',
    postcode: 'ST16 2LH',
    ageMin: 0,
    ageMax: 17,
    capacity: N + 10,
    vacancies: N + 10,
    weeklyPricePence: 600_000,
    procurementRoute: 'DPS',
  });
  const child = await call('referrals', 'POST', '/children', T.sw, { givenName: 'Bench', familyName: 'Child', dateOfBirth: '2012-01-01' });

  // Baseline: authenticated GET round trips in the same run.
  const baseline = [];
  for (let i = 0; i < 200; i++) {
    const t = now();
    await call('referrals', 'GET', `/children/${child.id}`, T.sw);
    baseline.push(now() - t);
  }

  const total = [],
    hopCase = [],
    hopSearch = [],
    hopCommitment = [];
  for (let i = 0; i < N; i++) {
    const t0 = now();
    const req = await call('referrals', 'POST', '/requests', T.sw, {
      childId: child.id,
      kind: 'PLACEMENT',
      legalStatus: 'CO_S31',
      placementType: 'PRIVATE_CHILDRENS_HOME',
      provision: 'EXTERNAL',
      weeklyCostPence: 610_000,
      location: 'IN_AREA',
      urgency: 'PLANNED',
    });
    const t1 = now();
    const kase = await until(async () => (await call('panels', 'GET', `/cases?requestId=${req.id}`, T.dcs))[0]);
    hopCase.push(now() - t1);
    const t2 = now();
    await call('panels', 'POST', `/cases/${kase.id}/decision`, T.dcs, {
      outcome: 'APPROVED_WITH_CONDITIONS',
      reason: 'bench',
      conditions: { maxWeeklyCostPence: 620_000 },
    });
    const search = await until(async () => (await call('commissioning', 'GET', `/searches?requestId=${req.id}`, T.com))[0]);
    hopSearch.push(now() - t2);
    const offer = await call('commissioning', 'POST', `/searches/${search.id}/offers`, T.com, {
      settingId: setting.id,
      weeklyFeePence: 600_000,
      startDate: '2026-12-01',
    });
    const t3 = now();
    const placement = await call('commissioning', 'POST', `/offers/${offer.id}/award`, T.com, {});
    await until(async () => {
      const res = await fetch(`${services.finance.url}/placements/${placement.id}`, { headers: { authorization: T.fin } });
      return res.ok && (await res.json()).commitments.length > 0;
    });
    hopCommitment.push(now() - t3);
    total.push(now() - t0);
  }

  const base = pct(baseline, 50);
  const row = (label, xs) =>
    `  ${label.padEnd(50)} median ${fmt(pct(xs, 50)).padStart(9)}  p95 ${fmt(pct(xs, 95)).padStart(9)}  (${(pct(xs, 50) / base).toFixed(1)}x baseline)`;
  console.log(`journey latency over ${N} sequential requests (${new Date().toISOString()})`);
  console.log(row('baseline: authenticated GET round trip', baseline));
  console.log(row('request submitted -> case open in panels', hopCase));
  console.log(row('decision recorded -> search open in commissioning', hopSearch));
  console.log(row('award -> commitment visible in finance', hopCommitment));
  console.log(row('whole journey, request -> commitment', total));
} finally {
  await Promise.all(Object.values(services).map((s) => s.stop('SIGTERM')));
  // Every key the run made (queues, jobs, panels' timers), not only the inboxes.
  await dropQueueKeys(prefix);
  await db.drop();
}
