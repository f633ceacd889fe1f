import 'reflect-metadata';
import { startServiceTracing } from '@placewise/platform/tracing';

// Tracing starts (when OTEL_* asks for it) before Nest and the HTTP server are loaded.
await startServiceTracing('notifications');
const { serve } = await import('@placewise/platform');
const { AppModule } = await import('./app.module.js');
const { NotificationsEnv } = await import('./env.js');

await serve({
  env: NotificationsEnv,
  defaults: { DATABASE_SCHEMA: 'notifications' },
  module: (env) => AppModule.forRoot(env),
  title: 'Placewise notifications',
  description:
    "Tells people what the journey asks of them: a tray in the workspace (unread first, mark read), email through the council's SMTP server at once or in a daily digest, per person and kind, and the deliveries an address refused. It learns from the other services' events and keeps no child's name or date of birth.",
});
