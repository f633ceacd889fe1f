import 'reflect-metadata';
import {
  clearQueues,
  createTestIssuer,
  matrixToken,
  roleMatrix,
  settledJob,
  type RoleMatrixDocument,
  type TestIssuer,
} from '@placewise/platform/testing';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TIMERS_QUEUE } from '../src/timers/timers.service.js';
import { INBOX, REDIS, client, requestSubmitted, startPanels, testPrefix } from './support/harness.js';

/**
 * Every route of panels' OpenAPI document, as every role, in its own council and another: the roles
 * each route takes are read from the document's `x-roles`, which @Roles writes (nothing listed here).
 */
const LA = 'matrixmoor';
const PREFIX = testPrefix('matrix');
let app: INestApplication;
let base = '';
let issuer: TestIssuer;
let inbox: Queue;
const call = client(() => base);
const known: Record<string, string> = {};

beforeAll(async () => {
  issuer = await createTestIssuer();
  ({ app, url: base } = await startPanels({
    databaseUrl: inject('databaseUrl'),
    issuer,
    prefix: PREFIX,
    env: { TIMER_SWEEP_MS: '60000' },
  }));
  inbox = new Queue(INBOX, { connection: REDIS, prefix: PREFIX });
  const admin = await issuer.token({ sub: 'admin.m', roles: ['panel-admin'], la: LA });
  const auditor = await issuer.token({ sub: 'auditor.m', roles: ['auditor'], la: LA });
  const panel = await call('POST', '/panels', admin, {
    name: 'Placement and Resources Panel',
    type: 'PLACEMENT_RESOURCES',
    members: [
      { userId: 'chair.m', name: 'Chair', role: 'CHAIR' },
      { userId: 'member.m', name: 'Member', role: 'SOCIAL_CARE' },
      { userId: 'member2.m', name: 'Member Two', role: 'EDUCATION' },
    ],
  });
  expect(panel.status).toBe(201);
  const event = requestSubmitted(LA, { approver: 'AD', panel: 'PLACEMENT_RESOURCES' });
  await inbox.add(event.type, event, { jobId: event.id });
  expect((await settledJob(inbox, event.id)).returnvalue).toBe('applied');
  const sitting = await call('POST', `/panels/${panel.body.id}/sittings`, admin, {
    startsAt: new Date(Date.now() + 3_600_000).toISOString(),
    reason: 'the matrix',
  });
  expect(sitting.status).toBe(201);
  const c = (await call('GET', `/cases?requestId=${event.payload.requestId}`, auditor)).body[0];
  Object.assign(known, {
    '/panels/{id}': `/panels/${panel.body.id}`,
    '/panels/{id}/sittings': `/panels/${panel.body.id}/sittings`,
    '/sittings/{id}': `/sittings/${sitting.body.id}`,
    '/sittings/{id}/minutes': `/sittings/${sitting.body.id}/minutes`,
    '/sittings/{id}/minutes.md': `/sittings/${sitting.body.id}/minutes.md`,
    '/sittings/{id}/audit': `/sittings/${sitting.body.id}/audit`,
    '/cases/{id}': `/cases/${c.id}`,
    '/cases/{id}/audit': `/cases/${c.id}/audit`,
    '/cases/{id}/letter': `/cases/${c.id}/letter`,
  });
});

afterAll(async () => {
  await app?.close();
  await inbox?.close();
  await clearQueues(PREFIX, [INBOX, TIMERS_QUEUE]);
});

describe('the role matrix', () => {
  it("refuses each route to the roles its @Roles does not name, never to those it does, and keeps another council's records 404", async () => {
    const doc = (await (await fetch(`${base}/docs/openapi.json`)).json()) as RoleMatrixDocument;
    const withRoles = Object.values(doc.paths)
      .flatMap((ops) => Object.values(ops))
      .filter((op) => op['x-roles']?.length);
    expect(withRoles.length).toBeGreaterThan(20); // the document carries the roles (the check itself can fail)
    const token = matrixToken(issuer);
    const { checked, findings } = await roleMatrix(doc, { base, token, la: LA, otherLa: 'elsewhere', known });
    expect(findings).toEqual([]);
    expect(checked).toBeGreaterThan(500);

    // The check can fail: a document that says the auditor may not read a case, or that the case is
    // another council's to read, is contradicted by the service.
    const tampered: RoleMatrixDocument = {
      paths: { '/cases/{id}': { get: { ...doc.paths['/cases/{id}']!.get!, 'x-roles': ['panel-admin'] } } },
    };
    const found = (
      await roleMatrix(tampered, { base, token, la: LA, otherLa: 'elsewhere', known: { '/cases/{id}': known['/cases/{id}']! } })
    ).findings;
    expect(found).toEqual(
      expect.arrayContaining([expect.stringMatching(/^GET \/cases\/\{id\} as auditor of the council: 404 \(expected 403/)]),
    );
    const leaky = (await roleMatrix(tampered, { base, token, la: LA, otherLa: LA, known: { '/cases/{id}': known['/cases/{id}']! } }))
      .findings;
    expect(leaky).toEqual(expect.arrayContaining([expect.stringMatching(/as panel-admin of the council: 200 \(expected 404/)]));
  }, 120_000);
});
