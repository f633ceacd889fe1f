import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, getRuleSet, RULE_SET_VERSION, validatePolicy } from '../src/index.js';
import { TIER_NAMES } from '../src/text.js';
import { factsArb, policyArb } from './arbitraries.js';
import { facts, gbp } from './fixtures.js';

const allText = (version: string) => JSON.stringify([getRuleSet(version).statutory, getRuleSet(version).local]);

describe('the law, exactly (rule set 2026.12.0)', () => {
  it('no citation "to be confirmed" is shown to a panel', () => {
    expect(allText(RULE_SET_VERSION)).not.toMatch(/to be confirmed|needs legal sign-off outside this system/i);
  });

  it('reg 11 at a distance: the Director approves in place of the nominated officer; the consultation duty at reg 11(2)(d)(ii)', async () => {
    const o = await evaluate(
      facts({
        placementType: 'PRIVATE_CHILDRENS_HOME',
        provision: 'EXTERNAL',
        weeklyCostPence: gbp(4500),
        location: 'OUT_OF_AREA_AT_DISTANCE',
      }),
    );
    expect(o.approver).toBe('DCS');
    expect(o.specialApprovers.map((s) => s.role)).not.toContain('NOMINATED_OFFICER');
    expect(o.firedRules).not.toContain('stat.out_of_area');
    expect(o.gates.find((g) => g.id === 'gate.area_authority_consulted')?.regulation).toBe('CPPCR reg 11(2)(d)(ii)');
    expect(o.reasons.find((r) => r.ruleId === 'stat.at_distance')?.text).toMatch(
      /takes the place of the nominated officer's \(reg 11\(1\)\(b\)\)/,
    );
  });

  it("reg 27A: the reason says what the regulation says (the listed settings), and foster care and children's homes are lawful", async () => {
    const blocked = await evaluate(facts({ childAge: 15, placementType: 'SUPPORTED_ACCOM_REGISTERED', provision: 'EXTERNAL' }));
    const reason = blocked.reasons.find((r) => r.ruleId === 'stat.block.u16_other_arrangements')!.text;
    expect(reason).toMatch(/care home, a hospital, a residential family centre, a school .* or a holiday scheme for disabled children/);
    expect(reason).toMatch(/Foster care and children's homes are not 'other arrangements' and are lawful/);
    for (const placementType of ['IFA_FOSTER', 'PRIVATE_CHILDRENS_HOME', 'LA_CHILDRENS_HOME'] as const) {
      const o = await evaluate(facts({ childAge: 12, placementType, provision: 'EXTERNAL' }));
      expect(o.blocked).toBe(false);
    }
  });

  it('a care order ends at 18 (s91(12)): the exit reason says so and asks for no court discharge', async () => {
    const o = await evaluate(facts({ kind: 'EXIT', childAge: 18, effectiveDate: '2026-12-14' }));
    expect(o.gates.map((g) => g.id)).not.toContain('gate.court_discharge');
    expect(o.reasons.find((r) => r.ruleId === 'stat.exit.care_order_ends_at_18')?.text).toMatch(/s91\(12\)/);
  });

  it('reasons never contradict the outcome: no "alone", a block comes first, and the named approver is the outcome\'s', async () => {
    await fc.assert(
      fc.asyncProperty(factsArb, fc.option(policyArb, { nil: undefined }), async (f, p) => {
        const o = await evaluate(f, p ? validatePolicy(p) : undefined);
        for (const r of o.reasons) expect(r.text).not.toMatch(/\balone\b/);
        if (o.blocked) expect(o.reasons[0]!.ruleId).toBe('outcome.blocked');
        if (o.panel === null && !o.blocked) {
          expect(o.reasons.find((r) => r.ruleId === 'outcome.panel')!.text).toContain(`the ${TIER_NAMES[o.approver]} decides`);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('an emergency placement is retrospective exactly when it has a ratification deadline (default policy)', async () => {
    await fc.assert(
      fc.asyncProperty(factsArb, async (f) => {
        const o = await evaluate(f);
        if (f.kind === 'EXIT') return;
        const ratification = o.deadlines.some((d) => d.purpose === 'RATIFICATION');
        expect(ratification).toBe(o.retrospective);
      }),
      { numRuns: 300 },
    );
    const notPlaced = await evaluate(facts({ urgency: 'EMERGENCY', placementType: 'IFA_FOSTER', provision: 'EXTERNAL' }));
    expect(notPlaced.retrospective).toBe(false);
    expect(notPlaced.deadlines.map((d) => d.id)).not.toContain('deadline.retrospective_approval');
  }, 60_000);

  it('a reg 25 extension is a request of its own, not a variation from £250 to £250', async () => {
    const o = await evaluate(
      facts({
        kind: 'CARER_APPROVAL_EXTENSION',
        placementType: 'KINSHIP_FOSTER',
        weeklyCostPence: gbp(250),
        connectedPersonTempApprovedOn: '2026-09-07',
        connectedPersonTempApprovalWeeks: 24,
      }),
    );
    expect(o.reasons.map((r) => r.text).join(' ')).not.toMatch(/variation/i);
    expect(o.costBand).toBeNull();
    expect(o.specialApprovers.map((s) => s.role)).toEqual(['NOMINATED_OFFICER']);
  });
});

describe('outcomes made under 2026.11.0 re-evaluate exactly as they were made', () => {
  it('the old EPO count (8 x 24 hours) and the old summary stay with the old version', async () => {
    const f = facts({
      kind: 'ENTRY_TO_CARE',
      legalStatus: 'EPO_S44',
      urgency: 'EMERGENCY',
      protectionStartedAt: '2026-11-20T15:00:00+00:00',
    });
    const old = await evaluate(f, undefined, { ruleSetVersion: '2026.11.0' });
    expect(old.ruleSetVersion).toBe('2026.11.0');
    expect(old.deadlines.find((d) => d.id === 'deadline.epo')?.due).toBe('2026-11-28T15:00:00+00:00');
    const plain = await evaluate(facts({}), undefined, { ruleSetVersion: '2026.11.0' });
    expect(plain.reasons.find((r) => r.ruleId === 'outcome.panel')?.text).toBe('No panel: the named approver decides alone.');
    const dec = await evaluate(facts({}), undefined, { ruleSetVersion: '2026.12.0' });
    expect(dec.reasons.find((r) => r.ruleId === 'outcome.panel')?.text).toBe('No panel: the service manager (SM) decides.');
    expect(dec.reasons.find((r) => r.ruleId === 'outcome.approver')?.text).toMatch(/\(by [a-z]+\.[a-z_.A-Z]+/);
    expect((await evaluate(facts({}))).reasons.find((r) => r.ruleId === 'outcome.panel')?.text).toBe(
      'No panel: the service manager decides.',
    );
    const now = await evaluate(f);
    expect(now.ruleSetVersion).toBe('2026.12.1');
    expect(now.deadlines.find((d) => d.id === 'deadline.epo')?.due).toBe('2026-11-27T23:59:59+00:00');
  });
});
