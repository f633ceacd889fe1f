import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APPROVER_ORDER, RoutedOutcome } from '@placewise/contracts';
import { compareInstants } from '@placewise/contracts/dates';
import { evaluate, FactsValidationError, validatePolicy, type RulesOutcome } from '../src/index.js';
import { factsArb, policyArb } from './arbitraries.js';
import { facts } from './fixtures.js';

const rank = (o: RulesOutcome) => APPROVER_ORDER.indexOf(o.approver);
const RUNS = { numRuns: 300 };

describe('properties', () => {
  it('every generated council policy is accepted', () => {
    fc.assert(
      fc.property(policyArb, (p) => {
        validatePolicy(p);
      }),
      RUNS,
    );
  });

  it('raising the weekly cost (or the additional services) never lowers the approver', async () => {
    await fc.assert(
      fc.asyncProperty(
        factsArb,
        fc.option(policyArb, { nil: undefined }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.boolean(),
        async (f, p, x, y, viaServices) => {
          const policy = p && validatePolicy(p);
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          const at = (c: number) => (viaServices ? { ...f, additionalServicesWeeklyPence: c } : { ...f, weeklyCostPence: c });
          const a = await evaluate(at(lo), policy);
          const b = await evaluate(at(hi), policy);
          expect(rank(b)).toBeGreaterThanOrEqual(rank(a));
        },
      ),
      RUNS,
    );
  });

  it('no council policy removes a statutory block, gate or deadline, or lowers a statutory approver', async () => {
    await fc.assert(
      fc.asyncProperty(factsArb, policyArb, async (f, p) => {
        const policy = validatePolicy(p);
        const law = await evaluate(f);
        const local = await evaluate(f, policy);
        const stat = <T extends { id: string; ruleId: string }>(xs: T[]) => xs.filter((x) => x.ruleId.startsWith('stat.'));
        const has = (xs: { id: string }[], id: string) => xs.some((x) => x.id === id);
        for (const b of stat(law.blocks)) expect(has(local.blocks, b.id), b.id).toBe(true);
        for (const g of stat(law.gates)) expect(has(local.gates, g.id), g.id).toBe(true);
        for (const d of stat(law.deadlines)) {
          const mine = local.deadlines.find((x) => x.id === d.id);
          expect(mine, d.id).toBeDefined();
          expect(compareInstants(mine!.due, d.due)).toBeLessThanOrEqual(0);
        }
        for (const s of law.specialApprovers.filter((x) => x.ruleId.startsWith('stat.'))) {
          expect(local.specialApprovers.some((x) => x.role === s.role && x.ruleId === s.ruleId)).toBe(true);
        }
        expect(local.blocked || !law.blocked).toBe(true);
        // the statutory floor: the nominated officer (whoever the council names, head of service or
        // above) for the rules that need one, and the Director where the law names the Director
        const statTiers = local.specialApprovers
          .filter((s) => s.ruleId.startsWith('stat.') && s.tier)
          .map((s) => APPROVER_ORDER.indexOf(s.tier!));
        for (const t of statTiers) expect(t).toBeGreaterThanOrEqual(APPROVER_ORDER.indexOf('HOS'));
        const needsDirector = ['stat.at_distance', 'stat.unregistered_childrens_home'].some((r) => law.firedRules.includes(r));
        const lawFloor = Math.max(-1, ...statTiers, needsDirector ? APPROVER_ORDER.indexOf('DCS') : -1);
        expect(rank(local)).toBeGreaterThanOrEqual(lawFloor);
      }),
      RUNS,
    );
  });

  it('the same facts always give the same outcome (and it is a valid RoutedOutcome)', async () => {
    await fc.assert(
      fc.asyncProperty(factsArb, fc.option(policyArb, { nil: undefined }), async (f, p) => {
        const policy = p && validatePolicy(p);
        const a = await evaluate(f, policy);
        const b = await evaluate(JSON.parse(JSON.stringify(f)), policy && validatePolicy(JSON.parse(JSON.stringify(p))));
        expect(b).toEqual(a);
        expect(RoutedOutcome.safeParse(a).success).toBe(true);
        expect(a.blocked).toBe(a.blocks.length > 0);
      }),
      RUNS,
    );
  });

  it('evaluations running concurrently give exactly the outcomes they give one at a time', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(factsArb, fc.option(policyArb, { nil: undefined })), { minLength: 2, maxLength: 40 }),
        async (batch) => {
          const jobs = batch.map(([f, p]) => [f, p && validatePolicy(p)] as const);
          const sequential: RulesOutcome[] = [];
          for (const [f, p] of jobs) sequential.push(await evaluate(f, p));
          const concurrent = await Promise.all(jobs.map(([f, p]) => evaluate(f, p)));
          expect(concurrent).toEqual(sequential);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('facts validation', () => {
  it('refuses malformed facts with the reasons', async () => {
    const bad = { ...facts({}), childAge: -1, submittedAt: '24/11/2026', weeklyCostPence: 12.5 };
    const err = await evaluate(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FactsValidationError);
    expect((err as FactsValidationError).issues.map((i) => i.path).sort()).toEqual(['childAge', 'submittedAt', 'weeklyCostPence']);
  });
});
