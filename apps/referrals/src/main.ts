import 'reflect-metadata';
import { serve } from '@placewise/platform';
import { AppModule } from './app.module.js';
import { ReferralsEnv } from './env.js';

await serve({
  env: ReferralsEnv,
  defaults: { DATABASE_SCHEMA: 'referrals' },
  module: (env) => AppModule.forRoot(env),
  title: 'Placewise referrals',
  description:
    'Children, their care-plan summaries and requests (entry to care, placement, move, variation, step-down, exit). The rules run on submission.',
});
