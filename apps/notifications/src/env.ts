import { BaseEnv } from '@placewise/platform';
import { z } from 'zod';

const flag = z.enum(['true', 'false'], { error: 'must be true or false' }).default('false');

/** Notifications reads, besides the platform's variables, where and how it sends email. */
export const NotificationsEnv = BaseEnv.extend({
  /** The council's SMTP relay (the local mail catcher under `npm start`). */
  SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
  /** true: TLS from the first byte (port 465); false: plain, upgraded with STARTTLS when the server offers it. */
  SMTP_SECURE: flag,
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASS: z.string().min(1).optional(),
  /** The sender, e.g. `Placewise <placewise@council.gov.uk>`. */
  MAIL_FROM: z.string().min(3).default('Placewise <no-reply@placewise.invalid>'),
  /** Where people open the workspace: every link in an email starts here. */
  WEB_BASE_URL: z.url({ error: 'must be a URL' }).default('http://127.0.0.1:3000'),
  /** How many times an email is tried before its delivery is recorded as failed (a refused address is not retried). */
  MAIL_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  /** The first retry's delay; each later one doubles. */
  MAIL_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(2000),
  /**
   * The sending claim's lease: while it holds, no other replica sends the same email. Longer than
   * an SMTP exchange can last (connection, greeting and socket timeouts: 10 + 10 + 30 s).
   */
  MAIL_LEASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  MAIL_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** How often new deliveries are handed to the mail queue. */
  MAIL_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  /** How often the digest sweep looks for people whose digest time has come. */
  DIGEST_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** true: the demo council's people (the development issuer's users) are put in the directory at start. */
  SEED_DEMO_PEOPLE: flag,
  /** The demo people's email domain (each gets <user>@<council>.<domain>). */
  DEMO_EMAIL_DOMAIN: z.string().min(1).default('placewise.test'),
});
export type NotificationsEnv = typeof NotificationsEnv._output;
