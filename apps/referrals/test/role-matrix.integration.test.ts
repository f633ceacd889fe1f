import 'reflect-metadata';
import { matrixToken, roleMatrix, type RoleMatrixDocument } from '@placewise/platform/testing';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { base, call, fosterRequest, issuer, useReferrals } from './support.js';

/**
 * Every route of referrals' OpenAPI document, as every role, in its own council and another: the
 * roles each route takes are read from the document's `x-roles`, which @Roles writes (nothing listed here).
 */
const LA = `matrix-${randomUUID().slice(0, 6)}`;
useReferrals({ name: 'matrix', la: LA, queues: [] });
const known: Record<string, string> = {};

beforeAll(async () => {
  const child = await call('POST', '/children', { givenName: 'Mia', familyName: 'Matrix', dateOfBirth: '2012-03-04' });
  expect(child.status).toBe(201);
  const request = await call('POST', '/requests', fosterRequest(child.body.id));
  expect(request.status).toBe(201);
  const id = child.body.id as string;
  Object.assign(known, {
    '/children/{id}': `/children/${id}`,
    '/children/{id}/record': `/children/${id}/record`,
    '/children/{id}/record/history': `/children/${id}/record/history`,
    '/subject-access/children/{id}': `/subject-access/children/${id}`,
    '/requests/{id}': `/requests/${request.body.id}`,
  });
});

describe('the role matrix', () => {
  it("refuses each route to the roles its @Roles does not name, never to those it does, and keeps another council's records 404", async () => {
    const doc = (await (await fetch(`${base}/docs/openapi.json`)).json()) as RoleMatrixDocument;
    for (const template of Object.keys(known)) expect(doc.paths[template]?.get?.['x-roles'], template).toBeDefined();
    const token = matrixToken(issuer);
    const { checked, findings } = await roleMatrix(doc, { base, token, la: LA, otherLa: `${LA}-other`, known });
    expect(findings).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  }, 300_000);
});
