import 'reflect-metadata';
import { loadEnv } from '@placewise/platform';
import { createTestIssuer, httpCall, startTestApp, testEnv, type TestIssuer } from '@placewise/platform/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { ReferralsEnv } from '../src/env.js';
import { AccessLogView } from '../src/access-log/access-log.views.js';
import { PrismaService } from '../src/prisma.service.js';

const PREFIX = `${process.env.QUEUE_PREFIX ?? 'test-referrals'}:access-${randomUUID().slice(0, 8)}`;
const LA = `access-${randomUUID().slice(0, 6)}`;
let app: INestApplication;
let base: string;
let issuer: TestIssuer;
let prisma: PrismaService;
let sw: string;
let tm: string;
let auditor: string;

const call = (method: string, path: string, token: string, body?: unknown) => httpCall(base, { method, path, body, token });

async function log(query = '', token = auditor) {
  const r = await call('GET', `/access-log${query}`, token);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return AccessLogView.strict().parse(r.body);
}

beforeAll(async () => {
  issuer = await createTestIssuer();
  const env = loadEnv(ReferralsEnv, testEnv({ databaseUrl: inject('databaseUrl'), schema: 'referrals', issuer, prefix: PREFIX }));
  ({ app, url: base } = await startTestApp(AppModule.forRoot(env)));
  prisma = app.get(PrismaService);
  sw = await issuer.token({ sub: 'sw.access', name: 'Sam Worker', roles: ['social-worker'], la: LA });
  tm = await issuer.token({ sub: 'tm.access', name: 'Tia Manager', roles: ['approver:AD'], la: LA });
  auditor = await issuer.token({ sub: 'dpo.access', name: 'Dee Auditor', roles: ['auditor'], la: LA });
});

afterAll(async () => {
  await app?.close();
});

describe('the access log', () => {
  it("writes who read which child's personal data, when and through what; the auditor reads it newest first", async () => {
    const ids: string[] = [];
    for (const [givenName, dateOfBirth] of [
      ['Ada', '2012-03-04'],
      ['Ben', '2013-05-06'],
    ] as const) {
      const r = await call('POST', '/children', sw, { givenName, familyName: 'Logged', dateOfBirth });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids.push(r.body.id as string);
    }
    const [ada, ben] = ids as [string, string];
    // Writing a child is not a read of them.
    expect((await log()).total).toBe(0);

    const before = Date.now();
    expect((await call('GET', `/children/${ada}`, sw)).status).toBe(200);
    expect((await call('GET', `/children/${ada}/record`, tm)).status).toBe(200);
    expect((await call('GET', '/children?take=50', tm)).status).toBe(200);
    // A refused read (another council's child, or no such child) reads nothing and logs nothing.
    expect((await call('GET', `/children/${randomUUID()}`, sw)).status).toBe(404);

    const all = await log();
    expect(all.total).toBe(4);
    expect(all.entries.map((e) => [e.who, e.child.name, e.through])).toEqual([
      // The list logs each child it showed, in one statement (the later row first).
      ['Tia Manager', 'Ben Logged', 'the list of children'],
      ['Tia Manager', 'Ada Logged', 'the list of children'],
      ['Tia Manager', 'Ada Logged', "the child's looked-after record"],
      ['Sam Worker', 'Ada Logged', "the child's details"],
    ]);
    expect(all.entries.at(-1)!.roles).toEqual(['social worker']);
    expect(all.entries.every((e) => Date.parse(e.at) >= before - 1000 && Date.parse(e.at) <= Date.now())).toBe(true);
    // Nothing on the auditor's page is a code or a user id.
    expect(JSON.stringify(all.entries.map(({ child: { id: _id, ...c }, ...e }) => ({ ...e, c })))).not.toMatch(
      /sw\.access|tm\.access|CHILDREN_LIST|approver:/,
    );

    // By child, by person, by day (Europe/London).
    expect((await log(`?child=${ben}`)).entries.map((e) => e.through)).toEqual(['the list of children']);
    expect((await log('?actor=sw.access')).total).toBe(1);
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
    expect((await log(`?from=${today}&to=${today}`)).total).toBe(4);
    expect((await log('?from=2020-01-01&to=2020-01-02')).total).toBe(0);
    // Reading the log is not itself a read of a child's personal data, and the log is kept per row, not overwritten.
    expect(await prisma.personalDataAccess.count({ where: { localAuthority: LA } })).toBe(4);
  });

  it('is for the auditor alone, and each council sees only its own', async () => {
    expect((await call('GET', '/access-log', sw)).status).toBe(403);
    expect((await call('GET', '/access-log', tm)).status).toBe(403);
    const elsewhere = await issuer.token({ sub: 'dpo.elsewhere', roles: ['auditor'], la: `${LA}-other` });
    expect((await log('', elsewhere)).total).toBe(0);
  });

  it('refuses a bad query with the field and reason', async () => {
    for (const [q, field] of [
      ['?child=nope', 'child'],
      ['?from=0000-01-01', 'from'],
      ['?from=2026-02-30', 'from'],
      ['?from=2026-03-02&to=2026-03-01', 'to'],
      ['?take=0', 'take'],
      ['?unknown=1', ''],
    ] as const) {
      const r = await call('GET', `/access-log${q}`, auditor);
      expect(r.status, q).toBe(400);
      if (field) expect(JSON.stringify(r.body.errors), q).toContain(field);
    }
  });
});
