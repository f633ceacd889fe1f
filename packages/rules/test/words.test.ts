import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, RULE_SET_VERSION } from '../src/index.js';
import { factsArb } from './arbitraries.js';
import { facts, gbp } from './fixtures.js';

/**
 * What a person reads in an outcome (its reasons, blocks, gates, warnings, deadlines, escalations,
 * special approvers) is words: no rule id ("local.band.C"), enum code, tier code ("(HOS)") or ISO
 * date. The codes stay in the fields beside the text (ruleId, id, purpose, firedRules).
 */
const CODES: [string, RegExp][] = [
  ['a rule id', /\b(?:stat|local|outcome|gate|deadline|block|warn)\.[a-z0-9_.]+/i],
  ['an enum code', /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/],
  ['a tier code', /\((?:SW|TM|SM|HOS|AD|DCS)\)/],
  ['an ISO date', /\b\d{4}-\d{2}-\d{2}\b/],
];

type Outcome = Awaited<ReturnType<typeof evaluate>>;
const texts = (o: Outcome): string[] => [
  ...o.reasons.map((r) => r.text),
  ...o.blocks.map((b) => b.text),
  ...o.gates.map((g) => g.text),
  ...o.warnings.map((w) => w.text),
  ...o.deadlines.map((d) => d.text),
  ...o.escalations.map((e) => e.text),
  ...o.specialApprovers.map((s) => s.text),
];
const codesIn = (o: Outcome) => texts(o).flatMap((t) => CODES.filter(([, re]) => re.test(t)).map(([what]) => `${what} in: ${t}`));

describe(`an outcome's texts are words (rule set ${RULE_SET_VERSION})`, () => {
  it('the band C summary names the approver and counts the reasons, with the rule ids beside the text', async () => {
    const o = await evaluate(facts({ placementType: 'PRIVATE_CHILDRENS_HOME', provision: 'EXTERNAL', weeklyCostPence: gbp(6000) }));
    expect(o.firedRules.some((r) => r.startsWith('local.band.'))).toBe(true);
    const approver = o.reasons.find((r) => r.ruleId === 'outcome.approver')!.text;
    expect(approver).toMatch(/^Approver: the [a-z' ]+, the highest tier required \(as (one|\d+) of the reasons below asks?\)\.$/i);
    expect(codesIn(o)).toEqual([]);
  });

  it('holds for any request the rules can be asked about', async () => {
    await fc.assert(
      fc.asyncProperty(factsArb, async (f) => {
        expect(codesIn(await evaluate(f))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
