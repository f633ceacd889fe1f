import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { DEFAULT_POLICY, policyHash, validatePolicy, whatIf } from '../src/index.js';
import { facts, gbp } from './fixtures.js';

const EXAMPLES = new URL('../examples/', import.meta.url).pathname;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('CLI', () => {
  it('explain prints the outcome and every reason', async () => {
    const r = await cli('explain', join(EXAMPLES, 'request-emergency-at-distance.json'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('Approver:  DCS');
    expect(r.out).toContain('Cost band: C (£6,900 a week gross)');
    expect(r.out).toContain('2026-12-29  Placement plan agreed');
    expect(r.out).toContain('[stat.at_distance]');
    expect(r.out).toContain('[local.band.C] The weekly cost of £6,900 is in band C');
  });

  it('explain --json with a council policy', async () => {
    const r = await cli(
      'explain',
      join(EXAMPLES, 'request-emergency-at-distance.json'),
      '--policy',
      join(EXAMPLES, 'policy-northshire.json'),
      '--json',
    );
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    expect(o.policyHash).toBe(
      policyHash(
        validatePolicy(
          JSON.parse(JSON.stringify(await import('../examples/policy-northshire.json', { with: { type: 'json' } }).then((m) => m.default))),
        ),
      ),
    );
    expect(o.panel).toBe('HIGH_COST');
    expect(o.deadlines.find((d: { id: string }) => d.id === 'deadline.placement_plan').dueDate).toBe('2026-12-23');
  });

  it('check-policy accepts a good policy and prints its hash', async () => {
    const r = await cli('check-policy', join(EXAMPLES, 'policy-northshire.json'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/policyHash [0-9a-f]{64}/);
  });

  it('check-policy refuses a law-weakening policy with every reason (exit 1)', async () => {
    const r = await cli('check-policy', join(EXAMPLES, 'policy-weakening.json'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('[WEAKENS_LAW] disabledRules.0');
    expect(r.err).toContain('[WEAKENS_LAW] nominatedOfficer');
    expect(r.err).toContain('[WEAKENS_LAW] tightenedDeadlines.deadline.first_review');
  });

  it('refuses invalid facts (exit 1) and bad usage (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-cli-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...facts({}), childAge: 'ten' }));
    expect((await cli('explain', bad)).code).toBe(1);
    expect((await cli('explain', join(dir, 'missing.json'))).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
    const notJson = join(dir, 'x.json');
    writeFileSync(notJson, '{');
    expect((await cli('check-policy', notJson)).err).toMatch(/not JSON/);
  });

  it('what-if lists the requests whose approver or gates change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-cli-'));
    const reqs = join(dir, 'reqs.json');
    writeFileSync(
      reqs,
      JSON.stringify([
        { id: 'r1', facts: facts({ placementType: 'IFA_FOSTER', provision: 'EXTERNAL', weeklyCostPence: gbp(950) }) },
        { id: 'r2', facts: facts({}) },
      ]),
    );
    const r = await cli('what-if', reqs, '--proposed', join(EXAMPLES, 'policy-northshire.json'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 of 2 request(s) change');
    expect(r.out).toMatch(/r1: .*cost band A -> B/);
    expect(r.out).not.toContain('r2:');
  });
});

describe('whatIf', () => {
  it('reports approver, panel and gate changes, and nothing for unchanged requests', async () => {
    const proposed = validatePolicy({ nominatedOfficer: 'DCS', stabilityReviewMoves: 1 });
    const changes = await whatIf(
      [
        {
          id: 'ooa',
          facts: facts({
            location: 'OUT_OF_AREA_ADJOINING',
            placementType: 'IFA_FOSTER',
            provision: 'EXTERNAL',
            weeklyCostPence: gbp(900),
          }),
        },
        { id: 'mover', facts: facts({ placementMovesLast12Months: 1 }) },
        { id: 'same', facts: facts({}) },
      ],
      DEFAULT_POLICY,
      proposed,
    );
    expect(changes.map((c) => [c.id, c.changes])).toEqual([
      ['ooa', ['approver AD -> DCS']],
      ['mover', ['gates added: gate.stability_review']],
    ]);
  });
});
