import 'reflect-metadata';
import { startServiceTracing } from '@placewise/platform/tracing';

// Tracing starts (when OTEL_* asks for it) before Nest and the HTTP server are loaded.
await startServiceTracing('finance');
const { serve } = await import('@placewise/platform');
const { AppModule } = await import('./app.module.js');
const { FinanceEnv } = await import('./env.js');

await serve({
  env: FinanceEnv,
  defaults: { DATABASE_SCHEMA: 'finance' },
  module: (env) => AppModule.forRoot(env),
  title: 'Placewise finance',
  description:
    'Commitments that follow each placement by financial year (prices, notice, end, partner contributions and UASC income), budgets and virements, the forecast and its threshold alerts, the high-cost register, cost avoidance, provider payments and invoice matching, the cohort projection, and reports as JSON or CSV. Money in integer pence.',
});
