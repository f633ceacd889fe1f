import { describe, expect, it } from 'vitest';
import { roundsFor } from './rounds.js';

describe('rounds', () => {
  const routes = ['SPOT', 'FRAMEWORK_TIER_2', 'DPS', 'FRAMEWORK_TIER_1', 'BLOCK', 'OFF_FRAMEWORK', 'FRAMEWORK_TIER_1'];
  it('goes to block, framework tiers in order, the DPS, then spot', () => {
    expect(roundsFor('PLANNED', routes)).toEqual([
      ['BLOCK'],
      ['FRAMEWORK_TIER_1'],
      ['FRAMEWORK_TIER_2'],
      ['DPS'],
      ['OFF_FRAMEWORK', 'SPOT'],
    ]);
  });
  it('sends everything but spot at once in an emergency', () => {
    expect(roundsFor('EMERGENCY', routes)).toEqual([
      ['BLOCK', 'FRAMEWORK_TIER_1', 'FRAMEWORK_TIER_2', 'DPS'],
      ['OFF_FRAMEWORK', 'SPOT'],
    ]);
  });
  it('skips routes nobody uses', () => {
    expect(roundsFor('PLANNED', ['SPOT'])).toEqual([['SPOT']]);
    expect(roundsFor('EMERGENCY', [])).toEqual([]);
  });
});
