import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, validatePolicy } from '../src/index.js';
import { factsArb, policyArb } from './arbitraries.js';
import { ALL_ROWS } from './tables.js';
import { facts } from './fixtures.js';

describe('the pre-filter on simple top-level conditions changes nothing but speed', () => {
  it('decision-table rows: same outcome with and without it', async () => {
    for (const row of ALL_ROWS) {
      const policy = row.policy ? validatePolicy(row.policy) : undefined;
      const f = facts(row.facts);
      expect(await evaluate(f, policy, { prefilter: true })).toEqual(await evaluate(f, policy, { prefilter: false }));
    }
  });

  it('random requests and policies: same outcome with and without it', async () => {
    await fc.assert(
      fc.asyncProperty(factsArb, fc.option(policyArb, { nil: undefined }), async (f, p) => {
        const policy = p && validatePolicy(p);
        expect(await evaluate(f, policy, { prefilter: true })).toEqual(await evaluate(f, policy, { prefilter: false }));
      }),
      { numRuns: 400 },
    );
  });
});
