import type { EndReason, LegalStatus, PlacementType, Provision } from '@placewise/contracts';
import {
  PLACES_WITHOUT_PROVIDER,
  PLACES_WITHOUT_URN,
  TEMPORARY_PLACES,
  URN_PLACEHOLDER,
  type LegalStatus903,
  type Place,
  type PlaceProvider,
  type ReasonEpisodeCeased,
  type ReasonPlaceChange,
} from '@placewise/contracts/ssda903';

/**
 * The one mapping from what Placewise records (PlacementType, Provision, LegalStatus, EndReason,
 * the care plan's exit route) to the SSDA903 codes. Pure; tested in mapping.test.ts.
 */

/** PLACE for each placement type. Fostering is "other" (U3/U6) until the plan makes it long-term. */
const PLACE_OF: Record<PlacementType, Place> = {
  INHOUSE_FOSTER: 'U6',
  KINSHIP_FOSTER: 'U3',
  IFA_FOSTER: 'U6',
  IFA_ENHANCED: 'U6',
  PARENT_CHILD_FOSTER: 'U6',
  RESIDENTIAL_FAMILY_CENTRE: 'R3',
  LA_CHILDRENS_HOME: 'K2',
  PRIVATE_CHILDRENS_HOME: 'K2',
  VOL_CHILDRENS_HOME: 'K2',
  SUPPORTED_ACCOM_REGISTERED: 'K3',
  // Supported lodgings are provided under the Supported Accommodation Regulations 2023 (registered).
  SUPPORTED_LODGINGS: 'K3',
  SUPPORTED_ACCOM_UNREGISTERED: 'Z11',
  OTHER_ARRANGEMENTS_UNREGULATED: 'Z11',
  // A child under a DoLO in an unregistered home is expected in Z12 or Z13 (rule 709).
  UNREGISTERED_CHILDRENS_HOME: 'Z12',
  SECURE_CHILDRENS_HOME: 'K1',
  RESIDENTIAL_SCHOOL: 'S1',
  PLACED_WITH_PARENTS: 'P1',
  HOSPITAL: 'R2',
};

/** PLACE_PROVIDER: parents are PR0, a hospital other public provision, a voluntary home PR5; otherwise by who provides it. */
function providerOf(type: PlacementType, provision: Provision): PlaceProvider {
  if (type === 'PLACED_WITH_PARENTS') return 'PR0';
  if (type === 'HOSPITAL') return 'PR3';
  if (type === 'VOL_CHILDRENS_HOME') return 'PR5';
  if (type === 'LA_CHILDRENS_HOME' || type === 'INHOUSE_FOSTER' || type === 'KINSHIP_FOSTER') return 'PR1';
  return provision === 'IN_HOUSE' ? 'PR1' : 'PR4';
}

export interface PlacementCodes {
  place: Place;
  /** Null where the 903 wants it blank (T0-T3, Z11-Z14: rules 178 and 213). */
  placeProvider: PlaceProvider | null;
  /** Whether a URN is required (rule 218); where it is not, it is blank (222). */
  urnRequired: boolean;
}

export function placementCodes(type: PlacementType, provision: Provision): PlacementCodes {
  const place = PLACE_OF[type];
  return {
    place,
    placeProvider: PLACES_WITHOUT_PROVIDER.includes(place) ? null : providerOf(type, provision),
    urnRequired: !PLACES_WITHOUT_URN.includes(place),
  };
}

/** A URN as the 903 wants it for a placement: blank where none is required (222), else as given. */
export function urnFor(place: string, urn: string | null): string | null {
  if (PLACES_WITHOUT_URN.includes(place as Place)) return urn === URN_PLACEHOLDER ? urn : null;
  return urn;
}

/**
 * LS for each legal status. A secure accommodation order (s25) or an inherent-jurisdiction DoLO is
 * not a legal status of its own (the DoLO is recorded in its own table): the child keeps the status
 * they have, so these map to null and the caller keeps the current one.
 */
const LS_OF: Record<LegalStatus, LegalStatus903 | null> = {
  S20: 'V2',
  UASC_S20: 'V2',
  ICO_S38: 'C1',
  CO_S31: 'C2',
  PLACEMENT_ORDER: 'E1',
  EPO_S44: 'L2',
  PP_S46: 'L1',
  REMAND_LA: 'J1',
  REMAND_YDA: 'J1',
  SHORT_BREAKS: 'V3',
  SECURE_S25: null,
  DOL_INHERENT: null,
};

/** The 903 LS for a legal status, or the child's current one (or V2 if there is none) where the status is not an LS of its own. */
export function legalStatusCode(status: LegalStatus, current: string | null): string {
  return LS_OF[status] ?? current ?? 'V2';
}

/** REASON_PLACE_CHANGE for the end of a placement that a move followed (rule 1009). */
export function reasonPlaceChangeOf(reason: EndReason | null): ReasonPlaceChange {
  switch (reason) {
    case 'PROVIDER_NOTICE':
      return 'CREQO';
    case 'BREAKDOWN':
      return 'CREQB';
    case 'OTHER':
      return 'OTHER';
    case 'PLANNED_END':
    case 'STEP_DOWN':
    case 'MOVE':
    case 'EXIT_FROM_CARE':
    case 'AGE_18':
    case null:
      return 'CARPL';
  }
}

export function isTemporary(place: string): boolean {
  return TEMPORARY_PLACES.includes(place as Place);
}

/** The care plan's exit routes (referrals' ExitRoute). */
export type ExitRouteName =
  | 'REUNIFICATION'
  | 'SPECIAL_GUARDIANSHIP_ORDER'
  | 'CHILD_ARRANGEMENTS_ORDER'
  | 'ADOPTION'
  | 'STAYING_PUT_OR_LEAVING_CARE_AT_18'
  | 'TRANSFER_TO_ADULT_SERVICES';

const FOSTER_WITH_FAMILY = ['U1', 'U2', 'U3'];
const FOSTER_OTHER = ['U4', 'U5', 'U6'];

/**
 * REC for a child leaving care: from the exit route the care plan names, the placement they leave
 * and their age. A special guardianship order goes to the former foster carers when the child was
 * fostered (E45 relatives or friends, E46 others), else to other carers (E48). At 18, staying with
 * foster carers is E17 (staying put), from supported accommodation E5; anything unplanned is E8.
 */
export function exitReason(route: ExitRouteName | null, endReason: EndReason, place: string, age: number): ReasonEpisodeCeased {
  switch (route) {
    case 'REUNIFICATION':
      return 'E4A';
    case 'SPECIAL_GUARDIANSHIP_ORDER':
      return FOSTER_WITH_FAMILY.includes(place) ? 'E45' : FOSTER_OTHER.includes(place) ? 'E46' : 'E48';
    case 'CHILD_ARRANGEMENTS_ORDER':
      return 'E41';
    case 'ADOPTION':
      return 'E11';
    case 'TRANSFER_TO_ADULT_SERVICES':
      return 'E7';
    case 'STAYING_PUT_OR_LEAVING_CARE_AT_18':
    case null:
      if (endReason === 'AGE_18' || age >= 18) {
        if (FOSTER_WITH_FAMILY.includes(place) || FOSTER_OTHER.includes(place)) return 'E17';
        if (place === 'K3') return 'E5';
        return route ? 'E6' : 'E8';
      }
      return 'E8';
  }
}
