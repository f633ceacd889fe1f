import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { addHours, londonClock, londonToday, startOfLondonDay } from '@placewise/contracts/dates';
import { asDate } from '@placewise/contracts/dates';
import { InjectQueue } from '@nestjs/bullmq';
import { ENV } from '@placewise/platform';
import { DelayedError, UnrecoverableError, type Job, type Queue } from 'bullmq';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { NotificationsEnv } from '../env.js';
import { dayWords } from '../notify/words.js';
import { PrismaService } from '../prisma.service.js';
import { composeDigest } from './compose.js';
import { Mailer, smtpCode } from './mailer.js';
import { MailRepository } from './mail.repository.js';

/** The queue of email jobs: `send` (one delivery), `digest` (a person's day), `sweep` (finds digests due). */
export const MAIL_QUEUE = 'notifications-mail';

export type MailJob =
  | { name: 'send'; data: { deliveryId: string } }
  | { name: 'digest'; data: { localAuthority: string; userId: string; email: string; day: string; cut: string } }
  | { name: 'sweep'; data: Record<string, never> };

/**
 * Sends email. Deliveries written by the inbox are handed to the mail queue by a poller (one job per
 * delivery, its id the job id); each `send` job tries the SMTP server with retries and backoff. A
 * refused address (a 5xx reply) is recorded and not retried; a delivery still failing after every
 * attempt is recorded as failed. Both are listed for the council's admin. The queue's worker is
 * MailProcessor (@nestjs/bullmq), registered by the platform after the boot check like every worker.
 */
@Injectable()
export class MailService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private mailer!: Mailer;
  private poll?: NodeJS.Timeout;
  private polling = false;
  private readonly logger = new Logger('mail');
  /** Who this replica is in a sending claim: host, process and a per-start id (each claim adds its own). */
  private readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly db: PrismaService,
    private readonly repo: MailRepository,
    @InjectQueue(MAIL_QUEUE) private readonly queue: Queue,
    @Inject(ENV) private readonly env: NotificationsEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.mailer = new Mailer(this.env);
    // Every replica upserts the same scheduler: one sweep job per interval, whoever takes it.
    await this.queue.upsertJobScheduler(
      'digest-sweep',
      { every: this.env.DIGEST_SWEEP_MS },
      { name: 'sweep', data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    this.poll = setInterval(() => void this.handOver(), this.env.MAIL_POLL_MS);
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.poll);
  }

  /** After every worker has finished the jobs in hand (MailProcessor's beforeApplicationShutdown). */
  onApplicationShutdown(): void {
    this.mailer?.close();
  }

  /** Hands new deliveries to the mail queue (job id = delivery id); returns how many. */
  async handOver(): Promise<number> {
    if (this.polling) return 0;
    this.polling = true;
    try {
      // Most polls find nothing: one statement says so, where the claiming transaction takes three.
      if (!(await this.repo.anyNew(this.db))) return 0;
      let total = 0;
      for (;;) {
        const ids = await this.db.$transaction(async (tx) => {
          const claimed = await this.repo.claimNew(500, tx);
          if (claimed.length)
            await this.queue.addBulk(
              claimed.map((deliveryId) => ({ name: 'send', data: { deliveryId }, opts: this.sendOptions(deliveryId) })),
            );
          return claimed;
        });
        total += ids.length;
        if (ids.length < 500) return total;
      }
    } catch (e) {
      this.logger.error(`handing deliveries to the mail queue failed: ${(e as Error).message}`);
      return 0;
    } finally {
      this.polling = false;
    }
  }

  private sendOptions(deliveryId: string) {
    return {
      jobId: `send-${deliveryId}`,
      attempts: this.env.MAIL_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.env.MAIL_BACKOFF_MS },
      removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
      removeOnFail: false,
    };
  }

  async process(job: Job, token?: string): Promise<string> {
    const j = { name: job.name, data: job.data as unknown } as MailJob;
    switch (j.name) {
      case 'send':
        return this.send(j.data.deliveryId, job, token);
      case 'digest':
        return this.digest(j.data);
      case 'sweep':
        return `${await this.sweep()} digests`;
      default:
        throw new UnrecoverableError(`unknown mail job ${job.name}`);
    }
  }

  /**
   * Sends one delivery under a sending claim with a lease (MAIL_LEASE_MS, longer than an SMTP
   * exchange can last): claim, hand to the SMTP server, record it sent, each step only while the
   * claim is this sender's. A second run of the same job while the claim holds (BullMQ gave the job
   * to another worker because the first looked stalled) waits for the lease instead of sending; a
   * run after a sender died takes the claim over once its lease is out and sends. What is left: a
   * sender killed after the server's 250 and before its "sent" commits (one database round trip)
   * leaves the email to be sent again, with the same Message-ID.
   */
  private async send(deliveryId: string, job: Job, token?: string): Promise<string> {
    const holder = `${this.holder}:${randomUUID().slice(0, 8)}`;
    const claim = await this.repo.claim(deliveryId, holder, this.env.MAIL_LEASE_MS, this.db);
    if (!claim.claimed) {
      if (claim.why === 'held') {
        // Another sender holds it: come back when its lease is out (not counted as an attempt).
        if (!token) throw new Error(`delivery ${deliveryId} is being sent by another worker`);
        await job.moveToDelayed(Math.max(claim.until.getTime(), Date.now()) + 50, token);
        throw new DelayedError();
      }
      if (claim.why === 'done') return 'already done';
      throw new UnrecoverableError(`no delivery ${deliveryId}`);
    }
    if (claim.tookOver)
      this.logger.warn({ msg: 'sending an email whose sender died mid-send: it may arrive twice (same Message-ID)', deliveryId });
    try {
      await this.mailer.send({ to: claim.email, subject: claim.subject, text: claim.text, deliveryId });
    } catch (e) {
      const reason = (e as Error).message.slice(0, 1000);
      const code = smtpCode(e);
      if (code !== undefined && code >= 500 && code < 600) {
        await this.repo.refused(deliveryId, holder, reason, code, this.db);
        throw new UnrecoverableError(`refused (${code}): ${reason}`);
      }
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.repo.attemptFailed(deliveryId, holder, reason, final, this.db);
      throw e;
    }
    if (!(await this.repo.sent(deliveryId, holder, this.db)))
      this.logger.warn({ msg: 'an email was sent after its claim was taken over (a lease shorter than the send)', deliveryId });
    return 'sent';
  }

  /**
   * Finds each person whose digest time has come today (London) and who has notifications waiting,
   * and adds their digest job for the day. The job id is the person and day, so replicas sweeping
   * at once add it once; the delivery's unique key makes it once even if the job ran twice.
   */
  async sweep(now = new Date()): Promise<number> {
    const today = londonToday(now);
    const { minutes } = londonClock(now.toISOString());
    const due = (await this.repo.waitingForDigest(this.db)).filter((p) => minutes >= toMinutes(p.digestTime));
    await this.queue.addBulk(
      due.map((p) => {
        const cut = addHours(startOfLondonDay(today), toMinutes(p.digestTime) / 60);
        return {
          name: 'digest',
          data: { localAuthority: p.localAuthority, userId: p.userId, email: p.email, day: today, cut },
          opts: {
            jobId: `digest-${p.localAuthority}-${p.userId}-${today}`,
            attempts: this.env.MAIL_ATTEMPTS,
            backoff: { type: 'exponential', delay: this.env.MAIL_BACKOFF_MS },
            removeOnComplete: { age: 3 * 24 * 3600 },
            removeOnFail: false,
          },
        };
      }),
    );
    return due.length;
  }

  private async digest(d: { localAuthority: string; userId: string; email: string; day: string; cut: string }): Promise<string> {
    const id = await this.db.$transaction((tx) =>
      this.repo.makeDigest(
        { localAuthority: d.localAuthority, userId: d.userId, email: d.email, day: asDate(d.day), cut: new Date(d.cut) },
        (items) => composeDigest(dayWords(d.day), items, this.env.WEB_BASE_URL),
        tx,
      ),
    );
    if (id) await this.handOver();
    return id ? 'made' : 'nothing to send';
  }
}

const toMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};
