import { BaseEnv } from '@placewise/platform';

export const ReferralsEnv = BaseEnv.extend({});
export type ReferralsEnv = typeof ReferralsEnv._output;
