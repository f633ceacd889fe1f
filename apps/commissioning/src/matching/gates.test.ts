import { describe, expect, it } from 'vitest';
import { beyondApprovedLocation, checkGates, defaultRegistrationCategory, failedGates, type GateInput } from './gates.js';

const setting: GateInput['setting'] = {
  placementType: 'PRIVATE_CHILDRENS_HOME',
  ofstedUrn: 'SC123456',
  ofstedRating: 'GOOD',
  registrationCategory: 'CHILDRENS_HOME',
  ageMin: 8,
  ageMax: 17,
  vacancies: 1,
};
const search: GateInput['search'] = { placementType: 'PRIVATE_CHILDRENS_HOME', childAge: 14, location: 'IN_AREA' };
const failed = (s: Partial<GateInput['setting']>, c: Partial<GateInput['search']> = {}, extra: Partial<GateInput> = {}) =>
  failedGates(checkGates({ search: { ...search, ...c }, setting: { ...setting, ...s }, location: 'IN_AREA', ...extra })).map((g) => g.id);

describe('offer gates', () => {
  const applying = (s: Partial<GateInput['setting']>, c: Partial<GateInput['search']> = {}, location: GateInput['location'] = 'IN_AREA') =>
    checkGates({ search: { ...search, ...c }, setting: { ...setting, ...s }, location })
      .filter((g) => !g.applies)
      .map((g) => g.id);

  it('says which gates do not apply to the child and setting (they pass, but are not shown as passed)', () => {
    // A 14-year-old in a registered children's home: reg 27A applies (and passes); reg 27C and the unregistered-home gate do not.
    expect(applying({})).toEqual(['reg-27C', 'unregistered-childrens-home']);
    // A 17-year-old in registered supported accommodation: reg 27C applies, reg 27A does not.
    expect(
      applying(
        { placementType: 'SUPPORTED_ACCOM_REGISTERED', registrationCategory: 'SUPPORTED_ACCOMMODATION' },
        { childAge: 17, placementType: 'SUPPORTED_ACCOM_REGISTERED' },
      ),
    ).toEqual(['reg-27A', 'unregistered-childrens-home']);
    // A placement with parents: nothing to register, no rating to judge; the location was not assessed.
    expect(applying({ placementType: 'PLACED_WITH_PARENTS', ofstedUrn: null, ofstedRating: 'NOT_REGISTERED' }, {}, null)).toEqual([
      'registration',
      'registration-category',
      'ofsted-rating',
      'reg-27C',
      'unregistered-childrens-home',
      'location',
    ]);
    // A gate that does not apply never fails.
    for (const g of checkGates({ search, setting: { ...setting, placementType: 'PLACED_WITH_PARENTS', ofstedUrn: null }, location: null }))
      if (!g.applies) expect(g.passed).toBe(true);
  });

  it('passes a registered, rated, age-appropriate home with a vacancy', () => {
    expect(failed({})).toEqual([]);
  });

  it.each([
    [{ ofstedUrn: null }, ['registration']],
    [{ ofstedRating: 'NOT_REGISTERED' }, ['registration']],
    [{ registrationCategory: 'SUPPORTED_ACCOMMODATION' }, ['registration-category']],
    [{ ofstedRating: 'INADEQUATE' }, ['ofsted-rating']],
    [{ ageMax: 13 }, ['age-range']],
    [{ vacancies: 0 }, ['vacancy']],
    [{ placementType: 'IFA_FOSTER', registrationCategory: 'INDEPENDENT_FOSTERING_AGENCY' }, ['placement-type']],
    [
      { placementType: 'UNREGISTERED_CHILDRENS_HOME', ofstedUrn: null, registrationCategory: 'NONE' },
      ['placement-type', 'unregistered-childrens-home'],
    ],
  ] as const)('fails %o on %o', (s, gates) => {
    expect(failed(s as never)).toEqual(gates);
  });

  it('lets a head of service exemption pass an Inadequate setting, and says who gave it', () => {
    const gates = checkGates({
      search,
      setting: { ...setting, ofstedRating: 'INADEQUATE' },
      location: 'IN_AREA',
      exemption: { by: 'hos.dev', reason: 'only home near school' },
    });
    expect(failedGates(gates)).toEqual([]);
    expect(gates.find((g) => g.id === 'ofsted-rating')!.text).toContain('hos.dev');
  });

  it('blocks other arrangements for a child under 16 (reg 27A), even registered', () => {
    const sa = {
      placementType: 'SUPPORTED_ACCOM_REGISTERED' as const,
      registrationCategory: 'SUPPORTED_ACCOMMODATION',
      ageMin: 15,
      ageMax: 17,
    };
    expect(failed(sa, { placementType: 'SUPPORTED_ACCOM_REGISTERED', childAge: 15 })).toEqual(['reg-27A']);
    expect(failed(sa, { placementType: 'SUPPORTED_ACCOM_REGISTERED', childAge: 16 })).toEqual([]);
  });

  it('blocks unregistered supported accommodation for a 16 or 17 year old (reg 27C)', () => {
    const unreg = {
      placementType: 'SUPPORTED_ACCOM_UNREGISTERED' as const,
      ofstedUrn: null,
      ofstedRating: 'NOT_REGISTERED',
      registrationCategory: 'NONE',
      ageMin: 16,
      ageMax: 17,
    };
    expect(failed(unreg, { placementType: 'SUPPORTED_ACCOM_UNREGISTERED', childAge: 17 })).toEqual(['reg-27C']);
    const gate = checkGates({
      search: { ...search, placementType: 'SUPPORTED_ACCOM_UNREGISTERED', childAge: 17 },
      setting: { ...setting, ...unreg },
      location: null,
    }).find((g) => g.id === 'reg-27C')!;
    expect(gate.regulation).toBe('CPPCR reg 27C (SI 2023/416 reg 36)');
    // Registered supported lodgings are lawful at 17.
    expect(
      failed(
        { placementType: 'SUPPORTED_LODGINGS', registrationCategory: 'SUPPORTED_ACCOMMODATION', ageMin: 16 },
        { placementType: 'SUPPORTED_ACCOM_REGISTERED', childAge: 17 },
      ),
    ).toEqual([]);
  });

  it('lets an in-house home meet a request for a private home', () => {
    expect(failed({ placementType: 'LA_CHILDRENS_HOME' })).toEqual([]);
  });

  it('sends a setting further from home than approved for re-approval, not refusal', () => {
    const gates = checkGates({ search, setting, location: 'OUT_OF_AREA_AT_DISTANCE' });
    expect(failedGates(gates, 'BLOCK')).toEqual([]);
    expect(failedGates(gates, 'REAPPROVAL').map((g) => g.id)).toEqual(['location']);
    expect(beyondApprovedLocation('OUT_OF_AREA_ADJOINING', 'IN_AREA')).toBe(false);
    expect(beyondApprovedLocation('OUT_OF_AREA_ADJOINING', 'OUT_OF_AREA_AT_DISTANCE')).toBe(true);
    expect(beyondApprovedLocation('IN_AREA', null)).toBe(false);
  });

  it('defaults the registration category from the type when a URN is given', () => {
    expect(defaultRegistrationCategory('PRIVATE_CHILDRENS_HOME', true)).toBe('CHILDRENS_HOME');
    expect(defaultRegistrationCategory('PRIVATE_CHILDRENS_HOME', false)).toBe('NONE');
    expect(defaultRegistrationCategory('INHOUSE_FOSTER', true)).toBe('LA_FOSTERING');
  });
});
