import { describe, expect, it } from 'vitest';
import { codeWords, fieldWords, rowFields } from './document';

describe('a subject access document in words', () => {
  it('names fields and shows values as people read them, with no ids', () => {
    const fields = rowFields({
      id: '7d7c1f4e-0a4b-4a7e-9a55-0c6f1c1c1c1c',
      childId: '7d7c1f4e-0a4b-4a7e-9a55-0c6f1c1c1c1d',
      localAuthority: 'northshire',
      givenName: 'Ada',
      link: '/requests/7d7c1f4e-0a4b-4a7e-9a55-0c6f1c1c1c1e',
      dateOfBirth: '2012-05-01T00:00:00.000Z',
      weeklyCostPence: 610_000,
      placementType: 'PRIVATE_CHILDRENS_HOME',
      outcome: 'APPROVED_WITH_CONDITIONS',
      retrospective: false,
      submittedAt: '2026-07-01T09:30:00.000Z',
      needs: ['EBD', 'CSE'],
      history: [{ id: 'x', action: 'SUBMITTED', at: '2026-01-10T12:00:00.000Z' }],
    });
    expect(fields).toEqual([
      { label: 'Given name', value: 'Ada' },
      { label: 'Date of birth', value: '1 May 2012' },
      { label: 'Weekly cost', value: '£6,100.00' },
      { label: 'Placement type', value: "Private children's home" },
      { label: 'Outcome', value: 'Approved with conditions' },
      { label: 'Retrospective', value: 'No' },
      // 09:30 UTC in July is 10:30 in London.
      { label: 'Submitted at', value: expect.stringMatching(/1 Jul 2026.*10:30/) },
      { label: 'Needs', value: 'EBD, CSE' },
      {
        label: 'History',
        value: [
          [
            { label: 'Action', value: 'Submitted' },
            { label: 'At', value: expect.stringMatching(/10 Jan 2026.*12:00/) },
          ],
        ],
      },
    ]);
    expect(JSON.stringify(fields)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}|northshire/);
  });

  it('turns any code into words, and field names into sentences', () => {
    expect(codeWords('S20', 'legalStatus')).toBe('Section 20 (voluntary accommodation)');
    expect(codeWords('SUBMITTED', 'action')).toBe('Submitted');
    expect(codeWords('SOMETHING_NEW')).toBe('Something new');
    expect(fieldWords('decisionDue')).toBe('Decision due');
  });
});
