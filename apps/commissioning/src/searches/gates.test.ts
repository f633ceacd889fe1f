import { describe, expect, it } from 'vitest';
import { checkGates } from './gates.js';

const setting = { placementType: 'PRIVATE_CHILDRENS_HOME', ofstedUrn: 'SC123456', ofstedRating: 'GOOD', ageMin: 8, ageMax: 17, vacancies: 1 };
const search = { placementType: 'PRIVATE_CHILDRENS_HOME', childAge: 14 };
const failed = (s: Partial<typeof setting>, c: Partial<typeof search> = {}) =>
  checkGates({ search: { ...search, ...c }, setting: { ...setting, ...s } }).filter((g) => !g.passed).map((g) => g.id);

describe('offer gates', () => {
  it('passes a registered, rated, age-appropriate home with a vacancy', () => {
    expect(failed({})).toEqual([]);
  });

  it.each([
    [{ ofstedUrn: null }, 'registration'],
    [{ ofstedRating: 'NOT_REGISTERED' }, 'registration'],
    [{ ofstedRating: 'INADEQUATE' }, 'ofsted-rating'],
    [{ ageMax: 13 }, 'age-range'],
    [{ vacancies: 0 }, 'vacancy'],
    [{ placementType: 'IFA_FOSTER' }, 'placement-type'],
  ] as const)('fails %o on %s', (s, gate) => {
    expect(failed(s as never)).toEqual([gate]);
  });

  it('lets an in-house home meet a request for a private home', () => {
    expect(failed({ placementType: 'LA_CHILDRENS_HOME' })).toEqual([]);
  });
});
