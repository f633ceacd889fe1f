import { describe, expect, it } from 'vitest';
import { getRuleSet, RULE_SET_VERSION, RULE_SETS } from '../src/index.js';

const rs = getRuleSet();
const all = [...rs.statutory.rules.map((r) => ['statutory', r] as const), ...rs.local.rules.map((r) => ['local', r] as const)];

describe(`rule set ${RULE_SET_VERSION}`, () => {
  it('is registered under its version and frozen', () => {
    expect(RULE_SETS[RULE_SET_VERSION]).toBe(rs);
    expect(Object.isFrozen(rs.statutory.rules[0]!.event.params)).toBe(true);
  });

  it.each(all.map(([layer, r]) => [r.name, layer, r] as const))('%s is well formed (%s)', (name, layer, r) => {
    expect(name.startsWith(layer === 'statutory' ? 'stat.' : 'local.')).toBe(true);
    expect(r.event.type).toBe(name);
    expect(r.event.params.reason.length).toBeGreaterThan(30);
    if (layer === 'statutory') {
      expect(r.required).toBeUndefined();
      for (const g of r.event.params.gates ?? []) expect(g.regulation, g.id).toBeTruthy();
      for (const d of r.event.params.deadlines ?? []) expect(d.regulation, d.id).toBeTruthy();
      // the law is not a parameter: statutory rules read no council setting in their conditions
      expect(JSON.stringify(r.conditions)).not.toContain('"param"');
    }
    for (const b of r.event.params.blocks ?? []) expect(b.regulation).toBeTruthy();
    for (const d of r.event.params.deadlines ?? []) expect(d.notify.length).toBeGreaterThan(0);
  });

  it('rule names are unique', () => {
    const names = all.map(([, r]) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('a gate id means the same requirement wherever it appears', () => {
    const texts = new Map<string, Set<string>>();
    for (const [, r] of all) for (const g of r.event.params.gates ?? []) texts.set(g.id, (texts.get(g.id) ?? new Set()).add(g.text));
    for (const [id, t] of texts) expect(t.size, id).toBe(1);
  });
});
