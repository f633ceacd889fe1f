import { describe, expect, it } from 'vitest';
import { RoutedOutcome } from '@placewise/contracts';
import { evaluate, RULE_SET_VERSION, type RulesOutcome } from '../src/index.js';
import { facts, gbp } from './fixtures.js';

describe('the outcome travels in events as contracts RoutedOutcome', () => {
  it('is assignable (compile time) and parses (run time), across the kinds of request', async () => {
    const requests = [
      facts({}),
      facts({
        urgency: 'EMERGENCY',
        placedAt: '2026-03-28',
        location: 'OUT_OF_AREA_AT_DISTANCE',
        placementType: 'PRIVATE_CHILDRENS_HOME',
        provision: 'EXTERNAL',
        weeklyCostPence: gbp(7000),
      }),
      facts({
        kind: 'ENTRY_TO_CARE',
        legalStatus: 'PP_S46',
        urgency: 'EMERGENCY',
        submittedAt: '2026-10-24T23:00:00+01:00',
        placedAt: '2026-10-24',
      }),
      facts({ kind: 'EXIT' }),
    ];
    for (const f of requests) {
      const o: RulesOutcome = await evaluate(f);
      const routed: RoutedOutcome = o; // structural assignability
      expect(RoutedOutcome.parse(routed)).toBeTruthy();
      expect(o.ruleSetVersion).toBe(RULE_SET_VERSION);
      expect(o.policyHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
