import {
  DecisionRecordedV1,
  PlacementEndedV1,
  PlacementNoticeGivenV1,
  PlacementPriceChangedV1,
  PlacementStartedV1,
} from '../events/index.js';

/**
 * Finance turns every placement into a commitment and follows it (price changes, notice, end); it
 * keeps each approval's review date and counterfactual for the high-cost register and cost avoidance.
 */
export const FINANCE_INBOX = {
  name: 'finance-inbox',
  service: 'finance',
  subscribes: [PlacementStartedV1, PlacementPriceChangedV1, PlacementNoticeGivenV1, PlacementEndedV1, DecisionRecordedV1].map(
    ({ type, version }) => ({ type, version }),
  ),
} as const;
