import { DecisionRecordedV1, LookedAfterPlacementImportedV1 } from '../events/index.js';

/**
 * Commissioning opens a search for every approved placement; records the placements a council's
 * SSDA903 return brings in at onboarding.
 */
export const COMMISSIONING_INBOX = {
  name: 'commissioning-inbox',
  service: 'commissioning',
  subscribes: [DecisionRecordedV1, LookedAfterPlacementImportedV1].map(({ type, version }) => ({ type, version })),
} as const;
