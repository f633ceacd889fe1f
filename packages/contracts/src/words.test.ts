import { describe, expect, it } from 'vitest';
import {
  ApproverTier,
  DeadlinePurpose,
  DecisionOutcome,
  EndReason,
  LegalStatus,
  Location,
  PanelType,
  PlacementType,
  Provision,
  RequestKind,
  RequestStatus,
  Urgency,
} from './domain.js';
import {
  APPROVER_TIER_WORDS,
  DEADLINE_PURPOSE_WORDS,
  DECISION_OUTCOME_WORDS,
  END_REASON_WORDS,
  inSentence,
  LEGAL_STATUS_WORDS,
  LOCATION_WORDS,
  PANEL_TYPE_WORDS,
  PLACEMENT_TYPE_WORDS,
  PROVISION_WORDS,
  REQUEST_KIND_WORDS,
  REQUEST_STATUS_WORDS,
  URGENCY_WORDS,
} from './words.js';

const MAPS: [string, readonly string[], Record<string, string>][] = [
  ['placement type', PlacementType.options, PLACEMENT_TYPE_WORDS],
  ['request kind', RequestKind.options, REQUEST_KIND_WORDS],
  ['legal status', LegalStatus.options, LEGAL_STATUS_WORDS],
  ['provision', Provision.options, PROVISION_WORDS],
  ['location', Location.options, LOCATION_WORDS],
  ['urgency', Urgency.options, URGENCY_WORDS],
  ['approver tier', ApproverTier.options, APPROVER_TIER_WORDS],
  ['panel', PanelType.options, PANEL_TYPE_WORDS],
  ['request status', RequestStatus.options, REQUEST_STATUS_WORDS],
  ['decision outcome', DecisionOutcome.options, DECISION_OUTCOME_WORDS],
  ['deadline purpose', DeadlinePurpose.options, DEADLINE_PURPOSE_WORDS],
  ['end reason', EndReason.options, END_REASON_WORDS],
];

describe('words for the contracts enums', () => {
  it('has words for exactly the codes of each enum, none of them a code', () => {
    for (const [what, codes, map] of MAPS) {
      expect(Object.keys(map).sort(), what).toEqual([...codes].sort());
      for (const code of codes) {
        expect(map[code]!.trim(), `${what} ${code}`).not.toBe('');
        expect(map[code], `${what} ${code}`).not.toMatch(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/);
      }
    }
  });

  it('puts words in a sentence without lower-casing an initialism', () => {
    expect(inSentence(PLACEMENT_TYPE_WORDS.IFA_FOSTER)).toBe('independent fostering agency');
    expect(inSentence(DECISION_OUTCOME_WORDS.REFERRED_UP)).toBe('referred up to a more senior approver');
    expect(inSentence('ICB contribution')).toBe('ICB contribution');
    expect(inSentence(APPROVER_TIER_WORDS.HOS)).toBe('head of service');
  });
});
