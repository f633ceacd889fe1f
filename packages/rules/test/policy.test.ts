import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  DEFAULT_POLICY,
  evaluate,
  policyHash,
  PolicyValidationError,
  validatePolicy,
  type PolicyIssue,
} from '../src/index.js';
import { facts } from './fixtures.js';

function refused(input: unknown): PolicyIssue[] {
  try {
    validatePolicy(input);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyValidationError);
    return (e as PolicyValidationError).issues;
  }
  throw new Error('policy was accepted');
}

describe('council policy validation', () => {
  it('the default policy is valid, frozen and hashed', () => {
    expect(validatePolicy({})).toEqual(DEFAULT_POLICY);
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY.bandRoutes.B)).toBe(true);
    expect(policyHash(DEFAULT_POLICY)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a partial policy is laid over the defaults', () => {
    const p = validatePolicy({ costBands: { aMaxWeeklyPence: 90_000 }, bandRoutes: { B: { approver: 'AD' } } });
    expect(p.costBands).toEqual({ aMaxWeeklyPence: 90_000, bMaxWeeklyPence: 500_000, cMaxWeeklyPence: 999_999 });
    expect(p.bandRoutes.B).toEqual({ approver: 'AD', panel: 'PLACEMENT_RESOURCES' });
  });

  // Each row: a policy -> the reason it is refused.
  const lawWeakening: [string, unknown, string, RegExp][] = [
    [
      'switching off a statutory block',
      { disabledRules: ['stat.block.u16_other_arrangements'] },
      'disabledRules.0',
      /statutory rule and cannot be switched off/,
    ],
    ['switching off the placement plan rule', { disabledRules: ['stat.placement_plan'] }, 'disabledRules.0', /statutory/],
    ['a team manager as nominated officer', { nominatedOfficer: 'TM' }, 'nominatedOfficer', /senior officer/],
    [
      'placement with parents approved by a service manager',
      { placementWithParentsApprover: 'SM' },
      'placementWithParentsApprover',
      /nominated officer/,
    ],
    [
      'lowering at-distance approval below the DCS',
      { statutoryApproverOverrides: { 'stat.at_distance': 'AD' } },
      'statutoryApproverOverrides.stat.at_distance',
      /requires at least DCS/,
    ],
    [
      'lowering out-of-area approval below the nominated officer',
      { statutoryApproverOverrides: { 'stat.out_of_area': 'HOS' } },
      'statutoryApproverOverrides.stat.out_of_area',
      /requires at least AD/,
    ],
    [
      '7 working days for the placement plan',
      { tightenedDeadlines: { 'deadline.placement_plan': 7 } },
      'tightenedDeadlines.deadline.placement_plan',
      /at most 5 workingDays/,
    ],
    [
      '25 working days for the first review',
      { tightenedDeadlines: { 'deadline.first_review': 25 } },
      'tightenedDeadlines.deadline.first_review',
      /at most 20/,
    ],
    [
      '20 weeks of temporary connected-person approval',
      { tightenedDeadlines: { 'deadline.connected_person_temp': 20 } },
      'tightenedDeadlines.deadline.connected_person_temp',
      /at most 16 weeks/,
    ],
  ];
  it.each(lawWeakening)('refuses %s: the law cannot be weakened', (_case, input, path, message) => {
    const issues = refused(input);
    expect(issues).toContainEqual({ path, code: 'WEAKENS_LAW', message: expect.stringMatching(message) });
  });

  const invalid: [string, unknown, string, RegExp][] = [
    ['not an object', 'strict', '', /JSON object/],
    [
      'an approver override keyed to a statutory block',
      { statutoryApproverOverrides: { 'stat.block.u16_other_arrangements': 'DCS' } },
      'statutoryApproverOverrides.stat.block.u16_other_arrangements',
      /statutory block: the law bars the request whoever approves/,
    ],
    ['an unknown setting (typo)', { costBand: {} }, '', /Unrecognized key/i],
    ['an unknown approver tier', { minimumApprover: 'BOSS' }, 'minimumApprover', /.+/],
    ['a negative threshold', { costBands: { aMaxWeeklyPence: -1 } }, 'costBands.aMaxWeeklyPence', /.+/],
    ['bands out of order', { costBands: { aMaxWeeklyPence: 600_000 } }, 'costBands', /must rise/],
    [
      'band C approver below band B',
      { bandRoutes: { C: { approver: 'SM', panel: null } } },
      'bandRoutes.C.approver',
      /never lower the approver/,
    ],
    [
      'band B approver below in-house band A',
      { bandRoutes: { A_IN_HOUSE: { approver: 'AD', panel: null } } },
      'bandRoutes.B.approver',
      /never lower/,
    ],
    ['disabling a rule that does not exist', { disabledRules: ['local.nope'] }, 'disabledRules.0', /no local rule/],
    ['switching off a cost band', { disabledRules: ['local.band.C'] }, 'disabledRules.0', /cannot be switched off/],
    ['a panel missing from the precedence', { panelPrecedence: ['GATEWAY', 'HIGH_COST'] }, 'panelPrecedence', /exactly once/],
    ['office hours the wrong way round', { officeHours: { start: '17:00', end: '09:00' } }, 'officeHours', /before end/],
    ['escalation for an unknown deadline', { escalations: { 'deadline.nope': ['HOS'] } }, 'escalations.deadline.nope', /no deadline/],
    ['escalation to nobody', { escalations: { 'deadline.placement_plan': [] } }, 'escalations.deadline.placement_plan', /.+/],
    [
      'tightening a local deadline through the statutory setting',
      { tightenedDeadlines: { 'deadline.retrospective_approval': 5 } },
      'tightenedDeadlines.deadline.retrospective_approval',
      /no deadline|not a statutory/,
    ],
    [
      'changing a court-set deadline (EPO)',
      { tightenedDeadlines: { 'deadline.epo': 5 } },
      'tightenedDeadlines.deadline.epo',
      /set by statute or the court/,
    ],
    [
      'a warning after the placement plan deadline',
      { deadlines: { placementPlanWarnWorkingDays: 6 } },
      'deadlines.placementPlanWarnWorkingDays',
      /.+/,
    ],
  ];
  it.each(invalid)('refuses %s', (_case, input, path, message) => {
    const issues = refused(input);
    expect(
      issues.some((i) => i.path === path && i.code === 'INVALID' && message.test(i.message)),
      JSON.stringify(issues),
    ).toBe(true);
  });

  it('lists every reason at once', () => {
    const issues = refused({
      nominatedOfficer: 'SW',
      disabledRules: ['stat.reviews', 'local.stability_review'],
      costBands: { bMaxWeeklyPence: 50_000 },
    });
    expect(issues.map((i) => [i.path, i.code])).toEqual(
      expect.arrayContaining([
        ['nominatedOfficer', 'WEAKENS_LAW'],
        ['disabledRules.0', 'WEAKENS_LAW'],
        ['costBands', 'INVALID'],
      ]),
    );
    expect(issues.find((i) => i.path === 'disabledRules.1')).toBeUndefined(); // local rules may be switched off
  });

  it('the error message reads as a list of reasons', () => {
    try {
      validatePolicy({ disabledRules: ['stat.at_distance'] });
    } catch (e) {
      expect((e as Error).message).toContain('[WEAKENS_LAW] disabledRules.0: "stat.at_distance" is a statutory rule');
      expect((e as PolicyValidationError).weakensLaw).toBe(true);
    }
  });

  it('tightening and raising are allowed', () => {
    const p = validatePolicy({
      tightenedDeadlines: { 'deadline.placement_plan': 3, 'deadline.first_review': 15 },
      statutoryApproverOverrides: { 'stat.out_of_area': 'DCS', 'stat.ks4_disruption': 'AD' },
    });
    expect(p.tightenedDeadlines['deadline.placement_plan']).toBe(3);
  });
});

describe('policy hash', () => {
  it('is the sha256 of canonical JSON: key order does not matter', () => {
    const a = validatePolicy({ costBands: { aMaxWeeklyPence: 90_000, bMaxWeeklyPence: 400_000 } });
    const b = validatePolicy({ costBands: { bMaxWeeklyPence: 400_000, aMaxWeeklyPence: 90_000 } });
    expect(policyHash(a)).toBe(policyHash(b));
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
  });

  it('changes when any setting changes, and travels in the outcome', async () => {
    const p = validatePolicy({ stabilityReviewMoves: 3 });
    expect(policyHash(p)).not.toBe(policyHash(DEFAULT_POLICY));
    const o1 = await evaluate(facts({}), p);
    const o2 = await evaluate(facts({}));
    expect(o1.policyHash).toBe(policyHash(p));
    expect(o2.policyHash).toBe(policyHash(DEFAULT_POLICY));
  });

  it('an unvalidated policy object handed to evaluate is validated first', async () => {
    const weakened = { ...structuredClone(DEFAULT_POLICY), disabledRules: ['stat.block.u16_other_arrangements'] };
    await expect(evaluate(facts({}), weakened)).rejects.toBeInstanceOf(PolicyValidationError);
  });

  it('re-evaluating with the pinned rule-set version gives the same outcome; an unknown version is refused', async () => {
    const o = await evaluate(facts({ urgency: 'EMERGENCY', placedAt: '2026-12-18' }));
    expect(
      await evaluate(facts({ urgency: 'EMERGENCY', placedAt: '2026-12-18' }), undefined, { ruleSetVersion: o.ruleSetVersion }),
    ).toEqual(o);
    await expect(evaluate(facts({}), undefined, { ruleSetVersion: '1999.1.0' })).rejects.toThrow(/unknown rule set version/);
  });
});
