import 'reflect-metadata';
import { startServiceTracing } from '@placewise/platform/tracing';

// Tracing starts (when OTEL_* asks for it) before Nest and the HTTP server are loaded.
await startServiceTracing('commissioning');
const { serve } = await import('@placewise/platform');
const { AppModule } = await import('./app.module.js');
const { CommissioningEnv } = await import('./env.js');

await serve({
  env: CommissioningEnv,
  defaults: { DATABASE_SCHEMA: 'commissioning' },
  module: (env) => AppModule.forRoot(env),
  title: 'Placewise commissioning',
  description:
    'Providers and settings, searches for approved placements (in-house first), offers checked against hard gates, awards and placements.',
});
