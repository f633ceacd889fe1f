import { BaseEnv } from '@placewise/platform';

export const CommissioningEnv = BaseEnv.extend({});
export type CommissioningEnv = typeof CommissioningEnv._output;
