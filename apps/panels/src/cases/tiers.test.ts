import { describe, expect, it } from 'vitest';
import { atLeast, highestTier } from './tiers.js';

describe('approver tiers', () => {
  it('takes the most senior approver role held', () => {
    expect(highestTier({ roles: ['panel-chair', 'approver:HOS', 'approver:TM'] })).toBe('HOS');
    expect(highestTier({ roles: ['panel-member'] })).toBeNull();
  });

  it('lets the required tier or anyone senior decide, nobody junior', () => {
    expect(atLeast('AD', 'HOS')).toBe(true);
    expect(atLeast('HOS', 'HOS')).toBe(true);
    expect(atLeast('SM', 'HOS')).toBe(false);
    expect(atLeast(null, 'TM')).toBe(false);
  });
});
