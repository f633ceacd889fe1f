import 'reflect-metadata';
import { serve } from '@placewise/platform';
import { AppModule } from './app.module.js';
import { PanelsEnv } from './env.js';

await serve({
  env: PanelsEnv,
  defaults: { DATABASE_SCHEMA: 'panels' },
  module: (env) => AppModule.forRoot(env),
  title: 'Placewise panels',
  description:
    'Panels, sittings and agendas; cases routed by the rules to an approver or a panel; attendance, conflicts, votes and decisions with conditions; deadlines, reminders and escalation; minutes, decision letters and the audit trail.',
});
