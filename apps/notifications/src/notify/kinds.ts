/** What a notification is about (stored as the NotificationKind enum). */
export const KINDS = [
  'DECISION_DUE',
  'DECISION_REMINDER',
  'ESCALATED_TO_YOU',
  'DECISION_RECORDED',
  'CASE_DEFERRED',
  'AWARD_HELD',
  'PLACEMENT_STARTED',
  'PLACEMENT_NOTICE',
  'BUDGET_THRESHOLD',
  'CLOCK_REMINDER',
  'CLOCK_ESCALATED',
  'CASE_LISTED',
  'OFFER_RECEIVED',
  'REFERRAL_SENT',
  'OFFER_DECIDED',
] as const;
export type Kind = (typeof KINDS)[number];

export const CHANNELS = ['IMMEDIATE', 'DIGEST', 'OFF'] as const;
export type ChannelCode = (typeof CHANNELS)[number];

/** Each kind in words, for the preferences page. */
export const KIND_WORDS: Record<Kind, string> = {
  DECISION_DUE: 'A request waits for your decision or your panel',
  DECISION_REMINDER: 'A decision you owe is nearly due',
  ESCALATED_TO_YOU: 'A case is escalated to you',
  DECISION_RECORDED: 'The decision on your request',
  CASE_DEFERRED: 'Your request is deferred for more information',
  AWARD_HELD: 'An award is held for re-approval',
  PLACEMENT_STARTED: 'A placement started',
  PLACEMENT_NOTICE: 'Notice given on a placement',
  BUDGET_THRESHOLD: 'A budget threshold crossed',
  CLOCK_REMINDER: 'A statutory deadline you own is nearly due',
  CLOCK_ESCALATED: 'A statutory deadline is late and escalated to you',
  CASE_LISTED: 'A case is listed at your panel and its papers are ready',
  OFFER_RECEIVED: 'A provider made an offer',
  REFERRAL_SENT: 'A referral is sent to your provider',
  OFFER_DECIDED: 'The council’s answer to your provider’s offer',
};

/** Kinds that cannot be switched off: they are emailed at once or in the digest, never not at all. */
export const MANDATORY: ReadonlySet<Kind> = new Set<Kind>(['ESCALATED_TO_YOU', 'CLOCK_ESCALATED']);

export const CHANNEL_WORDS: Record<ChannelCode, string> = {
  IMMEDIATE: 'Email at once',
  DIGEST: 'In the daily digest email',
  OFF: 'No email (the tray only)',
};
