import { describe, expect, it } from 'vitest';
import { plainRecord, subjectAccessPart, SubjectAccessPart } from './subject-access.js';

describe('subject access parts', () => {
  it('makes rows plain JSON: instants as text, big numbers as text, files named not copied, nested rows kept', () => {
    const part = subjectAccessPart('Panels', [
      [
        'Cases',
        [
          {
            at: new Date('2026-12-07T10:00:00.000Z'),
            seq: 12345678901234567890n,
            file: new Uint8Array(3),
            votes: [{ at: new Date('2026-12-08T00:00:00.000Z'), comment: null }],
          },
        ],
      ],
      ['Clocks', []],
    ]);
    expect(SubjectAccessPart.parse(part)).toEqual(part);
    expect(part.records).toEqual([
      {
        kind: 'Cases',
        rows: [
          {
            at: '2026-12-07T10:00:00.000Z',
            seq: '12345678901234567890',
            file: '(a file of 3 bytes, not copied here)',
            votes: [{ at: '2026-12-08T00:00:00.000Z', comment: null }],
          },
        ],
      },
      { kind: 'Clocks', rows: [] },
    ]);
    expect(JSON.parse(JSON.stringify(part))).toEqual(part);
    expect(plainRecord(undefined)).toBeNull();
  });
});
