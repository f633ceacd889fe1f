import { BaseEnv } from '@placewise/platform';
import { z } from 'zod';

export const ReferralsEnv = BaseEnv.extend({
  /** How often the retention job looks for children whose retention period has ended (daily). */
  RETENTION_SWEEP_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(7 * 86_400_000)
    .default(86_400_000),
});
export type ReferralsEnv = typeof ReferralsEnv._output;
