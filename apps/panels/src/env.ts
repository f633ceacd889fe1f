import { BaseEnv } from '@placewise/platform';

export const PanelsEnv = BaseEnv.extend({});
export type PanelsEnv = typeof PanelsEnv._output;
