import { describe, expect, it } from 'vitest';
import { pounds } from './money.js';

describe('pounds', () => {
  it('writes integer pence as pounds and pence, with thousands separated', () => {
    expect(pounds(550_000)).toBe('£5,500.00');
    expect(pounds(123_456_789)).toBe('£1,234,567.89');
    expect(pounds(5)).toBe('£0.05');
    expect(pounds(0)).toBe('£0.00');
    expect(pounds(-61_050)).toBe('-£610.50');
  });

  it('is exact for a bigint beyond a JSON number', () => {
    expect(pounds(9_007_199_254_740_993n)).toBe('£90,071,992,547,409.93');
  });
});
