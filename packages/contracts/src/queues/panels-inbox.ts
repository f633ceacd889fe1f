import { RequestSubmittedV1 } from '../events/index.js';

/** Panels opens a case for every routed request. */
export const PANELS_INBOX = {
  name: 'panels-inbox',
  service: 'panels',
  subscribes: [RequestSubmittedV1].map(({ type, version }) => ({ type, version })),
} as const;
