import { RequestResubmittedV1, RequestSubmittedV1 } from '../events/index.js';

/** Panels opens a case for every routed request, and returns a deferred case to the next sitting when it is resubmitted. */
export const PANELS_INBOX = {
  name: 'panels-inbox',
  service: 'panels',
  subscribes: [RequestSubmittedV1, RequestResubmittedV1].map(({ type, version }) => ({ type, version })),
} as const;
