import { z } from 'zod';

/**
 * The children-looked-after return (SSDA903): its tables, their exact columns, and the code lists
 * the DfE's validator accepts (2025/26 onwards, with the 2026/27 DoLo table). The meanings are the
 * words shown to people; the rule numbers in comments are the DfE's own.
 *
 * In memory a table is a list of rows keyed by column; every value is a string or null (an empty
 * cell), and a date column holds an ISO day (YYYY-MM-DD). The file layer (CSV, DD/MM/YYYY, upper
 * case) converts at the edge, so the record and the validation rules never see the file format.
 */

export const SSDA903_TABLES = {
  Header: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
  Episodes: [
    'CHILD',
    'DECOM',
    'RNE',
    'LS',
    'CIN',
    'PLACE',
    'PLACE_PROVIDER',
    'DEC',
    'REC',
    'REASON_PLACE_CHANGE',
    'HOME_POST',
    'PL_POST',
    'URN',
  ],
  Reviews: ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'],
  UASC: ['CHILD', 'SEX', 'DOB', 'DUC'],
  OC2: [
    'CHILD',
    'DOB',
    'SDQ_SCORE',
    'SDQ_REASON',
    'CONVICTED',
    'HEALTH_CHECK',
    'IMMUNISATIONS',
    'TEETH_CHECK',
    'HEALTH_ASSESSMENT',
    'SUBSTANCE_MISUSE',
    'INTERVENTION_RECEIVED',
    'INTERVENTION_OFFERED',
  ],
  OC3: ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'],
  AD1: ['CHILD', 'DOB', 'DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'],
  PlacedAdoption: ['CHILD', 'DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'],
  PrevPerm: ['CHILD', 'DOB', 'PREV_PERM', 'LA_PERM', 'DATE_PERM'],
  Missing: ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'],
  SWEpisodes: ['CHILD', 'DOB', 'SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON'],
  DoLo: ['CHILD', 'DOB', 'DOLO_START', 'DOLO_END'],
} as const;

export type Ssda903Table = keyof typeof SSDA903_TABLES;
export const SSDA903_TABLE_NAMES = Object.keys(SSDA903_TABLES) as Ssda903Table[];
export type Ssda903Column<T extends Ssda903Table> = (typeof SSDA903_TABLES)[T][number];
/** One row of a table: every column present, an empty cell is null, dates are ISO days. */
export type Ssda903Row<T extends Ssda903Table> = { [C in Ssda903Column<T>]: string | null };
/** A whole return (or a whole load): every table, each possibly empty. */
export type Ssda903Return = { [T in Ssda903Table]: Ssda903Row<T>[] };

/** The columns that hold dates (DD/MM/YYYY in the files, ISO days in memory). */
export const SSDA903_DATE_COLUMNS: { readonly [T in Ssda903Table]: readonly Ssda903Column<T>[] } = {
  Header: ['DOB', 'MC_DOB'],
  Episodes: ['DECOM', 'DEC'],
  Reviews: ['DOB', 'REVIEW'],
  UASC: ['DOB', 'DUC'],
  OC2: ['DOB'],
  OC3: ['DOB'],
  AD1: ['DOB', 'DATE_INT', 'DATE_MATCH'],
  PlacedAdoption: ['DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED'],
  PrevPerm: ['DOB', 'DATE_PERM'],
  Missing: ['DOB', 'MIS_START', 'MIS_END'],
  SWEpisodes: ['DOB', 'SW_DECOM', 'SW_DEC'],
  DoLo: ['DOB', 'DOLO_START', 'DOLO_END'],
};

export function emptyReturn(): Ssda903Return {
  return {
    Header: [],
    Episodes: [],
    Reviews: [],
    UASC: [],
    OC2: [],
    OC3: [],
    AD1: [],
    PlacedAdoption: [],
    PrevPerm: [],
    Missing: [],
    SWEpisodes: [],
    DoLo: [],
  };
}

/** A code list: the zod enum and the words for each code. */
function codes<const K extends string>(labels: Record<K, string>) {
  const keys = Object.keys(labels) as [K, ...K[]];
  return { schema: z.enum(keys), labels, codes: keys };
}

/** PLACE, rule 146 (2025/26: H5, P2 and Z1 removed; Z11-Z14 added). */
export const Place = codes({
  A3: 'Placed for adoption with consent, with current foster carers',
  A4: 'Placed for adoption with consent, not with current foster carers',
  A5: 'Placed for adoption with a placement order, with current foster carers',
  A6: 'Placed for adoption with a placement order, not with current foster carers',
  K1: "Secure children's home",
  K2: "Children's home",
  K3: 'Registered supported accommodation',
  P1: 'Placed with parents or others with parental responsibility',
  P3: 'Residential employment',
  R1: 'Residential care home',
  R2: 'NHS or other establishment providing medical or nursing care',
  R3: 'Family centre or mother and baby unit',
  R5: 'Young offender institution',
  S1: 'Residential school',
  T0: 'Temporary move',
  T1: 'Temporary period in hospital',
  T2: 'Temporary absence on holiday',
  T3: 'Temporary accommodation while the foster carers are on holiday',
  T4: 'Temporary accommodation of seven days or less',
  U1: 'Fostered with relatives or friends, long term',
  U2: 'Fostered with relatives or friends who are approved adopters',
  U3: 'Fostered with relatives or friends, other',
  U4: 'Fostered with other foster carers, long term',
  U5: 'Fostered with other foster carers who are approved adopters',
  U6: 'Fostered with other foster carers, other',
  Z11: 'Other placement (Z11)',
  Z12: 'Other placement (Z12)',
  Z13: 'Other placement (Z13)',
  Z14: 'Other placement (Z14)',
});
export type Place = z.infer<typeof Place.schema>;

/** Temporary placements (T0-T4): no REASON_PLACE_CHANGE (226). */
export const TEMPORARY_PLACES: readonly Place[] = ['T0', 'T1', 'T2', 'T3', 'T4'];
/** PLACE_PROVIDER must be blank for these (178, 213). */
export const PLACES_WITHOUT_PROVIDER: readonly Place[] = ['T0', 'T1', 'T2', 'T3', 'Z11', 'Z12', 'Z13', 'Z14'];
/** URN not required, and must be blank or XXXXXXX (218, 222). */
export const PLACES_WITHOUT_URN: readonly Place[] = [
  'P1',
  'P3',
  'R1',
  'R2',
  'R5',
  'T0',
  'T1',
  'T2',
  'T3',
  'T4',
  'Z11',
  'Z12',
  'Z13',
  'Z14',
];
/** The validator's placeholder URN. */
export const URN_PLACEHOLDER = 'XXXXXXX';

/** PLACE_PROVIDER, rule 178. */
export const PlaceProvider = codes({
  PR0: 'Parents or others with parental responsibility',
  PR1: "The council's own provision",
  PR2: "Another council's provision",
  PR3: 'Other public provision',
  PR4: 'Private provision',
  PR5: 'Voluntary or third sector provision',
});
export type PlaceProvider = z.infer<typeof PlaceProvider.schema>;

/** LS, rule 144. */
export const LegalStatus903 = codes({
  C1: 'Interim care order',
  C2: 'Full care order',
  D1: 'Freeing order granted',
  E1: 'Placement order granted',
  V2: 'Single period of accommodation under section 20',
  V3: 'Series of short breaks, individual episodes recorded',
  V4: 'Series of short breaks, agreements recorded',
  J1: 'Remanded to council or youth detention accommodation',
  J2: 'Placed in council accommodation under PACE',
  J3: 'Youth rehabilitation order with a residence or fostering requirement',
  L1: 'Police protection, in council accommodation',
  L2: 'Emergency protection order',
  L3: 'Child assessment order, in council accommodation',
});
export type LegalStatus903 = z.infer<typeof LegalStatus903.schema>;

/** RNE, rule 143. */
export const ReasonNewEpisode = codes({
  S: 'Started to be looked after',
  L: 'Change of legal status only',
  P: 'Change of placement and carers only',
  T: 'Change of placement, same carers',
  B: 'Change of legal status and of placement and carers',
  U: 'Change of legal status and of placement, same carers',
});
export type ReasonNewEpisode = z.infer<typeof ReasonNewEpisode.schema>;

/** REC, rule 149. */
export const ReasonEpisodeCeased = codes({
  X1: 'Episode ended and a new one began the same day',
  E11: 'Adopted, application unopposed',
  E12: 'Adopted, consent dispensed with',
  E2: 'Died',
  E3: 'Care taken over by another council',
  E4A: 'Returned home as part of the care plan',
  E4B: 'Returned home, not part of the care plan',
  E13: 'Left care to live with parents, relatives or others without parental responsibility',
  E41: 'Child arrangements order granted',
  E45: 'Special guardianship order to former foster carers who are relatives or friends',
  E46: 'Special guardianship order to former foster carers, other',
  E47: 'Special guardianship order to other carers who are relatives or friends',
  E48: 'Special guardianship order to other carers, other',
  E5: 'Independent living with formal support',
  E6: 'Independent living without formal support',
  E7: 'Residential care funded by adult social care',
  E8: 'Ceased for any other reason',
  E9: 'Sentenced to custody',
  E14: 'Accommodation on remand ended',
  E15: 'Age assessment found the child to be 18 or over',
  E16: 'Moved abroad',
  E17: 'Aged 18 or over and stayed with current carers',
});
export type ReasonEpisodeCeased = z.infer<typeof ReasonEpisodeCeased.schema>;

/** CIN, rule 145. */
export const CategoryOfNeed = codes({
  N1: 'Abuse or neglect',
  N2: "Child's disability",
  N3: 'Parental illness or disability',
  N4: 'Family in acute stress',
  N5: 'Family dysfunction',
  N6: 'Socially unacceptable behaviour',
  N7: 'Low income',
  N8: 'Absent parenting',
});
export type CategoryOfNeed = z.infer<typeof CategoryOfNeed.schema>;

/** SEX, rule 101 (M/F/U from 2024/25). */
export const Sex903 = codes({ M: 'Male', F: 'Female', U: 'Unknown' });
export type Sex903 = z.infer<typeof Sex903.schema>;

/** ETHNIC, rule 103. */
export const Ethnicity = codes({
  WBRI: 'White British',
  WIRI: 'White Irish',
  WOTH: 'Any other White background',
  WIRT: 'Traveller of Irish heritage',
  WROM: 'Gypsy or Roma',
  MWBC: 'White and Black Caribbean',
  MWBA: 'White and Black African',
  MWAS: 'White and Asian',
  MOTH: 'Any other mixed background',
  AIND: 'Indian',
  APKN: 'Pakistani',
  ABAN: 'Bangladeshi',
  AOTH: 'Any other Asian background',
  BCRB: 'Black Caribbean',
  BAFR: 'Black African',
  BOTH: 'Any other Black background',
  CHNE: 'Chinese',
  OOTH: 'Any other ethnic group',
  REFU: 'Refused',
  NOBT: 'Not yet obtained',
});
export type Ethnicity = z.infer<typeof Ethnicity.schema>;

/** REASON_PLACE_CHANGE, rule 1009. */
export const ReasonPlaceChange = codes({
  CARPL: 'Change to or carrying out of the care plan',
  CLOSE: 'Resignation or closure of the provision',
  ALLEG: 'Allegation (section 47)',
  STAND: 'Standards of care concern',
  APPRR: 'Approval removed',
  CREQB: "Carers asked for the placement to end because of the child's behaviour",
  CREQO: 'Carers asked for the placement to end, other reason',
  CHILD: 'Child asked for the placement to end',
  LAREQ: 'The council asked for the placement to end',
  PLACE: 'Change in the status of the placement only',
  CUSTOD: 'Custody arrangement',
  OTHER: 'Other',
});
export type ReasonPlaceChange = z.infer<typeof ReasonPlaceChange.schema>;

/** Why a child has no UPN (rule 168). */
export const UpnUnknown = codes({
  UN1: 'Not yet of school age, no UPN yet',
  UN2: 'Never attended a maintained school in England',
  UN3: 'Educated outside England',
  UN4: 'Newly looked after, UPN not yet known',
  UN5: 'UPN sources disagree',
});
export type UpnUnknown = z.infer<typeof UpnUnknown.schema>;
/** A UPN: a letter (not I, O or S) and 12 digits, or 11 digits and a letter (rule 168). */
export const UPN_PATTERN = /^([A-HJ-NP-RT-Z]\d{12}|\d{11}[A-Z])$/;

/** REVIEW_CODE, rule 167. */
export const ReviewParticipation = codes({
  PN0: 'Under 4 at the review',
  PN1: 'Attended and spoke for themselves',
  PN2: 'Attended, an advocate spoke for them',
  PN3: 'Attended and conveyed their views symbolically',
  PN4: 'Attended without contributing',
  PN5: 'Did not attend, briefed an advocate',
  PN6: 'Did not attend, conveyed views another way',
  PN7: 'Did not attend, views not conveyed',
});
export type ReviewParticipation = z.infer<typeof ReviewParticipation.schema>;

/** MISSING, rule 1006. */
export const MissingType = codes({ M: 'Missing from care', A: 'Away from placement without authorisation' });
export type MissingType = z.infer<typeof MissingType.schema>;

/** SDQ_REASON, rule 196. */
export const SdqReason = codes({
  SDQ1: 'Under 4 or over 16',
  SDQ2: 'Carer refused',
  SDQ3: 'Disability too severe',
  SDQ4: 'Other',
  SDQ5: 'Young person refused',
});

/** IN_TOUCH, rule 131. */
export const InTouch = codes({
  YES: 'In touch',
  NO: 'Not in touch',
  DIED: 'Died',
  REFU: 'Refuses contact',
  NREQ: 'No longer requires services',
  RHOM: 'Returned home for six months or more',
});
export type InTouch = z.infer<typeof InTouch.schema>;

/** ACTIV, rule 132. */
export const Activity = codes({
  F1: 'Higher education, full time',
  P1: 'Higher education, part time',
  F2: 'Other education, full time',
  P2: 'Other education, part time',
  F4: 'Apprenticeship, full time',
  P4: 'Apprenticeship, part time',
  F5: 'Training or employment, full time',
  P5: 'Training or employment, part time',
  G4: 'Not in education, employment or training: illness or disability',
  G5: 'Not in education, employment or training: other',
  G6: 'Not in education, employment or training: pregnancy or parenting',
  '0': 'Not known',
});
export type Activity = z.infer<typeof Activity.schema>;

const ACCOMMODATION_KINDS = {
  B: 'With parents or relatives',
  C: 'Community home or residential care',
  D: 'Semi-independent, transitional',
  E: 'Supported lodgings',
  G: 'Gone abroad',
  H: 'Deported',
  K: 'Ordinary lodgings',
  R: 'Residence not known',
  S: 'No fixed abode',
  T: 'Foyer',
  U: 'Independent living',
  V: 'Emergency accommodation',
  W: 'Bed and breakfast',
  X: 'Custody',
  Y: 'Other',
  Z: 'With former foster carers',
} as const;
/** ACCOM, rule 133: a kind and 1 (suitable) or 2 (not suitable), or 0 (not known). No S1, no X1. */
export const Accommodation = codes({
  '0': 'Not known',
  ...(Object.fromEntries(
    Object.entries(ACCOMMODATION_KINDS).flatMap(([k, words]) =>
      [
        [`${k}1`, `${words}, suitable`],
        [`${k}2`, `${words}, not suitable`],
      ].filter(([code]) => code !== 'S1' && code !== 'X1'),
    ),
  ) as Record<string, string>),
});

/** PREV_PERM, rule 631. */
export const PreviousPermanence = codes({
  P1: 'Adoption',
  P2: 'Special guardianship order',
  P3: 'Residence or child arrangements order',
  P4: 'Not known',
  Z1: 'No previous permanence',
});

/** REASON_PLACED_CEASED, rule 120. */
export const ReasonPlacedCeased = codes({
  RD1: 'The child was adopted or placed for adoption',
  RD2: "The child's needs changed",
  RD3: 'The court did not make a placement order',
  RD4: 'Prospective adopters could not be found',
});

/** SW_REASON (rule SW13). */
export const SocialWorkerChangeReason = codes({
  MANAGE: 'Management decision',
  FCONTA: 'The family asked for a change',
  LEFTRL: 'The social worker left the role',
  ORGRST: 'Organisational restructure',
  TSPROC: 'Transfer as part of the standard process',
  ABSENC: 'Social worker absence',
  CHCHAN: "The child's circumstances changed",
  PCCHAN: 'Placement change',
  SWDIED: 'The social worker died',
  OTHERS: 'Other',
});

/** The collection year starting 1 April of `startYear`: 2025 is 1 Apr 2025 to 31 Mar 2026, labelled 2025-26. */
export function collectionYear(startYear: number): { start: string; end: string; label: string } {
  return {
    start: `${startYear}-04-01`,
    end: `${startYear + 1}-03-31`,
    label: `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`,
  };
}
