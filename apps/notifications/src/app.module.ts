import { Module, type DynamicModule } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { PlatformModule, workerOptions } from '@placewise/platform';
import type { NotificationsEnv } from './env.js';
import { DeliveriesController } from './mail/deliveries.controller.js';
import { MailRepository } from './mail/mail.repository.js';
import { mailProcessor } from './mail/mail.processor.js';
import { MAIL_QUEUE, MailService } from './mail/mail.service.js';
import { NotifyHandlers } from './notify/notify.handlers.js';
import { NotifyRepository } from './notify/notify.repository.js';
import { NotifyService } from './notify/notify.service.js';
import { PeopleController } from './people/people.controller.js';
import { PeopleRepository } from './people/people.repository.js';
import { PeopleService } from './people/people.service.js';
import { PreferencesController } from './preferences/preferences.controller.js';
import { PreferencesRepository } from './preferences/preferences.repository.js';
import { PrismaService } from './prisma.service.js';
import { TrayController } from './tray/tray.controller.js';
import { TrayRepository } from './tray/tray.repository.js';

import { SubjectAccessController } from './subject-access/subject-access.controller.js';
import { SubjectAccessRepository } from './subject-access/subject-access.repository.js';
import { RetentionHandlers } from './retention/retention.handlers.js';
import { RetentionRepository } from './retention/retention.repository.js';
@Module({})
export class AppModule {
  static forRoot(env: NotificationsEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ service: 'notifications', env, database: PrismaService }),
        // Notifications' own queue for email, worked by MailProcessor (registered after the boot check).
        BullModule.registerQueue({ name: MAIL_QUEUE }),
      ],
      // Preferences and deliveries before the tray, so /notifications/preferences is not taken for an id.
      controllers: [SubjectAccessController, PreferencesController, DeliveriesController, PeopleController, TrayController],
      providers: [
        SubjectAccessRepository,
        PeopleRepository,
        PeopleService,
        NotifyRepository,
        NotifyService,
        NotifyHandlers,
        RetentionRepository,
        RetentionHandlers,
        TrayRepository,
        PreferencesRepository,
        MailRepository,
        MailService,
        mailProcessor({ ...workerOptions(env), concurrency: env.MAIL_CONCURRENCY }),
      ],
    };
  }
}
