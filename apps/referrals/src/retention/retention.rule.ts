import type { RetentionRule } from '@placewise/contracts';
import { anniversary } from '@placewise/contracts/dates';

/** What the retention rules need to know of one child (days are Europe/London `YYYY-MM-DD`). */
export interface RetentionFacts {
  dateOfBirth: string;
  /** Ever looked after: a looked-after episode or legal status, or a placement made on a request. */
  lookedAfter: boolean;
  /** The day the child died while looked after (an episode that ended with SSDA903 REC E2). */
  diedOn: string | null;
  /** The day of the adoption order (an episode that ended with REC E11 or E12). */
  adoptedOn: string | null;
  /** A request still in hand (submitted, approved, deferred or placed): nothing is decided yet. */
  openRequest: boolean;
  /** The last day anything was decided on the child's requests (or the day the child was recorded, if none). */
  lastDecisionOn: string;
}

/** The council's policy for children who were never looked after: null until the council sets one. */
export interface RetentionSettings {
  notLookedAfterYears: number | null;
}

export interface Retention {
  rule: RetentionRule;
  /** The first day the record may be erased; null when it is kept for now with no end (see `why`). */
  erasableFrom: string | null;
  /** In words, for the auditor. */
  why: string;
}

/** The rules in words, for the auditor's pages. docs/retention.md has their sources. */
export const RULE_WORDS: Record<RetentionRule, string> = {
  LOOKED_AFTER:
    "A looked-after child's case record: kept until their 75th birthday (Care Planning, Placement and Case Review (England) Regulations 2010, reg 50)",
  DIED_IN_CARE: 'A child who died in care before 18: kept for 15 years from the day they died (reg 50 of the 2010 Regulations)',
  ADOPTED:
    'An adopted child: kept for 100 years from the adoption order (Disclosure of Adoption Information (Post-Commencement Adoptions) Regulations 2005, reg 6)',
  NOT_LOOKED_AFTER:
    "A child never looked after, whose requests were all closed: kept for the council's chosen number of years after the last decision",
};

/**
 * Which retention rule governs a child's record, and from which day it may be erased. Pure: the same facts
 * always give the same answer. The longest applicable period wins: an adopted child's record is kept for 100
 * years from the order even though they were also looked after.
 */
export function retentionOf(f: RetentionFacts, settings: RetentionSettings): Retention {
  if (f.adoptedOn) {
    const from = anniversary(f.adoptedOn, 100);
    const looked = anniversary(f.dateOfBirth, 75);
    return { rule: 'ADOPTED', erasableFrom: from > looked ? from : looked, why: RULE_WORDS.ADOPTED };
  }
  if (f.lookedAfter && f.diedOn && f.diedOn < anniversary(f.dateOfBirth, 18)) {
    // "For a period of 15 years beginning with the date of death": the period's last day is the day before the 15th anniversary.
    return { rule: 'DIED_IN_CARE', erasableFrom: anniversary(f.diedOn, 15), why: RULE_WORDS.DIED_IN_CARE };
  }
  if (f.lookedAfter) {
    // "Until the seventy-fifth anniversary of the date of birth": erasable on that day.
    return { rule: 'LOOKED_AFTER', erasableFrom: anniversary(f.dateOfBirth, 75), why: RULE_WORDS.LOOKED_AFTER };
  }
  if (f.openRequest)
    return { rule: 'NOT_LOOKED_AFTER', erasableFrom: null, why: 'A request about the child is still in hand: kept until it is decided' };
  if (settings.notLookedAfterYears === null)
    return {
      rule: 'NOT_LOOKED_AFTER',
      erasableFrom: null,
      why: 'The council has not yet set how long it keeps the records of children who were never looked after: kept until it does',
    };
  return {
    rule: 'NOT_LOOKED_AFTER',
    erasableFrom: anniversary(f.lastDecisionOn, settings.notLookedAfterYears),
    why: RULE_WORDS.NOT_LOOKED_AFTER,
  };
}

/** Whether the record may be erased on `today` (a London day). */
export function isDue(r: Retention, today: string): boolean {
  return r.erasableFrom !== null && r.erasableFrom <= today;
}
