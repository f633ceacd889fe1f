import 'reflect-metadata';
import { NotFoundException, type INestApplication } from '@nestjs/common';
import { asDate, londonToday } from '@placewise/contracts/dates';
import { loadEnv } from '@placewise/platform';
import { createTestIssuer, httpCall, startTestApp, testEnv, type TestIssuer } from '@placewise/platform/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { ReferralsEnv } from '../src/env.js';
import { ExitsRepository } from '../src/exits/exits.repository.js';
import { PrismaService } from '../src/prisma.service.js';
import { RequestsRepository } from '../src/requests/requests.repository.js';

/** Under the run's QUEUE_PREFIX (vitest.config.ts), so the global teardown removes every key this file makes. */
const PREFIX = `${process.env.QUEUE_PREFIX ?? 'test-referrals'}:scope-${randomUUID().slice(0, 8)}`;
const OURS = `scope-a-${randomUUID().slice(0, 6)}`;
const THEIRS = `scope-b-${randomUUID().slice(0, 6)}`;
let app: INestApplication;
let base: string;
let issuer: TestIssuer;
let sw: string;
let manager: string;

const call = (method: string, path: string, body?: unknown, token = sw) => httpCall(base, { method, path, body, token });

beforeAll(async () => {
  issuer = await createTestIssuer();
  const env = loadEnv(ReferralsEnv, testEnv({ databaseUrl: inject('databaseUrl'), schema: 'referrals', issuer, prefix: PREFIX }));
  ({ app, url: base } = await startTestApp(AppModule.forRoot(env)));
  sw = await issuer.token({ sub: 'sw.scope', roles: ['social-worker'], la: OURS });
  manager = await issuer.token({ sub: 'hos.scope', roles: ['approver:HOS'], la: OURS });
});

afterAll(async () => {
  await app?.close();
});

describe("a write naming another council's row", () => {
  it('changes nothing, in every repository that writes', async () => {
    const prisma = app.get(PrismaService);
    const requests = app.get(RequestsRepository);
    const exits = app.get(ExitsRepository);
    const childId = (await call('POST', '/children', { givenName: 'Scope', familyName: 'Test', dateOfBirth: '2012-03-04' })).body.id;
    const request = await call('POST', '/requests', {
      childId,
      kind: 'PLACEMENT',
      legalStatus: 'CO_S31',
      placementType: 'IFA_FOSTER',
      provision: 'EXTERNAL',
      weeklyCostPence: 95_000,
      location: 'IN_AREA',
      urgency: 'PLANNED',
    });
    expect(request.status).toBe(201);
    const plan = await call('PUT', `/children/${childId}/care-plan`, {
      permanencePlan: 'REUNIFICATION',
      exitRoute: 'REUNIFICATION',
      reason: 'plan',
    });
    expect(plan.status).toBe(200);
    const step = await call('POST', `/children/${childId}/exit-steps`, {
      kind: 'ASSESSMENT',
      description: 'Parenting assessment',
      owner: 'sw.scope',
      dueDate: londonToday(),
    });
    expect(step.status).toBe(201);
    const reunification = await call('POST', `/children/${childId}/reunifications`, {});
    expect(reunification.status).toBe(201);
    const month = londonToday().slice(0, 7);
    expect((await call('PUT', `/exits/targets/${month}`, { exits: 7 }, manager)).status).toBe(200);

    const refused = expect.any(NotFoundException);
    await expect(
      prisma.$transaction((tx) =>
        requests.transition(
          tx,
          { id: request.body.id, localAuthority: THEIRS, status: 'SUBMITTED' },
          { toStatus: 'APPROVED', actor: 'intruder', note: 'approve' },
        ),
      ),
    ).rejects.toEqual(refused);
    await expect(prisma.$transaction((tx) => exits.updateCarePlan(THEIRS, childId, { exitRoute: 'ADOPTION' }, tx))).rejects.toEqual(
      refused,
    );
    await expect(exits.completeStep(THEIRS, step.body.id, new Date())).rejects.toEqual(refused);
    await expect(
      prisma.$transaction((tx) =>
        exits.advanceReunification(tx, THEIRS, reunification.body.id, 'PLAN', asDate(londonToday()), null, 'intruder'),
      ),
    ).rejects.toEqual(refused);
    await exits.setTarget(THEIRS, asDate(`${month}-01`), 99, 'intruder');

    const got = (await call('GET', `/requests/${request.body.id}`)).body;
    expect(got.status).toBe('SUBMITTED');
    expect(got.history).toHaveLength(1);
    expect((await call('GET', `/children/${childId}/care-plan`)).body.exitRoute).toBe('REUNIFICATION');
    const planning = (await call('GET', `/exits/discharge-planning?month=${month}`)).body;
    expect(planning.target).toBe(7);
    const r = (await call('GET', `/reunifications/${reunification.body.id}`)).body;
    expect(r.stage).toBe('ASSESSMENT');
    expect(r.stages).toHaveLength(1);
    expect((await prisma.exitStep.findFirstOrThrow({ where: { id: step.body.id } })).doneAt).toBeNull();
  });
});
