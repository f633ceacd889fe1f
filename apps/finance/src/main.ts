import 'reflect-metadata';
import { serve } from '@placewise/platform';
import { AppModule } from './app.module.js';
import { FinanceEnv } from './env.js';

await serve({
  env: FinanceEnv,
  defaults: { DATABASE_SCHEMA: 'finance' },
  module: (env) => AppModule.forRoot(env),
  title: 'Placewise finance',
  description: 'Commitments from placements by financial year, budgets by category, and the forecast against budget. Money in integer pence.',
});
