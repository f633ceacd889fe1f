import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENTS, INBOXES } from './index.js';

/**
 * docs/architecture.md is the project's own account of its events and queues: it must keep up with
 * the contracts. An event or queue added here without a line there fails this test.
 */
const doc = readFileSync(new URL('../../../docs/architecture.md', import.meta.url), 'utf8');
/** Every table row of the page, as its cells (trimmed; the first is the empty text before the first `|`). */
const rows = doc
  .split('\n')
  .filter((line) => line.startsWith('|'))
  .map((line) => line.split('|').map((cell) => cell.trim()));
/** The table row whose first column is this name in backticks. */
const rowOf = (name: string) => rows.find((cells) => cells[1] === `\`${name}\``);

describe('docs/architecture.md', () => {
  it('names every event type the contracts define, with its producer', () => {
    const types = new Set([...EVENTS.values()].map((d) => d.type));
    expect(types.size).toBeGreaterThan(0);
    for (const def of EVENTS.values()) {
      expect(doc, def.type).toContain(`\`${def.type}\``);
      expect(rowOf(def.type)?.[2], `the events table's row for ${def.type}`).toBe(def.producer);
    }
  });

  it('names every queue the contracts define, with its service and every event it takes', () => {
    expect(INBOXES.length).toBeGreaterThan(0);
    for (const q of INBOXES) {
      expect(doc, q.name).toContain(`\`${q.name}\``);
      const row = rowOf(q.name);
      expect(row?.[2], `the queues table's row for ${q.name}`).toBe(q.service);
      for (const s of q.subscribes) expect(row?.[3], `${q.name} takes ${s.type}`).toContain(`\`${s.type}\``);
    }
  });
});
