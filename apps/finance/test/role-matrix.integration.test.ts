import 'reflect-metadata';
import { matrixToken, roleMatrix, type RoleMatrixDocument } from '@placewise/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, stopHarness, type Harness } from './support.js';

/**
 * Every route of finance's OpenAPI document, as every role, in its own council and another: the roles
 * each route takes are read from the document's `x-roles`, which @Roles writes (nothing listed here).
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await stopHarness(h);
});

describe('the role matrix', () => {
  it('refuses each route to the roles its @Roles does not name, and never to those it does', async () => {
    const doc = (await (await fetch(`${h.base}/docs/openapi.json`)).json()) as RoleMatrixDocument;
    const token = matrixToken(h.issuer);
    const { checked, findings } = await roleMatrix(doc, { base: h.base, token, la: 'matrixmoor', otherLa: 'elsewhere' });
    expect(findings).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  }, 300_000);
});
