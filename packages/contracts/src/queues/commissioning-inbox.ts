import { ChildErasedV1, DecisionRecordedV1, LookedAfterPlacementImportedV1, RequestSubmittedV2 } from '../events/index.js';

/**
 * Commissioning opens a search for every approved placement; records the placements a council's
 * SSDA903 return brings in at onboarding; and records an emergency placement made before its
 * approval from the hour it starts (request.submitted version 2 with `placedAt`).
 * It takes child.erased too: referrals erased a child at the end of their retention period (docs/retention.md).
 */
export const COMMISSIONING_INBOX = {
  name: 'commissioning-inbox',
  service: 'commissioning',
  subscribes: [ChildErasedV1, DecisionRecordedV1, LookedAfterPlacementImportedV1, RequestSubmittedV2].map(({ type, version }) => ({
    type,
    version,
  })),
} as const;
