import { describe, expect, it } from 'vitest';
import type { Case, Decision } from '../../generated/client/index.js';
import { Timer } from '../timers/timers.service.js';
import { parseCase, parseDecision } from './stored-case.js';

const outcome = {
  ruleSetVersion: '2026.1',
  policyHash: 'abc',
  approver: 'HOS',
  panel: null,
  costBand: null,
  retrospective: false,
  gates: [{ id: 'gate.plan', ruleId: 'r1', text: 'a plan', regulation: 'reg 9' }],
  deadlines: [{ id: 'd1', ruleId: 'r2', purpose: 'DECISION', due: '2026-12-10T12:00:00.000Z', text: 'decide' }],
  reasons: [{ ruleId: 'r1', text: 'why' }],
  addedLater: { kept: true },
};
const row = (over: Partial<Case>) => ({ outcome, informationRequested: null, reapproval: null, ...over }) as unknown as Case;

describe('stored case JSON', () => {
  it('keeps every stored field, including ones the schema does not name', () => {
    expect(parseCase(row({})).outcome).toEqual(outcome);
  });

  it('refuses a stored value of the wrong shape rather than passing it on', () => {
    expect(() => parseCase(row({ outcome: { ...outcome, gates: 'none' } }))).toThrow();
    expect(() => parseCase(row({ informationRequested: [1] }))).toThrow();
  });

  it('parses a decision with its conditions, votes and information requested', () => {
    const d = parseDecision({
      conditions: { notes: ['weekly review'], maxWeeklyCostPence: 100 },
      votes: { tally: { APPROVE: 2, DECLINE: 0, ABSTAIN: 1 }, votes: [] },
      counterfactual: null,
      informationRequested: ['school report'],
    } as unknown as Decision);
    expect(d.conditions).toEqual({ notes: ['weekly review'], maxWeeklyCostPence: 100 });
    expect(d.votes?.tally).toEqual({ APPROVE: 2, DECLINE: 0, ABSTAIN: 1 });
    expect(d.informationRequested).toEqual(['school report']);
    expect(d.counterfactual).toBeNull();
  });
});

describe('timer job data', () => {
  const t = { caseId: '7a1c2b9e-4f7d-4c1e-9a55-2f0b6c1d3e4f', localAuthority: 'la', kind: 'REMINDER', deadline: 1, fireAt: 0 };
  it('parses a timer and refuses an unknown kind', () => {
    expect(Timer.parse(t)).toEqual(t);
    expect(() => Timer.parse({ ...t, kind: 'LATE' })).toThrow();
  });
});
