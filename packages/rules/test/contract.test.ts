import { describe, expect, it } from 'vitest';
import { DeadlinePurpose, RoutedOutcome, RoutedOutcomeV2 } from '@placewise/contracts';
import { deadlinePurposeOf, evaluate, getRuleSet, RULE_SET_VERSION, type RulesOutcome } from '../src/index.js';
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
      const routedV2: RoutedOutcomeV2 = o; // version 2: every deadline with its purpose
      expect(RoutedOutcomeV2.parse(routedV2)).toBeTruthy();
      for (const d of o.deadlines) expect(d.purpose, d.id).toBe(deadlinePurposeOf(d.id));
      expect(o.ruleSetVersion).toBe(RULE_SET_VERSION);
      expect(o.policyHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});

describe('what each deadline is for', () => {
  const rs = getRuleSet();
  const specs = [...rs.statutory.rules, ...rs.local.rules].flatMap((r) => r.event.params.deadlines ?? []);

  it('every deadline in the rule sets has a purpose from the closed set, the same wherever its id appears', () => {
    expect(specs.length).toBeGreaterThan(10);
    const byId = new Map<string, string>();
    for (const d of specs) {
      expect(DeadlinePurpose.safeParse(d.purpose).success, d.id).toBe(true);
      expect(byId.get(d.id) ?? d.purpose, d.id).toBe(d.purpose);
      byId.set(d.id, d.purpose);
    }
  });

  it('looks up the purpose of a deadline by its id (for outcomes made before deadlines carried it)', () => {
    expect(deadlinePurposeOf('deadline.retrospective_approval')).toBe('RATIFICATION');
    expect(deadlinePurposeOf('deadline.retrospective_approval', RULE_SET_VERSION)).toBe('RATIFICATION');
    expect(deadlinePurposeOf('deadline.first_visit')).toBe('VISIT');
    expect(deadlinePurposeOf('deadline.first_review')).toBe('REVIEW');
    expect(deadlinePurposeOf('deadline.placement_plan')).toBe('PLACEMENT_PLAN');
    expect(deadlinePurposeOf('deadline.no_such_thing')).toBeUndefined();
    // an unknown rule-set version falls back to every version kept
    expect(deadlinePurposeOf('deadline.epo', 'test-1')).toBe('LEGAL_AUTHORITY');
  });

  it('an emergency placement gets a ratification deadline for its retrospective approval', async () => {
    const o = await evaluate(
      facts({
        urgency: 'EMERGENCY',
        placedAt: '2026-03-28',
        placementType: 'PRIVATE_CHILDRENS_HOME',
        provision: 'EXTERNAL',
        weeklyCostPence: gbp(7000),
      }),
    );
    expect(o.deadlines.filter((d) => d.purpose === 'RATIFICATION').map((d) => d.id)).toEqual(['deadline.retrospective_approval']);
  });
});
