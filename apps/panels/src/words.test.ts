import { DecisionOutcome, Location, PanelType, PlacementType, Provision, RequestKind } from '@placewise/contracts';
import { describe, expect, it } from 'vitest';
import { AgendaStatus, DecidedByTier, VoteChoice } from './stored-enums.js';
import {
  AGENDA_WORDS,
  caseWords,
  CODE_PATTERNS,
  dayWords,
  KIND_WORDS,
  LOCATION_WORDS,
  OUTCOME_WORDS,
  PANEL_WORDS,
  PLACEMENT_TYPE_WORDS,
  pounds,
  PROVISION_WORDS,
  TIER_WORDS,
  VOTE_WORDS,
} from './words.js';

describe('words for codes', () => {
  it('has words for every value of each enum a document shows', () => {
    const missing = (
      [
        [PlacementType.options, PLACEMENT_TYPE_WORDS],
        [RequestKind.options, KIND_WORDS],
        [Provision.options, PROVISION_WORDS],
        [Location.options, LOCATION_WORDS],
        [DecidedByTier.options, TIER_WORDS],
        [PanelType.options, PANEL_WORDS],
        [DecisionOutcome.options, OUTCOME_WORDS],
        [AgendaStatus.options, AGENDA_WORDS],
        [VoteChoice.options, VOTE_WORDS],
      ] as [readonly string[], Record<string, string>][]
    ).flatMap(([codes, map]) => codes.filter((c) => !map[c]));
    expect(missing).toEqual([]);
  });

  it('describes a case in words, with money in pounds and days as dates', () => {
    const text = caseWords({
      childAge: 14,
      kind: 'PLACEMENT',
      placementType: 'PRIVATE_CHILDRENS_HOME',
      provision: 'EXTERNAL',
      location: 'IN_AREA',
      requestedWeeklyCostPence: 585000,
      retrospective: false,
    });
    expect(text).toBe(
      "Placement (new or move) for a child aged 14: private children's home (external provider, in the council's area) at £5,850.00 a week",
    );
    expect(CODE_PATTERNS.filter((p) => p.re.test(text))).toEqual([]);
    expect(pounds(585000)).toBe('£5,850.00');
    expect(dayWords('2027-03-01')).toBe('1 March 2027');
  });
});
