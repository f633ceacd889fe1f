import { addCalendarDays, londonToday } from '@placewise/contracts/dates';
import { INBOXES, subscribersOf, type EventEnvelope, type Role } from '@placewise/contracts';
import { eventually, TEST_REDIS_URL } from '@placewise/platform/testing';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT, approvedSearch, expectOk, people, providerWithHome, startPlatform, type Platform } from '../support/platform.js';

let p: Platform;
/** When this file's platform started: the journeys share one database, and earlier files leave events of their own. */
let startedAt: Date;

beforeAll(async () => {
  startedAt = new Date();
  p = await startPlatform(inject('databaseUrl'));
});

afterAll(async () => {
  await p?.stop();
});

describe('the placement journey across the four services', () => {
  it('carries a request from submission to a finance commitment, in pence, under one correlation id', async () => {
    const { socialWorker, commissioner, finance } = people(p);
    const { request, kase, search } = await approvedSearch(p, { weeklyCostPence: 610_000 }, 620_000);
    expect(request.status).toBe('SUBMITTED');
    expect(kase.approver).toBe(request.outcome.approver);
    expect(kase.panel).toBe(request.outcome.panel);
    expect(search.ceilingPence).toBe(620_000);

    // Referrals shows the decision.
    const approved = await eventually(async () => {
      const r = expectOk(await socialWorker('referrals', 'GET', `/requests/${request.id}`));
      return r.status === 'APPROVED' ? r : undefined;
    });
    expect(approved.decision.conditions.maxWeeklyCostPence).toBe(620_000);

    const setting = await providerWithHome(p);
    const offer = expectOk(
      await commissioner('commissioning', 'POST', `/searches/${search.id}/offers`, {
        settingId: setting.id,
        weeklyFeePence: 600_000,
        startDate: '2026-12-01',
      }),
    );
    expect(offer.gates.every((g: { passed: boolean }) => g.passed)).toBe(true);
    const placement = expectOk(await commissioner('commissioning', 'POST', `/offers/${offer.id}/award`, {}));
    expect(placement).toMatchObject({ weeklyCostPence: 600_000, startDate: '2026-12-01', plannedEndDate: null, status: 'ACTIVE' });

    // 1 Dec 2026 to 31 Mar 2027 is 121 days: 600000 x 121 / 7 = 10,371,428.57 -> 10,371,429 pence.
    const fin = await eventually(async () => {
      const r = await finance('finance', 'GET', `/placements/${placement.id}`);
      return r.status === 200 ? r.body : undefined;
    });
    expect(fin.commitments).toEqual([
      expect.objectContaining({
        financialYear: 2026,
        from: '2026-12-01',
        to: '2027-03-31',
        days: 121,
        amountPence: 10_371_429,
        category: 'RESIDENTIAL_EXTERNAL',
      }),
    ]);
    const forecast = expectOk(await finance('finance', 'GET', '/forecast?financialYear=2026'));
    expect(
      forecast.categories.find((c: { category: string }) => c.category === 'RESIDENTIAL_EXTERNAL').committedPence,
    ).toBeGreaterThanOrEqual(10_371_429);

    const placed = await eventually(async () => {
      const r = expectOk(await socialWorker('referrals', 'GET', `/requests/${request.id}`));
      return r.status === 'PLACED' ? r : undefined;
    });
    expect(placed.placementId).toBe(placement.id);
    expect(placed.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['SUBMITTED', 'APPROVED', 'PLACED']);

    // One correlation id from the social worker's request to the commitment.
    const cid = request.correlationId;
    expect([kase.correlationId, placement.correlationId, fin.correlationId]).toEqual([cid, cid, cid]);
  });

  it('refuses a blocked request at once and sends nothing on', async () => {
    const { socialWorker } = people(p);
    const fifteen = addCalendarDays(londonToday(), -Math.round(15.5 * 365.25));
    const child = expectOk(await socialWorker('referrals', 'POST', '/children', { givenName: 'B', familyName: 'C', dateOfBirth: fifteen }));
    const casesBefore = (await p.sql.query('SELECT count(*)::int AS n FROM panels."case"')).rows[0].n;
    const r = await socialWorker('referrals', 'POST', '/requests', {
      childId: child.id,
      kind: 'PLACEMENT',
      legalStatus: 'S20',
      placementType: 'OTHER_ARRANGEMENTS_UNREGULATED',
      provision: 'EXTERNAL',
      weeklyCostPence: 150_000,
      location: 'IN_AREA',
      urgency: 'URGENT',
    });
    expect(r.status).toBe(422);
    expect(r.body.blocks[0].regulation).toMatch(/27A/);
    expect(r.body.reasons.length).toBeGreaterThan(0);
    const { rows } = await p.sql.query(`SELECT count(*)::int AS n FROM referrals.outbox_event WHERE envelope->'payload'->>'childId' = $1`, [
      child.id,
    ]);
    expect(rows[0].n).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect((await p.sql.query('SELECT count(*)::int AS n FROM panels."case"')).rows[0].n).toBe(casesBefore);
  });

  it('stops a declined request at panels: referrals shows it, commissioning opens no search', async () => {
    const { socialWorker, commissioner } = people(p);
    const child = expectOk(
      await socialWorker('referrals', 'POST', '/children', { givenName: 'D', familyName: 'E', dateOfBirth: '2016-01-01' }),
    );
    const request = expectOk(
      await socialWorker('referrals', 'POST', '/requests', {
        childId: child.id,
        kind: 'ENTRY_TO_CARE',
        legalStatus: 'S20',
        placementType: 'IFA_FOSTER',
        provision: 'EXTERNAL',
        weeklyCostPence: 90_000,
        location: 'IN_AREA',
        urgency: 'PLANNED',
      }),
    );
    const kase = await eventually(
      async () => expectOk(await people(p).decider('DCS')('panels', 'GET', `/cases?requestId=${request.id}`))[0],
    );
    expectOk(
      await people(p).decider(kase.approver)('panels', 'POST', `/cases/${kase.id}/decision`, {
        outcome: 'DECLINED',
        reason: 'Family group conference first',
      }),
    );
    await eventually(async () => expectOk(await socialWorker('referrals', 'GET', `/requests/${request.id}`)).status === 'DECLINED');
    expect(expectOk(await commissioner('commissioning', 'GET', `/searches?requestId=${request.id}`))).toEqual([]);
  });
});

describe('delivery', () => {
  it('has no second effect when every event is delivered again to every consumer', async () => {
    const snapshot = async () =>
      (
        await p.sql.query(`SELECT
          (SELECT count(*) FROM panels."case") AS cases, (SELECT count(*) FROM panels.decision) AS decisions,
          (SELECT count(*) FROM commissioning.search) AS searches, (SELECT count(*) FROM commissioning.placement) AS placements,
          (SELECT count(*) FROM finance.placement) AS fin_placements, (SELECT count(*) FROM finance.commitment) AS commitments,
          (SELECT count(*) FROM referrals.request_history) AS history`)
      ).rows[0];
    const before = await snapshot();
    const envelopes: EventEnvelope[] = [];
    for (const schema of ['referrals', 'panels', 'commissioning']) {
      const { rows } = await p.sql.query(
        `SELECT envelope FROM ${schema}.outbox_event WHERE published_at IS NOT NULL AND created_at >= $1`,
        [startedAt],
      );
      envelopes.push(...rows.map((r) => r.envelope as EventEnvelope));
    }
    expect(envelopes.map((e) => e.type).sort()).toEqual(
      expect.arrayContaining(['decision.recorded', 'placement.started', 'request.submitted']),
    );
    const queues = new Map(INBOXES.map((q) => [q.name, new Queue(q.name, { connection: { url: TEST_REDIS_URL }, prefix: p.prefix })]));
    const jobs: { queue: Queue; id: string }[] = [];
    for (const e of envelopes) {
      for (const target of subscribersOf(e.type, e.version)) {
        const id = `redelivered-${e.id}`;
        await queues.get(target.name)!.add(e.type, e, { jobId: id });
        jobs.push({ queue: queues.get(target.name)!, id });
      }
    }
    const results = await eventually(async () => {
      const all = await Promise.all(jobs.map(async (j) => ((await j.queue.getJob(j.id))?.returnvalue as string | undefined) ?? null));
      return all.every((v) => v !== null) ? all : undefined;
    }, 30_000);
    expect(new Set(results)).toEqual(new Set(['duplicate']));
    expect(await snapshot()).toEqual(before);
    for (const q of queues.values()) await q.close();
  });
});

describe('hostile and malformed requests', () => {
  it("cannot see or touch another council's work", async () => {
    const { request, kase, search } = await approvedSearch(p);
    const setting = await providerWithHome(p);
    const offer = expectOk(
      await people(p).commissioner('commissioning', 'POST', `/searches/${search.id}/offers`, {
        settingId: setting.id,
        weeklyFeePence: 600_000,
        startDate: '2026-12-07',
      }),
    );
    const south = people(p).otherCouncil;
    expect((await south('referrals', 'GET', `/requests/${request.id}`)).status).toBe(404);
    expect((await south('referrals', 'GET', `/children/${request.childId}`)).status).toBe(404);
    expect((await south('panels', 'GET', `/cases/${kase.id}`)).status).toBe(404);
    expect((await south('commissioning', 'GET', `/searches/${search.id}`)).status).toBe(404);
    expect(
      (
        await south('commissioning', 'POST', `/searches/${search.id}/offers`, {
          settingId: setting.id,
          weeklyFeePence: 1,
          startDate: '2026-12-07',
        })
      ).status,
    ).toBe(404);
    expect((await south('commissioning', 'POST', `/offers/${offer.id}/award`, {})).status).toBe(404);
    expect(expectOk(await south('commissioning', 'GET', '/searches'))).toEqual([]);
    expect(expectOk(await south('finance', 'GET', '/commitments'))).toEqual([]);
    expect(
      (
        await south('referrals', 'POST', '/requests', {
          childId: request.childId,
          kind: 'PLACEMENT',
          legalStatus: 'CO_S31',
          placementType: 'IFA_FOSTER',
          provision: 'EXTERNAL',
          weeklyCostPence: 1,
          location: 'IN_AREA',
          urgency: 'PLANNED',
        })
      ).status,
    ).toBe(404);
  });

  it('answers bad input on every service with a 4xx naming the field, never a 5xx', async () => {
    const { socialWorker, commissioner, finance } = people(p);
    const chair = people(p).decider('DCS');
    const id = randomUUID();
    const cases: [ReturnType<typeof people>['finance'], Parameters<typeof finance>[0], string, string, unknown, number, string?][] = [
      [socialWorker, 'referrals', 'POST', '/children', { givenName: '', familyName: 'x', dateOfBirth: '2999-01-01' }, 400, 'dateOfBirth'],
      [socialWorker, 'referrals', 'POST', '/requests', { childId: id, kind: 'PLACEMENT', weeklyCostPence: -1 }, 400, 'weeklyCostPence'],
      [chair, 'panels', 'POST', `/cases/${id}/decision`, { outcome: 'MAYBE', reason: 'x' }, 400, 'outcome'],
      [chair, 'panels', 'POST', `/cases/${id}/decision`, { outcome: 'APPROVED', reason: 'x' }, 404],
      [chair, 'panels', 'GET', '/cases/not-a-uuid', undefined, 400],
      [
        commissioner,
        'commissioning',
        'POST',
        `/searches/${id}/offers`,
        { settingId: id, weeklyFeePence: 0, startDate: '2026-13-01' },
        400,
        'startDate',
      ],
      [commissioner, 'commissioning', 'POST', `/offers/${id}/award`, { plannedEndDate: 'soon' }, 400, 'plannedEndDate'],
      [finance, 'finance', 'POST', '/budgets', { financialYear: 2026, category: 'CASTLES_EXTERNAL', amountPence: 1.5 }, 400, 'category'],
      [finance, 'finance', 'GET', '/forecast?financialYear=twenty', undefined, 400, 'financialYear'],
    ];
    for (const [who, service, method, path, body, status, field] of cases) {
      const r = await who(service, method, path, body);
      expect(r.status, `${method} ${service}${path}: ${JSON.stringify(r.body)}`).toBe(status);
      if (field) expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    for (const service of ['referrals', 'panels', 'commissioning', 'finance'] as const) {
      const huge = JSON.stringify({ blob: 'x'.repeat(1_000_000) });
      const r = await finance(service, 'POST', '/budgets', undefined, huge);
      expect(r.status, service).toBe(413);
      const malformed = await finance(service, 'POST', '/budgets', undefined, '{"financialYear": 20');
      expect([400, 403, 404], service).toContain(malformed.status);
    }
    const errors = p.logs.filter((l) => /"statusCode":5\d\d|unhandled error/.test(l));
    expect(errors).toEqual([]);
  });
});

describe('starting', () => {
  it('refuses to start on bad configuration, naming each variable, and exits 1', async () => {
    const { spawn } = await import('node:child_process');
    const env: Record<string, string | undefined> = { ...process.env, ...p.env.referrals, PORT: 'eighty', REDIS_URL: 'http://not-redis' };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['dist/main.js'], { cwd: `${ROOT}/apps/referrals`, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(err).toMatch(/DATABASE_URL: is required but not set/);
    expect(err).toMatch(/PORT: /);
    expect(err).toMatch(/REDIS_URL: must be a redis:\/\/ URL/);
  });
});

describe('the ops board', () => {
  it("shows each service's queues on Bull Board to the deployment's operator only, through a board session cookie", async () => {
    for (const service of ['referrals', 'finance'] as const) {
      const url = p.services[service].url;
      const board = (cookie?: string) => fetch(`${url}/ops/board`, { headers: cookie ? { cookie } : {} });
      const session = async (roles: Role[]) =>
        fetch(`${url}/ops/board/session`, {
          method: 'POST',
          headers: { authorization: `Bearer ${await p.issuer.token({ sub: roles.join('+'), roles })}` },
        });
      expect((await board()).status).toBe(401);
      expect((await session(['finance'])).status).toBe(403);
      // A council's ops administrator uses /ops/queue (scoped to the council); the board is the deployment operator's.
      expect((await session(['ops'])).status).toBe(403);
      const opened = await session(['ops:deployment']);
      expect(opened.status).toBe(204);
      const cookie = opened.headers.get('set-cookie')!;
      expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
      const page = await board(cookie.split(';')[0]);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<base href="/ops/board/"');
      const api = await fetch(`${url}/ops/board/api/queues`, { headers: { cookie: cookie.split(';')[0]! } });
      // The service's inbox, and its own internal queues (referrals' returns, panels' timers), never another's.
      const names = ((await api.json()) as { queues: { name: string }[] }).queues.map((q) => q.name);
      expect(names).toContain(`${service}-inbox`);
      expect(names.filter((n) => !n.startsWith(`${service}-`))).toEqual([]);
    }
  });
});

describe('shutting down', () => {
  it('drains and exits 0 on SIGTERM', async () => {
    const code = await p.services.panels.stop('SIGTERM');
    expect(code).toBe(0);
    await p.services.panels.restart();
    expect((await fetch(`${p.services.panels.url}/health/ready`)).status).toBe(200);
  });
});
