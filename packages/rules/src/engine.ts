import { Engine, type EngineResult } from 'json-rules-engine';
import type { BoundRuleSet } from './ruleset.js';

/**
 * json-rules-engine keeps run state on the Engine object: `engine.status` is set to RUNNING at the
 * start of `run()` and to FINISHED at its end, and rules are skipped while it is not RUNNING. Two
 * overlapping runs on one engine therefore interfere (the first to finish makes the other skip
 * rules). Everything else in a run (facts, results, events) lives in a per-run Almanac.
 *
 * So an engine is never shared between overlapping runs: each run checks an engine out of a pool,
 * exclusively, and returns it when the run has settled. Engines are built once per bound rule set
 * (a rule-set version plus a policy), so the per-call cost is only the run itself.
 */
export class EnginePool {
  private readonly idle: Engine[] = [];
  private built = 0;

  constructor(
    private readonly ruleSet: BoundRuleSet,
    private readonly maxIdle = 32,
  ) {}

  /** Engines created so far (for tests and the benchmark). */
  get size(): number {
    return this.built;
  }

  private build(): Engine {
    const engine = new Engine([], { allowUndefinedFacts: true, allowUndefinedConditions: false });
    for (const [name, cond] of Object.entries(this.ruleSet.conditions)) engine.setCondition(name, cond);
    for (const rule of this.ruleSet.rules) engine.addRule(rule);
    this.built++;
    return engine;
  }

  async run(facts: Record<string, unknown>): Promise<EngineResult> {
    const engine = this.idle.pop() ?? this.build();
    // A failed run may leave promise chains still settling on this engine: drop it, never reuse it.
    const result = await engine.run(facts);
    if (this.idle.length < this.maxIdle) this.idle.push(engine);
    return result;
  }
}
