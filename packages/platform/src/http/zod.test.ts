import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationFailed, ZodPipe, openApi } from './zod.js';

const Body = z.object({ name: z.string(), cost: z.number().int().nonnegative(), kind: z.enum(['A', 'B']) });

describe('ZodPipe', () => {
  it('passes valid input through, parsed', () => {
    expect(new ZodPipe(Body).transform({ name: 'x', cost: 1, kind: 'A' })).toEqual({ name: 'x', cost: 1, kind: 'A' });
  });

  it('reports each bad field with its reason', () => {
    try {
      new ZodPipe(Body).transform({ cost: -1, kind: 'C' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationFailed);
      const errors = (e as ValidationFailed).errors;
      expect(errors.map((x) => x.field).sort()).toEqual(['cost', 'kind', 'name']);
      expect(errors.find((x) => x.field === 'name')!.reason).toBe('is required');
    }
  });

  it('renders an OpenAPI schema', () => {
    const s = openApi(Body) as { properties: Record<string, unknown> };
    expect(Object.keys(s.properties)).toEqual(['name', 'cost', 'kind']);
  });
});
