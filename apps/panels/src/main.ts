import 'reflect-metadata';
import { serve } from '@placewise/platform';
import { AppModule } from './app.module.js';
import { PanelsEnv } from './env.js';

await serve({
  env: PanelsEnv,
  defaults: { DATABASE_SCHEMA: 'panels' },
  module: (env) => AppModule.forRoot(env),
  title: 'Placewise panels',
  description: 'Cases routed by the rules to an approver or a panel; decisions with conditions; the audit trail.',
});
