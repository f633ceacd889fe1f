import { Role, Text } from '@placewise/contracts';
import { z } from 'zod';
import { CHANNELS, KINDS } from './notify/kinds.js';

export const ListQuery = z.object({
  /** At most this many, unread first then newest (default 50). */
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const SetPreference = z.strictObject({
  kind: z.enum(KINDS, { error: `must be one of ${KINDS.join(', ')}` }),
  channel: z.enum(CHANNELS, { error: `must be one of ${CHANNELS.join(', ')}` }),
});

export const SetDigestTime = z.strictObject({
  digestTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day, HH:MM (24-hour)'),
});

/**
 * The council's admin puts a person in the directory, or changes them: who they are (a person who
 * signs in later keeps what their token says of name, roles and provider), where email goes (null:
 * the tray only) and, for a provider's staff, which provider they work for.
 */
export const SetPerson = z.strictObject({
  name: Text(200),
  roles: z.array(Role).min(1).max(20),
  email: Text(254)
    .pipe(z.email({ error: 'must be an email address' }))
    .nullable(),
  providerId: z.uuid({ error: 'must be a provider id (a UUID)' }).nullable().default(null),
});
