import { Role } from '@placewise/contracts';
import { migrateAll, SERVICE_NAMES, type ServiceName } from '@placewise/platform/launcher';
import { createTestDatabase } from '@placewise/platform/testing';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../support/platform.js';
import { operations, requestsFor, type FuzzOperation, type FuzzRequest, type OpenApiDocument } from './openapi-fuzz.js';

/**
 * The four services, started as processes, each sent a few thousand hostile requests derived from
 * its own OpenAPI document (security/openapi-fuzz.ts: nothing is listed per route). The run fails
 * on any 5xx, on a 400 that does not name the field and the reason, and on any row a refused request left behind (the rows of the service's schema are
 * counted before and after each refused request; after an accepted write the queues are let settle
 * first, so events it set off are not counted against the next one).
 *
 * FUZZ_REQUESTS (default 2000) sizes the run; FUZZ_SEED replays one (the seed is printed on failure);
 * FUZZ_SERVICES (e.g. referrals,panels) narrows it.
 */
const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const ROUNDS = 2;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let p: Platform;
let tokens: { all: string; provider: string; operator: string };
const docs = {} as Record<ServiceName, OpenApiDocument>;
const counters = {} as Record<ServiceName, string>;

let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;

beforeAll(async () => {
  // A database of its own: the valid requests it sends change settings (a council's annualisation,
  // its policy) that the journeys after it, sharing theirs, must not inherit.
  db = await createTestDatabase('fuzz');
  await migrateAll(fileURLToPath(new URL('../..', import.meta.url)), db.url);
  // Limits far above the run, and panels' timer sweep out of the way (it writes on its own).
  const quiet = { RATE_LIMIT_PER_USER: '100000000', RATE_LIMIT_PER_ADDRESS: '100000000', LOG_LEVEL: 'warn' };
  p = await startPlatform(db.url, {
    referrals: quiet,
    panels: { ...quiet, TIMER_SWEEP_MS: '3600000' },
    commissioning: quiet,
    finance: quiet,
  });
  const everyRole = Role.options.filter((r) => r !== 'provider');
  tokens = {
    all: await p.issuer.token({ sub: 'fuzz.everyone', roles: everyRole, la: 'northshire' }),
    provider: await p.issuer.token({ sub: 'fuzz.provider', roles: ['provider'], la: 'northshire', provider: randomUUID() }),
    operator: await p.issuer.token({ sub: 'fuzz.operator', roles: ['ops:deployment'], la: 'northshire' }),
  };
  for (const name of SERVICE_NAMES) {
    const res = await fetch(`${p.services[name].url}/docs/openapi.json`);
    expect(res.status).toBe(200);
    docs[name] = (await res.json()) as OpenApiDocument;
    // Every table of the service's schema but the inbox (events from the other services land there on their own).
    const tables = await p.sql.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND table_name <> 'inbox_event'`,
      [name],
    );
    expect(tables.rows.length).toBeGreaterThan(3);
    counters[name] = `SELECT ${tables.rows.map((t) => `(SELECT count(*) FROM "${name}"."${t.table_name}")`).join(' + ')} AS n`;
  }
}, 180_000);

afterAll(async () => {
  await p?.stop();
  await db?.drop();
});

async function rows(service: ServiceName): Promise<number> {
  return Number((await p.sql.query<{ n: string }>(counters[service])).rows[0]!.n);
}

/** Waits until no service has an event waiting or being applied, nor an event unpublished. */
async function settle(): Promise<void> {
  let quiet = 0;
  for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
    const states = await Promise.all(
      SERVICE_NAMES.map(async (name) => {
        const r = await fetch(`${p.services[name].url}/ops/queue`, { headers: { authorization: `Bearer ${tokens.operator}` } });
        const b = (await r.json()) as { counts: { waiting: number; active: number }; outbox: { pending: number } };
        return b.counts.waiting + b.counts.active + b.outbox.pending;
      }),
    );
    quiet = states.every((n) => n === 0) ? quiet + 1 : 0;
    if (quiet >= 3) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Ids found in accepted answers: later requests use them as path parameters, to reach real records. */
const knownIds: string[] = [];
function collectIds(value: unknown, depth = 0): void {
  if (depth > 6 || knownIds.length > 400) return;
  if (typeof value === 'string') {
    if (UUID.test(value) && !knownIds.includes(value)) knownIds.push(value);
  } else if (Array.isArray(value)) value.slice(0, 20).forEach((v) => collectIds(v, depth + 1));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => collectIds(v, depth + 1));
}

interface Finding {
  service: ServiceName;
  request: string;
  target: string;
  status: number;
  problem: string;
  answer: string;
  body: string;
}

async function send(service: ServiceName, req: FuzzRequest, token: string): Promise<{ status: number; text: string }> {
  try {
    const res = await fetch(p.services[service].url + req.url, {
      method: req.method,
      headers: { authorization: `Bearer ${token}`, ...(req.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
    });
    return { status: res.status, text: await res.text() };
  } catch (e) {
    return { status: 0, text: (e as Error).message };
  }
}

/** A 400 says which field is wrong and why: `errors: [{ field, reason }]`. */
function namesFieldAndReason(text: string): boolean {
  try {
    const errors = (JSON.parse(text) as { errors?: { field?: unknown; reason?: unknown }[] }).errors;
    return !!errors?.length && errors.every((e) => typeof e.field === 'string' && typeof e.reason === 'string' && e.reason.length > 0);
  } catch {
    return false;
  }
}

const short = (s: string, n = 200) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

describe('the hostile input the probe found, one service at a time', () => {
  const cases: { service: ServiceName; method: string; path: string; body: unknown; field: string; reason: string }[] = [
    {
      service: 'referrals',
      method: 'POST',
      path: '/children',
      body: { givenName: 'Ru\u0000by', familyName: 'Walker', dateOfBirth: '2012-09-14' },
      field: 'givenName',
      reason: 'must not contain the NUL character',
    },
    {
      service: 'referrals',
      method: 'POST',
      path: '/children',
      body: { givenName: 'Ruby', familyName: 'Walker', dateOfBirth: '0000-01-01' },
      field: 'dateOfBirth',
      reason: 'is implausibly early',
    },
    {
      service: 'panels',
      method: 'POST',
      path: `/sittings/${randomUUID()}/cases/${randomUUID()}/votes`,
      body: { vote: 'APPROVE', comment: 'fine \ud800' },
      field: 'comment',
      reason: 'must be valid Unicode text (it contains a lone surrogate)',
    },
    {
      service: 'commissioning',
      method: 'POST',
      path: '/providers',
      body: { name: 'Care\u0000 Ltd', sector: 'PRIVATE' },
      field: 'name',
      reason: 'must not contain the NUL character',
    },
    {
      service: 'finance',
      method: 'PUT',
      path: `/placements/${randomUUID()}/review-date`,
      body: { reviewDate: '9999-12-31' },
      field: 'reviewDate',
      reason: 'must not be after a year from today',
    },
    {
      service: 'finance',
      method: 'POST',
      path: `/placements/${randomUUID()}/contributions`,
      body: { kind: 'HEALTH', fromDate: '1900-01-01', weeklyPence: 1000 },
      field: 'fromDate',
      reason: 'must not be before 2000-01-01',
    },
  ];

  it('400 with the field and the reason, and nothing written', async () => {
    for (const c of cases) {
      const before = await rows(c.service);
      const { status, text } = await send(c.service, { method: c.method, url: c.path, body: c.body, target: c.field }, tokens.all);
      expect({ path: c.path, status }).toEqual({ path: c.path, status: 400 });
      expect((JSON.parse(text) as { errors: unknown[] }).errors).toContainEqual({ field: c.field, reason: c.reason });
      expect(await rows(c.service)).toBe(before);
    }
  });
});

describe('hostile requests from every OpenAPI document', () => {
  it('never answer 5xx, and a refused request writes nothing', async () => {
    const plan: { service: ServiceName; op: FuzzOperation }[] = [];
    const only = process.env.FUZZ_SERVICES?.split(',');
    for (const service of SERVICE_NAMES.filter((s) => !only || only.includes(s))) {
      for (const op of operations(docs[service])) {
        if (/^\/(health|metrics)(\/|$)/.test(op.path)) continue;
        plan.push({ service, op });
      }
    }
    // Creating routes first in each round, so later requests find ids to aim at.
    plan.sort((a, b) => a.op.pathParams.length - b.op.pathParams.length);
    const perOperation = Math.max(3, Math.ceil(TOTAL / (plan.length * ROUNDS)));
    const findings: Finding[] = [];
    const statuses: Record<string, number> = {};
    let sent = 0;

    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, { service, op }] of plan.entries()) {
        const samples = fc.sample(
          requestsFor(op, () => knownIds),
          { numRuns: perOperation, seed: SEED + round * 100_003 + i },
        );
        let before = await rows(service);
        for (const [j, req] of samples.entries()) {
          const token = (i + j) % 5 === 4 ? tokens.provider : tokens.all;
          const { status, text } = await send(service, req, token);
          sent++;
          statuses[`${Math.floor(status / 100)}xx`] = (statuses[`${Math.floor(status / 100)}xx`] ?? 0) + 1;
          const at = {
            service,
            request: `${req.method} ${short(req.url, 300)}`,
            target: req.target,
            status,
            answer: short(text),
            body: short(JSON.stringify(req.body) ?? '', 300),
          };
          if (status >= 500 || status === 0) findings.push({ ...at, problem: 'server error' });
          if (status === 400 && !namesFieldAndReason(text)) findings.push({ ...at, problem: '400 without the field and the reason' });
          if (status >= 400 || status === 0) {
            const after = await rows(service);
            if (after !== before) findings.push({ ...at, problem: `refused, yet ${after - before} rows were written` });
            before = after;
          } else {
            try {
              collectIds(JSON.parse(text));
            } catch {
              // not JSON (Markdown, CSV)
            }
            if (req.method !== 'GET') await settle();
            before = await rows(service);
          }
        }
      }
    }

    const summary = `seed ${SEED}: ${sent} requests to ${plan.length} operations (${JSON.stringify(statuses)}), ${knownIds.length} ids found`;
    console.log(summary);
    expect(sent).toBeGreaterThanOrEqual(Math.min(TOTAL, 1000));
    // Enough of them were refused at validation, not all stopped at the door.
    expect(statuses['4xx']).toBeGreaterThan(sent / 2);
    expect(findings, `${summary}; replay with FUZZ_SEED=${SEED}`).toEqual([]);
  }, 900_000);
});
