import { ChildErasedV1, RequestResubmittedV1, RequestSubmittedV1, RequestSubmittedV2 } from '../events/index.js';

/**
 * Panels opens a case for every routed request, and returns a deferred case to the next sitting when
 * it is resubmitted. It takes request.submitted version 2 (deadlines with their purpose) and still
 * version 1, for events already in flight when referrals moved to version 2.
 * It takes child.erased too: referrals erased a child at the end of their retention period (docs/retention.md).
 */
export const PANELS_INBOX = {
  name: 'panels-inbox',
  service: 'panels',
  subscribes: [ChildErasedV1, RequestSubmittedV2, RequestSubmittedV1, RequestResubmittedV1].map(({ type, version }) => ({ type, version })),
} as const;
