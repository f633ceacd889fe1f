import {
  APPROVER_TIER_WORDS,
  DECISION_OUTCOME_WORDS,
  inSentence,
  PANEL_TYPE_WORDS,
  PLACEMENT_TYPE_WORDS,
  ROLE_WORDS,
} from '@placewise/contracts';
import { asDate, londonClock, londonDate } from '@placewise/contracts/dates';

/**
 * Words a person reads for the codes the events carry. The contracts' maps (one per enum, shared with
 * every page and document) are the source; an email puts them in the middle of a sentence, so their
 * first letter is lower-cased ("a child aged 12, independent fostering agency").
 */
const inSentences = <K extends string>(map: Record<K, string>): Record<string, string> =>
  Object.fromEntries(Object.entries<string>(map).map(([code, words]) => [code, inSentence(words)]));

export const PLACEMENT_TYPES: Record<string, string> = inSentences(PLACEMENT_TYPE_WORDS);

/** An approver's tier; a decision may also be the panel's (`decidedByTier: 'PANEL'`), which the contracts' tiers do not have. */
export const TIERS: Record<string, string> = { ...APPROVER_TIER_WORDS, PANEL: 'panel' };

export const PANELS: Record<string, string> = PANEL_TYPE_WORDS;

export const OUTCOMES: Record<string, string> = inSentences(DECISION_OUTCOME_WORDS);

/** Why an award is held for re-approval, as a clause ("because the price is above..."): the contracts have no words map for these reasons. */
export const REAPPROVAL_REASONS: Record<string, string> = {
  ABOVE_CEILING: 'the price is above the approved weekly ceiling',
  CHANGED_LOCATION: 'the placement is further away than approved',
  CHANGED_TYPE: 'the placement is of another type than approved',
  PRICE_VARIATION: 'a price variation is over the council’s limits',
};

/**
 * Urgency as an email to a provider's staff puts it in brackets ("(an emergency)"). Not the contracts'
 * URGENCY_WORDS: those explain the choice on the request form ("Emergency (child already placed or to
 * be placed today)"), which a provider's email neither needs nor reads well inside brackets.
 */
export const URGENCIES: Record<string, string> = {
  PLANNED: 'planned',
  URGENT: 'urgent',
  EMERGENCY: 'an emergency',
};

/**
 * What a statutory clock is for (its purpose), in the middle of a sentence. Not the contracts'
 * DEADLINE_PURPOSE_WORDS: those are column headings on the due list, read beside the request they
 * belong to ("Ratification", "Review"); an email stands alone, so it says what is due in full ("the
 * ratification of an emergency placement", "a child’s looked-after review").
 */
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

/** The roles that own clocks, in words: the contracts' words for every role. */
export const CLOCK_ROLES: Record<string, string> = ROLE_WORDS;

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
