import 'reflect-metadata';
import { serve } from '@placewise/platform';
import { AppModule } from './app.module.js';
import { FinanceEnv } from './env.js';

await serve({
  env: FinanceEnv,
  defaults: { DATABASE_SCHEMA: 'finance' },
  module: (env) => AppModule.forRoot(env),
  title: 'Placewise finance',
  description:
    'Commitments that follow each placement by financial year (prices, notice, end, partner contributions and UASC income), budgets and virements, the forecast and its threshold alerts, the high-cost register, cost avoidance, provider payments and invoice matching, the cohort projection, and reports as JSON or CSV. Money in integer pence.',
});
