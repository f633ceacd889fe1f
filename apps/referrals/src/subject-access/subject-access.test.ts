import { describe, expect, it } from 'vitest';
import { Prisma } from '../../generated/client/index.js';
import { KEPT_AFTER_ERASURE } from '../retention/retention.repository.js';
import { CHILD_TABLES } from './subject-access.repository.js';

describe('a subject access document is complete', () => {
  const models = Prisma.dmmf.datamodel.models;
  const naming = models.filter(
    (m) => (m.name === 'Child' || m.fields.some((f) => f.name === 'childId' || f.name === 'childIds')) && !(m.name in KEPT_AFTER_ERASURE),
  );

  it('finds the tables that name a child (the check itself can fail)', () => {
    expect(naming.map((m) => m.name)).toContain('LookedAfterEpisode');
    expect(naming.length).toBeGreaterThan(10);
  });

  it.each(naming.map((m) => [m.name]))('%s is in the document', (name) => {
    expect(Object.keys(CHILD_TABLES)).toContain(name);
  });
});

describe('what outlives an erasure is said, not assumed', () => {
  it('each table kept after a child is erased exists and names a child', () => {
    for (const name of Object.keys(KEPT_AFTER_ERASURE)) {
      const m = Prisma.dmmf.datamodel.models.find((x) => x.name === name);
      expect(
        m?.fields.some((f) => f.name === 'childId'),
        name,
      ).toBe(true);
      expect(Object.keys(CHILD_TABLES)).not.toContain(name);
    }
  });
});
