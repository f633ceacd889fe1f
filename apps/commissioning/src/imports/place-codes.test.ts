import { Place, PlaceProvider } from '@placewise/contracts/ssda903';
import { describe, expect, it } from 'vitest';
import { importedPlace, placementTypeOf, providerKindOf, urnOf } from './place-codes.js';

describe('903 PLACE and PLACE_PROVIDER to a placement', () => {
  it('maps every PLACE code of the return, by provider where it decides', () => {
    const table: [string, string | null, string, string][] = [
      ['U1', 'PR1', 'KINSHIP_FOSTER', 'IN_HOUSE'],
      ['U3', 'PR1', 'KINSHIP_FOSTER', 'IN_HOUSE'],
      ['U4', 'PR1', 'INHOUSE_FOSTER', 'IN_HOUSE'],
      ['U6', 'PR4', 'IFA_FOSTER', 'EXTERNAL'],
      ['U5', 'PR5', 'IFA_FOSTER', 'EXTERNAL'],
      ['A4', 'PR1', 'INHOUSE_FOSTER', 'IN_HOUSE'],
      ['K1', 'PR2', 'SECURE_CHILDRENS_HOME', 'EXTERNAL'],
      ['K2', 'PR1', 'LA_CHILDRENS_HOME', 'IN_HOUSE'],
      ['K2', 'PR2', 'LA_CHILDRENS_HOME', 'EXTERNAL'],
      ['K2', 'PR4', 'PRIVATE_CHILDRENS_HOME', 'EXTERNAL'],
      ['K2', 'PR5', 'VOL_CHILDRENS_HOME', 'EXTERNAL'],
      ['K3', 'PR4', 'SUPPORTED_ACCOM_REGISTERED', 'EXTERNAL'],
      ['P1', 'PR0', 'PLACED_WITH_PARENTS', 'IN_HOUSE'],
      ['S1', 'PR4', 'RESIDENTIAL_SCHOOL', 'EXTERNAL'],
      ['R2', 'PR3', 'HOSPITAL', 'EXTERNAL'],
      ['R3', 'PR4', 'RESIDENTIAL_FAMILY_CENTRE', 'EXTERNAL'],
      ['T4', null, 'OTHER_ARRANGEMENTS_UNREGULATED', 'IN_HOUSE'],
      ['Z11', null, 'OTHER_ARRANGEMENTS_UNREGULATED', 'IN_HOUSE'],
      ['Z14', null, 'OTHER_ARRANGEMENTS_UNREGULATED', 'IN_HOUSE'],
    ];
    for (const [place, provider, type, provision] of table)
      expect(importedPlace(place, provider, null), `${place} ${provider}`).toMatchObject({ placementType: type, provision });
    for (const code of Place.codes) expect(placementTypeOf(code, 'OWN'), code).not.toBeNull();
    for (const code of PlaceProvider.codes) expect(providerKindOf(code)).toBeDefined();
  });

  it('knows no PLACE code outside the return, and looks settings up only by a real URN', () => {
    expect(importedPlace('H5', 'PR4', 'SC1')).toBeNull();
    expect(urnOf('K2', ' sc123456 ')).toBe('SC123456');
    expect(urnOf('K2', 'XXXXXXX')).toBeNull();
    expect(urnOf('K2', null)).toBeNull();
    expect(urnOf('P1', 'SC123456')).toBeNull();
    expect(urnOf('Z12', 'SC123456')).toBeNull();
  });
});
