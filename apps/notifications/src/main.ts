import 'reflect-metadata';
import { serve } from '@placewise/platform';
import { AppModule } from './app.module.js';
import { NotificationsEnv } from './env.js';

await serve({
  env: NotificationsEnv,
  defaults: { DATABASE_SCHEMA: 'notifications' },
  module: (env) => AppModule.forRoot(env),
  title: 'Placewise notifications',
  description:
    "Tells people what the journey asks of them: a tray in the workspace (unread first, mark read), email through the council's SMTP server at once or in a daily digest, per person and kind, and the deliveries an address refused. It learns from the other services' events and keeps no child's name or date of birth.",
});
