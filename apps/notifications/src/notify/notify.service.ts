import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@placewise/contracts';
import { ENV } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import type { NotificationsEnv } from '../env.js';
import { composeEmail } from '../mail/compose.js';
import { PeopleRepository } from '../people/people.repository.js';
import type { Tx } from '../prisma.service.js';
import { MANDATORY, type ChannelCode, type Kind } from './kinds.js';
import { NotifyRepository, type NewNotification } from './notify.repository.js';

/**
 * What one notification says. `lines` may go in an email; `privateLines` (free text people typed,
 * such as a panel's notes, which might name a child) are shown only in the workspace.
 */
export interface Message {
  title: string;
  lines: string[];
  privateLines?: string[];
  /** The workspace page where the person acts. */
  link: string;
}

/** Turns an event into notifications for people, each once, and queues the emails they asked for. */
@Injectable()
export class NotifyService {
  constructor(
    private readonly repo: NotifyRepository,
    private readonly people: PeopleRepository,
    @Inject(ENV) private readonly env: NotificationsEnv,
  ) {}

  /** The user ids of the council's people holding any of these roles. */
  async holdersOf(localAuthority: string, roles: string[], tx: Tx): Promise<string[]> {
    return (await this.people.withAnyRole(localAuthority, roles, tx)).map((p) => p.userId);
  }

  /** The user ids of a provider's staff in the council's directory. */
  async staffOf(localAuthority: string, providerId: string, tx: Tx): Promise<string[]> {
    return (await this.staffOfEach(localAuthority, [providerId], tx)).get(providerId) ?? [];
  }

  /** The user ids of each provider's staff, read in one query (a search refers a child to many). */
  async staffOfEach(localAuthority: string, providerIds: string[], tx: Tx): Promise<Map<string, string[]>> {
    const staff = new Map<string, string[]>();
    for (const p of await this.people.staffOf(localAuthority, [...new Set(providerIds)], tx))
      if (p.providerId) staff.set(p.providerId, [...(staff.get(p.providerId) ?? []), p.userId]);
    return staff;
  }

  /** Tells each person (once per event and kind) and writes a pending email for each who wants one at once. */
  async notify(envelope: EventEnvelope, kind: Kind, userIds: string[], message: Message, tx: Tx): Promise<number> {
    const la = envelope.localAuthority;
    const ids = [...new Set(userIds)].sort();
    if (!ids.length) return 0;
    const chosen = await this.repo.channels(la, ids, kind, tx);
    const channelOf = (userId: string): ChannelCode => {
      const c = chosen.get(userId) ?? 'IMMEDIATE';
      return c === 'OFF' && MANDATORY.has(kind) ? 'IMMEDIATE' : c;
    };
    const body = [...message.lines, ...(message.privateLines ?? [])].join('\n');
    const rows: NewNotification[] = ids.map((userId) => ({
      id: randomUUID(),
      localAuthority: la,
      userId,
      kind,
      eventId: envelope.id,
      title: message.title,
      body,
      link: message.link,
      channel: channelOf(userId),
    }));
    const made = await this.repo.insert(rows, tx);
    const emailNow = made.filter((n) => n.channel === 'IMMEDIATE');
    if (emailNow.length) {
      const people = new Map(
        (
          await this.people.byIds(
            la,
            emailNow.map((n) => n.userId),
            tx,
          )
        ).map((p) => [p.userId, p]),
      );
      const mail = composeEmail(message, this.env.WEB_BASE_URL);
      await this.repo.insertDeliveries(
        emailNow.flatMap((n) => {
          const email = people.get(n.userId)?.email;
          return email
            ? [
                {
                  id: randomUUID(),
                  localAuthority: la,
                  userId: n.userId,
                  email,
                  notificationId: n.id,
                  subject: mail.subject,
                  text: mail.text,
                },
              ]
            : [];
        }),
        tx,
      );
    }
    return made.length;
  }
}
