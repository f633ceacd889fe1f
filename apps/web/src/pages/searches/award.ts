import type { HeldForReapproval, Placement } from '../../api/views';

/** What awarding an offer did: placed the child, or held the offer for re-approval. */
export type AwardResult = { kind: 'placed'; placement: Placement } | { kind: 'held'; held: HeldForReapproval };
