import 'reflect-metadata';
import { startServiceTracing } from '@placewise/platform/tracing';

// Tracing starts (when OTEL_* asks for it) before Nest and the HTTP server are loaded.
await startServiceTracing('referrals');
const { serve } = await import('@placewise/platform');
const { AppModule } = await import('./app.module.js');
const { ReferralsEnv } = await import('./env.js');

await serve({
  env: ReferralsEnv,
  defaults: { DATABASE_SCHEMA: 'referrals' },
  module: (env) => AppModule.forRoot(env),
  title: 'Placewise referrals',
  description:
    'Children, their care-plan summaries and requests (entry to care, placement, move, variation, step-down, exit). The rules run on submission.',
});
