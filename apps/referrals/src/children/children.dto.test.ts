import { describe, expect, it } from 'vitest';
import { ageOn } from './children.dto.js';

describe('ageOn', () => {
  it('counts whole years, turning on the birthday', () => {
    expect(ageOn('2010-06-15', '2026-06-14')).toBe(15);
    expect(ageOn('2010-06-15', '2026-06-15')).toBe(16);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
});
