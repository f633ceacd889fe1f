import { z } from 'zod';

/** Where an emergency placement's child is: one of the settings the council may use. */
export const RecordSetting = z.object({ settingId: z.uuid({ error: 'must be a UUID' }) }).strict();
