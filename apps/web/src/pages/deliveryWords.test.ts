import { describe, expect, it } from 'vitest';
import { dayAndTime, whoOf } from './deliveryWords';

describe('an email not delivered, in words', () => {
  it('names the person, or says in words that the directory does not know them', () => {
    expect(whoOf('Robin Ash')).toBe('Robin Ash');
    expect(whoOf(null)).toBe('A person not in the council’s directory');
  });

  it('says when as a London day and time, in summer time and in winter', () => {
    expect(dayAndTime('2026-12-07T14:05:09Z')).toBe('7 Dec 2026, 14:05');
    expect(dayAndTime('2026-06-14T23:30:00Z')).toBe('15 Jun 2026, 00:30');
    expect(dayAndTime('2026-03-29T01:00:00Z')).toBe('29 Mar 2026, 02:00');
  });
});
