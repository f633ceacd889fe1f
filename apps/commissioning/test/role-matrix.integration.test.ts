import 'reflect-metadata';
import { loadEnv } from '@placewise/platform';
import {
  createTestIssuer,
  matrixToken,
  roleMatrix,
  startTestApp,
  testEnv,
  type RoleMatrixDocument,
  type TestIssuer,
} from '@placewise/platform/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { CommissioningEnv } from '../src/env.js';
import { QUEUE_PREFIX } from './queue-prefix.js';

/**
 * Every route of commissioning's OpenAPI document, as every role, in its own council and another: the
 * roles each route takes are read from the document's `x-roles`, which @Roles writes (nothing listed here).
 */
const PREFIX = `${QUEUE_PREFIX}:matrix-${randomUUID().slice(0, 8)}`;
let app: INestApplication;
let base = '';
let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await createTestIssuer();
  const env = loadEnv(CommissioningEnv, testEnv({ databaseUrl: inject('databaseUrl'), schema: 'commissioning', issuer, prefix: PREFIX }));
  ({ app, url: base } = await startTestApp(AppModule.forRoot(env)));
});
afterAll(async () => {
  await app?.close();
});

describe('the role matrix', () => {
  it('refuses each route to the roles its @Roles does not name, and never to those it does', async () => {
    const doc = (await (await fetch(`${base}/docs/openapi.json`)).json()) as RoleMatrixDocument;
    const token = matrixToken(issuer);
    const { checked, findings } = await roleMatrix(doc, { base, token, la: 'matrixmoor', otherLa: 'elsewhere' });
    expect(findings).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  }, 300_000);
});
