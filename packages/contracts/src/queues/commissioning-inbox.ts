import { DecisionRecordedV1 } from '../events/index.js';

/** Commissioning opens a search for every approved placement. */
export const COMMISSIONING_INBOX = {
  name: 'commissioning-inbox',
  service: 'commissioning',
  subscribes: [DecisionRecordedV1].map(({ type, version }) => ({ type, version })),
} as const;
