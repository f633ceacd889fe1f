/**
 * The words people read for the codes panels stores, for the documents it writes (minutes, decision
 * letters, the history of a case) and the refusals it gives. People read words, never codes.
 * The contracts' enums take their words from @placewise/contracts (one map each, shared with the
 * pages); the maps here are for panels' own codes (agenda, votes, members' roles, the audit).
 */
import {
  APPROVER_TIER_WORDS,
  DECISION_OUTCOME_WORDS,
  inSentence,
  LOCATION_WORDS as LOCATION_WORDS_SHOWN,
  PANEL_TYPE_WORDS,
  PLACEMENT_TYPE_WORDS as PLACEMENT_TYPE_WORDS_SHOWN,
  PROVISION_WORDS as PROVISION_WORDS_SHOWN,
  REQUEST_KIND_WORDS,
} from '@placewise/contracts';

/** A contracts map as it reads inside a sentence ("Independent fostering agency" -> "independent fostering agency"). */
function inSentences<K extends string>(map: Record<K, string>): Record<K, string> {
  return Object.fromEntries(Object.entries<string>(map).map(([k, v]) => [k, inSentence(v)])) as Record<K, string>;
}

/** The contracts' words for its enums (the same the pages show), as they read in a document's sentence. */
export const PLACEMENT_TYPE_WORDS: Record<string, string> = inSentences(PLACEMENT_TYPE_WORDS_SHOWN);
export const KIND_WORDS: Record<string, string> = inSentences(REQUEST_KIND_WORDS);
export const PROVISION_WORDS: Record<string, string> = inSentences(PROVISION_WORDS_SHOWN);
export const LOCATION_WORDS: Record<string, string> = inSentences(LOCATION_WORDS_SHOWN);
/** Who decides: an approver's tier, or the panel (panels' own DecidedByTier adds PANEL). */
export const TIER_WORDS: Record<string, string> = { ...APPROVER_TIER_WORDS, PANEL: 'panel' };
export const PANEL_WORDS: Record<string, string> = PANEL_TYPE_WORDS;

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

export const OUTCOME_WORDS: Record<string, string> = inSentences(DECISION_OUTCOME_WORDS);

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

/** The case in words, without the child's name (panels never has it): "Placement (new or move) for a child aged 14: private children's home (external provider, in the council's area) at £6,100.00 a week". */
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
