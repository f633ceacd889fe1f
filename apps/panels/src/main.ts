import 'reflect-metadata';
import { startServiceTracing } from '@placewise/platform/tracing';

// Tracing starts (when OTEL_* asks for it) before Nest and the HTTP server are loaded.
await startServiceTracing('panels');
const { serve } = await import('@placewise/platform');
const { AppModule } = await import('./app.module.js');
const { PanelsEnv } = await import('./env.js');

await serve({
  env: PanelsEnv,
  defaults: { DATABASE_SCHEMA: 'panels' },
  module: (env) => AppModule.forRoot(env),
  title: 'Placewise panels',
  description:
    'Panels, sittings and agendas; cases routed by the rules to an approver or a panel; attendance, conflicts, votes and decisions with conditions; deadlines, reminders and escalation; minutes, decision letters and the audit trail.',
});
