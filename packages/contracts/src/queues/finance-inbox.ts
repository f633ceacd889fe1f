import {
  DecisionRecordedV1,
  PlacementEndedV1,
  PlacementEmergencyStartedV1,
  PlacementEndedV2,
  PlacementImportedV1,
  PlacementNoticeGivenV1,
  PlacementPriceChangedV1,
  PlacementRatifiedV1,
  PlacementSettingRecordedV1,
  PlacementStartedV1,
  PlacementStartedV2,
  ChildErasedV1,
} from '../events/index.js';

/**
 * Finance turns every placement into a commitment and follows it (price changes, notice, end); it
 * keeps each approval's review date and counterfactual for the high-cost register and cost avoidance.
 * Placements imported from the council's SSDA903 return are committed like awarded ones (or listed
 * as needing a price); placement.ended version 2 is the end of a placement with no request. An
 * emergency placement is committed from the hour it starts, marked as awaiting ratification until
 * its retrospective decision (placement.ratified).
 * It takes child.erased too: referrals erased a child at the end of their retention period (docs/retention.md).
 */
export const FINANCE_INBOX = {
  name: 'finance-inbox',
  service: 'finance',
  subscribes: [
    ChildErasedV1,
    PlacementStartedV1,
    PlacementStartedV2,
    PlacementPriceChangedV1,
    PlacementNoticeGivenV1,
    PlacementEndedV1,
    PlacementEndedV2,
    DecisionRecordedV1,
    PlacementImportedV1,
    PlacementEmergencyStartedV1,
    PlacementRatifiedV1,
    PlacementSettingRecordedV1,
  ].map(({ type, version }) => ({ type, version })),
} as const;
