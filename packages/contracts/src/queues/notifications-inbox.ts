import {
  BudgetThresholdCrossedV1,
  CaseDeferredV1,
  CaseEscalatedV1,
  CaseListedV1,
  ClockEscalatedV1,
  ClockRemindedV1,
  DecisionRecordedV1,
  OfferDecidedV1,
  OfferReceivedV1,
  PlacementNoticeGivenV1,
  PlacementStartedV1,
  PlacementStartedV2,
  ReapprovalRequestedV1,
  RequestSubmittedV1,
  ReferralSentV1,
  RequestSubmittedV2,
  ChildErasedV1,
} from '../events/index.js';

/**
 * Notifications tells people what the journey asks of them (an in-app tray and email). It only
 * listens: it remembers who submitted each request and who decides it, and turns each event into a
 * notification for each person concerned, once.
 * It takes child.erased too: referrals erased a child at the end of their retention period (docs/retention.md).
 */
export const NOTIFICATIONS_INBOX = {
  name: 'notifications-inbox',
  service: 'notifications',
  subscribes: [
    ChildErasedV1,
    RequestSubmittedV2,
    RequestSubmittedV1,
    DecisionRecordedV1,
    CaseDeferredV1,
    CaseEscalatedV1,
    ReapprovalRequestedV1,
    PlacementStartedV1,
    PlacementStartedV2,
    PlacementNoticeGivenV1,
    BudgetThresholdCrossedV1,
    ClockRemindedV1,
    ClockEscalatedV1,
    CaseListedV1,
    OfferReceivedV1,
    ReferralSentV1,
    OfferDecidedV1,
  ].map(({ type, version }) => ({ type, version })),
} as const;
