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
