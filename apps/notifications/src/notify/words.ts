import { asDate, londonClock, londonDate } from '@placewise/contracts/dates';

/** Words a person reads for the codes the events carry. */
export const PLACEMENT_TYPES: Record<string, string> = {
  INHOUSE_FOSTER: 'in-house foster care',
  KINSHIP_FOSTER: 'kinship (connected person) foster care',
  IFA_FOSTER: 'independent fostering agency',
  IFA_ENHANCED: 'independent fostering agency, enhanced',
  PARENT_CHILD_FOSTER: 'parent and child foster care',
  RESIDENTIAL_FAMILY_CENTRE: 'residential family centre',
  LA_CHILDRENS_HOME: "council children's home",
  PRIVATE_CHILDRENS_HOME: "private children's home",
  VOL_CHILDRENS_HOME: "voluntary children's home",
  SUPPORTED_ACCOM_REGISTERED: 'supported accommodation (Ofsted registered)',
  SUPPORTED_ACCOM_UNREGISTERED: 'supported accommodation (not registered)',
  SUPPORTED_LODGINGS: 'supported lodgings',
  OTHER_ARRANGEMENTS_UNREGULATED: 'other arrangements (unregulated)',
  SECURE_CHILDRENS_HOME: "secure children's home",
  RESIDENTIAL_SCHOOL: 'residential school',
  PLACED_WITH_PARENTS: 'placed with parents',
  UNREGISTERED_CHILDRENS_HOME: "unregistered children's home",
  HOSPITAL: 'hospital',
};

export const TIERS: Record<string, string> = {
  SW: 'social worker',
  TM: 'team manager',
  SM: 'service manager',
  HOS: 'head of service',
  AD: 'assistant director',
  DCS: 'director of children’s services',
  PANEL: 'panel',
};

export const PANELS: Record<string, string> = {
  GATEWAY: 'gateway (entry to care) panel',
  PLACEMENT_RESOURCES: 'placement and resources panel',
  HIGH_COST: 'high-cost panel',
  JOINT_FUNDING: 'joint funding panel',
};

export const OUTCOMES: Record<string, string> = {
  APPROVED: 'approved',
  APPROVED_WITH_CONDITIONS: 'approved with conditions',
  DECLINED: 'declined',
  DEFERRED: 'deferred for more information',
  REFERRED_UP: 'referred to a more senior decision-maker',
};

export const REAPPROVAL_REASONS: Record<string, string> = {
  ABOVE_CEILING: 'the price is above the approved weekly ceiling',
  CHANGED_LOCATION: 'the placement is further away than approved',
  CHANGED_TYPE: 'the placement is of another type than approved',
  PRICE_VARIATION: 'a price variation is over the council’s limits',
};

export const URGENCIES: Record<string, string> = {
  PLANNED: 'planned',
  URGENT: 'urgent',
  EMERGENCY: 'an emergency',
};

/** What a statutory clock is for (its purpose), in the middle of a sentence. */
export const CLOCK_PURPOSES: Record<string, string> = {
  RATIFICATION: 'the ratification of an emergency placement',
  PLACEMENT_PLAN: 'a placement plan (agreed and signed)',
  VISIT: 'the social worker’s first visit in a placement',
  REVIEW: 'a child’s looked-after review',
  FUNDING_REVIEW: 'the review of a placement’s funding',
  NOTIFICATION: 'the notification to the area authority',
  RESPONSE: 'a manager’s response to the IRO’s alert',
  CARER_APPROVAL: 'the end of a connected person’s temporary approval',
  LEGAL_AUTHORITY: 'the end of the legal authority for a placement',
  COURT: 'the 26 weeks for care proceedings',
  TRANSFER: 'a National Transfer Scheme transfer',
};

/** The roles that own clocks, in words. */
export const CLOCK_ROLES: Record<string, string> = {
  'social-worker': 'social worker',
  'panel-chair': 'panel chair',
  'approver:TM': 'team manager',
  'approver:SM': 'service manager',
  'approver:HOS': 'head of service',
  'approver:AD': 'assistant director',
  'approver:DCS': 'director of children’s services',
};

/** A sentence from words that start in lower case. */
export const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export const word = (map: Record<string, string>, code: string): string => map[code] ?? code.toLowerCase().replaceAll('_', ' ');

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/** A London day (YYYY-MM-DD) in words: "4 January 2027". */
export const dayWords = (day: string): string => dayFormat.format(asDate(day));
/** The London day of an instant, in words. */
export const instantDayWords = (iso: string): string => dayWords(londonDate(iso));
/** The London time of an instant: "10:00". */
export const londonTimeWords = (iso: string): string => {
  const { minutes } = londonClock(iso);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};
/** Integer pence as pounds: "£1,234.50". */
export const pounds = (pence: number): string => money.format(pence / 100);
/** A financial year by the year it starts: 2026 → "2026-27". */
export const financialYear = (start: number): string => `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
