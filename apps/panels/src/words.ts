/**
 * The words people read for the codes panels stores, for the documents it writes (minutes, decision
 * letters, the history of a case) and the refusals it gives. People read words, never codes.
 */

export const PLACEMENT_TYPE_WORDS: Record<string, string> = {
  INHOUSE_FOSTER: 'in-house foster care',
  KINSHIP_FOSTER: 'kinship (connected person) foster care',
  IFA_FOSTER: 'an independent fostering agency',
  IFA_ENHANCED: 'an independent fostering agency, enhanced',
  PARENT_CHILD_FOSTER: 'parent and child foster care',
  RESIDENTIAL_FAMILY_CENTRE: 'a residential family centre',
  LA_CHILDRENS_HOME: "the council's children's home",
  PRIVATE_CHILDRENS_HOME: "a private children's home",
  VOL_CHILDRENS_HOME: "a voluntary children's home",
  SUPPORTED_ACCOM_REGISTERED: 'supported accommodation (Ofsted registered)',
  SUPPORTED_ACCOM_UNREGISTERED: 'supported accommodation (not registered)',
  SUPPORTED_LODGINGS: 'supported lodgings',
  OTHER_ARRANGEMENTS_UNREGULATED: 'other arrangements (unregulated)',
  SECURE_CHILDRENS_HOME: "a secure children's home",
  RESIDENTIAL_SCHOOL: 'a residential school',
  PLACED_WITH_PARENTS: 'placed with parents',
  UNREGISTERED_CHILDRENS_HOME: "an unregistered children's home",
  HOSPITAL: 'hospital',
};

export const KIND_WORDS: Record<string, string> = {
  ENTRY_TO_CARE: 'entry to care',
  PLACEMENT: 'a placement',
  VARIATION: 'a variation of a placement',
  STEP_DOWN: 'a step-down',
  EXIT: 'an exit from care',
  CARER_APPROVAL_EXTENSION: "an extension of a connected person's temporary approval",
};

export const PROVISION_WORDS: Record<string, string> = { IN_HOUSE: 'in-house', EXTERNAL: 'an external provider' };

export const LOCATION_WORDS: Record<string, string> = {
  IN_AREA: "in the council's area",
  OUT_OF_AREA_ADJOINING: 'out of area, in an adjoining council',
  OUT_OF_AREA_AT_DISTANCE: 'out of area, at a distance',
};

export const TIER_WORDS: Record<string, string> = {
  SW: 'social worker',
  TM: 'team manager',
  SM: 'service manager',
  HOS: 'head of service',
  AD: 'assistant director',
  DCS: "director of children's services",
  PANEL: 'panel',
};

export const PANEL_WORDS: Record<string, string> = {
  GATEWAY: 'gateway (entry to care) panel',
  PLACEMENT_RESOURCES: 'placement and resources panel',
  HIGH_COST: 'high-cost panel',
  JOINT_FUNDING: 'joint funding panel',
};

export const ROLE_WORDS: Record<string, string> = {
  CHAIR: 'chair',
  VICE_CHAIR: 'vice chair',
  SOCIAL_CARE: 'social care',
  FINANCE: 'finance',
  HEALTH: 'health',
  EDUCATION: 'education',
  IRO: 'independent reviewing officer',
  LEGAL: 'legal',
  COMMISSIONING: 'commissioning',
  ADVISER: 'adviser',
};

export const OUTCOME_WORDS: Record<string, string> = {
  APPROVED: 'approved',
  APPROVED_WITH_CONDITIONS: 'approved with conditions',
  DECLINED: 'declined',
  DEFERRED: 'deferred for more information',
  REFERRED_UP: 'referred to a more senior approver',
};

export const VOTE_WORDS: Record<string, string> = { APPROVE: 'approve', DECLINE: 'decline', ABSTAIN: 'abstain' };

/** What became of a case on a sitting's agenda. */
export const AGENDA_WORDS: Record<string, string> = {
  LISTED: 'waiting to be heard',
  DECIDED: 'decided',
  DEFERRED: 'deferred for more information',
  REFERRED_UP: 'referred up',
  MOVED: 'moved to another sitting',
  CARRIED_OVER: 'not heard: carried over to the next sitting',
  ESCALATED: 'escalated past its deadline to a more senior approver',
};

/** What happened, for a case's or a sitting's history. */
export const AUDIT_WORDS: Record<string, string> = {
  'case.opened': 'Case opened from the request',
  'case.listed': 'Listed on a sitting',
  'case.carried_over': 'Carried over to the next sitting',
  'case.escalated': 'Escalated: the decision deadline passed',
  'case.reminded': 'Reminder: the decision is due soon',
  'decision.recorded': 'Decision recorded',
  'gate.evidenced': 'Evidence recorded for a gate',
  'member.conflict_declared': 'Conflict of interest declared',
  'member.voted': 'Vote cast',
  'panel.created': 'Panel set up',
  'panel.member_added': 'Member added to the panel',
  'panel.member_removed': 'Member removed from the panel',
  'request.resubmitted': 'Request resubmitted with the information asked for',
  'sitting.attendance': 'Attendance recorded',
  'sitting.cancelled': 'Sitting cancelled',
  'sitting.convened': 'Extraordinary sitting convened',
};

/** The words for a code, or the code made readable ("SOME_CODE" -> "some code") if no word is known. */
export function words(map: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '';
  return map[code] ?? code.replaceAll('_', ' ').replaceAll('.', ' ').toLowerCase();
}

/** £ from integer pence: 585000 -> "£5,850.00". */
export const pounds = (p: number) => `£${(p / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A day in words: "2027-03-01" -> "1 March 2027". */
export function dayWords(day: string): string {
  return new Date(`${day.slice(0, 10)}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });
}

/** A moment in London in words: "7 December 2026 at 14:30". */
export function momentWords(at: Date): string {
  const d = at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
  const t = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
  return `${d} at ${t}`;
}

/** The case in words, without the child's name (panels never has it): "a child aged 14: a private children's home, £6,100.00 a week". */
export function caseWords(c: {
  childAge: number;
  kind: string;
  placementType: string;
  provision: string;
  location: string;
  requestedWeeklyCostPence: number;
  retrospective: boolean;
}): string {
  return (
    `${words(KIND_WORDS, c.kind).replace(/^./, (x) => x.toUpperCase())} for a child aged ${c.childAge}: ` +
    `${words(PLACEMENT_TYPE_WORDS, c.placementType)} (${words(PROVISION_WORDS, c.provision)}, ${words(LOCATION_WORDS, c.location)}) ` +
    `at ${pounds(c.requestedWeeklyCostPence)} a week${c.retrospective ? ', for retrospective approval' : ''}`
  );
}

/** A UUID, a SHOUTY_ENUM code, or a user id such as "ad.erin": what no page or document should show. */
export const CODE_PATTERNS: { what: string; re: RegExp }[] = [
  { what: 'a UUID', re: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i },
  { what: 'an enum code', re: /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/ },
  { what: 'a user id', re: /\b[a-z]{1,8}\.[a-z]{2,}\b(?!\.)/ },
  { what: 'pence', re: /\b\d+p\b/ },
];
