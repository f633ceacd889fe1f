import {
  CaseDeferredV1,
  CaseEscalatedV1,
  DecisionRecordedV1,
  PlacementEndedV1,
  PlacementNoticeGivenV1,
  PlacementStartedV1,
  ReapprovalRequestedV1,
} from '../events/index.js';

/**
 * Referrals keeps each request's status and history in step with the journey, and turns
 * commissioning's re-approval requests into requests the rules route again.
 */
export const REFERRALS_INBOX = {
  name: 'referrals-inbox',
  service: 'referrals',
  subscribes: [
    DecisionRecordedV1,
    PlacementStartedV1,
    CaseEscalatedV1,
    CaseDeferredV1,
    ReapprovalRequestedV1,
    PlacementNoticeGivenV1,
    PlacementEndedV1,
  ].map(({ type, version }) => ({ type, version })),
} as const;
