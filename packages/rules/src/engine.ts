import { Engine, type EngineResult, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { BoundRuleSet } from './ruleset.js';

/**
 * Running json-rules-engine safely and fast.
 *
 * 1. Concurrency. json-rules-engine keeps run state on the Engine object: `engine.status` is set
 *    to RUNNING at the start of `run()` and to FINISHED at its end, and a priority set is skipped
 *    while it is not RUNNING. Two overlapping runs on one engine therefore interfere (the first to
 *    finish makes the other skip rules; test/concurrency.test.ts shows it). Everything else in a
 *    run (facts, results, events) lives in a per-run Almanac. So an engine is never shared between
 *    overlapping runs: a run checks an engine out of a pool, exclusively, and gives it back when
 *    the run has settled. Engines are built once and reused, never per call.
 *
 * 2. Speed. json-rules-engine clones every rule's conditions on every run, whether the rule can
 *    fire or not. Most rules are ruled out by their simple top-level conditions (the request kind,
 *    the legal status, the placement type...). Before a run those simple conditions are checked
 *    with json-rules-engine's own operators; only the rules that pass go to an engine built for
 *    exactly that set of rules, which then evaluates every condition in full. A rule that fails a
 *    top-level `all` condition cannot fire, so the outcome is the same as running every rule
 *    (test/prefilter.test.ts checks this against a full run on random requests and policies).
 */

interface Operator {
  evaluate(factValue: unknown, jsonValue: unknown): boolean;
}
interface Guard {
  fact: string;
  op: Operator;
  value: unknown;
}

const ENGINE_OPTIONS = { allowUndefinedFacts: true, allowUndefinedConditions: false } as const;

/** A pool of identical engines for one list of rules; each run has an engine to itself. */
export class EnginePool {
  private readonly idle: Engine[] = [];
  private built = 0;

  constructor(
    private readonly rules: readonly RuleProperties[],
    private readonly conditions: Readonly<Record<string, TopLevelCondition>>,
    private readonly maxIdle = 64,
  ) {}

  /** Engines created so far. */
  get size(): number {
    return this.built;
  }

  private build(): Engine {
    const engine = new Engine([], ENGINE_OPTIONS);
    for (const [name, cond] of Object.entries(this.conditions)) engine.setCondition(name, cond);
    for (const rule of this.rules) engine.addRule(rule);
    this.built++;
    return engine;
  }

  async run(facts: Record<string, unknown>): Promise<EngineResult> {
    const engine = this.idle.pop() ?? this.build();
    // A failed run may leave promise chains settling on its engine: it is dropped, never reused.
    const result = await engine.run(facts);
    if (this.idle.length < this.maxIdle) this.idle.push(engine);
    return result;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The simple leaves of a rule's top-level `all`: a fact, a built-in operator and a literal value. */
function guardsOf(conditions: TopLevelCondition, operators: { get(name: string): Operator | undefined }): Guard[] {
  const all = (conditions as { all?: unknown[] }).all;
  if (!Array.isArray(all)) return [];
  const guards: Guard[] = [];
  for (const c of all) {
    if (!isPlainObject(c) || typeof c.fact !== 'string' || typeof c.operator !== 'string') continue;
    if ('path' in c || 'params' in c) continue;
    if (isPlainObject(c.value) && 'fact' in c.value) continue; // compares with another fact
    const op = operators.get(c.operator);
    if (!op) continue;
    guards.push({ fact: c.fact, op, value: c.value });
  }
  return guards;
}

/** Runs a bound rule set: pre-filters on the simple guards, then runs an engine from the pool. */
export class RuleRunner {
  private readonly guards: Guard[][];
  private readonly pools = new Map<string, EnginePool>();
  private readonly full: EnginePool;

  constructor(
    private readonly ruleSet: Pick<BoundRuleSet, 'rules' | 'conditions'>,
    private readonly maxPools = 512,
  ) {
    const reference = new Engine([], ENGINE_OPTIONS) as unknown as { operators: { get(name: string): Operator | undefined } };
    this.guards = ruleSet.rules.map((r) => guardsOf(r.conditions, reference.operators));
    this.full = new EnginePool(ruleSet.rules, ruleSet.conditions);
  }

  /** Engines built so far, over every pool. */
  get enginesBuilt(): number {
    let n = this.full.size;
    for (const p of this.pools.values()) n += p.size;
    return n;
  }

  async run(facts: Record<string, unknown>, options: { prefilter?: boolean } = {}): Promise<EngineResult> {
    if (options.prefilter === false) return this.full.run(facts);
    const keep: number[] = [];
    for (let i = 0; i < this.guards.length; i++) {
      let pass = true;
      for (const g of this.guards[i]!) {
        if (!g.op.evaluate(facts[g.fact], g.value)) {
          pass = false;
          break;
        }
      }
      if (pass) keep.push(i);
    }
    const key = keep.join(',');
    let pool = this.pools.get(key);
    if (!pool) {
      if (this.pools.size >= this.maxPools) this.pools.delete(this.pools.keys().next().value!);
      pool = new EnginePool(
        keep.map((i) => this.ruleSet.rules[i]!),
        this.ruleSet.conditions,
      );
      this.pools.set(key, pool);
    }
    return pool.run(facts);
  }
}
