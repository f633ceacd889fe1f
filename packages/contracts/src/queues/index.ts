/**
 * One inbox queue per consuming service. A producer fans each event out to the inbox of every
 * service that subscribes to it (job id = event id).
 *
 * DO NOT RENAME a queue or an event type once used: jobs already in Redis would be stranded.
 */
export { REFERRALS_INBOX } from './referrals-inbox.js';
export { PANELS_INBOX } from './panels-inbox.js';
export { COMMISSIONING_INBOX } from './commissioning-inbox.js';
export { FINANCE_INBOX } from './finance-inbox.js';
export { NOTIFICATIONS_INBOX } from './notifications-inbox.js';
import { REFERRALS_INBOX } from './referrals-inbox.js';
import { PANELS_INBOX } from './panels-inbox.js';
import { COMMISSIONING_INBOX } from './commissioning-inbox.js';
import { FINANCE_INBOX } from './finance-inbox.js';
import { NOTIFICATIONS_INBOX } from './notifications-inbox.js';

export interface InboxQueue {
  readonly name: string;
  readonly service: string;
  /** Event types (with versions) this service consumes. */
  readonly subscribes: readonly { type: string; version: number }[];
}

export const INBOXES: readonly InboxQueue[] = [REFERRALS_INBOX, PANELS_INBOX, COMMISSIONING_INBOX, FINANCE_INBOX, NOTIFICATIONS_INBOX];

/** The inbox queues an event of this type and version is delivered to. */
export function subscribersOf(type: string, version: number): InboxQueue[] {
  return INBOXES.filter((q) => q.subscribes.some((s) => s.type === type && s.version === version));
}

export function inboxOf(service: string): InboxQueue {
  const q = INBOXES.find((i) => i.service === service);
  if (!q) throw new Error(`no inbox queue for service "${service}"`);
  return q;
}
