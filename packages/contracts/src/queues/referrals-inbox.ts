import { DecisionRecordedV1, PlacementStartedV1 } from '../events/index.js';

/** Referrals learns decisions and placements so that a request's status follows the journey. */
export const REFERRALS_INBOX = {
  name: 'referrals-inbox',
  service: 'referrals',
  subscribes: [DecisionRecordedV1, PlacementStartedV1].map(({ type, version }) => ({ type, version })),
} as const;
