import { describe, expect, it } from 'vitest';
import { evaluate, getRuleSet, validatePolicy, type RulesOutcome } from '../src/index.js';
import { facts, ids } from './fixtures.js';
import { ALL_ROWS, ENTRY_ROWS, PLACEMENT_ROWS, POLICY_ROWS, type Row } from './tables.js';

async function run(row: Row): Promise<RulesOutcome> {
  return evaluate(facts(row.facts), row.policy ? validatePolicy(row.policy) : undefined);
}

function check(row: Row, o: RulesOutcome): void {
  const e = row.expect;
  const actual: Record<string, unknown> = {};
  const wanted: Record<string, unknown> = {};
  const put = (k: string, a: unknown, w: unknown) => {
    if (w === undefined) return;
    actual[k] = a;
    wanted[k] = w;
  };
  put('approver', o.approver, e.approver);
  put('panel', o.panel, e.panel);
  put('panels', o.panels, e.panels);
  put('band', o.costBand, e.band);
  put('route', o.entryRoute, e.route);
  put('retrospective', o.retrospective, e.retrospective);
  put('blocks', ids(o.blocks).sort(), e.blocks ? [...e.blocks].sort() : undefined);
  put('blocked', o.blocked, e.blocks ? e.blocks.length > 0 : undefined);
  put('specials', [...new Set(o.specialApprovers.map((s) => s.role))].sort(), e.specials ? [...e.specials].sort() : undefined);
  if (e.gates)
    put(
      'gates',
      e.gates.filter((g) => ids(o.gates).includes(g)),
      e.gates,
    );
  if (e.notGates)
    put(
      'notGates',
      e.notGates.filter((g) => ids(o.gates).includes(g)),
      [],
    );
  if (e.warnings) {
    put('warnings', e.warnings.length ? e.warnings.filter((w) => ids(o.warnings).includes(w)) : ids(o.warnings), e.warnings);
  }
  if (e.deadlines) {
    for (const [id, when] of Object.entries(e.deadlines)) {
      const d = o.deadlines.find((x) => x.id === id);
      put(id, d ? (when?.includes('T') ? d.due : d.dueDate) : undefined, when ?? null);
      if (when === undefined) {
        actual[id] = d ? d.dueDate : null;
      }
    }
  }
  if (e.escalations) {
    for (const [id, at] of Object.entries(e.escalations)) put(id, o.escalations.find((x) => x.id === id)?.at, at);
  }
  expect(actual).toEqual(wanted);
}

/** Every requirement in an outcome is explained by the rule that produced it. */
function explained(o: RulesOutcome): void {
  const explainedRules = new Set(o.reasons.map((r) => r.ruleId));
  for (const x of [...o.blocks, ...o.gates, ...o.deadlines, ...o.escalations, ...o.specialApprovers, ...o.warnings]) {
    expect(explainedRules.has(x.ruleId), `${x.ruleId} has no reason`).toBe(true);
  }
  for (const b of o.blocks) expect(b.regulation.length).toBeGreaterThan(0);
  for (const r of o.reasons) {
    expect(r.text).not.toMatch(/\{\{|undefined|NaN|\[object/);
    expect(r.text.length).toBeGreaterThan(20);
  }
}

describe.each([
  ['placements', PLACEMENT_ROWS],
  ['entry to care', ENTRY_ROWS],
  ['council policies', POLICY_ROWS],
])('decision table: %s', (_name, rows) => {
  it.each(rows)('$case', async (row) => {
    const o = await run(row);
    check(row, o);
    explained(o);
  });
});

describe('decision tables cover every rule', () => {
  it('each statutory and local rule fires in at least one row', async () => {
    const fired = new Set<string>();
    for (const row of ALL_ROWS) for (const r of (await run(row)).firedRules) fired.add(r);
    const rs = getRuleSet();
    const all = [...rs.statutory.rules, ...rs.local.rules].map((r) => r.name);
    expect(all.filter((r) => !fired.has(r))).toEqual([]);
  });
});
