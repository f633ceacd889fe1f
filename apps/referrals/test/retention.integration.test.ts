import 'reflect-metadata';
import { loadEnv } from '@placewise/platform';
import {
  clearQueues,
  createTestIssuer,
  eventually,
  httpCall,
  startTestApp,
  testEnv,
  TEST_REDIS_URL,
  type TestIssuer,
} from '@placewise/platform/testing';
import type { INestApplication } from '@nestjs/common';
import { addCalendarDays, asDate, londonToday } from '@placewise/contracts/dates';
import { ChildErasedV1, INBOXES } from '@placewise/contracts';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Prisma } from '../generated/client/index.js';
import { AppModule } from '../src/app.module.js';
import { ReferralsEnv } from '../src/env.js';
import { PrismaService } from '../src/prisma.service.js';
import { RETENTION_QUEUE } from '../src/retention/retention.queue.js';
import { KEPT_AFTER_ERASURE } from '../src/retention/retention.repository.js';
import { RetentionService } from '../src/retention/retention.service.js';
import { DueView, RemovalsView, RetentionPolicyView } from '../src/retention/retention.views.js';

const PREFIX = `${process.env.QUEUE_PREFIX ?? 'test-referrals'}:retention-${randomUUID().slice(0, 8)}`;
const LA = `retention-${randomUUID().slice(0, 6)}`;
const apps: INestApplication[] = [];
let base: string;
let issuer: TestIssuer;
let prisma: PrismaService;
let sw: string;
let auditor: string;
let dcs: string;
let retentionQueue: Queue;

const call = (method: string, path: string, token: string, body?: unknown) => httpCall(base, { method, path, body, token });

async function child(givenName: string, dateOfBirth: string, lookedAfterFrom?: string): Promise<string> {
  const r = await call('POST', '/children', sw, { givenName, familyName: 'Kept', dateOfBirth });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const id = r.body.id as string;
  if (lookedAfterFrom) {
    const ls = await call('POST', `/children/${id}/legal-status`, sw, {
      status: 'ICO_S38',
      date: lookedAfterFrom,
      reason: 'Interim care order granted',
    });
    expect(ls.status, JSON.stringify(ls.body)).toBe(200);
  }
  // A read, so the access log names the child too.
  expect((await call('GET', `/children/${id}`, sw)).status).toBe(200);
  return id;
}

/** Every row of every table that names a child, for this child (the schema's list, so nothing is missed). */
async function rowsNaming(childId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const m of Prisma.dmmf.datamodel.models) {
    if (m.name in KEPT_AFTER_ERASURE) continue;
    const table = m.dbName ?? m.name;
    const col = m.name === 'Child' ? 'id' : m.fields.find((f) => f.name === 'childId')?.dbName;
    const arr = m.fields.find((f) => f.name === 'childIds')?.dbName;
    if (!col && !arr) continue;
    const where = col ? `"${col}" = $1::uuid` : `$1::uuid = ANY("${arr}")`;
    const [row] = await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}" WHERE ${where}`, childId);
    out[m.name] = Number(row!.n);
  }
  return out;
}

beforeAll(async () => {
  issuer = await createTestIssuer();
  const env = loadEnv(ReferralsEnv, testEnv({ databaseUrl: inject('databaseUrl'), schema: 'referrals', issuer, prefix: PREFIX }));
  // Two replicas on one database and one Redis.
  for (let i = 0; i < 2; i++) {
    const started = await startTestApp(AppModule.forRoot(env));
    apps.push(started.app);
    base ??= started.url;
  }
  prisma = apps[0]!.get(PrismaService);
  retentionQueue = new Queue(RETENTION_QUEUE, { connection: { url: TEST_REDIS_URL }, prefix: PREFIX });
  // The scheduler's first sweep runs at once on start (nothing is due yet): let it finish before the tests.
  await eventually(async () => ((await retentionQueue.getJobCounts('completed')).completed ?? 0) >= 1);
  sw = await issuer.token({ sub: 'sw.retention', name: 'Sam Worker', roles: ['social-worker'], la: LA });
  auditor = await issuer.token({ sub: 'dpo.retention', name: 'Dee Auditor', roles: ['auditor'], la: LA });
  dcs = await issuer.token({ sub: 'dcs.retention', name: 'Dana Director', roles: ['approver:DCS'], la: LA });
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await retentionQueue?.close();
  await clearQueues(PREFIX, [RETENTION_QUEUE, ...INBOXES.map((q) => q.name)]);
});

describe('retention', () => {
  let old: string;
  let young: string;
  let never: string;
  let exportId: string;

  it('one job scheduler, whichever replica upserted it', async () => {
    const schedulers = await retentionQueue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, Number(s.every)])).toEqual([['retention-sweep', 86_400_000]]);
  });

  it('lists, as a dry run, the children whose retention has ended, and changes nothing', async () => {
    old = await child('Olive', '2008-03-01', '2024-01-10');
    young = await child('Yara', '2010-05-05', '2024-01-10');
    never = await child('Nell', '2012-01-01');
    // Time passes for Olive: no date of birth before 1990 can be entered, so the record is aged in the database.
    await prisma.child.update({ where: { id: old }, data: { dateOfBirth: asDate('1950-03-01') } });
    // A return already produced that included two of them.
    exportId = randomUUID();
    await prisma.returnExport.create({
      data: {
        id: exportId,
        localAuthority: LA,
        collectionYear: 2025,
        status: 'DONE',
        children: 2,
        file: Buffer.from('zip'),
        childIds: [old, young],
        requestedBy: 'perf',
      },
    });
    const r = await call('GET', '/retention/due', auditor);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const due = DueView.strict().parse(r.body);
    expect(due.today).toBe(londonToday());
    expect(due.children).toEqual([expect.objectContaining({ childId: old, rule: 'LOOKED_AFTER' })]);
    expect(due.children[0]!.why).toMatch(/75th birthday/);
    // No name or date of birth in it.
    expect(JSON.stringify(due)).not.toMatch(/Olive|1950/);
    expect(Object.values(await rowsNaming(old)).reduce((a, b) => a + b, 0)).toBeGreaterThan(3);
    // Only the auditor.
    expect((await call('GET', '/retention/due', sw)).status).toBe(403);
  });

  it('two replicas sweeping at once erase the child once: every table, one removal row, one event', async () => {
    const before = await rowsNaming(old);
    const counts = await Promise.all(apps.map((a) => a.get(RetentionService).sweep()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    const after = await rowsNaming(old);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    // The other children are untouched.
    expect((await rowsNaming(young)).Child).toBe(1);
    expect((await rowsNaming(never)).Child).toBe(1);

    const removals = await prisma.retentionRemoval.findMany({ where: { localAuthority: LA } });
    expect(removals).toHaveLength(1);
    const removed = removals[0]!.removed as Record<string, number>;
    for (const [table, n] of Object.entries(before)) if (n > 0) expect(removed[table], table).toBe(n);
    expect(removed).toMatchObject({ Child: 1, ChildLegalStatus: 1, PersonalDataAccess: 1, ReturnExport: 1 });

    const events = await prisma.outboxEvent.findMany({ where: { localAuthority: LA, type: 'child.erased' } });
    expect(events).toHaveLength(1);
    const envelope = events[0]!.envelope as { id: string; payload: unknown };
    expect(ChildErasedV1.schema.strict().parse(envelope.payload)).toEqual({ childId: old, requestIds: [] });
    expect(envelope.id).toBe(removals[0]!.eventId);
    expect(JSON.stringify(envelope)).not.toMatch(/Olive|1950-03-01/);
  });

  it('the return already produced keeps its row, loses its file and the child', async () => {
    const row = await prisma.returnExport.findUniqueOrThrow({ where: { id: exportId } });
    expect(row.file).toBeNull();
    expect(row.fileErasedAt).not.toBeNull();
    expect(row.childIds).toEqual([young]);
    expect(row.children).toBe(2);
    const perf = await issuer.token({ sub: 'perf.retention', roles: ['performance'], la: LA });
    const f = await call('GET', `/returns/ssda903/${exportId}/file`, perf);
    expect(f.status).toBe(410);
    expect(JSON.stringify(f.body)).toMatch(/retention/);
  });

  it('the auditor reads the removal log in words, with no name or date of birth', async () => {
    const r = await call('GET', '/retention/removals', auditor);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const log = RemovalsView.strict().parse(r.body);
    expect(log.total).toBe(1);
    expect(log.removals[0]).toMatchObject({ childId: old, rule: 'LOOKED_AFTER' });
    expect(log.removals[0]!.why).toMatch(/Care Planning, Placement and Case Review/);
    expect(log.removals[0]!.removed).toEqual(
      expect.arrayContaining([
        { what: "The child's details and characteristics", table: 'Child', rows: 1 },
        { what: 'Legal statuses', table: 'ChildLegalStatus', rows: 1 },
      ]),
    );
    expect(JSON.stringify(log)).not.toMatch(/Olive|Kept|1950/);
    const today = londonToday();
    expect((await call('GET', `/retention/removals?from=${addCalendarDays(today, 1)}`, auditor)).body.total).toBe(0);
    expect((await call('GET', '/retention/removals', sw)).status).toBe(403);
    // The erased child is gone for every route, subject access included.
    expect((await call('GET', `/subject-access/children/${old}`, auditor)).status).toBe(404);
  });

  it('a sweep run again erases nothing more', async () => {
    expect(await apps[1]!.get(RetentionService).sweep()).toBe(0);
    expect(await prisma.retentionRemoval.count({ where: { localAuthority: LA } })).toBe(1);
  });

  it("a child never looked after waits for the council's policy, then goes that many years after the last decision", async () => {
    const svc = apps[0]!.get(RetentionService);
    const in7Years = new Date(Date.now() + 7 * 366 * 86_400_000);
    // No policy: kept, however late.
    expect(await svc.sweep(in7Years)).toBe(0);
    expect((await call('GET', '/retention/policy', auditor)).body).toMatchObject({ notLookedAfterYears: null, setBy: null });

    for (const [body, field] of [
      [{ notLookedAfterYears: 0 }, 'notLookedAfterYears'],
      [{ notLookedAfterYears: 1.5 }, 'notLookedAfterYears'],
      [{ notLookedAfterYears: '6' }, 'notLookedAfterYears'],
      [{ notLookedAfterYears: 6, extra: 1 }, ''],
      [{}, 'notLookedAfterYears'],
    ] as const) {
      const bad = await call('PUT', '/retention/policy', dcs, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      if (field) expect(JSON.stringify(bad.body)).toContain(field);
    }
    expect((await call('PUT', '/retention/policy', auditor, { notLookedAfterYears: 6 })).status).toBe(403);
    expect(await prisma.retentionPolicy.count({ where: { localAuthority: LA } })).toBe(0);

    const set = await call('PUT', '/retention/policy', dcs, { notLookedAfterYears: 6 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const policy = RetentionPolicyView.strict().parse(set.body);
    expect(policy).toMatchObject({ notLookedAfterYears: 6, setBy: 'Dana Director' });
    expect(policy.rules.map((r) => r.rule)).toEqual(['LOOKED_AFTER', 'DIED_IN_CARE', 'ADOPTED', 'NOT_LOOKED_AFTER']);

    // Today it is not due; seven years on it is, and the looked-after child born in 2010 is still kept.
    expect(await svc.sweep()).toBe(0);
    expect(await svc.sweep(in7Years)).toBe(1);
    expect((await rowsNaming(never)).Child).toBe(0);
    expect((await rowsNaming(young)).Child).toBe(1);
    const log = RemovalsView.parse((await call('GET', '/retention/removals', auditor)).body);
    expect(log.removals.map((r) => [r.childId, r.rule])).toEqual([
      [never, 'NOT_LOOKED_AFTER'],
      [old, 'LOOKED_AFTER'],
    ]);
  });

  it('another council sees none of it', async () => {
    const other = await issuer.token({ sub: 'dpo.other', roles: ['auditor'], la: `other-${LA}` });
    expect((await call('GET', '/retention/removals', other)).body.total).toBe(0);
    expect((await call('GET', '/retention/due', other)).body.total).toBe(0);
  });
});
