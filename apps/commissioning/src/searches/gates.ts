import type { PlacementType } from '@placewise/contracts';

export interface GateResult {
  id: string;
  passed: boolean;
  text: string;
}

/** Types that must be registered with Ofsted to be lawful (children's homes, supported accommodation, secure, IFAs). */
const MUST_BE_REGISTERED: ReadonlySet<string> = new Set<PlacementType>([
  'IFA_FOSTER',
  'IFA_ENHANCED',
  'PARENT_CHILD_FOSTER',
  'RESIDENTIAL_FAMILY_CENTRE',
  'LA_CHILDRENS_HOME',
  'PRIVATE_CHILDRENS_HOME',
  'VOL_CHILDRENS_HOME',
  'SUPPORTED_ACCOM_REGISTERED',
  'SECURE_CHILDRENS_HOME',
]);

/**
 * Placement types a search for one type can be met by, in-house options first (the council's own
 * foster carers and homes are tried before anything is bought).
 */
export const MEETS: Readonly<Record<string, readonly string[]>> = {
  IFA_FOSTER: ['INHOUSE_FOSTER', 'IFA_FOSTER'],
  IFA_ENHANCED: ['INHOUSE_FOSTER', 'IFA_ENHANCED'],
  PRIVATE_CHILDRENS_HOME: ['LA_CHILDRENS_HOME', 'PRIVATE_CHILDRENS_HOME', 'VOL_CHILDRENS_HOME'],
  VOL_CHILDRENS_HOME: ['LA_CHILDRENS_HOME', 'PRIVATE_CHILDRENS_HOME', 'VOL_CHILDRENS_HOME'],
  LA_CHILDRENS_HOME: ['LA_CHILDRENS_HOME', 'PRIVATE_CHILDRENS_HOME', 'VOL_CHILDRENS_HOME'],
};

export function typesMeeting(requested: string): readonly string[] {
  return MEETS[requested] ?? [requested];
}

export interface GateInput {
  search: { placementType: string; childAge: number };
  setting: { placementType: string; ofstedUrn: string | null; ofstedRating: string; ageMin: number; ageMax: number; vacancies: number };
}

/** The hard gates an offer must pass before it can be awarded. */
export function checkGates({ search, setting }: GateInput): GateResult[] {
  const needsRegistration = MUST_BE_REGISTERED.has(setting.placementType);
  return [
    {
      id: 'placement-type',
      passed: typesMeeting(search.placementType).includes(setting.placementType),
      text: `the setting is ${setting.placementType}; the approval was for ${search.placementType}`,
    },
    {
      id: 'registration',
      passed: !needsRegistration || (setting.ofstedUrn !== null && setting.ofstedRating !== 'NOT_REGISTERED'),
      text: needsRegistration ? 'a setting of this type must be registered with Ofsted' : 'no Ofsted registration is required for this type',
    },
    {
      id: 'ofsted-rating',
      passed: setting.ofstedRating !== 'INADEQUATE',
      text: `Ofsted rating ${setting.ofstedRating}: a setting rated Inadequate needs a head of service exemption`,
    },
    {
      id: 'age-range',
      passed: search.childAge >= setting.ageMin && search.childAge <= setting.ageMax,
      text: `the setting takes ages ${setting.ageMin}-${setting.ageMax}; the child is ${search.childAge}`,
    },
    { id: 'vacancy', passed: setting.vacancies > 0, text: `${setting.vacancies} vacancies` },
  ];
}
