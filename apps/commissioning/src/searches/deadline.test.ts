import { describe, expect, it } from 'vitest';
import { searchDeadline } from './deadline.js';

describe('search deadlines', () => {
  it('ends an emergency the same London day, in summer time and in winter', () => {
    expect(searchDeadline('EMERGENCY', new Date('2026-07-01T23:30:00Z')).toISOString()).toBe('2026-07-02T22:59:59.000Z'); // 00:30 BST: already 2 July in London
    expect(searchDeadline('EMERGENCY', new Date('2026-07-01T09:00:00Z')).toISOString()).toBe('2026-07-01T22:59:59.000Z');
    expect(searchDeadline('EMERGENCY', new Date('2026-12-01T09:00:00Z')).toISOString()).toBe('2026-12-01T23:59:59.000Z');
  });
  it('gives urgent searches 3 days and planned ones 28', () => {
    expect(searchDeadline('URGENT', new Date('2026-12-01T09:00:00Z')).toISOString()).toBe('2026-12-04T23:59:59.000Z');
    expect(searchDeadline('PLANNED', new Date('2026-03-20T09:00:00Z')).toISOString()).toBe('2026-04-17T22:59:59.000Z');
    // 25 October 2026: the clocks go back, so the day ends at 23:59:59 GMT.
    expect(searchDeadline('EMERGENCY', new Date('2026-10-25T09:00:00Z')).toISOString()).toBe('2026-10-25T23:59:59.000Z');
  });
});
