import type { PlacementType, Provision } from '@placewise/contracts';
import { PLACES_WITHOUT_URN, URN_PLACEHOLDER, type Place } from '@placewise/contracts/ssda903';

/** Who provides an imported placement, from the 903 PLACE_PROVIDER. */
export type ImportedProviderKind = 'OWN' | 'OTHER_LA' | 'OTHER_PUBLIC' | 'PRIVATE' | 'VOLUNTARY';

/**
 * The provider of an imported placement: PR1 the council's own provision (its in-house provider);
 * PR2 another council's, PR3 other public, PR4 private, PR5 voluntary (each an "imported provider"
 * record of the council's, until a commissioner renames or merges it). PR0 (parents) and a blank
 * PLACE_PROVIDER (temporary and other arrangements) are the council's own arrangement.
 */
export function providerKindOf(placeProvider: string | null): ImportedProviderKind {
  switch (placeProvider) {
    case 'PR2':
      return 'OTHER_LA';
    case 'PR3':
      return 'OTHER_PUBLIC';
    case 'PR4':
      return 'PRIVATE';
    case 'PR5':
      return 'VOLUNTARY';
    default:
      return 'OWN';
  }
}

/** The imported provider record's name and stored sector, per kind (other public provision is stored as another council's). */
export const IMPORTED_PROVIDERS: Readonly<
  Record<Exclude<ImportedProviderKind, 'OWN'>, { name: string; sector: 'PRIVATE' | 'VOLUNTARY' | 'OTHER_LA' }>
> = {
  OTHER_LA: { name: "Another council's provider (from the 903 return)", sector: 'OTHER_LA' },
  OTHER_PUBLIC: { name: 'Other public provider (from the 903 return)', sector: 'OTHER_LA' },
  PRIVATE: { name: 'Private provider (from the 903 return)', sector: 'PRIVATE' },
  VOLUNTARY: { name: 'Voluntary provider (from the 903 return)', sector: 'VOLUNTARY' },
};

/** The name of the council's in-house provider when it has none yet. */
export const OWN_PROVIDER_NAME = "The council's own provision (from the 903 return)";

/** The words for a placement type, for the names of settings an import creates. */
export const TYPE_WORDS: Readonly<Record<PlacementType, string>> = {
  INHOUSE_FOSTER: "The council's foster carers",
  KINSHIP_FOSTER: 'Family and friends foster carers',
  IFA_FOSTER: 'Independent fostering agency carers',
  IFA_ENHANCED: 'Independent fostering agency carers (enhanced)',
  PARENT_CHILD_FOSTER: 'Parent and child foster carers',
  RESIDENTIAL_FAMILY_CENTRE: 'Family centre or mother and baby unit',
  LA_CHILDRENS_HOME: "Council children's home",
  PRIVATE_CHILDRENS_HOME: "Private children's home",
  VOL_CHILDRENS_HOME: "Voluntary children's home",
  SUPPORTED_ACCOM_REGISTERED: 'Registered supported accommodation',
  SUPPORTED_ACCOM_UNREGISTERED: 'Unregistered supported accommodation',
  SUPPORTED_LODGINGS: 'Supported lodgings',
  OTHER_ARRANGEMENTS_UNREGULATED: 'Other arrangements',
  SECURE_CHILDRENS_HOME: "Secure children's home",
  RESIDENTIAL_SCHOOL: 'Residential school',
  PLACED_WITH_PARENTS: 'Placed with parents',
  UNREGISTERED_CHILDRENS_HOME: "Unregistered children's home",
  HOSPITAL: 'Hospital or other medical or nursing care',
};

export interface ImportedPlace {
  placementType: PlacementType;
  provision: Provision;
  provider: ImportedProviderKind;
  /** The Ofsted URN to find the setting by; null when the PLACE has none (a shared setting per council and type is used). */
  urn: string | null;
}

/** A children's home by who provides it: the council's own or another council's, private, voluntary. */
function childrensHome(provider: ImportedProviderKind): PlacementType {
  if (provider === 'PRIVATE') return 'PRIVATE_CHILDRENS_HOME';
  if (provider === 'VOLUNTARY') return 'VOL_CHILDRENS_HOME';
  return 'LA_CHILDRENS_HOME';
}

/** Foster carers by who provides them: the council's own, else an agency (private, voluntary or another council's). */
const fostering = (provider: ImportedProviderKind): PlacementType => (provider === 'OWN' ? 'INHOUSE_FOSTER' : 'IFA_FOSTER');

/**
 * The placement type of a 903 PLACE (with PLACE_PROVIDER where it decides): U1-U3 family and friends
 * fostering; U4-U6, and adoption placements A3-A6 (with foster carers or prospective adopters, still
 * looked after), fostering in-house or by an agency; K1 secure; K2 a children's home, the council's,
 * private or voluntary; K3 registered supported accommodation; P1 placed with parents; S1 residential
 * school; R1 (a care home) and R2 (hospital, nursing care) and T1 (a temporary period in hospital)
 * medical or nursing care; R3 family centre; P3 (residential employment), R5 (young offender
 * institution), T0 and T2-T4 (temporary) and Z11-Z14 other arrangements. Null for a code it does not know.
 */
export function placementTypeOf(place: string, provider: ImportedProviderKind): PlacementType | null {
  switch (place) {
    case 'U1':
    case 'U2':
    case 'U3':
      return 'KINSHIP_FOSTER';
    case 'U4':
    case 'U5':
    case 'U6':
    case 'A3':
    case 'A4':
    case 'A5':
    case 'A6':
      return fostering(provider);
    case 'K1':
      return 'SECURE_CHILDRENS_HOME';
    case 'K2':
      return childrensHome(provider);
    case 'K3':
      return 'SUPPORTED_ACCOM_REGISTERED';
    case 'P1':
      return 'PLACED_WITH_PARENTS';
    case 'S1':
      return 'RESIDENTIAL_SCHOOL';
    case 'R1':
    case 'R2':
    case 'T1':
      return 'HOSPITAL';
    case 'R3':
      return 'RESIDENTIAL_FAMILY_CENTRE';
    case 'P3':
    case 'R5':
    case 'T0':
    case 'T2':
    case 'T3':
    case 'T4':
    case 'Z11':
    case 'Z12':
    case 'Z13':
    case 'Z14':
      return 'OTHER_ARRANGEMENTS_UNREGULATED';
    default:
      return null;
  }
}

/** An Ofsted URN worth looking up: not blank, not the validator's placeholder, not for a PLACE that has none. */
export function urnOf(place: string, urn: string | null): string | null {
  const u = urn?.trim().toUpperCase() ?? '';
  if (!u || u === URN_PLACEHOLDER || (PLACES_WITHOUT_URN as readonly string[]).includes(place as Place)) return null;
  return u;
}

/** What an imported placement is: its type, provision, provider kind and URN; null for a PLACE code not known. */
export function importedPlace(place: string, placeProvider: string | null, urn: string | null): ImportedPlace | null {
  const provider = providerKindOf(placeProvider);
  const placementType = placementTypeOf(place, provider);
  if (!placementType) return null;
  return { placementType, provision: provider === 'OWN' ? 'IN_HOUSE' : 'EXTERNAL', provider, urn: urnOf(place, urn) };
}
