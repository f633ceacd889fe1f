import type { Location, PlacementType } from '@placewise/contracts';

/**
 * BLOCK: the offer cannot be awarded. REAPPROVAL: it can, but only after the rules and panels
 * approve the change (a different type of placement, or further from home than approved).
 */
export type GateEffect = 'BLOCK' | 'REAPPROVAL';

/** A type, not an interface, so a list of results is JSON Prisma can store as it is. */
export type GateResult = {
  id: string;
  /**
   * Whether the gate applies to this child and setting at all (reg 27A to an under-16, a registration
   * category to a type that has one...). One that does not apply passes, and is shown as not applying,
   * never as passed. Results stored before this field existed read as applying.
   */
  applies: boolean;
  passed: boolean;
  effect: GateEffect;
  text: string;
  regulation?: string;
};

/** The Ofsted registration category each regulated placement type needs. */
const REGISTRATION: Readonly<Record<string, readonly string[]>> = {
  IFA_FOSTER: ['INDEPENDENT_FOSTERING_AGENCY'],
  IFA_ENHANCED: ['INDEPENDENT_FOSTERING_AGENCY'],
  PARENT_CHILD_FOSTER: ['INDEPENDENT_FOSTERING_AGENCY', 'LA_FOSTERING'],
  RESIDENTIAL_FAMILY_CENTRE: ['RESIDENTIAL_FAMILY_CENTRE'],
  LA_CHILDRENS_HOME: ['CHILDRENS_HOME'],
  PRIVATE_CHILDRENS_HOME: ['CHILDRENS_HOME'],
  VOL_CHILDRENS_HOME: ['CHILDRENS_HOME'],
  SUPPORTED_ACCOM_REGISTERED: ['SUPPORTED_ACCOMMODATION'],
  SUPPORTED_LODGINGS: ['SUPPORTED_ACCOMMODATION'],
  SECURE_CHILDRENS_HOME: ['SECURE_CHILDRENS_HOME'],
};

export const REGISTRATION_CATEGORIES = [
  'CHILDRENS_HOME',
  'SECURE_CHILDRENS_HOME',
  'SUPPORTED_ACCOMMODATION',
  'INDEPENDENT_FOSTERING_AGENCY',
  'LA_FOSTERING',
  'RESIDENTIAL_FAMILY_CENTRE',
  'RESIDENTIAL_SCHOOL',
  'NONE',
] as const;

/** The category a registered setting of this type normally holds (the default when none is given). */
export function defaultRegistrationCategory(placementType: string, hasUrn: boolean): string {
  if (!hasUrn) return 'NONE';
  if (placementType === 'INHOUSE_FOSTER' || placementType === 'KINSHIP_FOSTER') return 'LA_FOSTERING';
  if (placementType === 'RESIDENTIAL_SCHOOL') return 'RESIDENTIAL_SCHOOL';
  return REGISTRATION[placementType]?.[0] ?? 'NONE';
}

/** "Other arrangements" under CA89 s22C(6)(d): not care, so barred for under-16s (reg 27A). */
const OTHER_ARRANGEMENTS: ReadonlySet<string> = new Set([
  'OTHER_ARRANGEMENTS_UNREGULATED',
  'SUPPORTED_ACCOM_REGISTERED',
  'SUPPORTED_ACCOM_UNREGISTERED',
  'SUPPORTED_LODGINGS',
]);

/**
 * Placement types a search for one type can be met by, in-house options first (the council's own
 * foster carers and homes are tried before anything is bought).
 */
export const MEETS: Readonly<Partial<Record<PlacementType, readonly PlacementType[]>>> = {
  IFA_FOSTER: ['INHOUSE_FOSTER', 'IFA_FOSTER'],
  IFA_ENHANCED: ['INHOUSE_FOSTER', 'IFA_ENHANCED'],
  INHOUSE_FOSTER: ['INHOUSE_FOSTER', 'IFA_FOSTER'],
  PRIVATE_CHILDRENS_HOME: ['LA_CHILDRENS_HOME', 'PRIVATE_CHILDRENS_HOME', 'VOL_CHILDRENS_HOME'],
  VOL_CHILDRENS_HOME: ['LA_CHILDRENS_HOME', 'PRIVATE_CHILDRENS_HOME', 'VOL_CHILDRENS_HOME'],
  LA_CHILDRENS_HOME: ['LA_CHILDRENS_HOME', 'PRIVATE_CHILDRENS_HOME', 'VOL_CHILDRENS_HOME'],
  SUPPORTED_ACCOM_REGISTERED: ['SUPPORTED_ACCOM_REGISTERED', 'SUPPORTED_LODGINGS'],
};

export function typesMeeting(requested: PlacementType): readonly PlacementType[] {
  return MEETS[requested] ?? [requested];
}

const LOCATION_ORDER: Readonly<Record<string, number>> = { IN_AREA: 0, OUT_OF_AREA_ADJOINING: 1, OUT_OF_AREA_AT_DISTANCE: 2 };

/** Whether a placement here is further from home (in reg 11's terms) than the approval allowed. */
export function beyondApprovedLocation(approved: string, actual: Location | null): boolean {
  return actual !== null && LOCATION_ORDER[actual]! > (LOCATION_ORDER[approved] ?? 0);
}

export interface GateInput {
  search: { placementType: PlacementType; childAge: number; location: string };
  setting: {
    placementType: PlacementType;
    ofstedUrn: string | null;
    ofstedRating: string;
    registrationCategory: string;
    ageMin: number;
    ageMax: number;
    vacancies: number;
  };
  /** Where the setting is relative to the council (null: the council's area or the setting's is not recorded). */
  location: Location | null;
  /** A head of service's exemption for a setting rated Inadequate. */
  exemption?: { by: string; reason: string } | null;
}

/** The hard gates an offer must pass before it can be awarded, each with the law or policy behind it. */
export function checkGates({ search, setting, location, exemption }: GateInput): GateResult[] {
  const categories = REGISTRATION[setting.placementType];
  const registered = setting.ofstedUrn !== null && setting.ofstedRating !== 'NOT_REGISTERED';
  const age = search.childAge;
  const otherArrangements = OTHER_ARRANGEMENTS.has(setting.placementType);
  const inadequate = setting.ofstedRating === 'INADEQUATE';
  return [
    {
      id: 'placement-type',
      applies: true,
      passed: typesMeeting(search.placementType).includes(setting.placementType),
      effect: 'REAPPROVAL',
      text: `the setting is ${setting.placementType}; the approval was for ${search.placementType}`,
    },
    {
      id: 'registration',
      applies: !!categories,
      passed: !categories || registered,
      effect: 'BLOCK',
      text: categories ? 'a setting of this type must be registered with Ofsted' : 'no Ofsted registration is required for this type',
      regulation: 'Care Standards Act 2000 s11; Supported Accommodation (England) Regulations 2023',
    },
    {
      id: 'registration-category',
      // Judged only once registered: an unregistered setting fails the registration gate instead.
      applies: !!categories && registered,
      passed: !categories || !registered || categories.includes(setting.registrationCategory),
      effect: 'BLOCK',
      text: categories
        ? `a ${setting.placementType} must be registered as ${categories.join(' or ')}; it is registered as ${setting.registrationCategory} (supported accommodation cannot provide care)`
        : 'no registration category is required for this type',
    },
    {
      id: 'ofsted-rating',
      // A setting with no Ofsted registration has no rating to judge.
      applies: registered,
      passed: !inadequate || !!exemption,
      effect: 'BLOCK',
      text: inadequate
        ? exemption
          ? `rated Inadequate: head of service exemption by ${exemption.by}: ${exemption.reason}`
          : 'rated Inadequate: a placement needs a head of service exemption'
        : `Ofsted rating ${setting.ofstedRating}`,
    },
    {
      id: 'age-range',
      applies: true,
      passed: age >= setting.ageMin && age <= setting.ageMax,
      effect: 'BLOCK',
      text: `the setting takes ages ${setting.ageMin}-${setting.ageMax}; the child is ${age}`,
    },
    {
      id: 'reg-27A',
      applies: age < 16,
      passed: !(age < 16 && otherArrangements),
      effect: 'BLOCK',
      text: 'A child under 16 cannot be placed in other arrangements (supported accommodation, supported lodgings or an unregulated setting).',
      regulation: 'CPPCR reg 27A (SI 2021/161)',
    },
    {
      id: 'reg-27C',
      applies: age >= 16 && age < 18 && otherArrangements,
      passed: !(age >= 16 && age < 18 && otherArrangements && !(registered && setting.registrationCategory === 'SUPPORTED_ACCOMMODATION')),
      effect: 'BLOCK',
      text: 'A 16 or 17 year old cannot be placed in supported accommodation that is not registered with Ofsted.',
      regulation: 'CPPCR reg 27C (SI 2023/416 reg 36)',
    },
    {
      id: 'unregistered-childrens-home',
      applies: setting.placementType === 'UNREGISTERED_CHILDRENS_HOME',
      passed: setting.placementType !== 'UNREGISTERED_CHILDRENS_HOME',
      effect: 'BLOCK',
      text: 'Providing care and accommodation in a home not registered with Ofsted is an offence; such a placement needs a court deprivation of liberty order and the Director, outside this route.',
      regulation: 'Care Standards Act 2000 s11',
    },
    {
      id: 'location',
      // Not assessed when the council's area or the setting's is not recorded: not a pass.
      applies: location !== null,
      passed: !beyondApprovedLocation(search.location, location),
      effect: 'REAPPROVAL',
      text:
        location === null
          ? 'not assessed: the council has not recorded its area and neighbours, or the setting its area'
          : `the setting is ${location}; the approval was for ${search.location}`,
      regulation: 'CPPCR reg 11',
    },
    { id: 'vacancy', applies: true, passed: setting.vacancies > 0, effect: 'BLOCK', text: `${setting.vacancies} vacancies` },
  ];
}

export const failedGates = (gates: readonly GateResult[], effect?: GateEffect) =>
  gates.filter((g) => !g.passed && (!effect || g.effect === effect));
