import 'reflect-metadata';
import { serve } from '@placewise/platform';
import { AppModule } from './app.module.js';
import { CommissioningEnv } from './env.js';

await serve({
  env: CommissioningEnv,
  defaults: { DATABASE_SCHEMA: 'commissioning' },
  module: (env) => AppModule.forRoot(env),
  title: 'Placewise commissioning',
  description:
    'Providers and settings, searches for approved placements (in-house first), offers checked against hard gates, awards and placements.',
});
