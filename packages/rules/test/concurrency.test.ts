import { describe, expect, it } from 'vitest';
import { Engine, Fact, type RuleProperties } from 'json-rules-engine';
import { EnginePool } from '../src/engine.js';
import { evaluate, validatePolicy } from '../src/index.js';
import { facts, gbp } from './fixtures.js';

/** Two rules at different priorities: json-rules-engine runs the priority-2 set, then priority 1. */
const RULES: RuleProperties[] = [
  { name: 'first', priority: 2, conditions: { all: [{ fact: 'x', operator: 'greaterThan', value: 0 }] }, event: { type: 'first' } },
  { name: 'second', priority: 1, conditions: { all: [{ fact: 'y', operator: 'greaterThan', value: 0 }] }, event: { type: 'second' } },
];
const slowX = () => new Fact('x', () => new Promise<number>((r) => setTimeout(() => r(1), 15)));
const types = (r: { events: { type: string }[] }) => r.events.map((e) => e.type).sort();

describe('json-rules-engine keeps run state on the engine', () => {
  it('one engine shared by overlapping runs loses rules (why evaluate never shares one)', async () => {
    const shared = new Engine(RULES);
    const [slow, fast] = await Promise.all([shared.run({ x: slowX(), y: 1 }), shared.run({ x: 1, y: 1 })]);
    expect(types(fast)).toEqual(['first', 'second']);
    // the fast run finished first and set engine.status = FINISHED: the slow run skipped "second"
    expect(types(slow)).toEqual(['first']);
  });

  it('the engine pool gives each overlapping run its own engine, so no rule is lost', async () => {
    const pool = new EnginePool(RULES, {});
    const [slow, fast] = await Promise.all([pool.run({ x: slowX(), y: 1 }), pool.run({ x: 1, y: 1 })]);
    expect(types(slow)).toEqual(['first', 'second']);
    expect(types(fast)).toEqual(['first', 'second']);
    expect(pool.size).toBe(2);
    // sequential runs reuse the idle engines: no new engine is built
    for (let i = 0; i < 5; i++) expect(types(await pool.run({ x: 1, y: 1 }))).toEqual(['first', 'second']);
    expect(pool.size).toBe(2);
  });
});

describe('evaluate under concurrency', () => {
  it('500 overlapping evaluations (two policies) equal the same evaluations one at a time', async () => {
    const strict = validatePolicy({ nominatedOfficer: 'DCS', costBands: { aMaxWeeklyPence: 50_000 } });
    const kinds = ['PLACEMENT', 'ENTRY_TO_CARE', 'VARIATION', 'STEP_DOWN', 'EXIT'] as const;
    const locations = ['IN_AREA', 'OUT_OF_AREA_ADJOINING', 'OUT_OF_AREA_AT_DISTANCE'] as const;
    const jobs = Array.from({ length: 500 }, (_, i) => ({
      f: facts({
        kind: kinds[i % kinds.length],
        childAge: 10 + (i % 8),
        weeklyCostPence: gbp(200 + ((i * 137) % 14000)),
        provision: i % 3 === 0 ? 'IN_HOUSE' : 'EXTERNAL',
        placementType: i % 7 === 0 ? 'SUPPORTED_ACCOM_UNREGISTERED' : 'PRIVATE_CHILDRENS_HOME',
        location: locations[i % 3],
        urgency: i % 4 === 0 ? 'EMERGENCY' : 'PLANNED',
        placedAt: i % 4 === 0 ? '2026-12-18' : null,
      }),
      p: i % 2 === 0 ? strict : undefined,
    }));
    const sequential = [];
    for (const j of jobs) sequential.push(await evaluate(j.f, j.p));
    const concurrent = await Promise.all(jobs.map((j) => evaluate(j.f, j.p)));
    expect(concurrent).toEqual(sequential);
    expect(new Set(sequential.map((o) => o.approver)).size).toBeGreaterThan(2);
  });
});
