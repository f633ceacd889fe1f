/** Words for a search's codes, shared by the search pages. */

/** Most urgent first. */
export const URGENCY_ORDER: Record<string, number> = { EMERGENCY: 0, URGENT: 1, PLANNED: 2 };
export const STAGES: Record<string, string> = { IN_HOUSE: 'In-house first', EXTERNAL: 'With external providers', SPOT: 'Spot purchase' };
export const FACTORS: Record<string, string> = {
  needs: 'Needs met',
  distance: 'Distance from home',
  price: 'Price',
  education: 'Education',
  siblings: 'Siblings',
  quality: 'Quality',
};

/** Why an award is held for re-approval. */
export const HELD_REASONS: Record<string, string> = {
  ABOVE_CEILING: 'the weekly cost is above what was approved',
  CHANGED_TYPE: 'it is a different type of placement from the one approved',
  CHANGED_LOCATION: 'it is further from home than approved',
};

/** What a provider sent the search answered. */
export const SENT_STATUS: Record<string, string> = {
  SENT: 'Waiting for an answer',
  OFFERED: 'Offered',
  DECLINED: 'Declined',
  CLOSED: 'Closed',
};
