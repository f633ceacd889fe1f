import { PlacementStartedV1 } from '../events/index.js';

/** Finance turns every placement into a commitment. */
export const FINANCE_INBOX = {
  name: 'finance-inbox',
  service: 'finance',
  subscribes: [PlacementStartedV1].map(({ type, version }) => ({ type, version })),
} as const;
