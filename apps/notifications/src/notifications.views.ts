import { z } from 'zod';
import { CHANNELS, KINDS } from './notify/kinds.js';

/** What the tray shows of one notification. */
export const NotificationView = z.object({
  id: z.uuid(),
  kind: z.enum(KINDS),
  title: z.string(),
  body: z.string(),
  /** The workspace page where the person acts. */
  link: z.string(),
  read: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
});
export const NotificationList = z.object({ unread: z.number().int(), items: z.array(NotificationView) });
export const UnreadCount = z.object({ unread: z.number().int() });
export const MarkedRead = z.object({ marked: z.number().int() });

export const PreferenceView = z.object({
  kind: z.enum(KINDS),
  /** The kind in words. */
  label: z.string(),
  channel: z.enum(CHANNELS),
  /** The channel in words. */
  channelLabel: z.string(),
  /** False for kinds that cannot be switched off (an escalation to you). */
  canSwitchOff: z.boolean(),
});
export const PreferencesView = z.object({
  /** The London time of day the daily digest is sent, HH:MM. */
  digestTime: z.string(),
  email: z.string().nullable(),
  kinds: z.array(PreferenceView),
});

export const FailedDeliveryView = z.object({
  id: z.uuid(),
  person: z.string(),
  name: z.string().nullable(),
  /** The address the email was sent to. */
  email: z.string(),
  /** The person's address in the directory now (null: none, or not in it): differs from `email` once the admin has corrected it. */
  currentEmail: z.string().nullable(),
  subject: z.string(),
  status: z.enum(['FAILED', 'REFUSED']),
  /** In words: "refused by the mail server" or "not delivered after every retry". */
  statusLabel: z.string(),
  reason: z.string().nullable(),
  responseCode: z.number().int().nullable(),
  attempts: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
});
export const FailedDeliveries = z.object({ items: z.array(FailedDeliveryView) });

/** A person in the council's directory, as its admin sees them. */
export const PersonView = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  roles: z.array(z.string()),
  /** For a provider's staff: the provider they work for. */
  providerId: z.string().nullable(),
  /** How the directory knows them, in words. */
  knownFrom: z.string(),
});
