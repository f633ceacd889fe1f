import { describe, expect, it } from 'vitest';
import { postcodeOf, urnOf } from './where-placed.js';

describe('where a child is placed, for the 903', () => {
  it('puts a postcode in its usual form, and gives none for an empty or malformed one', () => {
    expect(postcodeOf('ns1 2ab')).toBe('NS1 2AB');
    expect(postcodeOf('NS12AB')).toBe('NS1 2AB');
    expect(postcodeOf(' sw1a  1aa ')).toBe('SW1A 1AA');
    expect(postcodeOf('')).toBeNull();
    expect(postcodeOf(null)).toBeNull();
    expect(postcodeOf('NOT A POSTCODE AT ALL')).toBeNull();
  });

  it('keeps an Ofsted URN as recorded, upper case, and none when there is none', () => {
    expect(urnOf('sc123456')).toBe('SC123456');
    expect(urnOf(' 1234567 ')).toBe('1234567');
    expect(urnOf(null)).toBeNull();
    expect(urnOf('')).toBeNull();
    expect(urnOf('SC1234567890')).toBeNull();
  });
});
