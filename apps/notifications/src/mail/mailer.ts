import nodemailer, { type Transporter } from 'nodemailer';
import type { NotificationsEnv } from '../env.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Sent as the Message-ID's local part, so a retried send is recognisable downstream. */
  deliveryId: string;
}

/** The council's SMTP server, as configured for the deployment (a pooled nodemailer transport). */
export class Mailer {
  private readonly transport: Transporter;

  constructor(private readonly env: NotificationsEnv) {
    this.transport = nodemailer.createTransport({
      host: env.SMTP_HOST,
      port: env.SMTP_PORT,
      secure: env.SMTP_SECURE === 'true',
      auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASS ?? '' } : undefined,
      pool: true,
      maxConnections: Math.min(env.MAIL_CONCURRENCY, 16),
      maxMessages: Infinity,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(m: OutgoingMail): Promise<void> {
    const domain = this.env.MAIL_FROM.match(/@([^>\s]+)/)?.[1] ?? 'placewise.invalid';
    await this.transport.sendMail({
      from: this.env.MAIL_FROM,
      to: m.to,
      subject: m.subject,
      text: m.text,
      messageId: `<${m.deliveryId}@${domain}>`,
    });
  }

  close(): void {
    this.transport.close();
  }
}

/** The SMTP reply code of a send error, when the server gave one. */
export function smtpCode(e: unknown): number | undefined {
  const code = (e as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' ? code : undefined;
}
