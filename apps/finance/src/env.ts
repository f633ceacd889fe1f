import { BaseEnv } from '@placewise/platform';

export const FinanceEnv = BaseEnv.extend({});
export type FinanceEnv = typeof FinanceEnv._output;
