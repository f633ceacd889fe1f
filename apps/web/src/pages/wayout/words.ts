/** Words a person reads for the way-out-of-care codes (apps/referrals/src/exits/exits.dto.ts). */
export const EXIT_ROUTES: Record<string, string> = {
  REUNIFICATION: 'Home to family (reunification)',
  SPECIAL_GUARDIANSHIP_ORDER: 'Special guardianship order',
  CHILD_ARRANGEMENTS_ORDER: 'Child arrangements order',
  ADOPTION: 'Adoption',
  STAYING_PUT_OR_LEAVING_CARE_AT_18: 'Staying put or leaving care at 18',
  TRANSFER_TO_ADULT_SERVICES: 'Transfer to adult services',
};

export const STEP_KINDS: Record<string, string> = {
  ASSESSMENT: 'Assessment',
  REVOCATION_OF_CARE_ORDER: 'Revocation of the care order',
  SGO_APPLICATION: 'Special guardianship application',
  CAO_APPLICATION: 'Child arrangements order application',
  SUPPORT_PACKAGE: 'Support package',
  FAMILY_MEETING: 'Family meeting',
  OTHER: 'Other',
};

export const STAGES: Record<string, string> = {
  ASSESSMENT: 'Assessment',
  PLAN: 'Reunification plan',
  TRIAL_AT_HOME: 'Trial at home',
  DISCHARGED: 'Care order discharged',
};
export const STAGE_ORDER = ['ASSESSMENT', 'PLAN', 'TRIAL_AT_HOME', 'DISCHARGED'] as const;

export const ALTERNATIVES: Record<string, string> = {
  FAMILY_GROUP_CONFERENCE: 'Family group conference',
  EDGE_OF_CARE_SUPPORT: 'Edge-of-care support',
  FAMILY_NETWORK: 'Family network',
  OTHER: 'Other',
};

export const OUT_OF_CARE: Record<string, string> = {
  KEPT_OUT: 'Kept out of care',
  ENTERED_CARE: 'Entered care',
  NOT_YET_KNOWN: 'Not yet known',
};

/** The roles that record the way out of care (the exits API's writers). */
export const EXIT_WRITERS = ['social-worker', 'approver:TM', 'approver:SM', 'approver:HOS', 'approver:AD', 'approver:DCS'];
/** The roles that read it. */
export const EXIT_READERS = [...EXIT_WRITERS, 'panel-member', 'panel-chair', 'auditor'];
/** The roles that see the manager's oversight (exits due, slipping dates, the step-down pipeline). */
export const EXIT_MANAGERS = ['approver:TM', 'approver:SM', 'approver:HOS', 'approver:AD', 'approver:DCS', 'auditor'];
/** The roles that set the month's target for exits. */
export const TARGET_SETTERS = ['approver:HOS', 'approver:AD', 'approver:DCS'];
/** The roles the referrals service shows a child's name to (else the council's reference). */
export const SEES_CHILDREN = [
  'social-worker',
  'panel-member',
  'panel-chair',
  'approver:TM',
  'approver:SM',
  'approver:HOS',
  'approver:AD',
  'approver:DCS',
  'auditor',
];
