import {
  CaseDeferredV1,
  CaseListedV1,
  CaseEscalatedV1,
  DecisionRecordedV1,
  PlacementEmergencyStartedV1,
  PlacementEndedV1,
  PlacementEndedV2,
  PlacementImportedV1,
  PlacementNoticeGivenV1,
  PlacementRatifiedV1,
  PlacementSettingRecordedV1,
  PlacementStartedV1,
  PlacementStartedV2,
  ReapprovalRequestedV1,
} from '../events/index.js';

/**
 * Referrals keeps each request's status and history in step with the journey, and turns
 * commissioning's re-approval requests into requests the rules route again. The looked-after record
 * follows every placement: awarded (placement.started v1 and v2, which carries the URN and PL_POST),
 * imported (placement.imported links commissioning's placement to the imported episodes, and
 * placement.ended v2 ends it), and emergency ones (placement.emergency-started, placement.ratified).
 * A case listed at a panel's sitting (case.listed) lets the panel's members read the child's personal data.
 */
export const REFERRALS_INBOX = {
  name: 'referrals-inbox',
  service: 'referrals',
  subscribes: [
    DecisionRecordedV1,
    PlacementStartedV1,
    PlacementStartedV2,
    CaseEscalatedV1,
    CaseDeferredV1,
    CaseListedV1,
    ReapprovalRequestedV1,
    PlacementNoticeGivenV1,
    PlacementEndedV1,
    PlacementEndedV2,
    PlacementImportedV1,
    PlacementEmergencyStartedV1,
    PlacementRatifiedV1,
    PlacementSettingRecordedV1,
  ].map(({ type, version }) => ({ type, version })),
} as const;
